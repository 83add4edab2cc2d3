/**
 * Files written by the real libraries (numpy, joblib, h5py, Python pickle/gzip, 7-Zip; see
 * vectors/make-reference-files.py) get the expected verdict and globals, in Node and Chromium.
 */
import { base64ToBytes, bytesToHex, digest } from '@modelsec/core';
import { scanModel } from '@modelsec/scanner';
import { describe, expect, test } from 'vitest';
import { bcjX86Decode } from '../src/zip/bcj';
import vectors from './vectors/reference-files.json';

interface Vector {
  name: string;
  b64: string;
  sha256: string;
  verdict: string;
  must_find: string[];
}

describe('reference files', () => {
  test.each((vectors.files as Vector[]).map((v) => [v.name, v] as const))('%s', async (_name, v) => {
    const bytes = base64ToBytes(v.b64);
    expect(bytesToHex(await digest('sha256', bytes))).toBe(v.sha256);
    const report = await scanModel(bytes, { name: v.name });
    const file = report.files[0];
    if (!file) throw new Error('no report');
    expect(file.verdict).toBe(v.verdict);
    const names = file.globals.map((g) => `${g.module}.${g.name}`);
    for (const m of v.must_find) expect(names).toContain(m);
    // The payload of the joblib file sits after raw array bytes: it must still be found, and the
    // raw bytes must not produce a parse error.
    if (v.name === 'evil-after-arrays.joblib') {
      expect(file.format).toBe('joblib');
      expect(file.findings.filter((f) => f.rule === 'pickle-parse')).toEqual([]);
    }
    if (v.name.endsWith('.7z')) expect(file.members['model.pkl']).toBe('pickle');
  });

  test('BCJ x86 decoding matches 7-Zip (known answer)', async () => {
    const encoded = base64ToBytes(vectors.bcj_x86.encoded_b64);
    expect(vectors.bcj_x86.changed).toBe(true);
    expect(bytesToHex(await digest('sha256', bcjX86Decode(encoded.slice())))).toBe(vectors.bcj_x86.decoded_sha256);
  });
});
