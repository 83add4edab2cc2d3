/**
 * `@modelsec/endpoint/node`: Node-only pieces of the endpoint package: the `http` server and
 * Express-style adapters for `secureEndpoint()`, and the JSONL file audit sink.
 *
 * @packageDocumentation
 */
export { type ExpressLikeMiddleware, type ExpressLikeRequest, toExpressMiddleware } from './express';
export { type FileAuditSinkOptions, fileAuditSink } from './file-sink';
export { type NodeListenerOptions, toNodeListener, toRequest, writeResponse } from './http';
