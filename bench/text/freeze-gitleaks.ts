/**
 * Freeze gitleaks' own rule examples as known-answer vectors for `detectSecrets`
 * (`packages/validators/test/vectors/secrets-gitleaks.json`).
 *
 * gitleaks (MIT) validates each rule of its default config with true positives (`tps`) and false
 * positives (`fps`) written in its Go rule files: literal strings, and samples its generator makes from a
 * pattern (`secrets.NewSecret("[a-z0-9]{32}")`), put into 27 code and config shapes by
 * `utils.GenerateSampleSecrets(identifier, secret)` ("{i}Token = \"{s}\"", "{i}_token: {s}", ...). This
 * script reads those files from a local checkout, evaluates that small subset of Go (string literals, `+`,
 * the `utils.*` pattern helpers, `secrets.NewSecret`, the two sample makers) and draws each pattern once
 * with a fixed seed. Statements it cannot evaluate are skipped and counted. Nothing of gitleaks' code is
 * copied: the vectors hold its example strings and the samples drawn from its patterns.
 *
 * Run: `node --import tsx text/freeze-gitleaks.ts <gitleaks git dir> <commit>` (from `bench/`), e.g. with
 * the checkout that `fetch github:gitleaks/gitleaks` brings.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const [gitDir, commit] = process.argv.slice(2);
if (!gitDir || !commit) throw new Error('usage: freeze-gitleaks.ts <gitleaks git dir> <commit>');
const git = (...args: string[]) =>
  execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });

// ------------------------------------------------------------------ seeded draws (mulberry32)
let seed = 0x5eed;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;

// ------------------------------------------------------------------ a sample of an RE2 pattern (the subset the rules use)
type Node =
  | { t: 'chars'; set: string[] }
  | { t: 'alt'; alts: Node[][] }
  | { t: 'rep'; node: Node; min: number; max: number };

class UnsupportedPattern extends Error {}

function parsePattern(src: string): Node[] {
  let i = 0;
  const escapeSet = (c: string): string[] => {
    if (c === 'd') return range('0', '9');
    if (c === 'w') return [...range('a', 'z'), ...range('A', 'Z'), ...range('0', '9'), '_'];
    if (c === 's') return [' '];
    if (/[A-Za-z]/.test(c)) throw new UnsupportedPattern(`\\${c}`);
    return [c];
  };
  const klass = (): string[] => {
    i++; // [
    if (src[i] === '^') throw new UnsupportedPattern('negated class');
    const out: string[] = [];
    while (src[i] !== ']') {
      let c = src[i++] as string;
      if (c === '\\') {
        out.push(...escapeSet(src[i++] as string));
        continue;
      }
      if (src[i] === '-' && src[i + 1] !== ']') {
        i++;
        let d = src[i++] as string;
        if (d === '\\') d = src[i++] as string;
        out.push(...range(c, d));
        c = '';
        continue;
      }
      out.push(c);
    }
    i++;
    return out;
  };
  const seq = (): Node[][] => {
    const alts: Node[][] = [[]];
    while (i < src.length && src[i] !== ')') {
      const c = src[i] as string;
      let node: Node;
      if (c === '|') {
        alts.push([]);
        i++;
        continue;
      }
      if (c === '(') {
        i++;
        if (src[i] === '?') {
          if (src[i + 1] !== ':') throw new UnsupportedPattern('group flags');
          i += 2;
        }
        const inner = seq();
        i++; // )
        node = { t: 'alt', alts: inner };
      } else if (c === '[') node = { t: 'chars', set: klass() };
      else if (c === '\\') {
        i++;
        node = { t: 'chars', set: escapeSet(src[i++] as string) };
      } else if (c === '^' || c === '$') {
        i++;
        continue;
      } else if (c === '.') throw new UnsupportedPattern('dot');
      else {
        i++;
        node = { t: 'chars', set: [c] };
      }
      // Quantifiers: the shortest draw of an open one stays near its minimum.
      const q = src[i];
      if (q === '{') {
        const close = src.indexOf('}', i);
        const [a, b] = src.slice(i + 1, close).split(',');
        const min = Number(a);
        const max = b === undefined ? min : b === '' ? min + 8 : Number(b);
        node = { t: 'rep', node, min, max };
        i = close + 1;
      } else if (q === '?' || q === '*' || q === '+') {
        node = { t: 'rep', node, min: q === '+' ? 1 : 0, max: q === '?' ? 1 : 4 };
        i++;
      }
      (alts[alts.length - 1] as Node[]).push(node);
    }
    return alts;
  };
  const top = seq();
  if (i !== src.length) throw new UnsupportedPattern('unbalanced');
  return [{ t: 'alt', alts: top }];
}

function range(a: string, b: string): string[] {
  const out: string[] = [];
  for (let c = a.charCodeAt(0); c <= b.charCodeAt(0); c++) out.push(String.fromCharCode(c));
  return out;
}

function draw(nodes: readonly Node[]): string {
  let s = '';
  for (const n of nodes) {
    if (n.t === 'chars') s += pick(n.set);
    else if (n.t === 'alt') s += draw(pick(n.alts));
    else {
      const k = n.min + Math.floor(random() * (n.max - n.min + 1));
      for (let j = 0; j < k; j++) s += draw([n.node]);
    }
  }
  return s;
}

// ------------------------------------------------------------------ the Go subset
type Tok = { k: 'str'; v: string } | { k: 'id'; v: string } | { k: 'p'; v: string };

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (/\s/.test(c)) i++;
    else if (src.startsWith('//', i)) i = src.indexOf('\n', i) < 0 ? src.length : src.indexOf('\n', i);
    else if (c === '`') {
      const j = src.indexOf('`', i + 1);
      out.push({ k: 'str', v: src.slice(i + 1, j) });
      i = j + 1;
    } else if (c === '"') {
      let j = i + 1;
      let v = '';
      while (src[j] !== '"') {
        if (src[j] === '\\') {
          const e = src[j + 1] as string;
          v += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e;
          j += 2;
        } else v += src[j++];
      }
      out.push({ k: 'str', v });
      i = j + 1;
    } else if (/[A-Za-z_]/.test(c)) {
      let j = i;
      while (/[A-Za-z0-9_.]/.test(src[j] as string)) j++;
      out.push({ k: 'id', v: src.slice(i, j) });
      i = j;
    } else if (src.startsWith('...', i)) {
      out.push({ k: 'p', v: '...' });
      i += 3;
    } else if (src.startsWith(':=', i)) {
      out.push({ k: 'p', v: ':=' });
      i += 2;
    } else {
      out.push({ k: 'p', v: c });
      i++;
    }
  }
  return out;
}

/**
 * A true positive: a literal example (`text`), one sample of `utils.GenerateSampleSecret` (`text` with the
 * span of its secret) or the samples of `utils.GenerateSampleSecrets` (`identifier` and `secret`, put into
 * each of the file's `shapes`).
 */
