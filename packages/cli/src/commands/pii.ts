/**
 * `modelsec pii <file|-> [--redact mask|placeholder|hash] [--json]`: find personal data in a text file
 * (or standard input) with @modelsec/validators' detectPII, or print the text redacted; `--ner` adds a
 * BERT-family NER model (ONNX, through onnxruntime-web) to the shipped recognizers. Findings are
 * reported by entity, position and score, never by value. Exit 0 when nothing is found or when
 * redacting, 1 when personal data is found (check mode), 2 for usage errors.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { hexToBytes } from '@modelsec/core';
import {
  BUILTIN_RECOGNIZERS,
  detectPIIAsync,
  NATIONAL_ID_ENTITIES,
  NATIONAL_ID_RECOGNIZERS,
  type PiiFinding,
  REDACTION_MODES,
  type RedactionMode,
  redactPII,
} from '@modelsec/validators';
import { defineCommand, EXIT, UsageError } from '../command';
import { readInput } from '../io';
import { loadNerFlags } from './pii-ner';
import { lineCol } from './text-position';

export default defineCommand({
  name: 'pii',
  summary: 'find personal data in a text file (emails, phones, cards, IBANs, SSNs, names...) or redact it',
  usage:
    '<file|-> [--redact mask|placeholder|hash] [--entities A,B] [--national-ids] [--threshold 0.5] [--ner model.onnx (--vocab vocab.txt|vocab.json [--merges merges.txt] | --tokenizer tokenizer.json) --labels config.json] [--json]',
  description:
    'Prints one line per finding (line:column, entity, score; never the value) and exits 1 when any is found. ' +
    'With --redact, prints the redacted text instead and exits 0. --national-ids also looks for the national ' +
    'identifiers (ES_NIF, IT_FISCAL_CODE, PL_PESEL, UK_NINO, AU_TFN, SG_NRIC_FIN, IN_AADHAAR, KR_RRN, US_ITIN...), ' +
    'as does naming one in --entities. Hash mode needs a key of at least 16 bytes, ' +
    'as hex, from --key-file or the MODELSEC_PII_KEY environment variable (never on the command line). ' +
    '--ner adds a token-classification model (ONNX, run by onnxruntime-web: install it next to the CLI) ' +
    'with its labels (config.json id2label, or a comma-separated list): BERT family with its vocab.txt (--lower-case for uncased models), ' +
    'RoBERTa family with its vocab.json and --merges merges.txt (--prefix-space if its tokenizer adds one), ' +
    'SentencePiece Unigram family (XLM-R, DeBERTa-v3) with its --tokenizer tokenizer.json.',
  options: {
    redact: {
      type: 'string',
      valueName: '<mode>',
      description: `print the text redacted: ${REDACTION_MODES.join(', ')}`,
    },
    entities: { type: 'string', valueName: '<list>', description: 'comma-separated entities to report (default: all)' },
    'national-ids': {
      type: 'boolean',
      description: 'also look for national identifiers (26 entities: ES_NIF ... MEDICAL_LICENSE)',
    },
    threshold: { type: 'string', valueName: '<0..1>', description: 'lowest score reported (default 0.5)' },
    'key-file': { type: 'string', valueName: '<path>', description: 'hash mode: file holding the HMAC key as hex' },
    ner: {
      type: 'string',
      valueName: '<model.onnx>',
      description: 'also run this NER model (ONNX: BERT, RoBERTa or XLM-R/DeBERTa-v3 family)',
    },
    vocab: { type: 'string', valueName: '<vocab.txt|vocab.json>', description: '--ner: the model vocabulary' },
    labels: { type: 'string', valueName: '<config.json|list>', description: '--ner: id2label, or O,B-PER,I-PER,...' },
    'lower-case': { type: 'boolean', description: '--ner: the model is uncased' },
    merges: {
      type: 'string',
      valueName: '<merges.txt>',
      description: '--ner: a byte-level BPE model (RoBERTa family), --vocab vocab.json',
    },
    'prefix-space': { type: 'boolean', description: '--ner --merges: the tokenizer adds a prefix space' },
    tokenizer: {
      type: 'string',
      valueName: '<tokenizer.json>',
      description: '--ner: a SentencePiece Unigram model (XLM-R, DeBERTa-v3), instead of --vocab',
    },
  },
  positionals: { min: 1, max: 1 },
  async run(ctx) {
    const file = ctx.positionals[0] as string;
    const mode = ctx.values.redact as string | undefined;
    if (mode !== undefined && !REDACTION_MODES.includes(mode as RedactionMode)) {
      throw new UsageError(`--redact must be one of ${REDACTION_MODES.join(', ')}`);
    }
    const threshold = ctx.values.threshold === undefined ? undefined : Number(ctx.values.threshold);
    if (threshold !== undefined && !(threshold >= 0 && threshold <= 1))
      throw new UsageError('--threshold must be in [0, 1]');
    const entities =
      typeof ctx.values.entities === 'string' ? ctx.values.entities.split(',').map((e) => e.trim()) : undefined;
    const key = mode === 'hash' ? await readKey(ctx.values['key-file'] as string | undefined, ctx.io) : undefined;
    const nerPath = ctx.values.ner as string | undefined;
    const ner =
      nerPath === undefined
        ? undefined
        : await loadNerFlags(
            {
              model: nerPath,
              vocab: ctx.values.vocab as string | undefined,
              labels: ctx.values.labels as string | undefined,
              lowerCase: ctx.values['lower-case'] === true,
              merges: ctx.values.merges as string | undefined,
              prefixSpace: ctx.values['prefix-space'] === true,
              tokenizer: ctx.values.tokenizer as string | undefined,
            },
            ctx.io.cwd,
          );
    const text = new TextDecoder().decode(await readInput(ctx, file));
    // National identifiers are opt-in: --national-ids, or one of them named in --entities.
    const national =
      ctx.values['national-ids'] === true || (entities?.some((e) => NATIONAL_ID_ENTITIES.includes(e)) ?? false);
    const options = {
      ...(entities ? { entities } : {}),
      ...(threshold !== undefined ? { threshold } : {}),
      ...(national ? { recognizers: [...BUILTIN_RECOGNIZERS, ...NATIONAL_ID_RECOGNIZERS] } : {}),
    };
    const findings = await detectPIIAsync(text, { ...options, ...(ner ? { ner } : {}) });
    if (mode !== undefined) {
      const r = redactPII(text, { mode: mode as RedactionMode, findings, ...(key ? { key } : {}) });
      if (ctx.json) ctx.print('', { file, mode, findings: describe(text, r.findings), text: r.text });
      else ctx.io.stdout.write(r.text);
      return EXIT.ok;
    }
    const rows = describe(text, findings);
    const lines = rows.map((f) => `${file}:${f.line}:${f.column}  ${f.entity.padEnd(18)} score ${f.score}`);
    lines.push(`${findings.length} finding(s)`);
    ctx.print(lines, { file, findings: rows });
    return findings.length > 0 ? EXIT.failed : EXIT.ok;
  },
});

function describe(text: string, findings: readonly PiiFinding[]) {
  return findings.map((f) => ({
    ...lineCol(text, f.start),
    entity: f.entity,
    start: f.start,
    end: f.end,
    score: f.score,
  }));
}

async function readKey(
  path: string | undefined,
  io: { cwd: string; env: Readonly<Record<string, string | undefined>> },
) {
  const hex = path ? (await readFile(resolve(io.cwd, path), 'utf8')).trim() : io.env.MODELSEC_PII_KEY?.trim();
  if (!hex) throw new UsageError('--redact hash needs --key-file <path> or MODELSEC_PII_KEY (hex, >= 16 bytes)');
  if (!/^(?:[0-9a-fA-F]{2}){16,}$/.test(hex)) throw new UsageError('the hash key must be hex, at least 16 bytes');
  return hexToBytes(hex.toLowerCase());
}
