/**
 * Containers: PyTorch zips under any archive folder, magic-byte detection whatever the extension,
 * nested zips, legacy PyTorch and tar layouts, zip bombs (overlap, impossible ratios, inflate
 * budget), encrypted flags, prepended data and the nesting limit.
 */
import { scanModel } from '@modelsec/scanner';
import { describe, expect, test } from 'vitest';
import { callPickle, cat, P, zip } from './helpers/build';

const evil = callPickle('builtins', 'eval', "print('x')");
const benign = cat(P.proto(2), P.global('collections', 'OrderedDict'), P.emptyTuple, P.reduce, P.stop);

async function scan(bytes: Uint8Array, name = 'model.bin', limits = {}) {
  const f = (await scanModel(bytes, { name, limits })).files[0];
  if (!f) throw new Error('no report');
  return f;
}

describe('zip', () => {
  test('PyTorch zip with any archive folder name, stored or deflated', async () => {
    for (const deflate of [false, true]) {
      const z = await zip([
        { name: 'my_weird_dir/data.pkl', data: evil, deflate },
        { name: 'my_weird_dir/data/0', data: new Uint8Array(64) },
        { name: 'my_weird_dir/version', data: new TextEncoder().encode('3\n') },
      ]);
      const f = await scan(z, 'model.txt');
      expect(f.format).toBe('pytorch-zip');
      expect(f.verdict).toBe('dangerous');
      expect(f.globals[0]).toMatchObject({ module: 'builtins', name: 'eval', member: 'my_weird_dir/data.pkl' });
    }
  });
  test('benign checkpoint is clean; raw tensor members are not parsed as pickles', async () => {
    const z = await zip([
      { name: 'archive/data.pkl', data: benign },
      { name: 'archive/data/0', data: new Uint8Array(4096).fill(0x63) },
    ]);
    const f = await scan(z);
    expect(f.verdict).toBe('clean');
    expect(Object.keys(f.members)).toEqual(['archive/data.pkl']);
  });
  test('pickles found by magic whatever the member name, nested zips scanned', async () => {
    const inner = await zip([{ name: 'notes.txt', data: evil }]);
    const outer = await zip([{ name: 'bundle/inner.bin', data: inner, deflate: true }]);
    const f = await scan(outer, 'x.zip');
    expect(f.verdict).toBe('dangerous');
    expect(f.globals[0]?.member).toBe('bundle/inner.bin:notes.txt');
    expect(f.members['bundle/inner.bin']).toBe('zip');
  });
  test('nesting beyond the limit is reported, not followed', async () => {
    let z = evil;
    for (let i = 0; i < 6; i++) z = await zip([{ name: `l${i}.zip`, data: z }]);
    const f = await scan(z, 'x.zip');
    expect(f.findings.some((x) => x.code === 'too_deep')).toBe(true);
  });
  test('data prepended to an archive (self-extractor layout) is handled', async () => {
    const z = await zip([{ name: 'data.pkl', data: evil }], { prefix: new Uint8Array(100).fill(0x20) });
    expect((await scan(z)).verdict).toBe('dangerous');
  });
  test('encrypted flag with stored data is scanned like PyTorch reads it', async () => {
    const z = await zip([{ name: 'model/config.pkl', data: evil, flags: 1 }]);
    const f = await scan(z);
    expect(f.verdict).toBe('dangerous');
    expect(f.findings.some((x) => x.rule === 'zip-encrypted')).toBe(true);
  });
  test('overlapping entries (non-recursive zip bomb) are dangerous and not extracted', async () => {
    const z = await zip(
      Array.from({ length: 5 }, (_, i) => ({ name: `f${i}.pkl`, data: new Uint8Array(1000) })),
      { overlap: true },
    );
    const f = await scan(z);
    expect(f.verdict).toBe('dangerous');
    expect(f.findings.some((x) => x.rule === 'zip-overlap')).toBe(true);
  });
  test('a declared ratio beyond deflate is a bomb; inflating past the budget stops', async () => {
    const lie = await zip([{ name: 'data.pkl', data: new Uint8Array(1000), deflate: true, declaredSize: 2 ** 31 }]);
    expect((await scan(lie)).findings.some((x) => x.rule === 'zip-bomb')).toBe(true);
    // 24 MB of zeros in a pickle-named member, scanned with a 1 MB inflate limit.
    const bomb = await zip([{ name: 'data.pkl', data: new Uint8Array(24 << 20), deflate: true }]);
    expect(bomb.length).toBeLessThan(100_000);
    const f = await scan(bomb, 'b.zip', { maxEntryInflated: 1 << 20 });
    expect(f.findings.some((x) => x.code === 'too_large')).toBe(true);
    const budget = await scan(bomb, 'b.zip', { maxTotalInflated: 1 << 20 });
    expect(budget.verdict).toBe('dangerous');
  });
  test('corrupt deflate data gives a typed finding', async () => {
    const z = await zip([{ name: 'data.pkl', data: evil, deflate: true }]);
    const i = z.indexOf(0x64) + 8; // inside the compressed body, after the name
    for (let k = i; k < i + 20; k++) z[k] = 0xff;
    const f = await scan(z);
    expect(f.findings.length).toBeGreaterThan(0);
  });
});

describe('other containers', () => {
  test('legacy PyTorch (magic number + 5 pickles + raw storage) reads exactly the pickles', async () => {
    const magic = cat(0x80, 2, 0x8a, 10, [0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19], P.stop);
    const small = (v: number) => cat(P.proto(2), P.binint1(v), P.stop);
    const raw = new Uint8Array(256).fill(0xff);
    const f = await scan(cat(magic, small(1), small(2), benign, small(3), raw), 'old.pt');
    expect(f.format).toBe('pytorch-legacy');
    expect(f.verdict).toBe('clean');
    const bad = await scan(cat(magic, small(1), small(2), evil, small(3), raw), 'old.pt');
    expect(bad.verdict).toBe('dangerous');
  });
  test('PyTorch tar layout: the pickle member is scanned', async () => {
    const header = (name: string, size: number) => {
      const h = new Uint8Array(512);
      h.set(new TextEncoder().encode(name), 0);
      h.set(new TextEncoder().encode(`${size.toString(8).padStart(11, '0')}\0`), 124);
      h[156] = 0x30;
      h.set(new TextEncoder().encode('ustar\0'), 257);
      return h;
    };
    const pad = (d: Uint8Array) => cat(d, new Uint8Array((512 - (d.length % 512)) % 512));
    const tar = cat(
      header('sys_info', benign.length),
      pad(benign),
      header('pickle', evil.length),
      pad(evil),
      new Uint8Array(1024),
    );
    const f = await scan(tar, 'old.tar');
    expect(f.format).toBe('pytorch-tar');
    expect(f.verdict).toBe('dangerous');
  });
});
