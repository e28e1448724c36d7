/**
 * # rbacWorkloadCreate
 *
 * Roles and ClusterRoles should not let their subjects create pods, or workloads that create
 * pods: a new pod can mount any Secret and any service account of its namespace, so `create`
 * on pods is as good as reading them all.
 *
 * Reads, on every `Role` and `ClusterRole` (`rbac.authorization.k8s.io`):
 * - `rules[].apiGroups`: the API group of a pod-bearing kind, or `*`
 * - `rules[].resources`: the resource of a pod-bearing kind, or `*`
 * - `rules[].verbs`: `create` or `*`
 *
 * The pod-bearing kinds are the engine's own: Pod, ReplicationController, ReplicaSet,
 * Deployment, DaemonSet, StatefulSet, Job and CronJob, in the API groups the engine evaluates
 * them in (so `extensions` too for the older kinds). PodTemplate is left out: creating one
 * runs nothing. Each resource is the kind's plural (`deployments`).
 *
 * Allowed values: no PolicyRule grants `create` on one of them.
 *
 * Parameters:
 * - `allowedRoles`: names of Roles and ClusterRoles that may create workloads, e.g. a CD
 *   controller's (a name, or a prefix ending in `*`). Default: none.
 *
 * @see https://github.com/cdk8s-guard/cdk8s-guard/blob/main/RULES.md#rbacworkloadcreate
 * @internal
 */
import { NSA, ruleDocUrl, validatePatternParams } from './_common';
import { ALLOWED_ROLES_PARAM, checkRole, describeGrants, PATTERN_EXAMPLE, Permission, PolicyRuleCheck } from './_rbac';
import { BUILTIN_POD_KINDS } from '../../engine/pod-templates';
import { defineRule } from '../../engine/rule';
import { Severity } from '../../engine/types';

/** Kinds of the engine's table that run no pods when created. */
const NOT_RUNNING_PODS = ['PodTemplate'];

/** `create` on each pod-bearing kind, derived from the engine's table. */
const WORKLOAD_CREATE: readonly Permission[] = BUILTIN_POD_KINDS
  .filter(k => !NOT_RUNNING_PODS.includes(k.kind))
  .map(k => ({ groups: k.groups, resources: [`${k.kind.toLowerCase()}s`], verbs: ['create'] }));

/** The check of one PolicyRule, shared with `workloadPrivileges`. @internal */
export const WORKLOAD_CREATE_CHECK: PolicyRuleCheck = {
  ruleId: 'rbacWorkloadCreate',
  describe: rule => {
    const granted = describeGrants(rule, WORKLOAD_CREATE);
    return granted === undefined ? undefined : `grants ${granted}`;
  },
};

export const rbacWorkloadCreate = defineRule({
  id: 'rbacWorkloadCreate',
  scope: 'manifest',
  defaultSeverity: Severity.WARNING,
  description: 'Roles and ClusterRoles should not grant create on pods or on workloads that run pods.',
  message: 'RBAC rule grants create on pods or workloads',
  fix: 'remove create on pods and workload kinds from the role; let a deployment pipeline with its own identity create workloads',
  helpUri: ruleDocUrl('rbacWorkloadCreate'),
  cis: ['5.1.4'],
  nsa: [NSA.rbac],
  params: [ALLOWED_ROLES_PARAM],
  validateParams: params => validatePatternParams(params, ['allowedRoles'], PATTERN_EXAMPLE),
  checkManifest: ctx => checkRole(ctx, WORKLOAD_CREATE_CHECK),
});
