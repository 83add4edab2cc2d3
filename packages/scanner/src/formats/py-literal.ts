/**
 * A parser for the Python literals in `.npy` headers (`{'descr': '<f4', 'fortran_order': False,
 * 'shape': (3, 4), }`): dicts, tuples, lists, strings, integers, True/False/None. Anything else
 * (names, calls, operators) is rejected, as `ast.literal_eval` would; depth and length are bounded.
 */

/** A parsed literal. */
export type PyLiteral = string | number | boolean | null | PyLiteral[] | { [key: string]: PyLiteral };

/**
 * Parse a Python literal; undefined when `text` is not one.
 *
 * @example
 * ```ts
 * parsePyLiteral("{'shape': (2,), 'descr': '<f8'}"); // { shape: [2], descr: '<f8' }
 * ```
 */
export function parsePyLiteral(text: string, maxDepth = 32): PyLiteral | undefined {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  };
  const fail = Symbol('fail');
  const value = (depth: number): PyLiteral | typeof fail => {
    if (depth > maxDepth) return fail;
    ws();
    const c = text[i];
    if (c === '{' || c === '(' || c === '[') {
      const close = c === '{' ? '}' : c === '(' ? ')' : ']';
      i++;
      const items: PyLiteral[] = [];
      const obj: Record<string, PyLiteral> = {};
      for (;;) {
        ws();
        if (text[i] === close) {
          i++;
          break;
        }
        const v = value(depth + 1);
        if (v === fail) return fail;
        ws();
        if (c === '{') {
          if (typeof v !== 'string' || text[i] !== ':') return fail;
          i++;
          const w = value(depth + 1);
          if (w === fail) return fail;
          obj[v] = w;
          ws();
        } else items.push(v);
        if (text[i] === ',') i++;
        else if (text[i] !== close) return fail;
      }
      return c === '{' ? obj : items;
    }
    if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      if (end < 0) return fail;
      const s = text.slice(i + 1, end);
      if (s.includes('\\')) return fail;
      i = end + 1;
      return s;
    }
    const m = /^(-?\d+|True|False|None)/.exec(text.slice(i, i + 32));
    if (!m) return fail;
    i += (m[0] as string).length;
    return m[0] === 'True' ? true : m[0] === 'False' ? false : m[0] === 'None' ? null : Number(m[0]);
  };
  const v = value(0);
  ws();
  return v === fail || i !== text.length ? undefined : v;
}
