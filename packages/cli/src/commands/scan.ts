/**
 * `modelsec scan <path>... [--json] [--strict]`: scan model files and directories for code
 * execution (pickle imports, Keras Lambda layers, chat-template injection) and malformed structure,
 * without executing anything. Exit 0 when nothing is dangerous, 1 otherwise, 2 for usage errors.
 */
import { resolve } from 'node:path';
import { type FileReport, type ScanReport, scanModel } from '@modelsec/scanner';
import { defineCommand, EXIT } from '../command';

export default defineCommand({
  name: 'scan',
  summary: 'scan model files for unsafe code and malformed structure (pickle, PyTorch, safetensors, ONNX, GGUF, Keras)',
  usage: '<path|->... [--strict] [--json]',
  description:
    'Scans files and directories ("-" reads standard input) by magic bytes, whatever their extension. ' +
    'Exit code 0 when nothing is dangerous, 1 when a file is dangerous. --strict treats suspicious globals ' +
    'and unscannable content as dangerous.',
  options: {
    strict: { type: 'boolean', description: 'treat suspicious imports and unscannable content as dangerous' },
  },
  positionals: { min: 1 },
  async run(ctx) {
    const strict = ctx.values.strict === true;
    const files: FileReport[] = [];
    for (const arg of ctx.positionals) {
      const report: ScanReport =
        arg === '-'
          ? await scanModel(await ctx.io.readStdin(), { strict, name: '<stdin>' })
          : await scanModel(resolve(ctx.io.cwd, arg), { strict });
      files.push(...report.files);
    }
    const dangerous = files.filter((f) => f.verdict === 'dangerous').length;
    const suspicious = files.filter((f) => f.verdict === 'suspicious').length;
    const verdict = dangerous ? 'dangerous' : suspicious ? 'suspicious' : 'clean';
    const lines: string[] = [];
    for (const f of files) {
      lines.push(`${f.verdict.padEnd(10)} ${f.path} (${f.format})`);
      if (f.verdict === 'clean') continue;
      for (const x of f.findings) {
        if (x.level === 'info') continue;
        const where = x.member ? `${x.member}: ` : '';
        lines.push(`  ${x.level}/${x.severity} ${where}${x.message}`);
      }
    }
    lines.push(`scanned ${files.length} file(s): ${dangerous} dangerous, ${suspicious} suspicious`);
    ctx.print(lines, { verdict, files });
    return dangerous ? EXIT.failed : EXIT.ok;
  },
});
