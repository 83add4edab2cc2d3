/**
 * Schema conformance: the OMS v1.0 JSON Schemas (draft 2020-12, shared/data/oms-spec-vectors/schemas)
 * accept the spec's valid vectors and reject the invalid ones exactly as upstream validate.sh expects,
 * and accept the bundles and statements signModel writes: `files` in both namings and `shards` in the
 * spec naming. model_signing's own shard form (`sha256-sharded-N` algorithms) is outside the schema's
 * enum; that documented difference is asserted too.
 */
import { base64ToBytes } from '@modelsec/core';
import { memorySource, signModel } from '@modelsec/core/signing';
import { readSharedJSON, readSharedText } from '@modelsec-test/utils';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, test } from 'vitest';

const DIR = 'oms-spec-vectors';
const ajv = new Ajv2020({ strict: false, allErrors: true });
for (const name of ['predicate', 'statement', 'envelope', 'bundle']) {
  ajv.addSchema(await readSharedJSON<object>(`${DIR}/schemas/v1.0/${name}.schema.json`));
}
const bundleSchema = ajv.getSchema('https://model_signing/bundle/v1.0/schema');
const statementSchema = ajv.getSchema('https://model_signing/statement/v1.0/schema');
const privateKey = await readSharedText('model-transparency/keys/certificate/signing-key.pem');

function statementOf(bundle: { dsseEnvelope: { payload: string } }): unknown {
  return JSON.parse(new TextDecoder().decode(base64ToBytes(bundle.dsseEnvelope.payload)));
}
const validBundle = (b: unknown) => bundleSchema?.(b) === true;
const validStatement = (s: unknown) => statementSchema?.(s) === true;

describe('OMS v1.0 schemas', () => {
  test('valid vectors pass both levels; invalid ones fail where validate.sh says', async () => {
    for (const f of ['valid/key.bundle.json', 'valid/certificate.bundle.json', 'valid/sigstore.bundle.json']) {
      const b = await readSharedJSON<{ dsseEnvelope: { payload: string } }>(`${DIR}/${f}`);
      expect(validBundle(b), f).toBe(true);
      expect(validStatement(statementOf(b)), f).toBe(true);
    }
    for (const f of [
      'invalid/missing-envelope.bundle.json',
      'invalid/missing-tlog-entries.bundle.json',
      'invalid/missing-verification-material.bundle.json',
    ]) {
      expect(validBundle(await readSharedJSON(`${DIR}/${f}`)), f).toBe(false);
    }
    const wrong = await readSharedJSON<{ dsseEnvelope: { payload: string } }>(
      `${DIR}/invalid-payload/wrong-predicate.bundle.json`,
    );
    expect(validBundle(wrong)).toBe(true);
    expect(validStatement(statementOf(wrong))).toBe(false);
  });
  const model = memorySource('m', { 'a.bin': new Uint8Array(100).fill(1), 'dir/b.bin': 'b' });
  test('what signModel writes conforms (files: both namings; shards: spec naming)', async () => {
    for (const o of [
      {},
      { naming: 'spec' as const },
      { method: 'shards' as const, shardSize: 64, naming: 'spec' as const },
      { hashType: 'blake3' as const },
    ]) {
      const { bundle } = await signModel(model, { privateKey, ...o });
      expect(validBundle(bundle), JSON.stringify(o)).toBe(true);
      expect(validStatement(statementOf(bundle as never)), JSON.stringify(o)).toBe(true);
    }
  });
  test("model_signing's shard form is outside the schema (documented difference)", async () => {
    const { bundle } = await signModel(model, { privateKey, method: 'shards', shardSize: 64 });
    expect(validBundle(bundle)).toBe(true);
    expect(validStatement(statementOf(bundle as never))).toBe(false);
    expect(JSON.stringify(statementSchema?.errors)).toContain('enum');
  });
});
