/**
 * Node `http` adapter: serve a Fetch-API handler (such as `secureEndpoint()`'s) from
 * `http.createServer()`. The socket peer address is passed on as `platform.remoteAddress` (the
 * wrapper decides whether to believe `X-Forwarded-For`); the request body is streamed, never
 * buffered by the adapter, so the wrapper's size limit applies.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { FetchHandler } from '../endpoint/types';

/** Options of `toNodeListener`. */
export interface NodeListenerOptions {
  /** Origin used to build absolute request URLs (default `http://localhost`; the Host header is not trusted). */
  origin?: string;
  /** Called when writing the response fails (client went away). */
  onError?: (error: unknown) => void;
}

/**
 * Convert a Node request into a Fetch-API `Request`.
 *
 * @example
 * ```ts
 * const request = toRequest(req);
 * ```
 */
export function toRequest(req: IncomingMessage, origin = 'http://localhost', body?: Uint8Array | string): Request {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] as string;
    if (name.startsWith(':')) continue; // HTTP/2 pseudo-headers
    headers.append(name, raw[i + 1] as string);
  }
  const method = (req.method ?? 'GET').toUpperCase();
  const url = new URL(req.url ?? '/', origin);
  const init: RequestInit & { duplex?: 'half' } = { method, headers };
  if (method !== 'GET' && method !== 'HEAD') {
    if (body !== undefined) init.body = body as BodyInit;
    else {
      init.body = Readable.toWeb(req) as unknown as ReadableStream<Uint8Array>;
      init.duplex = 'half';
    }
  }
  return new Request(url, init);
}

/**
 * Write a Fetch-API `Response` to a Node `ServerResponse`, streaming its body.
 *
 * @example
 * ```ts
 * await writeResponse(res, await handle(request));
 * ```
 */
export async function writeResponse(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, key) => {
    if (key === 'set-cookie') return;
    headers[key] = value;
  });
  const cookies = response.headers.getSetCookie?.() ?? [];
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  res.writeHead(response.status, headers);
  if (response.body === null) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!res.write(value)) await new Promise<void>((resolve) => res.once('drain', resolve));
  }
  res.end();
}

/**
 * A `(req, res)` listener for `http.createServer()` serving a Fetch-API handler.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * createServer(toNodeListener(secureEndpoint(handler, options))).listen(8080, '127.0.0.1');
 * ```
 */
export function toNodeListener(
  handler: FetchHandler,
  options: NodeListenerOptions = {},
): (req: IncomingMessage, res: ServerResponse) => void {
  const origin = options.origin ?? 'http://localhost';
  return (req, res) => {
    const run = async () => {
      const request = toRequest(req, origin);
      const remoteAddress = req.socket.remoteAddress;
      const response = await handler(request, remoteAddress === undefined ? {} : { remoteAddress });
      // A refusal sent before the whole body was read (413, 401 before parsing, ...) must not leave the
      // rest of that body on a kept-alive connection, where it would be parsed as the next request:
      // drain it (discarding the bytes) and close the connection after the response.
      if (!req.complete) {
        res.setHeader('connection', 'close');
        req.resume();
      }
      await writeResponse(res, response);
    };
    run().catch((error) => {
      options.onError?.(error);
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
        res.end('{"error":{"code":"internal_error","message":"Internal error."}}');
      } else res.destroy();
    });
  };
}
