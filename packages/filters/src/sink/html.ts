/**
 * HTML sink sanitizer: model output that will be inserted as HTML is rebuilt from scratch. Text is
 * escaped; only allow-listed tags and attributes are re-emitted, in canonical form, with escaped values;
 * `href`/`src` URLs are checked on the decoded string that is then emitted, so what was checked is what
 * the browser parses. Script-like elements are dropped with their content, every `on*` handler and
 * `style` attribute is dropped, images load only from allowed hosts, unclosed tags are closed. The scan
 * is a single linear pass with bounded lookahead per tag.
 */
import { checkUrl, decodeEntities, escapeHtml } from './url';

/** Options of the HTML sink. */
export interface HtmlSinkOptions {
  /** Tags kept (default: formatting, lists, tables, links, code; no images unless `imageHosts`). */
  allowedTags?: readonly string[];
  /** Link schemes kept in `href` (default `http`, `https`, `mailto`; relative links are kept). */
  linkSchemes?: readonly string[];
  /** Hosts images may load from (default none: `<img>` is dropped, its alt text kept). */
  imageHosts?: readonly string[];
}

/** What the sanitizer removed, by kind (for findings). */
export interface SinkStats {
  /** Script-like elements dropped with their content (`script`, `style`, `iframe`, `svg`...). */
  elements: number;
  /** Other tags dropped (unknown or not allowed; their text is kept). */
  tags: number;
  /** Attributes dropped (`on*` handlers, `style`, unknown). */
  attributes: number;
  /** Links whose URL was refused (`javascript:`, `data:`...). */
  links: number;
  /** Images removed (not from an allowed host). */
  images: number;
}

/** Tags kept by default. */
export const DEFAULT_HTML_TAGS: readonly string[] = Object.freeze(
  'a abbr b blockquote br caption code dd del details div dl dt em figcaption figure h1 h2 h3 h4 h5 h6 hr i kbd li mark ol p pre q s samp small span strong sub summary sup table tbody td tfoot th thead tr u ul'.split(
    ' ',
  ),
);

// Elements dropped together with their content (raw text, foreign content, plugins, frames, forms' text areas).
const DROP_WITH_CONTENT = new Set(
  'script style iframe frame frameset noscript noembed noframes xmp plaintext textarea title template svg math object embed applet select option'.split(
    ' ',
  ),
);
const VOID = new Set(['br', 'hr', 'img', 'wbr']);
const ATTRS: Readonly<Record<string, readonly string[]>> = {
  '*': ['title', 'lang', 'dir'],
  a: ['href'],
  img: ['src', 'alt', 'width', 'height'],
  td: ['colspan', 'rowspan'],
  th: ['colspan', 'rowspan', 'scope'],
  ol: ['start', 'reversed'],
  code: ['class'],
  details: ['open'],
};

/**
 * Sanitize `html` for insertion as HTML.
 * @internal
 */
export function sanitizeHtml(html: string, options: HtmlSinkOptions = {}): { text: string; stats: SinkStats } {
  const allowed = new Set((options.allowedTags ?? DEFAULT_HTML_TAGS).map((t) => t.toLowerCase()));
  if (options.imageHosts && options.imageHosts.length > 0) allowed.add('img');
  const linkSchemes = new Set((options.linkSchemes ?? ['http', 'https', 'mailto']).map((s) => s.toLowerCase()));
  const imageHosts = (options.imageHosts ?? []).map((h) => h.toLowerCase());
  const stats: SinkStats = { elements: 0, tags: 0, attributes: 0, links: 0, images: 0 };
  const stack: string[] = [];
  let out = '';
  let i = 0;
  const n = html.length;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      out += escapeText(html.slice(i));
      break;
    }
    out += escapeText(html.slice(i, lt));
    i = lt;
    if (html.startsWith('<!--', i)) {
      const end = html.indexOf('-->', i + 4);
      i = end < 0 ? n : end + 3;
      stats.tags++;
      continue;
    }
    const next = html.charCodeAt(i + 1);
    // '<' not followed by a letter, '/', '!' or '?' is text (the common case of a stray '<').
    if (!((next | 32) >= 97 && (next | 32) <= 122) && next !== 47 && next !== 33 && next !== 63) {
      out += '&lt;';
      i++;
      continue;
    }
    const tag = parseTag(html, i);
    if (!tag) {
      if (/^<[!?/]/.test(html.slice(i, i + 2))) {
        // Declarations, processing instructions, bogus end tags: dropped up to the next '>'.
        const end = html.indexOf('>', i + 2);
        i = end < 0 ? n : end + 1;
        stats.tags++;
      } else {
        out += '&lt;';
        i++;
      }
      continue;
    }
    i = tag.end;
    if (tag.unterminated) {
      stats.tags++;
      break;
    }
    const name = tag.name;
    if (tag.closing) {
      const at = stack.lastIndexOf(name);
      if (at < 0) {
        if (!allowed.has(name)) stats.tags++;
        continue;
      }
      while (stack.length > at) out += `</${stack.pop()}>`;
      continue;
    }
    if (DROP_WITH_CONTENT.has(name)) {
      stats.elements++;
      if (!tag.selfClosing) i = skipElement(html, i, name);
      continue;
    }
    if (!allowed.has(name)) {
      stats.tags++;
      continue;
    }
    const kept: string[] = [];
    let dropped = false;
    for (const [rawName, rawValue] of tag.attrs) {
      const a = rawName.toLowerCase();
      if (!(ATTRS['*'] as readonly string[]).includes(a) && !(ATTRS[name] ?? []).includes(a)) {
        stats.attributes++;
        continue;
      }
      const value = decodeEntities(rawValue);
      if (a === 'href') {
        if (!checkUrl(value, linkSchemes).ok) {
          stats.links++;
          continue;
        }
      } else if (a === 'src') {
        if (!checkUrl(value, new Set(['https', 'http']), { hosts: imageHosts, relative: false }).ok) {
          dropped = true;
          continue;
        }
      } else if (a === 'class' && !/^language-[\w-]{1,32}$/.test(value)) {
        stats.attributes++;
        continue;
      } else if (
        (a === 'colspan' || a === 'rowspan' || a === 'start' || a === 'width' || a === 'height') &&
        !/^\d{1,5}$/.test(value)
      ) {
        stats.attributes++;
        continue;
      }
      kept.push(` ${a}="${escapeHtml(value)}"`);
    }
    if (name === 'img' && (dropped || !kept.some((k) => k.startsWith(' src=')))) {
      stats.images++;
      const alt = tag.attrs.find(([k]) => k.toLowerCase() === 'alt');
      if (alt) out += escapeHtml(decodeEntities(alt[1]));
      continue;
    }
    if (name === 'a') kept.push(' rel="noopener noreferrer nofollow"');
    out += `<${name}${kept.join('')}>`;
    if (!VOID.has(name)) stack.push(name);
  }
  while (stack.length > 0) out += `</${stack.pop()}>`;
  return { text: out, stats };
}

