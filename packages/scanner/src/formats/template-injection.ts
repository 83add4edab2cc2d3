/**
 * Jinja2 server-side template injection patterns in model chat templates (GGUF
 * `tokenizer.chat_template`, `tokenizer_config.json`): Python object-graph walks (`__class__`,
 * `__mro__`, `__subclasses__`, `__globals__`, `__builtins__`), imports and OS access, and the
 * escaped/filtered spellings used to dodge naive filters. Plain literal alternations: linear time.
 */
import type { ErrorCode, Severity } from '@modelsec/core';
import type { FindingLevel } from '../types';

/** One template finding. */
export interface TemplateFinding {
  code: ErrorCode;
  level: FindingLevel;
  severity: Severity;
  message: string;
}

const DANGEROUS =
  /__(?:class|mro|subclasses|globals|builtins|import|init|base|bases|code|func_globals|getattribute|reduce|reduce_ex)__|\bos\.(?:system|popen)|\bsubprocess\b|\b(?:eval|exec)\s*\(|\bimport_module\b|\blipsum\b|\bcycler\b|\bjoiner\b|\burl_for\b|\bget_flashed_messages\b|\brequest\.application\b|\bconfig\.items\b/g;
const SUSPICIOUS =
  /\|\s*attr\s*\(|\\x5f|\\u005f|\\137|\{%-?\s*(?:import|from|include|extends)\b|\bself\._|\|\s*(?:map|selectattr)\s*\(\s*['"]__/g;

/**
 * Findings for one chat template.
 *
 * @example
 * ```ts
 * templateFindings("{{ ''.__class__.__mro__[1].__subclasses__() }}")[0].level; // 'dangerous'
 * ```
 */
export function templateFindings(template: string): TemplateFinding[] {
  const out: TemplateFinding[] = [];
  const d = new Set<string>();
  for (const m of template.matchAll(DANGEROUS)) {
    if (d.size >= 8) break;
    d.add(m[0].replace(/\s+/g, ''));
  }
  if (d.size) {
    out.push({
      code: 'dangerous_code',
      level: 'dangerous',
      severity: 'critical',
      message: `template reaches Python internals (${[...d].join(', ')}): server-side template injection`,
    });
  }
  const s = new Set<string>();
  for (const m of template.matchAll(SUSPICIOUS)) {
    if (s.size >= 8) break;
    s.add(m[0].replace(/\s+/g, ''));
  }
  if (s.size) {
    out.push({
      code: 'policy_violation',
      level: 'suspicious',
      severity: 'medium',
      message: `template uses constructs seen in injection payloads (${[...s].join(', ')})`,
    });
  }
  return out;
}
