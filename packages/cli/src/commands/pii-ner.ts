/**
 * `modelsec pii --ner <model.onnx>`: a token-classification model (an ONNX export of a NER model, with
 * its vocabulary and labels) run by onnxruntime-web next to the shipped recognizers. BERT family:
 * `--vocab vocab.txt` (WordPiece, `[CLS]` and `[SEP]`); RoBERTa family: `--vocab vocab.json --merges
 * merges.txt` (byte-level BPE, `<s>` and `</s>`); SentencePiece family (XLM-R, DeBERTa-v3): `--tokenizer
 * tokenizer.json` (Unigram, `<s>`/`</s>` or `[CLS]`/`[SEP]`). The model's inputs are filled by name: `input_ids`
 * (required), `attention_mask` (ones) and `token_type_ids` (zeros), each `[1, tokens]` int64, with the
 * start and end tokens around each window; its first output holds the logits, `[1, tokens, labels]`.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ValidationError } from '@modelsec/core';
import {
  byteLevelBpeTokenizer,
  type NerModel,
  type TokenizedText,
  tokenClassifierNer,
  unigramTokenizerFromJson,
  wordPieceTokenizer,
} from '@modelsec/validators';
import { UsageError } from '../command';
import { loadOrt } from '../ort';

/** The `--ner` options of `modelsec pii`. */
export interface NerFlags {
  /** The ONNX model file. */
  model: string;
  /** Its `vocab.txt` (WordPiece), or `vocab.json` with `merges` (byte-level BPE). */
  vocab: string | undefined;
  /** Its `tokenizer.json`: a SentencePiece Unigram model (XLM-R, DeBERTa-v3), instead of `vocab`. */
  tokenizer?: string | undefined;
  /** Its `merges.txt`: a byte-level BPE model (RoBERTa family). */
  merges?: string | undefined;
  /** BPE: read the text as if it started with a space (`add_prefix_space`). */
  prefixSpace?: boolean;
  /** Labels: a comma-separated list, or a `config.json` with `id2label`. */
  labels: string | undefined;
  /** The model is uncased (lower-case the text). */
  lowerCase: boolean;
}

interface Session {
  inputNames: readonly string[];
  outputNames: readonly string[];
  run(feeds: Record<string, unknown>): Promise<Record<string, { data: unknown; dims: readonly number[] }>>;
}

const INPUTS = ['input_ids', 'attention_mask', 'token_type_ids'];

/**
 * Build the NER model of `--ner`, `--vocab`, `--labels` and `--lower-case` (paths relative to `cwd`).
 *
 * @throws UsageError for a missing or bad flag; ConfigError `missing_dependency` without onnxruntime-web.
 * @example
 * ```ts
 * const ner = await loadNerFlags({ model: 'ner.onnx', vocab: 'vocab.txt', labels: 'config.json', lowerCase: false }, cwd);
 * ```
 */
export async function loadNerFlags(flags: NerFlags, cwd: string): Promise<NerModel> {
  if (flags.tokenizer !== undefined) {
    if (flags.vocab !== undefined || flags.merges !== undefined || flags.lowerCase || flags.prefixSpace === true)
      throw new UsageError(
        '--tokenizer takes the whole tokenizer.json: no --vocab, --merges, --lower-case or --prefix-space',
      );
  } else if (flags.vocab === undefined)
    throw new UsageError('--ner needs --vocab <vocab.txt | vocab.json> or --tokenizer <tokenizer.json>');
  if (flags.labels === undefined) throw new UsageError('--ner needs --labels <config.json | O,B-PER,I-PER,...>');
  if (flags.merges === undefined && flags.prefixSpace === true)
    throw new UsageError('--prefix-space is for byte-level BPE models (--merges merges.txt)');
  if (flags.merges !== undefined && flags.lowerCase)
    throw new UsageError('--lower-case is for WordPiece models (--vocab vocab.txt, no --merges)');
  const labels = await readLabels(flags.labels, cwd);
  const { tokenize, cls, sep } =
    flags.tokenizer !== undefined
      ? unigram(await readFile(resolve(cwd, flags.tokenizer), 'utf8'))
      : flags.merges === undefined
        ? wordPiece(await readFile(resolve(cwd, flags.vocab as string), 'utf8'), flags.lowerCase)
        : bpe(
            await readFile(resolve(cwd, flags.vocab as string), 'utf8'),
            await readFile(resolve(cwd, flags.merges), 'utf8'),
            flags.prefixSpace === true,
          );
  const bytes = new Uint8Array(await readFile(resolve(cwd, flags.model)));
  const ort = await loadOrt('modelsec pii --ner');
  let session: Session;
  try {
    session = (await ort.InferenceSession.create(bytes)) as Session;
  } catch (error) {
    throw new ValidationError('malformed_file', 'onnxruntime-web could not load the --ner model', { cause: error });
  }
  const unknownInput = session.inputNames.find((n) => !INPUTS.includes(n));
  if (unknownInput !== undefined || !session.inputNames.includes('input_ids'))
    throw new UsageError(`--ner expects a model with inputs ${INPUTS.join(', ')} (input_ids required)`);
  const output = session.outputNames[0] as string;
  const width = labels.length;
  const classify = async (ids: number[]) => {
    const n = ids.length + 2;
    const int64 = (fill: (k: number) => number) =>
      new ort.Tensor(
        'int64',
        BigInt64Array.from({ length: n }, (_, k) => BigInt(fill(k))),
        [1, n],
      );
    const feeds: Record<string, unknown> = {};
    for (const name of session.inputNames) {
      if (name === 'input_ids')
        feeds[name] = int64((k) => (k === 0 ? cls : k === n - 1 ? sep : (ids[k - 1] as number)));
      else if (name === 'attention_mask') feeds[name] = int64(() => 1);
      else feeds[name] = int64(() => 0);
    }
    let result: { data: unknown } | undefined;
    try {
      result = (await session.run(feeds))[output];
    } catch (error) {
      throw new ValidationError('unsupported_format', 'the --ner model did not run on int64 token ids', {
        cause: error,
      });
    }
    const data = result?.data;
    if (!(data instanceof Float32Array) || data.length !== n * width) {
      throw new ValidationError(
        'invalid_shape',
        `the model's output "${output}" is not [1, ${n}, ${width}] float32 (one score per label of --labels)`,
      );
    }
    return data.subarray(width, width * (n - 1));
  };
  return tokenClassifierNer({ labels, tokenize, classify });
}

