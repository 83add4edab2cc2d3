/**
 * Header formats: safetensors validation (including a 2^63-byte header claim), GGUF counts and
 * chat-template injection, ONNX external data, custom domains and sizes (and the real MNIST
 * model), Keras `.keras` configs, NumPy headers, and detection independent of the file name.
 */

import { escapesFolder, scanModel, sniff, templateFindings } from '@modelsec/scanner';
import { loadMnistModelBytes } from '@modelsec-test/utils';
import { describe, expect, test } from 'vitest';
import { cat, gguf, le16, le32, onnx, safetensors, zip } from './helpers/build';

async function scan(bytes: Uint8Array, name = 'model') {
  const f = (await scanModel(bytes, { name })).files[0];
  if (!f) throw new Error('no report');
  return f;
}
const rules = (f: Awaited<ReturnType<typeof scan>>) => f.findings.map((x) => x.rule);

describe('safetensors', () => {
  const good = {
    __metadata__: { format: 'pt' },
    a: { dtype: 'F32', shape: [2, 2], data_offsets: [0, 16] },
    b: { dtype: 'BF16', shape: [3], data_offsets: [16, 22] },
  };
  test('a valid file is clean', async () => {
    const f = await scan(safetensors(good, 22), 'model.safetensors');
    expect(f.format).toBe('safetensors');
    expect(f.findings).toEqual([]);
  });
  test('a header claiming 2^63 bytes is a typed finding, read without allocating', async () => {
    const f = await scan(safetensors({}, 0, 2n ** 63n), 'x.bin');
    expect(f.format).toBe('safetensors');
    expect(f.findings[0]).toMatchObject({ code: 'too_large', level: 'suspicious' });
  });
  test.each([
    ['bad dtype', { a: { dtype: 'F33', shape: [1], data_offsets: [0, 4] } }, 4, 'invalid_dtype'],
    ['negative dim', { a: { dtype: 'F32', shape: [-1], data_offsets: [0, 4] } }, 4, 'invalid_shape'],
    ['span mismatch', { a: { dtype: 'F32', shape: [2], data_offsets: [0, 4] } }, 4, 'invalid_shape'],
    [
      'overlap',
      { a: { dtype: 'U8', shape: [4], data_offsets: [0, 4] }, b: { dtype: 'U8', shape: [4], data_offsets: [2, 6] } },
      6,
      'malformed_file',
    ],
    ['hole', { a: { dtype: 'U8', shape: [2], data_offsets: [2, 4] } }, 4, 'malformed_file'],
    ['offsets past the end', { a: { dtype: 'U8', shape: [8], data_offsets: [0, 8] } }, 4, 'truncated_input'],
    ['non-string metadata', { __metadata__: { n: 1 } }, 0, 'malformed_file'],
    ['extra data', { a: { dtype: 'U8', shape: [2], data_offsets: [0, 2] } }, 5, 'malformed_file'],
  ] as const)('%s', async (_n, header, data, code) => {
    const f = await scan(safetensors(header, data), 'm.safetensors');
    expect(f.verdict).toBe('suspicious');
    expect(f.findings.map((x) => x.code)).toContain(code);
  });
  test('header not JSON / not UTF-8', async () => {
    const bytes = cat(le32(3), le32(0), '{x}');
    expect((await scan(bytes, 'm.safetensors')).findings[0]?.code).toBe('invalid_json');
  });
});

describe('GGUF', () => {
  test('valid file with a normal chat template is clean', async () => {
    const tpl = "{% for m in messages %}{{ '<|' + m['role'] + '|>' + m['content'] }}{% endfor %}";
    const f = await scan(
      gguf({ kv: { 'general.name': 'm', 'tokenizer.chat_template': tpl }, tensors: [{ name: 't', dims: [4, 4] }] }),
      'm.gguf',
    );
    expect(f.format).toBe('gguf');
    expect(f.findings).toEqual([]);
  });
  test('template injection in the chat template is dangerous', async () => {
    const tpl = "{{ ''.__class__.__mro__[1].__subclasses__()[40]('/etc/passwd').read() }}";
    const f = await scan(gguf({ kv: { 'tokenizer.chat_template': tpl } }), 'm.gguf');
    expect(f.verdict).toBe('dangerous');
    expect(rules(f)).toContain('gguf-chat-template');
  });
  test('bad version, huge counts and truncation are typed findings', async () => {
    expect((await scan(gguf({ version: 9 }))).findings[0]?.code).toBe('unsupported_format');
    expect((await scan(gguf({ counts: [2n ** 60n, 0n] }))).findings[0]?.code).toBe('too_large');
    const full = gguf({ kv: { a: 'b' }, tensors: [{ name: 't', dims: [8] }] });
    const cut = await scan(full.subarray(0, 30));
    expect(cut.verdict).toBe('suspicious');
  });
  test('template patterns are linear on adversarial megabyte strings', () => {
    const big = `${'{{'.repeat(300_000)}${'_'.repeat(400_000)}__clas`;
    expect(templateFindings(big)).toEqual([]);
    expect(templateFindings(`${'a'.repeat(1_000_000)}|attr(`)[0]?.level).toBe('suspicious');
  });
});

