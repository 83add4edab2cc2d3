/**
 * Built-in roles for model endpoints. Each is scoped to the caller's own tenant (resources without a
 * tenant are shared). The consumer role explicitly denies downloading model files and reading
 * training code, so holding it alongside a broader role still never grants those two actions:
 * explicit deny wins.
 */
import type { Condition, Role } from './types';

/** Holds when the resource has no tenant or belongs to the caller's tenant. */
export const SAME_TENANT: Condition = /* @__PURE__ */ Object.freeze({
  any: [
    { attribute: 'resource.tenant', operator: 'notExists' },
    { attribute: 'resource.tenant', operator: 'equals', value: { ref: 'principal.tenant' } },
  ],
}) as Condition;

const same = [SAME_TENANT];

/**
 * The built-in roles, by name.
 *
 * | role | may | never |
 * | --- | --- | --- |
 * | `ML Model Consumer` | `model:read`, `endpoint:invoke` | `model:download`, `training-code:read` (explicit deny) |
 * | `ML Model Developer` | read, invoke, download, fine-tune, write versions, read training code | deploy |
 * | `ML Model Deployer` | read, invoke, deploy | |
 * | `ML Model Auditor` | `model:read`, `audit:read` | |
 * | `ML Model Admin` | every action in its tenant | |
 *
 * @example
 * ```ts
 * const policy = createPolicy({ roles: Object.values(BUILT_IN_ROLES), bindings: [] });
 * ```
 */
export const BUILT_IN_ROLES: Readonly<Record<string, Role>> = /* @__PURE__ */ Object.freeze({
  'ML Model Consumer': {
    name: 'ML Model Consumer',
    description: 'Reads model metadata and calls the inference endpoint; never gets weights or training code.',
    statements: [
      { id: 'consume', effect: 'allow', actions: ['model:read', 'endpoint:invoke'], conditions: same },
      { id: 'no-exfiltration', effect: 'deny', actions: ['model:download', 'training-code:read'] },
    ],
  },
  'ML Model Developer': {
    name: 'ML Model Developer',
    description: 'Builds models: reads, downloads, fine-tunes and versions them, reads training code.',
    statements: [
      {
        id: 'develop',
        effect: 'allow',
        actions: [
          'model:read',
          'model:download',
          'model:finetune',
          'model:version:write',
          'endpoint:invoke',
          'training-code:read',
        ],
        conditions: same,
      },
    ],
  },
  'ML Model Deployer': {
    name: 'ML Model Deployer',
    description: 'Ships models: reads and deploys them and calls the endpoint to check a deployment.',
    statements: [
      { id: 'deploy', effect: 'allow', actions: ['model:read', 'model:deploy', 'endpoint:invoke'], conditions: same },
    ],
  },
  'ML Model Auditor': {
    name: 'ML Model Auditor',
    description: 'Reviews: reads model metadata and the audit log.',
    statements: [{ id: 'audit', effect: 'allow', actions: ['model:read', 'audit:read'], conditions: same }],
  },
  'ML Model Admin': {
    name: 'ML Model Admin',
    description: 'Every action on the models of its own tenant.',
    statements: [{ id: 'admin', effect: 'allow', actions: ['*'], conditions: same }],
  },
});
