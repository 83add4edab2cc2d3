/**
 * Classify an imported Python global as innocuous, suspicious or dangerous from the list data in
 * `globals-data.ts`. Stricter than a plain (module, name) lookup: Python 2 module names are mapped
 * the way the unpickler maps them (`__builtin__` → `builtins`), every split of the dotted path is
 * checked (`GLOBAL builtins eval.__call__` resolves `eval` first), deny entries win over allow
 * entries, and `'*'` entries cover submodules.
 */
import type { Severity } from '@modelsec/core';
import type { SafetyLevel } from '../types';
import { GLOBAL_RULES, type GlobalRule } from './globals-data';

/** The classification of one global. */
export interface GlobalClass {
  /** Safety level (before strict mode). */
  safety: SafetyLevel;
  /** Severity of the worst matching entry (`low` when unknown, `info` when allowed). */
  severity: Severity;
  /** Sources of the matching entries. */
  sources: readonly string[];
}

// Python 2 → 3 module names applied by the unpickler with fix_imports (CPython Lib/_compat_pickle.py).
const IMPORT_MAPPING: Readonly<Record<string, string>> = {
  __builtin__: 'builtins',
  copy_reg: 'copyreg',
  Queue: 'queue',
  SocketServer: 'socketserver',
  ConfigParser: 'configparser',
  repr: 'reprlib',
  cPickle: 'pickle',
  commands: 'subprocess',
  httplib: 'http.client',
  urllib2: 'urllib.request',
  urlparse: 'urllib.parse',
  cookielib: 'http.cookiejar',
  Cookie: 'http.cookies',
  BaseHTTPServer: 'http.server',
  SimpleHTTPServer: 'http.server',
  CGIHTTPServer: 'http.server',
  xmlrpclib: 'xmlrpc.client',
  SimpleXMLRPCServer: 'xmlrpc.server',
  thread: '_thread',
  dummy_thread: '_dummy_thread',
  exceptions: 'builtins',
  StringIO: 'io',
  cStringIO: 'io',
  UserDict: 'collections',
  UserList: 'collections',
  UserString: 'collections',
  robotparser: 'urllib.robotparser',
  HTMLParser: 'html.parser',
  markupbase: '_markupbase',
};
const NAME_MAPPING: Readonly<Record<string, readonly [string, string]>> = {
  '__builtin__ reduce': ['functools', 'reduce'],
  '__builtin__ intern': ['sys', 'intern'],
  '__builtin__ execfile': ['builtins', 'exec'],
  'itertools imap': ['builtins', 'map'],
  'itertools izip': ['builtins', 'zip'],
  'itertools ifilter': ['builtins', 'filter'],
};

const RANK: Readonly<Record<Severity, number>> = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };

interface Index {
  deny: Map<string, GlobalRule[]>;
  allow: Map<string, GlobalRule[]>;
}
let index: Index | undefined;
function getIndex(): Index {
  if (index) return index;
  const deny = new Map<string, GlobalRule[]>();
  const allow = new Map<string, GlobalRule[]>();
  for (const rule of GLOBAL_RULES) {
    const target = rule.level === 'innocuous' ? allow : deny;
    const list = target.get(rule.module) ?? [];
    list.push(rule);
    target.set(rule.module, list);
  }
  index = { deny, allow };
  return index;
}

const cache = new Map<string, GlobalClass>();
const CACHE_MAX = 4096;

/**
 * Classify `module.name` (as written in the pickle). Strict mode is applied by the caller.
 *
 * @example
 * ```ts
 * classifyGlobal('__builtin__', 'eval').safety; // 'dangerous'
 * classifyGlobal('collections', 'OrderedDict').safety; // 'innocuous'
 * classifyGlobal('mylib', 'Model').safety; // 'suspicious'
 * ```
 */
export function classifyGlobal(module: string, name: string): GlobalClass {
  const key = `${module}\n${name}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const result = compute(module, name);
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(key, result);
  return result;
}

function compute(module: string, name: string): GlobalClass {
  // picklescan: any 'unknown' part (an unresolvable STACK_GLOBAL operand) is dangerous.
  if (module.includes('unknown') || name.includes('unknown')) {
    return { safety: 'dangerous', severity: 'high', sources: ['picklescan'] };
  }
  const { deny, allow } = getIndex();
  const pairs: [string, string][] = [[module, name]];
  const mapped = NAME_MAPPING[`${module} ${name}`];
  if (mapped) pairs.push([mapped[0], mapped[1]]);
  const mappedModule = IMPORT_MAPPING[module] ?? IMPORT_MAPPING[module.split('.')[0] ?? ''];
  if (mappedModule && !IMPORT_MAPPING[module]) pairs.push([mappedModule + module.slice(module.indexOf('.')), name]);
  else if (mappedModule) pairs.push([mappedModule, name]);

  let worst: Severity | undefined;
  const sources = new Set<string>();
  for (const [m, n] of pairs) {
    const parts = `${m}.${n}`.split('.');
    const moduleDepth = m.split('.').length;
    // Every split point: module = parts[0..i), attribute path = parts[i..).
    for (let i = 1; i < parts.length; i++) {
      const mod = parts.slice(0, i).join('.');
      const rules = deny.get(mod);
      if (!rules) continue;
      const attr = parts.slice(i).join('.');
      for (const rule of rules) {
        if (!matches(rule, attr, i < moduleDepth)) continue;
        if (worst === undefined || RANK[rule.severity] > RANK[worst]) worst = rule.severity;
        for (const s of rule.sources) sources.add(s);
      }
    }
  }
  if (worst !== undefined) return { safety: 'dangerous', severity: worst, sources: [...sources] };
  for (const [m, n] of pairs) {
    const rules = allow.get(m);
    if (rules?.some((r) => r.names !== '*' && r.names.includes(n))) {
      const src = new Set<string>();
      for (const r of rules) if (r.names !== '*' && r.names.includes(n)) for (const s of r.sources) src.add(s);
      return { safety: 'innocuous', severity: 'info', sources: [...src] };
    }
  }
  return { safety: 'suspicious', severity: 'low', sources: [] };
}

/** `attr` is the rest of the dotted path after the rule's module; `submodule` when it starts inside the module path. */
function matches(rule: GlobalRule, attr: string, submodule: boolean): boolean {
  if (rule.names === '*') return true;
  if (submodule) return false;
  for (const n of rule.names) {
    if (attr === n || attr.startsWith(`${n}.`)) return true;
  }
  return false;
}
