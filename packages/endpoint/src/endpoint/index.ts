/** `secureEndpoint()` and its error responses. */
export { type ErrorBody, errorBody, errorResponse, statusForError } from './responses';
export { secureEndpoint } from './secure-endpoint';
export type { EndpointContext, EndpointHandler, FetchHandler, PlatformInfo, SecureEndpointOptions } from './types';
