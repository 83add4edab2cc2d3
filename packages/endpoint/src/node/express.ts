/**
 * Express-style middleware adapter (Express, Connect, and anything with `(req, res, next)`): the
 * protected handler answers the request; adapter failures go to `next(error)`. When a body parser
 * ran before it (`req.body` set and the stream consumed), the parsed body is re-serialized so the
 * wrapper still validates it (its size limit then applies to the re-serialized JSON).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FetchHandler } from '../endpoint/types';
import { toRequest, writeResponse } from './http';

/**
 * A Node request with the fields Express-style frameworks add: `body` (parsed by earlier middleware)
 * and `originalUrl` (the URL before routers stripped their mount path).
 */
export type ExpressLikeRequest = IncomingMessage & { body?: unknown; originalUrl?: string };

/** An Express-style middleware function. */
export type ExpressLikeMiddleware = (
  req: ExpressLikeRequest,
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void;

/**
 * Serve a Fetch-API handler as Express-style middleware.
 *
 * @example
 * ```ts
 * app.post('/v1/models/mnist:predict', toExpressMiddleware(secureEndpoint(handler, options)));
 * ```
 */
export function toExpressMiddleware(handler: FetchHandler, options: { origin?: string } = {}): ExpressLikeMiddleware {
  const origin = options.origin ?? 'http://localhost';
  return (req, res, next) => {
    const run = async () => {
      const consumed = req.readableEnded || req.complete;
      let body: Uint8Array | string | undefined;
      if (consumed && req.body !== undefined) {
        body = req.body instanceof Uint8Array || typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
      }
      const original = req.url;
      if (req.originalUrl !== undefined) req.url = req.originalUrl;
      const request = toRequest(req, origin, body);
      req.url = original;
      const remoteAddress = req.socket.remoteAddress;
      await writeResponse(res, await handler(request, remoteAddress === undefined ? {} : { remoteAddress }));
    };
    run().catch(next);
  };
}
