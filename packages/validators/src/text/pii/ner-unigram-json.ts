/**
 * `unigramTokenizerFromJson`: `unigramTokenizer` configured from a model's `tokenizer.json` (XLM-R,
 * DeBERTa-v3 and other SentencePiece Unigram models converted by Hugging Face): its vocabulary, unknown
 * id and byte fallback, its normalizers (`Lowercase`, `Strip`, the `Precompiled` charsmap and the
 * ` {2,}` replacement, in that order), its `Metaspace` settings and its special tokens. A part this
 * tokenizer does not implement is an error, never skipped.
 */
import { aobject, describeValue, ModelSecRangeError, ModelSecTypeError } from '@modelsec/core';
import type { TokenizedText } from './ner-model';
import { type UnigramOptions, unigramTokenizer } from './ner-unigram';

/** Options of `unigramTokenizerFromJson` (the rest comes from the file). */
export type UnigramJsonOptions = Pick<UnigramOptions, 'trimOffsets' | 'splitPunctuation' | 'maxLength'>;

type Json = Record<string, unknown>;

/**
 * A Unigram tokenizer from a `tokenizer.json` (its text, or the parsed object).
 *
 * @throws ModelSecTypeError / ModelSecRangeError for a file that is not a Unigram `tokenizer.json`, or
 *   that uses a normalizer or pre-tokenizer this tokenizer does not implement (named in the message).
 * @example
 * ```ts
 * const tokenize = unigramTokenizerFromJson(await (await fetch('/ner/tokenizer.json')).text());
 * const ner = tokenClassifierNer({ labels, tokenize, classify });
 * ```
 */
export function unigramTokenizerFromJson(
  json: string | Readonly<Record<string, unknown>>,
  options: UnigramJsonOptions = {},
): (text: string) => TokenizedText {
  aobject(options, 'options');
  let doc: unknown = json;
  if (typeof json === 'string') {
    try {
      doc = JSON.parse(json);
    } catch {
      throw new ModelSecRangeError('"json" is not valid JSON');
    }
  }
  if (!isObject(doc)) throw new ModelSecTypeError(`"json" expected a tokenizer.json object, got ${describeValue(doc)}`);
  const model = doc.model;
  if (!isObject(model) || model.type !== 'Unigram') throw new ModelSecRangeError('"json.model" is not a Unigram model');
  const settings: UnigramOptions = { ...options, collapseSpaces: false, prependScheme: 'never' };
  if (model.unk_id !== null && model.unk_id !== undefined) settings.unknownId = model.unk_id as number;
  if (model.byte_fallback !== undefined) settings.byteFallback = model.byte_fallback as boolean;
  readNormalizer(doc.normalizer, settings);
  readPreTokenizer(doc.pre_tokenizer, settings);
  const added = doc.added_tokens;
  if (added !== undefined && added !== null) {
    if (!Array.isArray(added)) throw new ModelSecTypeError('"json.added_tokens" expected an array');
    settings.specialTokens = added
      .filter((t) => isObject(t) && t.special === true && typeof t.content === 'string')
      .map((t) => (t as Json).content as string);
  }
  return unigramTokenizer(model.vocab as readonly (readonly [string, number])[], settings);
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The normalizers this tokenizer applies, in the order it applies them. */
const STAGES = ['Lowercase', 'Strip', 'Precompiled', 'Replace'] as const;

function readNormalizer(n: unknown, settings: UnigramOptions): void {
  if (n === null || n === undefined) return;
  if (!isObject(n)) throw new ModelSecTypeError('"json.normalizer" expected an object or null');
  const parts = n.type === 'Sequence' ? n.normalizers : [n];
  if (!Array.isArray(parts)) throw new ModelSecTypeError('"json.normalizer.normalizers" expected an array');
  let stage = -1;
  for (const part of parts) {
    if (!isObject(part)) throw new ModelSecTypeError('"json.normalizer": a normalizer is not an object');
    const at = STAGES.indexOf(part.type as (typeof STAGES)[number]);
    if (at < 0)
      throw new ModelSecRangeError(`"json.normalizer": the ${typeName(part.type)} normalizer is not supported`);
    if (at <= stage)
      throw new ModelSecRangeError(`"json.normalizer": only the order ${STAGES.join(', ')} is supported, each once`);
    stage = at;
    if (part.type === 'Lowercase') settings.lowercase = true;
    else if (part.type === 'Strip') {
      const left = part.strip_left !== false;
      const right = part.strip_right !== false;
      if (left || right) settings.strip = left && right ? 'both' : left ? 'left' : 'right';
    } else if (part.type === 'Precompiled') {
      if (typeof part.precompiled_charsmap === 'string' && part.precompiled_charsmap !== '')
        settings.charsmap = part.precompiled_charsmap;
    } else {
      const pattern = part.pattern;
      if (!(isObject(pattern) && pattern.Regex === ' {2,}' && part.content === ' '))
        throw new ModelSecRangeError('"json.normalizer": only the Replace of " {2,}" by " " is supported');
      settings.collapseSpaces = true;
    }
  }
}

/** A component's type name for a message: shown when it is a plain identifier. */
function typeName(type: unknown): string {
  return typeof type === 'string' && /^[A-Za-z]{1,40}$/.test(type) ? type : describeValue(type);
}

function readPreTokenizer(p: unknown, settings: UnigramOptions): void {
  if (!isObject(p) || p.type !== 'Metaspace')
    throw new ModelSecRangeError('"json.pre_tokenizer": only the Metaspace pre-tokenizer is supported');
  if (p.replacement !== '▁')
    throw new ModelSecRangeError('"json.pre_tokenizer": only the replacement "▁" is supported');
  if (p.split === false) throw new ModelSecRangeError('"json.pre_tokenizer": only split = true is supported');
  const scheme = p.prepend_scheme ?? (p.add_prefix_space === false ? 'never' : 'always');
  if (scheme !== 'always' && scheme !== 'first' && scheme !== 'never')
    throw new ModelSecRangeError(`"json.pre_tokenizer": prepend_scheme ${describeValue(scheme)} is not supported`);
  settings.prependScheme = scheme;
}
