/**
 * A byte-level BPE vocabulary for the NER tests (the shape of a RoBERTa `vocab.json` and `merges.txt`):
 * `<s>`, `<pad>`, `</s>`, `<unk>`, the 256 byte stand-ins, and merges that make each test word one
 * token, built left to right ("A d" → "Ad", "Ad a" → "Ada"), so the tokens of a text are known. The
 * logits of the tiny ONNX model of ner-model-support.ts label each whole word; every other token is O.
 */
import { BYTE_CHARS } from '../../src/text/pii/ner-bpe';
import type { NER_LABELS, NerRows } from './ner-model-support';

type Label = (typeof NER_LABELS)[number];

/** The test words, as byte stand-ins (`Ġ` is the space), and their labels. */
const WORDS: readonly [string, Label][] = [
  ['Ada', 'B-PER'],
  ['ĠLovelace', 'I-PER'],
  ['Ġmet', 'O'],
  ['ĠGrace', 'B-PER'],
  ['ĠHopper', 'I-PER'],
  ['Ġin', 'O'],
  ['ĠNew', 'B-LOC'],
  ['ĠYork', 'I-LOC'],
  ['ĠParis', 'B-LOC'],
  ['Ġand', 'O'],
  ['Ġworks', 'O'],
  ['Ġat', 'O'],
  ['ĠAcme', 'B-ORG'],
];

/** `vocab.json`: token → id. */
export const BPE_VOCAB: Readonly<Record<string, number>> = {};
/** `merges.txt` lines, by rank. */
export const BPE_MERGES: readonly string[] = [];
/** The logits of each id. */
export const BPE_ROWS: NerRows = [];

{
  const vocab = BPE_VOCAB as Record<string, number>;
  const merges = BPE_MERGES as string[];
  const rows = BPE_ROWS as Partial<Record<Label, number>>[];
  const add = (token: string, label: Label) => {
    if (vocab[token] === undefined) {
      vocab[token] = rows.length;
      rows.push({ O: 4 });
    }
    rows[vocab[token] as number] = { [label]: 4 };
  };
  for (const special of ['<s>', '<pad>', '</s>', '<unk>']) add(special, 'O');
  for (const c of BYTE_CHARS) add(c, 'O');
  for (const [word, label] of WORDS) {
    const chars = [...word];
    let left = chars[0] as string;
    for (const c of chars.slice(1)) {
      const line = `${left} ${c}`;
      if (!merges.includes(line)) merges.push(line);
      left += c;
      if (vocab[left] === undefined) add(left, 'O');
    }
    add(word, label);
  }
}

/** `<s>` and `</s>`. */
export const BPE_CLS = 0;
export const BPE_SEP = 2;
