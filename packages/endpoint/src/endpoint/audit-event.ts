/** The audit event `secureEndpoint()` writes for each request: who, what, from where, outcome. */
import { formatIp, tryParseIp } from '../net/ip';
import type { Principal, Resource } from '../policy/types';

/** Fields gathered while a request is processed. */
export interface RequestRecord {
  requestId: string;
  method: string;
  path: string;
  principal?: Principal;
  action?: string;
  resource?: Resource;
  ip?: string;
  status: number;
  code?: string;
  stage: string;
  /** A fail-open store admitted without counting. */
  degraded?: boolean;
  durationMs: number;
}

/** Build the audit event for a request record. */
export function requestAuditEvent(r: RequestRecord, ipMode: 'truncated' | 'full' | 'none'): Record<string, unknown> {
  const event: Record<string, unknown> = {
    type: 'request',
    requestId: r.requestId,
    method: r.method,
    path: r.path.length > 256 ? `${r.path.slice(0, 256)}…` : r.path,
    outcome: r.status < 400 ? 'allowed' : r.status >= 500 ? 'error' : 'denied',
    status: r.status,
    stage: r.stage,
    durationMs: Math.round(r.durationMs * 1000) / 1000,
  };
  if (r.code !== undefined) event.code = r.code;
  if (r.degraded) event.degraded = true;
  if (r.principal) {
    event.principal = r.principal.id;
    if (r.principal.via !== undefined) event.via = r.principal.via;
    if (r.principal.tenant !== undefined) event.tenant = r.principal.tenant;
  }
  if (r.action !== undefined) event.action = r.action;
  if (r.resource) {
    const res: Record<string, unknown> = {};
    for (const k of ['model', 'version', 'tenant'] as const)
      if (typeof r.resource[k] === 'string') res[k] = r.resource[k];
    event.resource = res;
  }
  if (r.ip !== undefined && ipMode !== 'none') event.ip = ipMode === 'full' ? r.ip : truncateIp(r.ip);
  return event;
}

/** IPv4 → /24 network, IPv6 → /48 network (pseudonymous but still useful for abuse analysis). */
export function truncateIp(text: string): string {
  const ip = tryParseIp(text);
  if (!ip) return 'invalid';
  const bytes = ip.bytes.slice();
  if (ip.version === 4) {
    bytes[3] = 0;
    return `${formatIp({ version: 4, bytes })}/24`;
  }
  bytes.fill(0, 6);
  return `${formatIp({ version: 6, bytes })}/48`;
}
