/**
 * A bounded load generator for Node tests: `count` requests over exactly `connections` keep-alive
 * sockets to a loopback server, all issued at once (they queue on the sockets). Returns the status of
 * every response.
 */
import { Agent, request } from 'node:http';

export interface LoadOptions {
  port: number;
  count: number;
  connections: number;
  path?: string;
  headers?: (i: number) => Record<string, string>;
  body?: (i: number) => string;
  host?: string;
}

export async function fire(options: LoadOptions): Promise<number[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections, maxFreeSockets: options.connections });
  const sockets = new Set<unknown>();
  try {
    return await Promise.all(
      Array.from(
        { length: options.count },
        (_, i) =>
          new Promise<number>((resolve, reject) => {
            const body = options.body?.(i) ?? '{"features":[1,2]}';
            const req = request(
              {
                host: options.host ?? '127.0.0.1',
                port: options.port,
                path: options.path ?? '/predict',
                method: 'POST',
                agent,
                headers: {
                  'content-type': 'application/json',
                  'content-length': Buffer.byteLength(body),
                  ...options.headers?.(i),
                },
              },
              (res) => {
                sockets.add(res.socket);
                res.resume();
                res.on('end', () => resolve(res.statusCode ?? 0));
                res.on('error', reject);
              },
            );
            req.on('error', reject);
            req.end(body);
          }),
      ),
    ).then((statuses) => {
      if (sockets.size > options.connections) throw new Error(`used ${sockets.size} sockets`);
      return statuses;
    });
  } finally {
    agent.destroy();
  }
}

export function tally(statuses: number[]): Record<number, number> {
  const out: Record<number, number> = {};
  for (const s of statuses) out[s] = (out[s] ?? 0) + 1;
  return out;
}
