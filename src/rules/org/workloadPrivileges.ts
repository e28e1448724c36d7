/**
 * # workloadPrivileges
 *
 * The privileges behind each workload: a pod that mounts its service account token can do
 * whatever that service account is allowed to do. A restricted pod whose service account can
 * read every Secret, create pods or exec into them is not least privilege. Tools that lint one
 * object at a time see the role, or the binding, but never the workload that uses it; this rule
 * joins them.
 *
 * This rule looks at the whole set of manifests evaluated together (one synth, or every file
 * given to the CLI). For every pod-bearing resource it resolves:
 * - its service account: `spec.serviceAccountName` of the pod template, else the deprecated
 *   `spec.serviceAccount`, else `default`, in the resource's `metadata.namespace`
 * - whether the token is mounted: the pod's `automountServiceAccountToken` when set, else the
 *   `automountServiceAccountToken` of the `ServiceAccount` in the inputs, else true; a
 *   `projected` volume with a `serviceAccountToken` source mounts a token whatever these say
 * - the `RoleBinding`s and `ClusterRoleBinding`s in the inputs whose `subjects` name it: a
 *   `ServiceAccount` subject with its name and namespace (a RoleBinding's subject without a
 *   namespace is in the binding's namespace), the `User` `system:serviceaccount:<ns>:<name>`, or
 *   the groups `system:serviceaccounts`, `system:serviceaccounts:<ns>` and
 *   `system:authenticated`
 * - the role of each binding (`roleRef`): a `Role` in the RoleBinding's own namespace (a
 *   RoleBinding only grants in its namespace, whatever the namespace of the account), or a
 *   `ClusterRole` by name. The built-in `cluster-admin` ClusterRole grants everything, whether or
 *   not the inputs hold it; other roles that are not in the inputs cannot be known and grant
 *   nothing here.
 *
 * Allowed values: no mounted token whose account holds what `rbacWildcard`, `rbacSecretsAccess`,
 * `rbacWorkloadCreate`, `rbacExecAttach` or `rbacEscalation` report on roles, or
 * `cluster-admin`. One violation per workload and binding, naming the binding, the role and what
 * it grants. A resource without `metadata.namespace` is taken to be in `defaultNamespace`.
 *
 * Parameters:
 * - `allowedServiceAccounts`: service accounts that may hold these permissions, as
 *   `namespace/name` (a prefix ending in `*` also works, e.g. `ingress-nginx/*`). Default: none.
 * - `allowedRoles`: Roles and ClusterRoles whose grants are not reported (a name, or a prefix
 *   ending in `*`). Default: none.
 * - `defaultNamespace`: the namespace resources without `metadata.namespace` are taken to be in.
 *   Default `"default"`.
 *
 * @see https://github.com/cdk8s-guard/cdk8s-guard/blob/main/RULES.md#workloadprivileges
 * @internal
 */
import {
  DEFAULT_NAMESPACE, DEFAULT_NAMESPACE_PARAM, defaultNamespaceParam, matchesName, NONE, NSA, patternListParams, ruleDocUrl, unknownParam,
} from './_common';
import {
  bindingKindOf, CLUSTER_ADMIN, describeObject, indexServiceAccounts, nameOf, namespaceOf, PolicyRuleCheck, policyRules, podServiceAccount,
  podServiceAccountPath, resourceNamesNote, roleKindOf, tokenAutomount,
} from './_rbac';
import { ESCALATION_CHECK } from './rbacEscalation';
import { EXEC_ATTACH_CHECK } from './rbacExecAttach';
import { SECRETS_ACCESS_CHECK } from './rbacSecretsAccess';
import { WILDCARD_CHECK } from './rbacWildcard';
import { WORKLOAD_CREATE_CHECK } from './rbacWorkloadCreate';
import { isObject, own } from '../../engine/_util';
import { PodView } from '../../engine/pod';
import { defineRule, SetMember } from '../../engine/rule';
import { RuleViolation, Severity } from '../../engine/types';

/** The role rules whose findings count, in the order their grants are listed. */
const CHECKS: readonly PolicyRuleCheck[] = [WILDCARD_CHECK, SECRETS_ACCESS_CHECK, WORKLOAD_CREATE_CHECK, EXEC_ATTACH_CHECK, ESCALATION_CHECK];