type Sample = { text: string; start?: number; end?: number } | { identifier: string; secret: string };

class Unsupported extends Error {}

/** The 27 shapes of `utils.GenerateSampleSecrets` ({i}: identifier, {I}: upper case, {s}: the secret). */
let shapes: string[] = [];

function sampleIn(shape: string, identifier: string, secret: string): Sample {
  const text = shape.replaceAll('{i}', identifier).replaceAll('{I}', identifier.toUpperCase());
  const at = text.indexOf('{s}');
  return { text: text.replace('{s}', secret), start: at, end: at + secret.length };
}

/** The number of texts a true positive stands for. */
const textsOf = (s: Sample): number => ('secret' in s ? shapes.length : 1);

class Parser {
  i = 0;
  constructor(readonly toks: Tok[]) {}
  peek(): Tok | undefined {
    return this.toks[this.i];
  }
  eat(v: string): void {
    const t = this.toks[this.i++];
    if (t?.v !== v) throw new Unsupported(`expected ${v}, got ${t?.v}`);
  }
  /** A string expression: terms joined by `+`. */
  str(): string {
    let s = this.term();
    while (this.peek()?.v === '+') {
      this.i++;
      s += this.term();
    }
    return s;
  }
  term(): string {
    const t = this.toks[this.i++];
    if (t === undefined) throw new Unsupported('end');
    if (t.k === 'str') return t.v;
    if (t.k !== 'id') throw new Unsupported(`term ${t.v}`);
    const helper = HELPERS[t.v];
    if (t.v === 'secrets.NewSecret') {
      this.eat('(');
      const pattern = this.str();
      this.eat(')');
      return draw(parsePattern(pattern));
    }
    if (helper !== undefined) {
      this.eat('(');
      const arg = this.peek()?.v === ')' ? '' : this.str();
      this.eat(')');
      return helper(arg);
    }
    throw new Unsupported(t.v);
  }
  /** A list expression: `[]string{...}`, a sample maker, `append(tps, ...)`. */
  list(): Sample[] {
    const t = this.peek();
    if (t?.v === '[') {
      this.eat('[');
      this.eat(']');
      this.eat('string');
      this.eat('{');
      const out: Sample[] = [];
      while (this.peek()?.v !== '}') {
        out.push(...this.element());
        if (this.peek()?.v === ',') this.i++;
      }
      this.eat('}');
      return out;
    }
    if (t?.v === 'append') {
      this.i++;
      this.eat('(');
      this.eat('tps');
      const out: Sample[] = [];
      while (this.peek()?.v === ',') {
        this.i++;
        if (this.peek()?.v === ')') break;
        out.push(...this.element());
        if (this.peek()?.v === '...') this.i++;
      }
      this.eat(')');
      return out;
    }
    return this.element();
  }
  element(): Sample[] {
    const t = this.peek();
    if (t?.v === 'utils.GenerateSampleSecrets' || t?.v === 'utils.GenerateSampleSecret') {
      this.i++;
      this.eat('(');
      const identifier = this.str();
      this.eat(',');
      const secret = this.str();
      this.eat(')');
      return t.v === 'utils.GenerateSampleSecret'
        ? [sampleIn('{i}_api_token = "{s}"', identifier, secret)]
        : [{ identifier, secret }];
    }
    const text = this.str();
    return [{ text }];
  }
}

