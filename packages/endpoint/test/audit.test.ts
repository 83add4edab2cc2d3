import { bytesToHex, hexToBytes, IntegrityError, randomBytes } from '@modelsec/core';
import {
  type AuditEntry,
  type AuditSigner,
  type AuditVerifier,
  assertAuditLog,
  canonicalJson,
  composeRedactors,
  createAuditLog,
  defaultAuditRedactor,
  ed25519AuditSigner,
  ed25519AuditVerifier,
  ed25519PublicKey,
  hmacAuditSigner,
  memoryAuditSink,
  redactString,
  stringRedactor,
  verifyAuditLog,
} from '@modelsec/endpoint';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import jcs from './vectors/jcs.json';
import rfc8032 from './vectors/rfc8032-ed25519.json';

const N = 8;
const hmac = hmacAuditSigner(randomBytes(32), { kid: 'h1' });
const edSecret = randomBytes(32);
const ed = {
  signer: ed25519AuditSigner(edSecret, { kid: 'e1' }),
  verifier: ed25519AuditVerifier(ed25519PublicKey(edSecret), { kid: 'e1' }),
};

const SCHEMES: [string, AuditSigner, AuditVerifier][] = [
  ['HMAC-SHA256', hmac, hmac],
  ['Ed25519', ed.signer, ed.verifier],
];

async function buildLog(signer: AuditSigner, n = N, logId = 'main') {
  const sink = memoryAuditSink();
  let t = Date.UTC(2026, 10, 28);
  const log = createAuditLog({ sink, signer, logId, now: () => (t += 1000) });
  for (let i = 0; i < n; i++)
    await log.append({ type: 'request', i, principal: `user${i % 3}`, outcome: i % 2 ? 'denied' : 'allowed' });
  return { sink, log, lines: [...sink.lines], head: await log.head() };
}

const parse = (lines: string[]) => lines.map((l) => JSON.parse(l) as AuditEntry);
const kinds = async (lines: string[], verifier: AuditVerifier, extra = {}) =>
  (await verifyAuditLog(lines, { verifier, ...extra })).problems.map((p) => p.kind);

describe('canonical JSON (RFC 8785 vectors)', () => {
  test.each(jcs.cases)('$name', ({ input, canonical }) => {
    expect(canonicalJson(input)).toBe(canonical);
  });
  test('rejects values JSON cannot represent exactly', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, 10n, () => 1, Symbol('s'), new Date(0), cyclic]) {
      expect(() => canonicalJson({ v: bad })).toThrow();
    }
  });
});

