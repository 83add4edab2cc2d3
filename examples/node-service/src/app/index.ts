/**
 * The universal part of the MNIST inference service (no Node imports): start-up model checks, guards,
 * monitoring, the Fetch-API service and its deployment manifest. The Node server (`../server.ts`) and the
 * serverless handler (`examples/serverless`) are thin shells around it.
 */
export * from './deployment';
export * from './guards';
export * from './model';
export * from './monitoring';
export * from './service';
