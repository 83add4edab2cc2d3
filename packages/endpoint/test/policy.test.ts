import { AccessError, ConfigError } from '@modelsec/core';
import {
  ACTIONS,
  type Binding,
  BUILT_IN_ROLES,
  type Condition,
  createPolicy,
  explainDecision,
  globMatch,
  PRINCIPAL_TENANT,
  type Principal,
  type Resource,
  type Role,
} from '@modelsec/endpoint';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';

// Every built-in role × every action: the expected decision, written out by hand.
const T = true;
const F = false;
const TABLE: Record<string, Record<(typeof ACTIONS)[number], boolean>> = {
  'ML Model Consumer': {
    'audit:read': F,
    'endpoint:invoke': T,
    'model:deploy': F,
    'model:download': F,
    'model:finetune': F,
    'model:read': T,
    'model:version:write': F,
    'training-code:read': F,
  },
  'ML Model Developer': {
    'audit:read': F,
    'endpoint:invoke': T,
    'model:deploy': F,
    'model:download': T,
    'model:finetune': T,
    'model:read': T,
    'model:version:write': T,
    'training-code:read': T,
  },
  'ML Model Deployer': {
    'audit:read': F,
    'endpoint:invoke': T,
    'model:deploy': T,
    'model:download': F,
    'model:finetune': F,
    'model:read': T,
    'model:version:write': F,
    'training-code:read': F,
  },
  'ML Model Auditor': {
    'audit:read': T,
    'endpoint:invoke': F,
    'model:deploy': F,
    'model:download': F,
    'model:finetune': F,
    'model:read': T,
    'model:version:write': F,
    'training-code:read': F,
  },
  'ML Model Admin': {
    'audit:read': T,
    'endpoint:invoke': T,
    'model:deploy': T,
    'model:download': T,
    'model:finetune': T,
    'model:read': T,
    'model:version:write': T,
    'training-code:read': T,
  },
};

const policy = createPolicy();
const resource: Resource = { model: 'mnist', version: '3', tenant: 'acme' };

describe('built-in roles × actions', () => {
  test('the table covers every built-in role and action', () => {
    expect(Object.keys(TABLE).sort()).toEqual(Object.keys(BUILT_IN_ROLES).sort());
    for (const row of Object.values(TABLE)) expect(Object.keys(row).sort()).toEqual([...ACTIONS].sort());
  });
  const cases = Object.entries(TABLE).flatMap(([role, row]) =>
    Object.entries(row).map(([action, allowed]) => ({ role, action, allowed })),
  );
  test.each(cases)('$role → $action = $allowed', ({ role, action, allowed }) => {
    const me: Principal = { id: 'u1', roles: [role], tenant: 'acme' };
    // granted through a token claim
    expect(policy.authorize(me, action, resource).allowed).toBe(allowed);
    // the same role granted through a binding
    const bound = createPolicy({ bindings: [{ role, subjects: ['u1'] }] });
    expect(bound.authorize({ ...me, roles: [] }, action, resource).allowed).toBe(allowed);
    // never across tenants
    expect(policy.authorize({ ...me, tenant: 'other' }, action, resource).allowed).toBe(false);
    expect(policy.authorize({ ...me, tenant: undefined }, action, resource).allowed).toBe(false);
    // nobody without a role
    expect(policy.authorize({ ...me, roles: [] }, action, resource).reason).toBe('default-deny');
  });
});

