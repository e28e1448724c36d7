/**
 * # rbacExecAttach
 *
 * Roles and ClusterRoles should not let their subjects run commands in, attach to or forward
 * ports of running pods: that is a shell inside the workload, with its service account token,
 * its secrets and its network access, past every admission control.
 *
 * Reads, on every `Role` and `ClusterRole` (`rbac.authorization.k8s.io`):
 * - `rules[].apiGroups`: `""` (the core group) or `*`
 * - `rules[].resources`: `pods/exec`, `pods/attach`, `pods/portforward`, `*` followed by one of
 *   the subresources (`/exec`: every resource's exec), or `*`
 * - `rules[].verbs`: `create`, `get` or `*` (`kubectl exec` over SPDY is a POST, authorized as
 *   `create`; a WebSocket connection is a GET, which API server versions without the newer
 *   create check authorize as `get`)
 *
 * Allowed values: no PolicyRule grants one of those verbs on those subresources. `resourceNames`
 * do not make a rule compliant.
 *
 * Parameters:
 * - `allowedRoles`: names of Roles and ClusterRoles that may exec into pods (a name, or a prefix
 *   ending in `*`). Default: none.
 *
 * @see https://github.com/cdk8s-guard/cdk8s-guard/blob/main/RULES.md#rbacexecattach
 * @internal
 */
import { NSA, ruleDocUrl, validatePatternParams } from './_common';
import { ALLOWED_ROLES_PARAM, checkRole, describeGrants, PATTERN_EXAMPLE, Permission, PolicyRuleCheck } from './_rbac';
import { defineRule } from '../../engine/rule';
import { Severity } from '../../engine/types';

const EXEC_ATTACH: readonly Permission[] = [
  { groups: [''], resources: ['pods/exec', 'pods/attach', 'pods/portforward'], verbs: ['create', 'get'] },
];

/** The check of one PolicyRule, shared with `workloadPrivileges`. @internal */
export const EXEC_ATTACH_CHECK: PolicyRuleCheck = {
  ruleId: 'rbacExecAttach',
  describe: rule => {
    const granted = describeGrants(rule, EXEC_ATTACH);
    return granted === undefined ? undefined : `grants ${granted}`;
  },
};

export const rbacExecAttach = defineRule({
  id: 'rbacExecAttach',
  scope: 'manifest',
  defaultSeverity: Severity.WARNING,
  description: 'Roles and ClusterRoles should not grant create or get on pods/exec, pods/attach or pods/portforward.',
  message: 'RBAC rule grants exec, attach or port-forward into pods',
  fix: 'remove pods/exec, pods/attach and pods/portforward from the role; give break-glass access through a separate, audited role',
  helpUri: ruleDocUrl('rbacExecAttach'),
  nsa: [NSA.rbac],
  params: [ALLOWED_ROLES_PARAM],
  validateParams: params => validatePatternParams(params, ['allowedRoles'], PATTERN_EXAMPLE),
  checkManifest: ctx => checkRole(ctx, EXEC_ATTACH_CHECK),
});