describe.each(SCHEMES)('tamper matrix (%s)', (_name, signer, verifier) => {
  test('an untouched log verifies, with its head', async () => {
    const { lines, head } = await buildLog(signer);
    const report = await verifyAuditLog(lines, { verifier, expectedHead: head });
    expect(report).toEqual({ ok: true, entries: N, head, problems: [] });
    expect(head?.seq).toBe(N - 1);
  });

  for (let i = 0; i < N; i++) {
    test(`entry ${i}: edit, re-hash, delete, insert, duplicate, reorder`, async () => {
      const { lines, head } = await buildLog(signer);
      const entries = parse(lines);
      const at = entries[i] as AuditEntry;

      // Edit the event, keep everything else.
      const edited = [...lines];
      edited[i] = JSON.stringify({ ...at, event: { ...at.event, outcome: 'allowed', principal: 'admin' } });
      expect(await kinds(edited, verifier)).toContain('hash_mismatch');

      // Edit and recompute the hash (without the key the signature cannot follow).
      const { hashBody } = await import('../src/audit/entry');
      const forgedBody = { ...at, event: { ...at.event, principal: 'admin' } };
      const rehashed = [...lines];
      rehashed[i] = JSON.stringify({ ...forgedBody, hash: await hashBody(forgedBody) });
      const k = await kinds(rehashed, verifier);
      expect(k).toContain('signature_invalid');
      if (i < N - 1) expect(k).toContain('chain_broken');

      // Delete the entry.
      const deleted = lines.filter((_, j) => j !== i);
      if (i < N - 1) expect((await kinds(deleted, verifier)).length).toBeGreaterThan(0);
      else {
        // Dropping the newest entry leaves a valid shorter chain: only an anchor reveals it.
        expect(await kinds(deleted, verifier)).toEqual([]);
        expect(await kinds(deleted, verifier, { expectedHead: head })).toEqual(['truncated']);
      }

      // Insert a forged entry (signed with another key) before it.
      const other = hmacAuditSigner(randomBytes(32), { kid: signer.kid });
      const forged = (await buildLog(other, N)).lines[i] as string;
      const inserted = [...lines.slice(0, i), forged, ...lines.slice(i)];
      expect((await kinds(inserted, verifier)).length).toBeGreaterThan(0);

      // Replay (duplicate) the entry.
      const duplicated = [...lines.slice(0, i + 1), lines[i] as string, ...lines.slice(i + 1)];
      expect(await kinds(duplicated, verifier)).toEqual(expect.arrayContaining(['sequence_gap', 'chain_broken']));

      // Swap with the next entry.
      if (i < N - 1) {
        const swapped = [...lines];
        [swapped[i], swapped[i + 1]] = [swapped[i + 1] as string, swapped[i] as string];
        expect(await kinds(swapped, verifier)).toEqual(expect.arrayContaining(['sequence_gap', 'chain_broken']));
      }

      // Change only the sequence number or the link.
      const reseq = [...lines];
      reseq[i] = JSON.stringify({ ...at, seq: at.seq + 1 });
      expect(await kinds(reseq, verifier)).toContain('hash_mismatch');
    });
  }

  test('deleting the first entries, truncation, splicing from another log', async () => {
    const { lines, head } = await buildLog(signer);
    expect(await kinds(lines.slice(2), verifier)).toEqual(expect.arrayContaining(['sequence_gap', 'chain_broken']));
    expect(await kinds(lines.slice(0, 5), verifier, { expectedHead: head })).toEqual(['truncated']);
    expect(await kinds(lines.slice(0, 5), verifier, { minEntries: N })).toEqual(['truncated']);
    expect(await kinds([], verifier, { expectedHead: head })).toEqual(['truncated']);
    const otherLog = (await buildLog(signer, N, 'other')).lines;
    const spliced = [...lines.slice(0, 3), otherLog[3] as string, ...lines.slice(4)];
    expect(await kinds(spliced, verifier)).toEqual(expect.arrayContaining(['wrong_log']));
    // A segment verifies from an anchor.
    const anchor = { seq: 2, hash: (parse(lines)[2] as AuditEntry).hash };
    expect((await verifyAuditLog(lines.slice(3), { verifier, start: anchor })).ok).toBe(true);
  });

  test('a signature written in another base64 form (standard alphabet, padding) does not verify', async () => {
    const { lines } = await buildLog(signer, 4);
    // Every byte value, so that the signature holds both "-" and "_" in most entries (a fixed key would
    // hide a case the random key of one run shows: "_" read as "/").
    for (let i = 0; i < lines.length; i++) {
      const entry = JSON.parse(lines[i] as string) as AuditEntry;
      const variants = [
        entry.sig.replaceAll('-', '+').replaceAll('_', '/'),
        `${entry.sig}${'='.repeat((4 - (entry.sig.length % 4)) % 4 || 4)}`,
      ];
      for (const sig of variants) {
        if (sig === entry.sig) continue;
        const changed = [...lines];
        changed[i] = JSON.stringify({ ...entry, sig });
        expect(await kinds(changed, verifier)).toEqual(expect.arrayContaining(['signature_invalid']));
      }
    }
    // The stored form verifies.
    expect((await verifyAuditLog(lines, { verifier })).ok).toBe(true);
  });

  test('property: any single-character change of the stored text is detected or harmless', async () => {
    const { lines } = await buildLog(signer, 4);
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 3 }), fc.nat(), fc.string({ minLength: 1, maxLength: 1 }), async (li, pos, ch) => {
        const line = lines[li] as string;
        const p = pos % line.length;
        if (line[p] === ch) return;
        const changed = [...lines];
        changed[li] = line.slice(0, p) + ch + line.slice(p + 1);
        const report = await verifyAuditLog(changed, { verifier });
        if (report.ok) {
          // Only a change JSON parsing erases (e.g. inside an unknown field) may pass: the entries must be identical.
          const same = (() => {
            try {
              const a = JSON.parse(changed[li] as string);
              const b = JSON.parse(line);
              return ['v', 'log', 'seq', 'ts', 'prev', 'event', 'alg', 'kid', 'hash', 'sig'].every(
                (k) => canonicalJson(a[k]) === canonicalJson(b[k]),
              );
            } catch {
              return false;
            }
          })();
          expect(same).toBe(true);
        }
      }),
      { numRuns: signer.alg === 'Ed25519' ? 60 : 300 },
    );
  });
});

