/**
 * `unigramTokenizerFromJson`: `unigramTokenizer` configured from a model's `tokenizer.json` (XLM-R,
 * DeBERTa-v3 and other SentencePiece Unigram models converted by Hugging Face): its vocabulary, unknown
 * id and byte fallback, its `Precompiled` charsmap and ` {2,}` replacement, its `Metaspace` settings and
 * its special tokens. A part this tokenizer does not implement is an error, never skipped.
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

function readNormalizer(n: unknown, settings: UnigramOptions): void {
  if (n === null || n === undefined) return;
  if (!isObject(n)) throw new ModelSecTypeError('"json.normalizer" expected an object or null');
  if (n.type === 'Sequence') {
    if (!Array.isArray(n.normalizers)) throw new ModelSecTypeError('"json.normalizer.normalizers" expected an array');
    // The order the tokenizer applies them in: the charsmap, then the collapse of spaces.
    let seenReplace = false;
    for (const part of n.normalizers) {
      readNormalizer(part, settings);
      if (isObject(part) && part.type === 'Replace') seenReplace = true;
      else if (seenReplace)
        throw new ModelSecRangeError('"json.normalizer": a normalizer after Replace is not supported');
    }
    return;
  }
  if (n.type === 'Precompiled') {
    if (settings.charsmap !== undefined) throw new ModelSecRangeError('"json.normalizer": two Precompiled normalizers');
    if (typeof n.precompiled_charsmap === 'string' && n.precompiled_charsmap !== '')
      settings.charsmap = n.precompiled_charsmap;
    return;
  }
  if (n.type === 'Replace') {
    const pattern = n.pattern;
    if (isObject(pattern) && pattern.Regex === ' {2,}' && n.content === ' ') {
      settings.collapseSpaces = true;
      return;
    }
    throw new ModelSecRangeError('"json.normalizer": only the Replace of " {2,}" by " " is supported');
  }
  throw new ModelSecRangeError(`"json.normalizer": the ${typeName(n.type)} normalizer is not supported`);
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
