/**
 * One benchmark server process (started by run.ts): the MNIST CNN (opt-mnist.onnx, onnxruntime-web,
 * single thread) behind one of four variants on a loopback port, printed as `{"port":N}` on stdout.
 *   raw         node:http handler: parse JSON, run the model, answer (the physical limit of this stack)
 *   bare        the same handler as a Fetch-API handler through toNodeListener, no security layers
 *   full        secureEndpoint: JWT (EdDSA) → RBAC → rate limits + budget → zod schema → guard → audit (memory stores)
 *   full-redis  the same with the Redis rate-limit store and the Redis stream audit sink
 * A `-null` suffix (`bare-null`, `full-null`) keeps everything but skips the model, to show the
 * absolute cost of the layers.
 */
import { createServer } from 'node:http';
import { argmax, classifierFromOnnx, randomBytes } from '@modelsec/core';
import {
  createAuditLog,
  createPolicy,
  createRateLimiter,
  hmacAuditSigner,
  jwtAuthenticator,
  memoryAuditSink,
  memoryRateLimitStore,
  queryBudget,
  secureEndpoint,
  slidingWindow,
  tokenBucket,
} from '@modelsec/endpoint';
import { toNodeListener } from '@modelsec/endpoint/node';
import { IOREDIS_OPTIONS, redisAuditSink, redisRateLimitStore, toRedisClient } from '@modelsec/redis';
import { createSession, loadMnistModelBytes, MNIST_MODEL, ort } from '@modelsec-test/utils';
import { Redis } from 'ioredis';
import { z } from 'zod';

const requested = process.env.VARIANT ?? 'raw';
// `<variant>-null`: the same stack around a handler that skips the model (absolute cost of the layers).
const nullModel = requested.endsWith('-null');
const variant = nullModel ? requested.slice(0, -5) : requested;
const config = JSON.parse(process.env.BENCH_CONFIG ?? '{}') as { jwks: { keys: object[] }; redisUrl?: string };

const session = await createSession(await loadMnistModelBytes());
const mnist = classifierFromOnnx(session, { Tensor: ort.Tensor, sampleShape: MNIST_MODEL.sampleShape, numClasses: 10 });
const classify = async (pixels: number[]) => {
  if (nullModel) return { digit: pixels.length % 10 };
  const logits = await mnist.predict(Float32Array.from(pixels), 1);
  return { digit: argmax(logits, 10)[0] };
};

let listener: Parameters<typeof createServer>[0];
if (variant === 'raw') {
  listener = (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const { pixels } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { pixels: number[] };
      if (!Array.isArray(pixels) || pixels.length !== 784) {
        res.writeHead(400).end();
        return;
      }
      const body = JSON.stringify(await classify(pixels));
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    });
  };
} else if (variant === 'bare') {
  listener = toNodeListener(async (request) => {
    const { pixels } = (await request.json()) as { pixels: number[] };
    if (!Array.isArray(pixels) || pixels.length !== 784) return new Response(null, { status: 400 });
    return Response.json(await classify(pixels));
  });
} else {
  const redis = variant === 'full-redis' ? new Redis(config.redisUrl as string, { ...IOREDIS_OPTIONS }) : undefined;
  if (redis) await new Promise((resolve) => redis.once('ready', resolve));
  const client = redis ? toRedisClient(redis) : undefined;
  const store = client ? redisRateLimitStore({ client }) : memoryRateLimitStore();
  const prefix = `bench${process.pid}:`;
  listener = toNodeListener(
    secureEndpoint(async ({ pixels }: { pixels: number[] }) => classify(pixels), {
      auth: [jwtAuthenticator({ keys: config.jwks as never, issuer: 'https://issuer.bench/', audience: 'mnist-api' })],
      policy: createPolicy(),
      resource: { model: 'mnist', version: '1', tenant: 'acme' },
      ip: { allow: ['127.0.0.0/8', '::1/128'] },
      rateLimit: createRateLimiter({
        rules: [
          slidingWindow({ name: 'burst', limit: 100_000, windowMs: 60_000 }),
          tokenBucket({ name: 'ip', capacity: 100_000, refillPerSecond: 10_000, by: 'ip' }),
        ],
        store,
        prefix,
      }),
      budget: {
        limiter: createRateLimiter({
          rules: [
            queryBudget({ name: 'monthly', limit: 100_000_000, periodMs: 30 * 86_400_000, by: ['principal', 'model'] }),
          ],
          store,
          prefix,
        }),
        units: () => 1,
      },
      request: { maxBytes: 64 * 1024, schema: z.object({ pixels: z.array(z.number().min(0).max(1)).length(784) }) },
      audit: createAuditLog({
        sink: client ? redisAuditSink({ client, stream: `${prefix}audit` }) : memoryAuditSink(),
        signer: hmacAuditSigner(randomBytes(32), { kid: 'bench' }),
      }),
    }),
  );
}

const server = createServer(listener);
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as { port: number }).port })}\n`);
});
