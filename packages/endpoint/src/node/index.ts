/**
 * The universal twin of `@modelsec/endpoint/node` (what bundlers for browsers and edge runtimes
 * resolve): the same exports, each throwing `ConfigError('unsupported_runtime')`. Node resolves
 * `index.node.ts` through the `node` export condition.
 *
 * @packageDocumentation
 */
import { ConfigError } from '@modelsec/core';
import type * as express from './express';
import type * as file from './file-sink';
import type * as http from './http';

export type { ExpressLikeMiddleware, ExpressLikeRequest } from './express';
export type { FileAuditSinkOptions } from './file-sink';
export type { NodeListenerOptions } from './http';

const unsupported = (name: string) => (): never => {
  throw new ConfigError(
    'unsupported_runtime',
    `${name} needs Node.js (import it from @modelsec/endpoint/node under Node)`,
  );
};

/** Node only: see the Node entry. */
export const toExpressMiddleware: typeof express.toExpressMiddleware = unsupported('toExpressMiddleware');
/** Node only: see the Node entry. */
export const fileAuditSink: typeof file.fileAuditSink = unsupported('fileAuditSink');
/** Node only: see the Node entry. */
export const toNodeListener: typeof http.toNodeListener = unsupported('toNodeListener');
/** Node only: see the Node entry. */
export const toRequest: typeof http.toRequest = unsupported('toRequest');
/** Node only: see the Node entry. */
export const writeResponse: typeof http.writeResponse = unsupported('writeResponse');