/** Escape `<` and `>` and bare `&` of a text run; well-formed character references stay as they are. */
function escapeText(s: string): string {
  return s
    .replace(/&(?!#[xX][0-9a-fA-F]{1,8};|#\d{1,10};|[A-Za-z][A-Za-z0-9]{1,31};)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

interface Tag {
  name: string;
  closing: boolean;
  selfClosing: boolean;
  attrs: [string, string][];
  end: number;
  /** The tag never closes: the rest of the text is dropped, as a browser does. */
  unterminated?: boolean;
}

/**
 * Parse a start or end tag at `at` ('<' then a letter, or '</' then a letter), as a browser's tokenizer
 * does: the tag runs to the first '>' outside quoted values. Undefined when no letter follows; `end` is
 * the text length when the tag never closes (a browser drops such a tag; so does the sanitizer).
 */
function parseTag(s: string, at: number): Tag | undefined {
  let i = at + 1;
  const closing = s[i] === '/';
  if (closing) i++;
  const nameMatch = /^[A-Za-z][^\s/>]{0,63}/.exec(s.slice(i, i + 64));
  if (!nameMatch) return undefined;
  const name = nameMatch[0].toLowerCase();
  i += nameMatch[0].length;
  while (i < s.length && !/[\s/>]/.test(s[i] as string)) i++; // rest of an over-long name
  const attrs: [string, string][] = [];
  let selfClosing = false;
  const n = s.length;
  while (i < n) {
    const c = s[i] as string;
    if (c === '>') return { name, closing, selfClosing, attrs: attrs.slice(0, 64), end: i + 1 };
    if (/\s/.test(c) || c === '/') {
      selfClosing = c === '/' && s[i + 1] === '>';
      i++;
      continue;
    }
    let j = i + 1; // a name may start with '=' or a quote, as in browsers
    while (j < n && !/[\s/>=]/.test(s[j] as string)) j++;
    const attrName = s.slice(i, j);
    i = j;
    while (i < n && /\s/.test(s[i] as string)) i++;
    let value = '';
    if (s[i] === '=') {
      i++;
      while (i < n && /\s/.test(s[i] as string)) i++;
      const q = s[i];
      if (q === '"' || q === "'") {
        const close = s.indexOf(q, i + 1);
        if (close < 0) break;
        value = s.slice(i + 1, close);
        i = close + 1;
      } else {
        let k = i;
        while (k < n && !/[\s>]/.test(s[k] as string)) k++;
        value = s.slice(i, k);
        i = k;
      }
    }
    if (attrs.length < 256) attrs.push([attrName, value]);
  }
  return { name, closing, selfClosing, attrs: [], end: n, unterminated: true };
}

/** Offset just after the end tag of `name` (content dropped), or the end of the text. */
function skipElement(s: string, from: number, name: string): number {
  const re = new RegExp(`</${name}(?=[\\s/>])[^>]{0,1024}>`, 'gi');
  re.lastIndex = from;
  const m = re.exec(s);
  return m ? m.index + m[0].length : s.length;
}