describe('decisions', () => {
  const alice: Principal = { id: 'alice', roles: ['ML Model Consumer'], tenant: 'acme' };

  test('explicit deny wins over another role that allows', () => {
    const both = { ...alice, roles: ['ML Model Consumer', 'ML Model Developer'] };
    const d = policy.authorize(both, 'model:download', resource);
    expect(d).toMatchObject({ allowed: false, reason: 'explicit-deny' });
    expect(d.matched[0]).toMatchObject({ role: 'ML Model Consumer', id: 'no-exfiltration', effect: 'deny' });
    expect(policy.authorize(both, 'model:finetune', resource).allowed).toBe(true);
  });

  test('explain() names the deciding statement', () => {
    expect(policy.explain(alice, 'model:download', resource)).toBe(
      'DENY model:download for alice: explicitly denied by ML Model Consumer#no-exfiltration (via claim).',
    );
    expect(policy.explain(alice, 'endpoint:invoke', resource)).toBe(
      'ALLOW endpoint:invoke for alice: allowed by ML Model Consumer#consume (via claim).',
    );
    expect(policy.explain({ id: 'bob', roles: [] }, 'model:read', resource)).toBe(
      'DENY model:read for bob: no statement allows it (deny by default; no roles held).',
    );
    expect(explainDecision(policy.authorize(alice, 'model:deploy', resource))).toContain(
      'roles held: ML Model Consumer',
    );
  });

  test('explain() does not echo long or odd request values', () => {
    const text = policy.explain({ id: 'x'.repeat(500), roles: [] }, 'act<script>', resource);
    expect(text).not.toContain('<script>');
    expect(text).not.toContain('x'.repeat(100));
  });

  test('enforce() throws AccessError forbidden', () => {
    expect(() => policy.enforce(alice, 'training-code:read', resource)).toThrow(AccessError);
    try {
      policy.enforce(alice, 'training-code:read', resource);
    } catch (e) {
      expect((e as AccessError).code).toBe('forbidden');
      expect((e as AccessError).details).toEqual({ action: 'training-code:read', reason: 'explicit-deny' });
    }
    expect(policy.enforce(alice, 'model:read', resource).allowed).toBe(true);
  });

  test('bindings scoped to resources, role: and tenant: subjects', () => {
    const p = createPolicy({
      bindings: [
        { role: 'ML Model Consumer', subjects: ['carol'], resources: [{ model: 'mnist', version: '3' }] },
        { role: 'ML Model Deployer', subjects: ['role:release'] },
        { role: 'ML Model Auditor', subjects: ['tenant:acme'] },
      ],
    });
    const carol = { id: 'carol', roles: [], tenant: 'acme' };
    expect(p.authorize(carol, 'endpoint:invoke', resource).allowed).toBe(true);
    expect(p.authorize(carol, 'endpoint:invoke', { ...resource, version: '4' })).toMatchObject({ allowed: false });
    expect(p.authorize(carol, 'endpoint:invoke', { ...resource, model: 'other' }).allowed).toBe(false);
    const rel = { id: 'ci', roles: ['release'], tenant: 'acme' };
    expect(p.authorize(rel, 'model:deploy', resource).allowed).toBe(true);
    expect(p.authorize(rel, 'model:deploy', resource).matched[0]?.via).toBe('binding:role:release');
    expect(p.authorize({ id: 'z', roles: [], tenant: 'acme' }, 'audit:read', resource).allowed).toBe(true);
    expect(p.authorize({ id: 'z', roles: [], tenant: 'evil' }, 'audit:read', resource).allowed).toBe(false);
  });

  test('custom roles with resource globs and ABAC conditions', () => {
    const office: Condition = { attribute: 'context.hour', operator: 'lessThan', value: 18 };
    const p = createPolicy({
      builtInRoles: false,
      roles: [
        {
          name: 'night-shift',
          statements: [
            { effect: 'allow', actions: ['model:*'], resources: [{ model: 'fraud-*' }], conditions: [office] },
            {
              effect: 'deny',
              actions: ['model:download'],
              conditions: [{ not: { attribute: 'principal.attributes.clearance', operator: 'equals', value: 'high' } }],
            },
            {
              effect: 'allow',
              actions: ['endpoint:invoke'],
              resources: [{ tenant: PRINCIPAL_TENANT }],
            },
          ],
        },
      ],
      bindings: [{ role: 'night-shift', subjects: ['*'] }],
    });
    const dave: Principal = { id: 'dave', roles: [], tenant: 't1', attributes: { clearance: 'low' } };
    expect(p.authorize(dave, 'model:read', { model: 'fraud-v2' }, { hour: 9 }).allowed).toBe(true);
    expect(p.authorize(dave, 'model:read', { model: 'fraud-v2' }, { hour: 20 }).allowed).toBe(false);
    expect(p.authorize(dave, 'model:read', { model: 'mnist' }, { hour: 9 }).allowed).toBe(false);
    expect(p.authorize(dave, 'model:download', { model: 'fraud-v2' }, { hour: 9 }).reason).toBe('explicit-deny');
    const eve = { ...dave, attributes: { clearance: 'high' } };
    expect(p.authorize(eve, 'model:download', { model: 'fraud-v2' }, { hour: 9 }).allowed).toBe(true);
    expect(p.authorize(dave, 'endpoint:invoke', { tenant: 't1' }).allowed).toBe(true);
    expect(p.authorize(dave, 'endpoint:invoke', { tenant: 't2' }).allowed).toBe(false);
    expect(p.authorize(dave, 'endpoint:invoke', {}).allowed).toBe(false);
  });

  test('conditions never read the prototype chain', () => {
    const p = createPolicy({
      builtInRoles: false,
      roles: [
        {
          name: 'r',
          statements: [
            {
              effect: 'allow',
              actions: ['*'],
              conditions: [{ attribute: 'resource.constructor', operator: 'exists' }],
            },
          ],
        },
      ],
    });
    expect(p.authorize({ id: 'a', roles: ['r'] }, 'model:read', {}).allowed).toBe(false);
  });

  test('misconfiguration is a ConfigError at creation', () => {
    const bad: unknown[] = [
      { roles: [{ name: 'ML Model Admin', statements: [] }] },
      { roles: [{ name: 'x', statements: [{ effect: 'maybe', actions: ['*'] }] }] },
      { roles: [{ name: 'x', statements: [{ effect: 'allow', actions: [] }] }] },
      { roles: [{ name: 'x', statements: [{ effect: 'allow', actions: ['*'], resources: [{ owner: 'a' }] }] }] },
      {
        roles: [
          {
            name: 'x',
            statements: [{ effect: 'allow', actions: ['*'], conditions: [{ attribute: 'x', operator: 'equals' }] }],
          },
        ],
      },
      {
        roles: [
          {
            name: 'x',
            statements: [
              { effect: 'allow', actions: ['*'], conditions: [{ attribute: 'principal.id', operator: 'regex' }] },
            ],
          },
        ],
      },
      { bindings: [{ role: 'nope', subjects: ['a'] }] },
      { bindings: [{ role: 'ML Model Admin', subjects: [] }] },
    ];
    for (const options of bad) expect(() => createPolicy(options as never)).toThrow(ConfigError);
  });

  test('policies are isolated from later mutation of their inputs', () => {
    const role: Role = { name: 'r', statements: [{ effect: 'allow', actions: ['model:read'] }] };
    const p = createPolicy({ roles: [role], builtInRoles: false });
    (role.statements as unknown as { actions: string[] }[])[0]?.actions.push('*');
    expect(p.authorize({ id: 'a', roles: ['r'] }, 'model:deploy').allowed).toBe(false);
  });

  test('bad arguments are typed errors', () => {
    expect(() => policy.authorize(null as never, 'model:read')).toThrow(TypeError);
    expect(() => policy.authorize({ id: 'a', roles: 'admin' } as never, 'model:read')).toThrow(TypeError);
    expect(() => policy.authorize({ id: 'a', roles: [] }, 5 as never)).toThrow(TypeError);
  });
});