describe('Ed25519 signatures', () => {
  test('RFC 8032 test vectors (WebCrypto or noble, whichever the platform uses)', async () => {
    for (const v of rfc8032.cases) {
      const seed = hexToBytes(v.secretKey);
      expect(bytesToHex(ed25519PublicKey(seed))).toBe(v.publicKey);
      expect(bytesToHex(await ed25519AuditSigner(seed).sign(hexToBytes(v.message)))).toBe(v.signature);
      const verifier = ed25519AuditVerifier(hexToBytes(v.publicKey));
      expect(await verifier.verify(hexToBytes(v.message), hexToBytes(v.signature))).toBe(true);
      const bad = hexToBytes(v.signature);
      bad[0] = (bad[0] as number) ^ 1;
      expect(await verifier.verify(hexToBytes(v.message), bad)).toBe(false);
    }
  });
});

describe('keys', () => {
  test('entries signed with another key or algorithm fail', async () => {
    const { lines } = await buildLog(hmac);
    expect(await kinds(lines, hmacAuditSigner(randomBytes(32), { kid: 'h1' }))).toContain('signature_invalid');
    expect(await kinds(lines, ed.verifier)).toContain('unknown_key');
    const rotated = await verifyAuditLog(lines, { verifier: [ed.verifier, hmac] });
    expect(rotated.ok).toBe(true);
  });

  test('assertAuditLog throws IntegrityError with stable codes', async () => {
    const { lines } = await buildLog(hmac);
    await expect(assertAuditLog(lines, { verifier: hmac })).resolves.toMatchObject({ ok: true });
    const edited = [...lines];
    edited[1] = (edited[1] as string).replace('"allowed"', '"denied"').replace('"denied"', '"allowed"');
    const e1 = JSON.parse(lines[1] as string);
    edited[1] = JSON.stringify({ ...e1, event: { ...e1.event, principal: 'root' } });
    await expect(assertAuditLog(edited, { verifier: hmac })).rejects.toMatchObject({ code: 'tampered' });
    await expect(assertAuditLog(lines.slice(1), { verifier: hmac })).rejects.toBeInstanceOf(IntegrityError);
    await expect(assertAuditLog(lines.slice(1), { verifier: hmac })).rejects.toMatchObject({
      code: 'audit_chain_broken',
    });
  });

  test('malformed lines are reported, not thrown', async () => {
    const { lines } = await buildLog(hmac, 3);
    for (const junk of ['', 'null', '{}', '{"v":1}', 'x'.repeat(70_000), '[1,2]']) {
      const report = await verifyAuditLog([lines[0] as string, junk, ...lines.slice(1)], { verifier: hmac });
      expect(report.ok).toBe(false);
      expect(report.problems.map((p) => p.kind)).toContain('malformed');
    }
  });
});

describe('writers sharing one sink keep one chain', () => {
  test('two logs appending concurrently to the same sink', async () => {
    const sink = memoryAuditSink();
    const a = createAuditLog({ sink, signer: hmac, logId: 'shared' });
    const b = createAuditLog({ sink, signer: hmac, logId: 'shared' });
    await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).append({ type: 'request', i })));
    const report = await verifyAuditLog(sink.entries(), { verifier: hmac });
    expect(report).toMatchObject({ ok: true, entries: 40 });
    const seen = parse(sink.lines)
      .map((e) => e.event.i)
      .sort((x, y) => (x as number) - (y as number));
    expect(seen).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });
});

