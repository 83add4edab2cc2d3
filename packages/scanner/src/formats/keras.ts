/**
 * Keras model configs (`config.json` in `.keras` zips, the `model_config` attribute of legacy HDF5
 * files): an iterative, bounded walk of the JSON that flags `Lambda` layers (marshalled Python
 * bytecode, modelscan's rule), `TFOpLambda`, and every `module`/`class_name` or function reference
 * that Keras 3 imports while deserializing, classified with the pickle allow/deny lists
 * (`{"module": "builtins", "class_name": "function", "config": "eval"}` is `builtins.eval`).
 */
import type { ScanContext } from '../context';
import { classifyGlobal } from '../pickle/classify';
import { printable } from '../report';

const CODE_LAYERS = new Set(['Lambda', 'TFOpLambda', 'SlicingOpLambda']);
const KERAS_MODULES = /^(keras|tf_keras|tensorflow|keras_nlp|keras_cv|keras_hub)(\.|$)/;
const MAX_NODES = 5_000_000;

/**
 * Scan a Keras JSON config (bytes or text).
 *
 * @example
 * ```ts
 * scanKerasConfig(ctx, new TextEncoder().encode(json), 'config.json');
 * ```
 */
export function scanKerasConfig(ctx: ScanContext, data: Uint8Array | string, member: string): void {
  const r = ctx.report;
  let root: unknown;
  try {
    root = JSON.parse(typeof data === 'string' ? data : new TextDecoder('utf-8', { fatal: true }).decode(data));
  } catch {
    r.add(member, 'keras-config', 'invalid_json', 'suspicious', 'medium', 'Keras config is not valid JSON');
    return;
  }
  const stack: unknown[] = [root];
  let seen = 0;
  let lambdas = 0;
  const imports = new Set<string>();
  while (stack.length > 0) {
    if (++seen > MAX_NODES) {
      r.add(member, 'keras-config', 'too_large', 'suspicious', 'medium', 'Keras config has too many nodes to walk');
      break;
    }
    const v = stack.pop();
    if (Array.isArray(v)) {
      for (const x of v) if (typeof x === 'object' && x !== null) stack.push(x);
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    const o = v as Record<string, unknown>;
    const cls = o.class_name;
    if (typeof cls === 'string' && CODE_LAYERS.has(cls)) lambdas++;
    else if (o.function_type === 'lambda' || Array.isArray(o.function)) lambdas++;
    const mod = o.module;
    if (typeof mod === 'string' && typeof cls === 'string' && !KERAS_MODULES.test(mod)) {
      const name = cls === 'function' && typeof o.config === 'string' ? o.config : cls;
      imports.add(`${mod}\n${name}`);
    }
    for (const x of Object.values(o)) if (typeof x === 'object' && x !== null) stack.push(x);
  }
  if (lambdas > 0) {
    r.add(
      member,
      'keras-lambda',
      'dangerous_code',
      'dangerous',
      'high',
      `${lambdas} Lambda layer(s) or serialized Python function(s): code runs when the model loads`,
    );
  }
  for (const key of imports) {
    const [m, n] = key.split('\n') as [string, string];
    const c = classifyGlobal(m, n);
    if (c.safety === 'innocuous') continue;
    r.add(
      member,
      'keras-import',
      c.safety === 'dangerous' ? 'dangerous_code' : 'policy_violation',
      c.safety,
      c.severity,
      `Keras config imports ${c.safety} object ${printable(m)}.${printable(n)}`,
    );
  }
}
