/**
 * A real token-classification model for the NER tests, built in code with onnx-proto and run by
 * onnxruntime-web (Node and Chromium): `input_ids` (int64, [1, n]) → Gather from an embedding table →
 * MatMul → Add → `logits` ([1, n, 7]), the shape of a BERT NER head's output. Its weights give each
 * word piece of a small WordPiece vocabulary a label, so that the expected entities are known; one
 * piece ("##lace") leans to `O`, so that the aggregations disagree on "Ada Lovelace".
 * The tokenizer is a BERT-style one over that vocabulary: lower-case, split on white space and
 * punctuation, greedy longest-match word pieces with `##` continuations, `[UNK]` for the rest.
 */
import type { TokenizedText } from '@modelsec/validators';
import { createSession, ort } from '@modelsec-test/utils';
import onnxProto from 'onnx-proto';

export const NER_LABELS = ['O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC', 'B-ORG', 'I-ORG'] as const;

/** Each vocabulary entry and the logits its row gives (label → logit; the others 0). */
const VOCAB: readonly [string, Partial<Record<(typeof NER_LABELS)[number], number>>][] = [
  ['[PAD]', { O: 4 }],
  ['[UNK]', { O: 4 }],
  ['[CLS]', { O: 4 }],
  ['[SEP]', { O: 4 }],
  ['ada', { 'B-PER': 4 }],
  ['love', { 'I-PER': 4 }],
  ['##lace', { O: 2, 'I-PER': 1.5 }],
  ['grace', { 'B-PER': 4 }],
  ['hop', { 'I-PER': 3 }],
  ['##per', { 'I-PER': 3 }],
  ['met', { O: 4 }],
  ['works', { O: 4 }],
  ['at', { O: 4 }],
  ['in', { O: 4 }],
  ['new', { 'B-LOC': 3, O: 1 }],
  ['york', { 'I-LOC': 4 }],
  ['paris', { 'B-LOC': 4 }],
  ['acme', { 'B-ORG': 4 }],
  ['corp', { 'I-ORG': 4 }],
  ['and', { O: 4 }],
  ['.', { O: 4 }],
  [',', { O: 4 }],
];
/** The vocabulary, one token per id (as a `vocab.txt` lists it). */
export const NER_VOCAB: readonly string[] = VOCAB.map(([piece]) => piece);
const IDS = new Map(VOCAB.map(([piece], id) => [piece, id]));
const CLS = IDS.get('[CLS]') as number;
const SEP = IDS.get('[SEP]') as number;
const UNK = IDS.get('[UNK]') as number;

/** The logits of each token id (label → logit; the others 0). */
export type NerRows = readonly Partial<Record<(typeof NER_LABELS)[number], number>>[];

/** The model's bytes (an ONNX ModelProto, opset 13); `rows`: another vocabulary's logits. */
export function nerModelBytes(rows: NerRows = VOCAB.map(([, logits]) => logits)): Uint8Array {
  const { onnx } = onnxProto;
  const FLOAT = onnx.TensorProto.DataType.FLOAT;
  const INT64 = onnx.TensorProto.DataType.INT64;
  const L = NER_LABELS.length;
  const emb = new Float32Array(rows.length * L);
  rows.forEach((logits, v) => {
    for (const [label, x] of Object.entries(logits)) emb[v * L + NER_LABELS.indexOf(label as 'O')] = x as number;
  });
  // A mixing layer that changes nothing but must run: W = 2·I, then bias −1 on every label.
  const w = new Float32Array(L * L);
  for (let i = 0; i < L; i++) w[i * L + i] = 2;
  const tensor = (name: string, dims: number[], data: Float32Array) =>
    onnx.TensorProto.create({ name, dims, dataType: FLOAT, rawData: new Uint8Array(data.buffer.slice(0)) });
  const info = (name: string, elemType: number, dims: (number | string)[]) =>
    onnx.ValueInfoProto.create({
      name,
      type: {
        tensorType: {
          elemType,
          shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
        },
      },
    });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'modelsec-test',
    opsetImport: [{ domain: '', version: 13 }],
    graph: onnx.GraphProto.create({
      name: 'tiny-ner',
      node: [
        onnx.NodeProto.create({ opType: 'Gather', input: ['emb', 'input_ids'], output: ['h'] }),
        onnx.NodeProto.create({ opType: 'MatMul', input: ['h', 'w'], output: ['hw'] }),
        onnx.NodeProto.create({ opType: 'Add', input: ['hw', 'b'], output: ['logits'] }),
      ],
      initializer: [
        tensor('emb', [rows.length, L], emb),
        tensor('w', [L, L], w),
        tensor('b', [L], new Float32Array(L).fill(-1)),
      ],
      input: [info('input_ids', INT64, [1, 'n'])],
      output: [info('logits', FLOAT, [1, 'n', L])],
    }),
  });
  return new Uint8Array(onnx.ModelProto.encode(model).finish());
}

/** BERT-style WordPiece tokenizer over the vocabulary (offsets into the original text). */
export function tokenizeNer(text: string): TokenizedText {
  const ids: number[] = [];
  const offsets: [number, number][] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu)) {
    const word = m[0].toLowerCase();
    const at = m.index;
    // Greedy longest match; lower-casing these test words keeps their length.
    const pieces: [number, number, number][] = [];
    let s = 0;
    while (s < word.length) {
      let e = word.length;
      let id: number | undefined;
      for (; e > s; e--) {
        id = IDS.get((s > 0 ? '##' : '') + word.slice(s, e));
        if (id !== undefined) break;
      }
      if (id === undefined) {
        pieces.length = 0;
        pieces.push([UNK, 0, word.length]);
        break;
      }
      pieces.push([id, s, e]);
      s = e;
    }
    for (const [id, a, b] of pieces) {
      ids.push(id);
      offsets.push([at + a, at + b]);
    }
  }
  return { ids, offsets };
}

/**
 * A `classify` function over an onnxruntime-web session of the model, counting its calls; `model`:
 * another vocabulary's logits and its start and end token ids.
 */
export async function nerClassifier(
  model: { rows: NerRows; cls: number; sep: number } | undefined = undefined,
): Promise<{
  classify: (ids: number[]) => Promise<Float32Array>;
  windows: number[];
}> {
  const session = await createSession(nerModelBytes(model?.rows));
  const cls = model?.cls ?? CLS;
  const sep = model?.sep ?? SEP;
  const windows: number[] = [];
  const classify = async (ids: number[]) => {
    windows.push(ids.length);
    const input = BigInt64Array.from([cls, ...ids, sep], (x) => BigInt(x));
    const out = await session.run({ input_ids: new ort.Tensor('int64', input, [1, input.length]) });
    const logits = out.logits?.data as Float32Array;
    const L = NER_LABELS.length;
    return logits.slice(L, L * (ids.length + 1));
  };
  return { classify, windows };
}
