/**
 * # rbacSecretsAccess
 *
 * Roles and ClusterRoles should not let their subjects read Secrets: whoever can read a Secret
 * has the credential in it, and `list` or `watch` return every Secret of the namespace (or of the
 * cluster, for a ClusterRoleBinding) with its data.
 *
 * Reads, on every `Role` and `ClusterRole` (`rbac.authorization.k8s.io`):
 * - `rules[].apiGroups`: `""` (the core group) or `*`
 * - `rules[].resources`: `secrets` or `*`
 * - `rules[].verbs`: `get`, `list`, `watch` or `*`
 * - `rules[].resourceNames`, only to name them in the finding
 *
 * Allowed values: no PolicyRule grants one of those verbs on Secrets. A rule limited by
 * `resourceNames` still grants access to the Secrets it names, so it is reported too (with the
 * names); exempt the role if that access is intended.
 *
 * Parameters:
 * - `allowedRoles`: names of Roles and ClusterRoles that may read Secrets (a name, or a prefix
 *   ending in `*`). Default: none.
 *
 * @see https://github.com/cdk8s-guard/cdk8s-guard/blob/main/RULES.md#rbacsecretsaccess
 * @internal
 */
import { NSA, ruleDocUrl, validatePatternParams } from './_common';
import { ALLOWED_ROLES_PARAM, checkRole, describeGrants, PATTERN_EXAMPLE, Permission, PolicyRuleCheck } from './_rbac';
import { defineRule } from '../../engine/rule';
import { Severity } from '../../engine/types';

const SECRETS_READ: readonly Permission[] = [{ groups: [''], resources: ['secrets'], verbs: ['get', 'list', 'watch'] }];

/** The check of one PolicyRule, shared with `workloadPrivileges`. @internal */
export const SECRETS_ACCESS_CHECK: PolicyRuleCheck = {
  ruleId: 'rbacSecretsAccess',
  describe: rule => {
    const granted = describeGrants(rule, SECRETS_READ);
    return granted === undefined ? undefined : `grants ${granted}`;
  },
};

export const rbacSecretsAccess = defineRule({
  id: 'rbacSecretsAccess',
  scope: 'manifest',
  defaultSeverity: Severity.WARNING,
  description: 'Roles and ClusterRoles should not grant get, list or watch on Secrets.',
  message: 'RBAC rule grants read access to secrets',
  fix: 'remove get, list and watch on secrets from the role, or mount the one Secret the workload needs as a volume',
  helpUri: ruleDocUrl('rbacSecretsAccess'),
  cis: ['5.1.2'],
  nsa: [NSA.rbac, NSA.secrets],
  params: [ALLOWED_ROLES_PARAM],
  validateParams: params => validatePatternParams(params, ['allowedRoles'], PATTERN_EXAMPLE),
  checkManifest: ctx => checkRole(ctx, SECRETS_ACCESS_CHECK),
});