describe('ONNX', () => {
  test('the real MNIST model is recognized and clean', async () => {
    const f = await scan(await loadMnistModelBytes(), 'mnist.onnx');
    expect(f.format).toBe('onnx');
    expect(f.findings).toEqual([]);
  });
  test('external data leaving the folder is dangerous (path traversal)', async () => {
    for (const loc of ['../../etc/passwd', '/etc/shadow', 'C:\\Windows\\x', 'a/../../b']) {
      const f = await scan(onnx({ location: loc }), 'm.onnx');
      expect(f.verdict).toBe('dangerous');
      expect(f.findings[0]?.code).toBe('path_traversal');
    }
    expect((await scan(onnx({ location: 'weights.bin' }), 'm.onnx')).verdict).toBe('clean');
    expect(escapesFolder('a/b..c/d')).toBe(false);
  });
  test('custom operator domains and implausible sizes are suspicious', async () => {
    const custom = await scan(onnx({ domain: 'ai.onnx.contrib' }), 'm.onnx');
    expect(custom.findings[0]).toMatchObject({ rule: 'onnx-custom-domain', severity: 'high' });
    const size = await scan(onnx({ dims: [2, 3], raw: 5 }), 'm.onnx');
    expect(rules(size)).toContain('onnx-tensor-size');
    const neg = await scan(onnx({ dims: [2 ** 60] }), 'm.onnx');
    expect(rules(neg)).toContain('onnx-tensor-size');
  });
  test('malformed protobuf is a typed finding', async () => {
    const f = await scan(cat(onnx({}).subarray(0, 20), [0xff, 0xff, 0xff]), 'm.onnx');
    expect(f.findings[0]?.rule).toBe('onnx-structure');
  });
});

describe('Keras', () => {
  const cfg = (layers: unknown[]) =>
    new TextEncoder().encode(JSON.stringify({ module: 'keras', class_name: 'Sequential', config: { layers } }));
  test('.keras with a Lambda layer or an imported builtins function is dangerous', async () => {
    const lambda = await zip([
      {
        name: 'config.json',
        data: cfg([{ class_name: 'Lambda', config: { function: { class_name: '__lambda__' } } }]),
      },
      { name: 'metadata.json', data: new TextEncoder().encode('{}') },
    ]);
    const f = await scan(lambda, 'm.keras');
    expect(f.format).toBe('keras');
    expect(f.verdict).toBe('dangerous');
    const fn = await zip([
      {
        name: 'config.json',
        data: cfg([
          {
            class_name: 'Dense',
            config: {
              activation: { module: 'builtins', class_name: 'function', config: 'exec', registered_name: 'function' },
            },
          },
        ]),
      },
      { name: 'metadata.json', data: new Uint8Array(2) },
    ]);
    const g = await scan(fn, 'm.keras');
    expect(g.findings.some((x) => x.rule === 'keras-import' && x.level === 'dangerous')).toBe(true);
    const ok = await zip([
      { name: 'config.json', data: cfg([{ module: 'keras.layers', class_name: 'Dense', config: {} }]) },
      { name: 'metadata.json', data: new Uint8Array(2) },
    ]);
    expect((await scan(ok, 'm.keras')).verdict).toBe('clean');
  });
});

describe('NumPy and detection', () => {
  test('bad .npy headers are typed findings, the header is never evaluated', async () => {
    const npy = (h: string) => cat([0x93], 'NUMPY', [1, 0], le16(h.length), h);
    expect(
      (await scan(npy("{'descr': __import__('os'), 'fortran_order': False, 'shape': ()}"))).findings[0]?.code,
    ).toBe('malformed_file');
    expect((await scan(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,)}"))).findings[0]?.code).toBe(
      'truncated_input',
    );
  });
  test('magic bytes decide, not the extension', () => {
    const s = (b: number[] | Uint8Array, name: string) => sniff(Uint8Array.from(b), 1000, name);
    expect(s([0x50, 0x4b, 3, 4], 'x.txt')).toBe('zip');
    expect(s([0x80, 4, 0x95], 'x.safetensors')).toBe('pickle');
    expect(s([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], 'x.pkl')).toBe('7z');
    expect(s(cat([0x93], 'NUMPY'), 'x.bin')).toBe('numpy');
    expect(s(cat('GGUF', le32(3)), 'x.onnx')).toBe('gguf');
    expect(s([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a], 'x.pt')).toBe('hdf5');
  });
});

describe('chat templates outside GGUF', () => {
  test('tokenizer_config.json chat_template (string or list) and .jinja files', async () => {
    const bad = "{{ cycler.__init__.__globals__.os.popen('id').read() }}";
    const cfg = (t: unknown) => new TextEncoder().encode(JSON.stringify({ chat_template: t }));
    expect((await scan(cfg(bad), 'tokenizer_config.json')).verdict).toBe('dangerous');
    expect((await scan(cfg([{ name: 'default', template: bad }]), 'x/tokenizer_config.json')).verdict).toBe(
      'dangerous',
    );
    expect((await scan(cfg('{{ messages[0].content }}'), 'tokenizer_config.json')).verdict).toBe('clean');
    expect((await scan(new TextEncoder().encode(bad), 'chat_template.jinja')).verdict).toBe('dangerous');
  });
});