const HELPERS: Record<string, (n: string) => string> = {
  'utils.Numeric': (n) => `[0-9]{${n}}`,
  'utils.Hex': (n) => `[a-f0-9]{${n}}`,
  'utils.AlphaNumeric': (n) => `[a-z0-9]{${n}}`,
  'utils.AlphaNumericExtendedShort': (n) => `[a-z0-9_-]{${n}}`,
  'utils.AlphaNumericExtended': (n) => `[a-z0-9=_\\-]{${n}}`,
  'utils.AlphaNumericExtendedLong': (n) => `[a-z0-9\\/=_\\+\\-]{${n}}`,
  'utils.Hex8_4_4_4_12': () => '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
};

// ------------------------------------------------------------------ read the rules
const generate = git('show', `${commit}:cmd/generate/config/utils/generate.go`);
{
  const body = generate.slice(generate.indexOf('samples := map[string]string{'));
  const block = body.slice(0, body.indexOf('\n\t}\n'));
  const toks = tokenize(block.slice(block.indexOf('{') + 1));
  // key: value pairs of string literals (or a value that joins literals with +).
  for (let k = 0; k < toks.length; k++) {
    if (toks[k]?.k === 'str' && toks[k + 1]?.v === ':') {
      const p = new Parser(toks);
      p.i = k + 2;
      shapes.push(p.str());
      k = p.i - 1;
    }
  }
  shapes = shapes.filter((s) => s.includes('{s}'));
}

const files = git('ls-tree', '--name-only', `${commit}`, 'cmd/generate/config/rules/')
  .split('\n')
  .filter((f) => f.endsWith('.go') && !f.endsWith('_test.go'));

interface RuleVectors {
  rule: string;
  file: string;
  /** gitleaks finds this rule's secrets only after one of its keywords (`utils.GenerateSemiGenericRegex`). */
  keyword: boolean;
  tps: Sample[];
  fps: string[];
}
const rules: RuleVectors[] = [];
const skipped: { rule: string; statement: string; why: string }[] = [];

for (const file of files) {
  const src = git('show', `${commit}:${file}`);
  const funcs = src.split(/\nfunc /).slice(1);
  for (const fn of funcs) {
    const id = /RuleID:\s*"([^"]+)"/.exec(fn)?.[1];
    if (!id || !/\*config\.Rule \{/.test(fn.slice(0, 200))) continue;
    const keyword = /Regex:\s*utils\.GenerateSemiGenericRegex/.test(fn);
    const v: RuleVectors = { rule: id, file: file.split('/').pop() as string, keyword, tps: [], fps: [] };
    // Each `tps := ...`, `tps = append(tps, ...)` and `fps := []string{...}` statement, on its own.
    const toks = tokenize(fn);
    for (let k = 0; k < toks.length; k++) {
      const name = toks[k]?.v;
      const op = toks[k + 1]?.v;
      if ((name !== 'tps' && name !== 'fps') || (op !== ':=' && op !== '=')) continue;
      const p = new Parser(toks);
      p.i = k + 2;
      const save = seed;
      try {
        const got = p.list();
        if (name === 'tps') v.tps.push(...got);
        else for (const s of got) if ('text' in s) v.fps.push(s.text);
        k = p.i - 1;
      } catch (e) {
        if (!(e instanceof Unsupported || e instanceof UnsupportedPattern)) throw e;
        seed = save;
        skipped.push({ rule: id, statement: `${name} ${op}`, why: e.message });
      }
    }
    if (v.tps.length > 0 || v.fps.length > 0) rules.push(v);
  }
}

const out = {
  source: {
    repository: 'https://github.com/gitleaks/gitleaks',
    commit,
    license: 'MIT (Copyright (c) 2019 Zachary Rice)',
    files: 'cmd/generate/config/rules/*.go (tps/fps), cmd/generate/config/utils/generate.go (sample shapes)',
    note: 'tps: literal examples as written in the rule files ({text}); samples of utils.GenerateSampleSecret ({text, start, end}: the span of the secret); samples of utils.GenerateSampleSecrets ({identifier, secret}: one text per entry of "shapes", {i} the identifier, {I} in upper case, {s} the secret). Secrets drawn once (seed 0x5eed) from the patterns the rules give secrets.NewSecret. Statements outside the evaluated Go subset are skipped (see "skipped").',
  },
  shapes,
  skipped,
  rules,
};
const target = fileURLToPath(new URL('../../packages/validators/test/vectors/secrets-gitleaks.json', import.meta.url));
writeFileSync(target, `${JSON.stringify(out, null, 1)}\n`);
const tps = rules.reduce((n, r) => n + r.tps.reduce((m, s) => m + textsOf(s), 0), 0);
const fps = rules.reduce((n, r) => n + r.fps.length, 0);
console.log(
  `${rules.length} rules, ${tps} tps, ${fps} fps, ${skipped.length} statements skipped, ${shapes.length} shapes`,
);