interface Binding {
  readonly kind: 'RoleBinding' | 'ClusterRoleBinding';
  readonly name: string;
  /** The namespace a RoleBinding grants in (its own, or the fallback). */
  readonly namespace: string;
  readonly object: unknown;
  /** What the binding grants, resolved on first use: phrases, or [] for nothing reported. */
  grants?: string[];
}

/** Index keys of a binding's subjects: `ns/name` for one account, `ns/*` for a namespace's accounts, `*` for all. */
function subjectIndexKeys(binding: Binding): string[] {
  const subjects = own(binding.object, 'subjects');
  if (!Array.isArray(subjects)) return [];
  const keys: string[] = [];
  for (const s of subjects) {
    const kind = own(s, 'kind');
    const name = own(s, 'name');
    if (typeof name !== 'string') continue;
    if (kind === 'ServiceAccount') {
      const ns = own(s, 'namespace');
      const namespace = typeof ns === 'string' && ns !== '' ? ns : binding.kind === 'RoleBinding' ? binding.namespace : undefined;
      if (namespace !== undefined) keys.push(`${namespace}/${name}`);
    } else if (kind === 'User' && name.startsWith('system:serviceaccount:')) {
      const parts = name.split(':');
      if (parts.length === 4) keys.push(`${parts[2]}/${parts[3]}`);
    } else if (kind === 'Group') {
      if (name === 'system:serviceaccounts' || name === 'system:authenticated') keys.push('*');
      else if (name.startsWith('system:serviceaccounts:')) keys.push(`${name.slice('system:serviceaccounts:'.length)}/*`);
    }
  }
  return keys;
}

function mountsProjectedToken(pod: PodView): boolean {
  const volumes = own(pod.spec, 'volumes');
  if (!Array.isArray(volumes)) return false;
  for (const v of volumes) {
    const sources = own(own(v, 'projected'), 'sources');
    if (Array.isArray(sources) && sources.some(s => isObject(own(s, 'serviceAccountToken')))) return true;
  }
  return false;
}

