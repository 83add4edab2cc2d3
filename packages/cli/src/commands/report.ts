/**
 * `modelsec report <config.json>`: the security checklist and model card of a deployment. Inspects
 * what the config points at (signature, scan, encryption, watermark result, deployment manifest,
 * audit log, red-team report), writes Markdown and HTML, prints one line per checklist item.
 * Exit 0 when no item fails, 1 when one does, 2 usage error. Config format: docs/examples.md.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { defineCommand } from '../command';
import { inspect, parseReportConfig, renderHtml, renderMarkdown, tally } from '../report/index';

export default defineCommand({
  name: 'report',
  summary: 'security checklist and model card (Markdown + HTML) for a deployment',
  usage: '<config.json> [--markdown <file>] [--html <file>] [--json]',
  description:
    'Reads a modelsec.report v1 config (paths relative to it), checks every item it can (signature verifies, ' +
    'scan is clean, container opens to the signed bytes, audit chain verifies, deployment controls), and ' +
    'writes the checklist with evidence links, the OWASP ML / OWASP LLM 2025 / NIST AI RMF / ISO mappings ' +
    'and the model card. Exit codes: 0 no item fails, 1 an item fails, 2 usage error.',
  options: {
    markdown: { type: 'string', valueName: '<file>', description: 'Markdown output (overrides output.markdown)' },
    html: { type: 'string', valueName: '<file>', description: 'HTML output (overrides output.html)' },
  },
  positionals: { min: 1, max: 1 },
  async run(ctx) {
    const path = resolve(ctx.io.cwd, ctx.positionals[0] as string);
    const config = parseReportConfig(await readFile(path, 'utf8'), path);
    if (typeof ctx.values.markdown === 'string') config.output.markdown = resolve(ctx.io.cwd, ctx.values.markdown);
    if (typeof ctx.values.html === 'string') config.output.html = resolve(ctx.io.cwd, ctx.values.html);
    const { results, model } = await inspect(config);
    const data = { config, results, model, generatedAt: new Date().toISOString() };
    for (const [file, text] of [
      [config.output.markdown, renderMarkdown(data)],
      [config.output.html, renderHtml(data)],
    ] as const) {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, text);
    }
    const t = tally(results);
    ctx.print(
      [
        ...results.map((r) => `${r.status.toUpperCase().padEnd(11)} ${r.id.padEnd(20)} ${r.evidence.summary}`),
        `${t.pass} pass, ${t.fail} fail, ${t['not-checked']} not checked; wrote ${config.output.markdown} and ${config.output.html}`,
      ],
      { ...t, model, results, output: config.output },
    );
    return t.fail > 0 ? 1 : 0;
  },
});