describe('redaction', () => {
  const jwt = 'eyJhbGciOiJFZERTQSIsImtpZCI6ImsxIn0.eyJzdWIiOiJhbGljZSIsInJvbGVzIjpbXX0.c2lnbmF0dXJlLWJ5dGVz';
  test('sensitive keys and token-like values never reach the log', async () => {
    const sink = memoryAuditSink();
    const log = createAuditLog({ sink, signer: hmac });
    await log.append({
      type: 'request',
      headers: {
        Authorization: `Bearer ${jwt}`,
        'X-Api-Key': 'msk_AbCdEf12_abcdefghijklmnopqrstuvwxyzABCDEFG12345',
        cookie: 'sid=1',
      },
      note: `user bob@example.com paid with 4111 1111 1111 1111, token ${jwt}`,
      body: { password: 'hunter2', nested: { apiKey: 'x', ok: 'fine' } },
      blob: 'AKIAIOSFODNN7EXAMPLEwJalrXUtnFEMIK7MDENGbPxRfiCY',
      digest: 'a'.repeat(64),
    });
    const text = sink.lines.join('\n');
    for (const secret of [
      jwt,
      'hunter2',
      'bob@example.com',
      '4111 1111',
      'msk_AbCdEf12',
      'sid=1',
      'wJalrXUtnFEMIK7MDENG',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('fine');
    expect(text).toContain('a'.repeat(64)); // lowercase hex digests are kept
  });

  test('bounded output, linear time on adversarial megabyte strings', () => {
    const big = {
      s: 'eyJ'.repeat(400_000),
      deep: [[[[[[[[[[[[1]]]]]]]]]]]],
      list: Array.from({ length: 1000 }, (_, i) => i),
    };
    const out = defaultAuditRedactor(big) as Record<string, unknown>;
    expect((out.s as string).length).toBeLessThan(1100);
    expect(JSON.stringify(out.deep)).toContain('too-deep');
    expect((out.list as unknown[]).length).toBe(100);
    for (const s of ['a@'.repeat(500_000), '1 '.repeat(500_000), `${'A1b'.repeat(300_000)}`])
      expect(redactString(s).length).toBeLessThan(1100);
  });

  test('a custom redactor composes with the default', async () => {
    const sink = memoryAuditSink();
    const log = createAuditLog({
      sink,
      signer: hmac,
      redact: (e) => ({ ...defaultAuditRedactor(e), principal: 'pseudonym' }),
    });
    await log.append({ principal: 'alice', token: 'x' });
    expect(JSON.parse(sink.lines[0] as string).event).toEqual({ principal: 'pseudonym', token: '[REDACTED]' });
  });

  test('oversized events are refused', async () => {
    const log = createAuditLog({ sink: memoryAuditSink(), signer: hmac, maxEventBytes: 100 });
    await expect(log.append({ a: 'x'.repeat(500) })).rejects.toMatchObject({ code: 'invalid_argument' });
  });
});

describe('redaction keeps identifiers that merely contain digits', () => {
  test.each(['b12d9efa-d819-426e-a271-844190ea2d82', 'order-1234567890-x', 'v1.2.3', 'mnist-20261128'])('%s', (id) => {
    expect(redactString(id)).toBe(id);
  });
  test.each(['call 555 123 4567 now', 'card 4111-1111-1111-1111.', '123456789'])('%s is masked', (text) => {
    expect(redactString(text)).toContain('[REDACTED:number]');
  });
});

describe("the validators' PII redactor plugs in", () => {
  test('names, phone numbers and addresses are pseudonymized with a keyed hash', async () => {
    const { redactPII } = await import('@modelsec/validators');
    const key = randomBytes(32);
    const pii = stringRedactor((s) => redactPII(s, { mode: 'hash', key }).text);
    const sink = memoryAuditSink();
    const log = createAuditLog({ sink, signer: hmac, redact: composeRedactors(defaultAuditRedactor, pii) });
    await log.append({
      type: 'request',
      note: 'Call John Smith on +1 202-555-0143 about ticket 7',
      principal: 'svc-batch',
    });
    const event = JSON.parse(sink.lines[0] as string).event;
    expect(event.note).not.toContain('John Smith');
    expect(event.note).not.toContain('555-0143');
    expect(event.note).toContain('ticket 7');
    expect(event.principal).toBe('svc-batch');
    // The same value under the same key gives the same pseudonym (linkable, not readable).
    await log.append({ note: 'John Smith again' });
    const second = JSON.parse(sink.lines[1] as string).event.note as string;
    const token = /<PERSON:[0-9a-f]+>/.exec(event.note)?.[0];
    expect(token).toBeDefined();
    expect(second).toContain(token as string);
  });
});