describe('globMatch', () => {
  test.each([
    ['*', '', true],
    ['model:*', 'model:version:write', true],
    ['model:*', 'model', false],
    ['*:read', 'training-code:read', true],
    ['a*b*c', 'axxbyyc', true],
    ['a*b*c', 'axxbyy', false],
    ['exact', 'exact', true],
    ['exact', 'exactly', false],
  ])('%s ~ %s = %s', (p, v, want) => expect(globMatch(p, v)).toBe(want));

  test('adversarial patterns stay fast (no backtracking blow-up)', () => {
    const value = 'a'.repeat(200_000);
    expect(globMatch('*a*a*a*a*a*b', value)).toBe(false);
  });
});

// A reference evaluator written independently and as plainly as possible, to cross-check the policy.
function reference(roles: Role[], bindings: Binding[], who: Principal, action: string, res: Resource): boolean {
  const glob = (p: string, v: string) =>
    new RegExp(
      `^${p
        .split('*')
        .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
      's',
    ).test(v);
  const resOk = (pats: Binding['resources']) =>
    !pats ||
    pats.some((pat) =>
      (['model', 'version', 'tenant'] as const).every(
        (k) => pat[k] === undefined || (typeof res[k] === 'string' && glob(pat[k] as string, res[k] as string)),
      ),
    );
  const held: { role: Role; scope: Binding['resources'] }[] = [];
  for (const name of who.roles) for (const r of roles) if (r.name === name) held.push({ role: r, scope: undefined });
  for (const b of bindings) {
    const hit = b.subjects.some(
      (s) => s === '*' || s === who.id || (s.startsWith('role:') && who.roles.includes(s.slice(5))),
    );
    if (hit) for (const r of roles) if (r.name === b.role) held.push({ role: r, scope: b.resources });
  }
  let allow = false;
  for (const { role, scope } of held) {
    if (!resOk(scope)) continue;
    for (const s of role.statements) {
      if (!s.actions.some((a) => glob(a, action)) || !resOk(s.resources)) continue;
      if (s.effect === 'deny') return false;
      allow = true;
    }
  }
  return allow;
}

describe('property: a random policy never grants what it does not state', () => {
  const names = ['r0', 'r1', 'r2', 'r3'];
  const actionArb = fc.constantFrom(...ACTIONS, 'custom:thing');
  const globArb = fc.oneof(actionArb, fc.constantFrom('*', 'model:*', '*:read', 'model:version:*'));
  const patArb = fc.record(
    { model: fc.constantFrom('mnist', 'm*', 'other', '*'), version: fc.constantFrom('1', '2', '*') },
    { requiredKeys: [] },
  );
  const stmtArb = fc.record(
    {
      effect: fc.constantFrom('allow' as const, 'deny' as const),
      actions: fc.array(globArb, { minLength: 1, maxLength: 3 }),
      resources: fc.array(patArb, { minLength: 1, maxLength: 2 }),
    },
    { requiredKeys: ['effect', 'actions'] },
  );
  const rolesArb = fc.tuple(
    ...names.map((name) => fc.array(stmtArb, { maxLength: 4 }).map((statements) => ({ name, statements }))),
  );
  const bindingArb = fc.record(
    {
      role: fc.constantFrom(...names),
      subjects: fc.array(fc.constantFrom('*', 'p1', 'p2', 'role:r0', 'role:r3'), { minLength: 1, maxLength: 2 }),
      resources: fc.array(patArb, { minLength: 1, maxLength: 2 }),
    },
    { requiredKeys: ['role', 'subjects'] },
  );
  const principalArb = fc.record({ id: fc.constantFrom('p1', 'p2', 'p3'), roles: fc.subarray(names) });
  const resArb = fc.record({ model: fc.constantFrom('mnist', 'other', 'mx'), version: fc.constantFrom('1', '2') });

  test('agrees with the reference evaluator, and every allow cites a stated allow', () => {
    fc.assert(
      fc.property(
        rolesArb,
        fc.array(bindingArb, { maxLength: 4 }),
        principalArb,
        actionArb,
        resArb,
        (roles, bindings, who, action, res) => {
          const p = createPolicy({ roles, bindings, builtInRoles: false });
          const d = p.authorize(who, action, res);
          expect(d.allowed).toBe(reference(roles, bindings, who, action, res));
          if (d.allowed) {
            expect(d.matched.length).toBeGreaterThan(0);
            for (const m of d.matched) {
              const s = roles.find((r) => r.name === m.role)?.statements[m.index];
              expect(s?.effect).toBe('allow');
              expect(s?.actions.some((a) => globMatch(a, action))).toBe(true);
            }
          }
          // Dropping every allow statement must leave nothing granted.
          const denyOnly = roles.map((r) => ({ ...r, statements: r.statements.filter((s) => s.effect === 'deny') }));
          expect(
            createPolicy({ roles: denyOnly, bindings, builtInRoles: false }).authorize(who, action, res).allowed,
          ).toBe(false);
        },
      ),
      { numRuns: 400 },
    );
  });
});
