/**
 * Chromium: `File`/`Blob` inputs (as a browser app gets them from an input or a drop), large blobs
 * read slice by slice, and paths refused with a typed error.
 */

import { scanModel } from '@modelsec/scanner';
import { readSharedFile } from '@modelsec-test/utils';
import { describe, expect, test } from 'vitest';
import { callPickle, cat, le64, P } from './helpers/build';

describe('browser', () => {
  test('a File from the picklescan data scans like bytes', async () => {
    const file = await readSharedFile('picklescan/data/malicious1_wrong_ext.zip');
    const report = await scanModel(file);
    expect(report.files[0]).toMatchObject({ path: 'malicious1_wrong_ext.zip', verdict: 'dangerous' });
  });
  test('a 48 MB Blob is read in slices and the payload after the data is found', async () => {
    const big = 48 << 20;
    const parts: BlobPart[] = [cat(P.proto(4), [0x8e], le64(big)) as Uint8Array<ArrayBuffer>];
    const chunk = new Uint8Array(1 << 20);
    for (let i = 0; i < 48; i++) parts.push(chunk);
    parts.push(cat(P.pop, callPickle('os', 'system').subarray(2)) as Uint8Array<ArrayBuffer>);
    const report = await scanModel(new File(parts, 'big.pkl'));
    expect(report.files[0]?.verdict).toBe('dangerous');
    expect(report.files[0]?.size).toBeGreaterThan(big);
  });
  test('paths need Node', async () => {
    await expect(scanModel('/models')).rejects.toMatchObject({ code: 'unsupported_runtime' });
  });
});