/** A tokenizer and the ids of the tokens around each window. */
interface Tokens {
  tokenize: (text: string) => TokenizedText;
  cls: number;
  sep: number;
}

/** `--vocab vocab.txt`: WordPiece, `[CLS]` … `[SEP]`. */
function wordPiece(vocabText: string, lowerCase: boolean): Tokens {
  const lines = vocabText.split(/\r?\n/);
  const cls = lines.indexOf('[CLS]');
  const sep = lines.indexOf('[SEP]');
  if (cls < 0 || sep < 0) throw new UsageError('the vocabulary has no [CLS] or [SEP] token');
  return { tokenize: wordPieceTokenizer(vocabText, { lowerCase }), cls, sep };
}

/** `--vocab vocab.json --merges merges.txt`: byte-level BPE, `<s>` … `</s>`. */
function bpe(vocabText: string, mergesText: string, addPrefixSpace: boolean): Tokens {
  let vocab: unknown;
  try {
    vocab = JSON.parse(vocabText);
  } catch {
    throw new UsageError('--merges needs --vocab <vocab.json> (a JSON object of token → id)');
  }
  const ids = vocab as Record<string, unknown> | null;
  const cls = ids?.['<s>'];
  const sep = ids?.['</s>'];
  if (typeof cls !== 'number' || typeof sep !== 'number')
    throw new UsageError('the vocabulary has no <s> or </s> token');
  let tokenize: (text: string) => TokenizedText;
  try {
    tokenize = byteLevelBpeTokenizer(vocab as Record<string, number>, mergesText, { addPrefixSpace });
  } catch (error) {
    throw new UsageError(`--vocab/--merges: ${(error as Error).message}`);
  }
  return { tokenize, cls, sep };
}

/** `--tokenizer tokenizer.json`: SentencePiece Unigram, `<s>` … `</s>` (XLM-R) or `[CLS]` … `[SEP]` (DeBERTa-v3). */
function unigram(jsonText: string): Tokens {
  let json: unknown;
  try {
    json = JSON.parse(jsonText);
  } catch {
    throw new UsageError('--tokenizer: the file is not JSON');
  }
  const vocab = (json as { model?: { vocab?: unknown } } | null)?.model?.vocab;
  const pieces = Array.isArray(vocab) ? vocab.map((entry) => (Array.isArray(entry) ? entry[0] : undefined)) : [];
  const pair = pieces.includes('<s>') && pieces.includes('</s>') ? ['<s>', '</s>'] : ['[CLS]', '[SEP]'];
  const cls = pieces.indexOf(pair[0]);
  const sep = pieces.indexOf(pair[1]);
  if (cls < 0 || sep < 0)
    throw new UsageError('--tokenizer: the vocabulary has neither <s> and </s> nor [CLS] and [SEP]');
  let tokenize: (text: string) => TokenizedText;
  try {
    tokenize = unigramTokenizerFromJson(json as Record<string, unknown>);
  } catch (error) {
    throw new UsageError(`--tokenizer: ${(error as Error).message}`);
  }
  return { tokenize, cls, sep };
}

/** `--labels`: `config.json` (its `id2label`) or a comma-separated list. */
async function readLabels(value: string, cwd: string): Promise<string[]> {
  if (!value.toLowerCase().endsWith('.json')) {
    const list = value.split(',').map((l) => l.trim());
    if (list.length < 2 || list.some((l) => l === '')) throw new UsageError('--labels needs at least two labels');
    return list;
  }
  let config: unknown;
  try {
    config = JSON.parse(await readFile(resolve(cwd, value), 'utf8'));
  } catch (error) {
    throw new UsageError(`--labels: ${value} is not a readable JSON file (${(error as Error).name})`);
  }
  const map = (config as { id2label?: unknown } | null)?.id2label;
  if (typeof map !== 'object' || map === null) throw new UsageError(`--labels: ${value} has no id2label object`);
  const entries = Object.entries(map as Record<string, unknown>);
  const labels: string[] = [];
  for (const [id, label] of entries) {
    const k = Number(id);
    if (!Number.isInteger(k) || k < 0 || k >= entries.length || typeof label !== 'string')
      throw new UsageError(`--labels: id2label must map 0..${entries.length - 1} to label names`);
    labels[k] = label;
  }
  if (labels.length < 2 || labels.some((l) => l === undefined))
    throw new UsageError(`--labels: id2label must map 0..${entries.length - 1} to label names`);
  return labels;
}