export const workloadPrivileges = defineRule({
  id: 'workloadPrivileges',
  scope: 'set',
  defaultSeverity: Severity.WARNING,
  description: 'Workloads that mount their service account token must not hold risky RBAC permissions through the bindings in the inputs.',
  message: 'workload token holds risky RBAC permissions',
  fix: 'bind the workload\'s own service account only to what it needs, or set spec.automountServiceAccountToken: false if it does not call the API',
  helpUri: ruleDocUrl('workloadPrivileges'),
  cis: ['5.1.1', '5.1.2', '5.1.3', '5.1.4', '5.1.6', '5.1.8'],
  nsa: [NSA.rbac, NSA.tokens],
  params: [
    {
      name: 'allowedServiceAccounts',
      type: 'string[]',
      description: 'Service accounts that may hold these permissions, as `namespace/name` (a prefix ending in `*` also works, e.g. `ingress-nginx/*`).',
      default: '[] (none)',
    },
    {
      name: 'allowedRoles',
      type: 'string[]',
      description: 'Roles and ClusterRoles whose grants are not reported (exact, or a prefix ending in `*`).',
      default: '[] (none)',
    },
    DEFAULT_NAMESPACE_PARAM,
  ],
  validateParams: params => unknownParam(params, ['allowedServiceAccounts', 'allowedRoles', 'defaultNamespace'])
    ?? patternListParams(params, ['allowedServiceAccounts', 'allowedRoles'], '["ingress-nginx/*", "system:*"]')
    ?? defaultNamespaceParam(params),
  checkSet: (members: readonly SetMember[], params) => {
    const fallback: string = params.defaultNamespace ?? DEFAULT_NAMESPACE;
    // One pass indexes the RBAC objects; without bindings nothing else runs.
    let bySubject: Map<string, Binding[]> | undefined;
    let roles: Map<string, unknown> | undefined;
    for (let i = 0; i < members.length; i++) {
      const object = members[i].object;
      const bindingKind = bindingKindOf(object);
      if (bindingKind) {
        const binding: Binding = { kind: bindingKind, name: nameOf(object), namespace: namespaceOf(object) ?? fallback, object };
        for (const key of subjectIndexKeys(binding)) {
          bySubject ??= new Map();
          const list = bySubject.get(key);
          if (!list) bySubject.set(key, [binding]);
          else if (!list.includes(binding)) list.push(binding);
        }
        continue;
      }
      const roleKind = roleKindOf(object);
      if (roleKind) {
        (roles ??= new Map()).set(roleKind === 'Role' ? `Role:${namespaceOf(object) ?? fallback}/${nameOf(object)}` : `ClusterRole:${nameOf(object)}`, object);
      }
    }
    if (!bySubject) return NONE;
    const allowedRoles: readonly string[] | undefined = params.allowedRoles;
    const roleGrants = new Map<unknown, string[]>();
    const grantsOfRole = (role: unknown): string[] => {
      let grants = roleGrants.get(role);
      if (grants) return grants;
      grants = [];
      for (const rule of policyRules(role, '')) {
        const phrases: string[] = [];
        const ids: string[] = [];
        for (const check of CHECKS) {
          const phrase = check.describe(rule);
          if (phrase === undefined) continue;
          ids.push(check.ruleId);
          if (!phrases.includes(phrase)) phrases.push(phrase);
        }
        if (ids.length > 0) grants.push(`in rules[${rule.index}]${resourceNamesNote(rule)} ${phrases.join(' and ')} (${ids.join(', ')})`);
      }
      roleGrants.set(role, grants);
      return grants;
    };
    const grantsOf = (binding: Binding): string[] => {
      if (binding.grants) return binding.grants;
      const roleRef = own(binding.object, 'roleRef');
      const kind = own(roleRef, 'kind');
      const name = own(roleRef, 'name');
      let grants: string[] = [];
      if (typeof name === 'string' && !matchesName(allowedRoles, name)) {
        if (kind === 'ClusterRole' && name === CLUSTER_ADMIN) {
          grants = ['grants every permission (rbacClusterAdmin)'];
        } else if (kind === 'ClusterRole') {
          const role = roles?.get(`ClusterRole:${name}`);
          if (role !== undefined) grants = grantsOfRole(role);
        } else if (kind === 'Role' && binding.kind === 'RoleBinding') {
          const role = roles?.get(`Role:${binding.namespace}/${name}`);
          if (role !== undefined) grants = grantsOfRole(role);
        }
      }
      binding.grants = grants;
      return grants;
    };

    const accounts = indexServiceAccounts(members, fallback);
    const allowedAccounts: readonly string[] | undefined = params.allowedServiceAccounts;
    let out: RuleViolation[] | undefined;
    for (let i = 0; i < members.length; i++) {
      const m = members[i];
      const pod = m.pod;
      if (!pod) continue;
      const namespace = namespaceOf(m.object) ?? fallback;
      const sa = podServiceAccount(pod);
      const key = `${namespace}/${sa}`;
      const one = bySubject.get(key);
      const inNamespace = bySubject.get(`${namespace}/*`);
      const all = bySubject.get('*');
      if (!one && !inNamespace && !all) continue;
      if (matchesName(allowedAccounts, key)) continue;
      if (!tokenAutomount(pod, accounts?.get(key)).mounted && !mountsProjectedToken(pod)) continue;
      const seen = new Set<Binding>();
      for (const list of [one, inNamespace, all]) {
        if (!list) continue;
        for (const binding of list) {
          if (seen.has(binding)) continue;
          seen.add(binding);
          const grants = grantsOf(binding);
          if (grants.length === 0) continue;
          const roleRef = own(binding.object, 'roleRef');
          const where = binding.kind === 'ClusterRoleBinding' ? 'cluster-wide' : `in namespace ${JSON.stringify(binding.namespace)}`;
          (out ??= []).push({
            manifestIndex: m.manifestIndex,
            path: podServiceAccountPath(pod),
            detail: `${describeObject(String(own(m.object, 'kind')), nameOf(m.object), namespaceOf(m.object))} mounts the token of service account ${JSON.stringify(sa)}, `
              + `and ${binding.kind} ${JSON.stringify(binding.name)} grants it ${String(own(roleRef, 'kind'))} ${JSON.stringify(String(own(roleRef, 'name')))} ${where}, which ${grants.join('; ')}`,
          });
        }
      }
    }
    return out ?? NONE;
  },
});
