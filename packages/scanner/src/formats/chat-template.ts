/**
 * Hugging Face chat templates outside GGUF: `tokenizer_config.json` (`chat_template` as a string or
 * a list of `{ name, template }`) and `chat_template.jinja`, checked for template injection.
 */
import type { ScanContext } from '../context';
import type { ScanSource } from '../source';
import type { ScanFormat } from '../types';
import { templateFindings } from './template-injection';

/**
 * True for file names that hold chat templates.
 *
 * @example
 * ```ts
 * isChatTemplateFile('model/tokenizer_config.json'); // true
 * ```
 */
export function isChatTemplateFile(name: string): boolean {
  return /(^|[\\/])(tokenizer_config\.json|chat_template\.jinja)$/.test(name);
}

/**
 * Check the chat templates of a tokenizer config or template file.
 *
 * @example
 * ```ts
 * await scanChatTemplates(ctx, bytesSource(bytes, 'tokenizer_config.json'), '');
 * ```
 */
export async function scanChatTemplates(ctx: ScanContext, src: ScanSource, member: string): Promise<ScanFormat> {
  if (src.size > ctx.opts.limits.maxJsonBytes) {
    ctx.unscannable(member, 'chat-template-size', 'template file larger than the JSON limit', 'too_large');
    return 'unknown';
  }
  const text = new TextDecoder().decode(await src.read(0, src.size));
  const templates: string[] = [];
  if ((member || src.name).endsWith('.jinja')) templates.push(text);
  else {
    try {
      const t = (JSON.parse(text) as { chat_template?: unknown }).chat_template;
      if (typeof t === 'string') templates.push(t);
      else if (Array.isArray(t)) for (const x of t) if (typeof x?.template === 'string') templates.push(x.template);
    } catch {
      ctx.report.add(member, 'chat-template', 'invalid_json', 'info', 'info', 'tokenizer config is not valid JSON');
    }
  }
  for (const tpl of templates) {
    for (const f of templateFindings(tpl))
      ctx.report.add(member, 'chat-template', f.code, f.level, f.severity, f.message);
  }
  return 'unknown';
}
