/**
 * # rbacWildcard
 *
 * Roles and ClusterRoles must name the API groups, resources and verbs they grant. A `*` grants
 * everything of its kind, including resources and verbs added to the cluster later (custom
 * resources, new subresources).
 *
 * Reads, on every `Role` and `ClusterRole` (`rbac.authorization.k8s.io`):
 * - `rules[].apiGroups`, `rules[].resources`, `rules[].verbs`
 *
 * Allowed values: any entry other than exactly `*`. A `*` in `resourceNames` is not a wildcard
 * (Kubernetes matches resource names literally), and neither is a subresource entry made of `*`
 * and `/scale`, nor a `*` in `nonResourceURLs`. Each PolicyRule with a `*` is one violation, pointing at
 * every `*` it holds.
 *
 * Parameters:
 * - `allowedRoles`: names of Roles and ClusterRoles that may use wildcards (a name, or a prefix
 *   ending in `*`). Default: none.
 *
 * @see https://github.com/cdk8s-guard/cdk8s-guard/blob/main/RULES.md#rbacwildcard
 * @internal
 */
import { NSA, ruleDocUrl, validatePatternParams } from './_common';
import { ALLOWED_ROLES_PARAM, checkRole, PATTERN_EXAMPLE, PolicyRuleCheck, PolicyRuleView } from './_rbac';
import { appendPointer } from '../../engine/_pointer';
import { defineRule } from '../../engine/rule';
import { Severity } from '../../engine/types';

const FIELDS = ['apiGroups', 'resources', 'verbs'] as const;

/** The fields of a PolicyRule that hold a `*`. */
function wildcardFields(rule: PolicyRuleView): string[] {
  const fields: string[] = [];
  for (const field of FIELDS) if (rule[field].includes('*')) fields.push(field);
  return fields;
}

function joinAnd(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The check of one PolicyRule, shared with `workloadPrivileges`. @internal */
export const WILDCARD_CHECK: PolicyRuleCheck = {
  ruleId: 'rbacWildcard',
  describe: rule => {
    const fields = wildcardFields(rule);
    return fields.length === 0 ? undefined : `uses "*" in ${joinAnd(fields)}`;
  },
  paths: rule => {
    const paths: string[] = [];
    for (const field of FIELDS) {
      const values = rule[field];
      for (let i = 0; i < values.length; i++) if (values[i] === '*') paths.push(appendPointer(appendPointer(rule.path, field), i));
    }
    return paths;
  },
};

export const rbacWildcard = defineRule({
  id: 'rbacWildcard',
  scope: 'manifest',
  defaultSeverity: Severity.ERROR,
  description: 'Roles and ClusterRoles must not use "*" in apiGroups, resources or verbs.',
  message: 'wildcard in RBAC rule',
  fix: 'list the API groups, resources and verbs the role needs instead of "*"',
  helpUri: ruleDocUrl('rbacWildcard'),
  cis: ['5.1.3'],
  nsa: [NSA.rbac],
  params: [ALLOWED_ROLES_PARAM],
  validateParams: params => validatePatternParams(params, ['allowedRoles'], PATTERN_EXAMPLE),
  checkManifest: ctx => checkRole(ctx, WILDCARD_CHECK),
});
