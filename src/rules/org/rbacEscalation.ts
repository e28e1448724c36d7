/**
 * # rbacEscalation
 *
 * Roles and ClusterRoles must not grant the verbs that get around RBAC itself: `escalate`
 * (write a role with permissions one does not hold), `bind` (bind a role one does not hold),
 * `impersonate` (act as another user, group or service account), or `create` on
 * `serviceaccounts/token` (mint a token for any service account of the namespace).
 *
 * Reads, on every `Role` and `ClusterRole` (`rbac.authorization.k8s.io`), with `*` matching
 * as Kubernetes does:
 * - `escalate` or `bind` on `roles` or `clusterroles` of `rbac.authorization.k8s.io`
 * - `impersonate` on `users`, `groups` or `serviceaccounts` of the core group, or on `uids` of
 *   `authentication.k8s.io`
 * - `create` on `serviceaccounts/token` of the core group
 *
 * Allowed values: no PolicyRule grants one of them. `resourceNames` do not make a rule
 * compliant.
 *
 * Parameters:
 * - `allowedRoles`: names of Roles and ClusterRoles that may hold these verbs (a name, or a
 *   prefix ending in `*`). Default: none.
 *
 * @see https://github.com/cdk8s-guard/cdk8s-guard/blob/main/RULES.md#rbacescalation
 * @internal
 */
import { NSA, ruleDocUrl, validatePatternParams } from './_common';
import { ALLOWED_ROLES_PARAM, checkRole, describeGrants, PATTERN_EXAMPLE, Permission, PolicyRuleCheck, RBAC_GROUP } from './_rbac';
import { defineRule } from '../../engine/rule';
import { Severity } from '../../engine/types';

const ESCALATION: readonly Permission[] = [
  { groups: [RBAC_GROUP], resources: ['roles', 'clusterroles'], verbs: ['escalate', 'bind'] },
  { groups: [''], resources: ['users', 'groups', 'serviceaccounts'], verbs: ['impersonate'] },
  { groups: ['authentication.k8s.io'], resources: ['uids'], verbs: ['impersonate'] },
  { groups: [''], resources: ['serviceaccounts/token'], verbs: ['create'] },
];

/** The check of one PolicyRule, shared with `workloadPrivileges`. @internal */
export const ESCALATION_CHECK: PolicyRuleCheck = {
  ruleId: 'rbacEscalation',
  describe: rule => {
    const granted = describeGrants(rule, ESCALATION);
    return granted === undefined ? undefined : `grants ${granted}`;
  },
};

export const rbacEscalation = defineRule({
  id: 'rbacEscalation',
  scope: 'manifest',
  defaultSeverity: Severity.ERROR,
  description: 'Roles and ClusterRoles must not grant escalate, bind or impersonate, or create on serviceaccounts/token.',
  message: 'RBAC rule grants privilege escalation',
  fix: 'remove escalate, bind, impersonate and create on serviceaccounts/token from the role',
  helpUri: ruleDocUrl('rbacEscalation'),
  cis: ['5.1.8'],
  nsa: [NSA.rbac],
  params: [ALLOWED_ROLES_PARAM],
  validateParams: params => validatePatternParams(params, ['allowedRoles'], PATTERN_EXAMPLE),
  checkManifest: ctx => checkRole(ctx, ESCALATION_CHECK),
});
