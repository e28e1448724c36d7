/**
 * # rbacClusterAdmin
 *
 * Nothing should be bound to the `cluster-admin` ClusterRole: it grants every verb on every
 * resource, in every namespace for a ClusterRoleBinding and in the binding's namespace for a
 * RoleBinding.
 *
 * Reads, on every `RoleBinding` and `ClusterRoleBinding` (`rbac.authorization.k8s.io`):
 * - `roleRef.kind` and `roleRef.name`: a ClusterRole named `cluster-admin` is reported
 * - `subjects[]` (`kind`, `name`, `namespace`), to name them and to match `allowedSubjects`
 *
 * The ClusterRole is recognised by name, as Kubernetes' built-in one, whether or not the inputs
 * hold a ClusterRole of that name. Bindings to other roles that happen to grant everything are
 * reported on the role by `rbacWildcard`, and on the workloads that use them by
 * `workloadPrivileges`.
 *
 * Allowed values: any other roleRef.
 *
 * Parameters:
 * - `allowedBindings`: names of bindings that may grant cluster-admin (a name, or a prefix ending
 *   in `*`). Default: none.
 * - `allowedSubjects`: subjects that may hold cluster-admin, as `User:name`, `Group:name` or
 *   `ServiceAccount:namespace/name` (a prefix ending in `*` also works). A binding is allowed
 *   when every subject it names is. A ServiceAccount subject of a RoleBinding without a
 *   namespace is in the binding's namespace. Default: none.
 *
 * @see https://github.com/cdk8s-guard/cdk8s-guard/blob/main/RULES.md#rbacclusteradmin
 * @internal
 */
import { manifestBasePath, matchesName, NONE, NSA, ruleDocUrl, validatePatternParams } from './_common';
import { bindingKindOf, CLUSTER_ADMIN, describeObject, nameOf, namespaceOf } from './_rbac';
import { joinPointer } from '../../engine/_pointer';
import { own } from '../../engine/_util';
import { defineRule } from '../../engine/rule';
import { Severity } from '../../engine/types';

/**
 * The subjects of a binding as `Kind:name` (`ServiceAccount:namespace/name`). A ServiceAccount
 * subject without a namespace is in the namespace of a RoleBinding (and in none for a
 * ClusterRoleBinding, which Kubernetes refuses). @internal
 */
export function subjectKeys(binding: unknown, bindingNamespace: string | undefined): string[] {
  const subjects = own(binding, 'subjects');
  if (!Array.isArray(subjects)) return [];
  const out: string[] = [];
  for (const s of subjects) {
    const kind = own(s, 'kind');
    const name = own(s, 'name');
    if (typeof kind !== 'string' || typeof name !== 'string') continue;
    if (kind === 'ServiceAccount') {
      const ns = own(s, 'namespace');
      out.push(`ServiceAccount:${typeof ns === 'string' && ns !== '' ? ns : bindingNamespace ?? ''}/${name}`);
    } else {
      out.push(`${kind}:${name}`);
    }
  }
  return out;
}

export const rbacClusterAdmin = defineRule({
  id: 'rbacClusterAdmin',
  scope: 'manifest',
  defaultSeverity: Severity.ERROR,
  description: 'RoleBindings and ClusterRoleBindings must not bind the cluster-admin ClusterRole.',
  message: 'binding to cluster-admin',
  fix: 'bind a role that grants only what the subjects need instead of cluster-admin',
  helpUri: ruleDocUrl('rbacClusterAdmin'),
  cis: ['5.1.1'],
  nsa: [NSA.rbac],
  params: [
    {
      name: 'allowedBindings',
      type: 'string[]',
      description: 'Names of RoleBindings and ClusterRoleBindings that may bind cluster-admin (exact, or a prefix ending in `*`).',
      default: '[] (none)',
    },
    {
      name: 'allowedSubjects',
      type: 'string[]',
      description: 'Subjects that may hold cluster-admin: `User:name`, `Group:name` or `ServiceAccount:namespace/name` (a prefix ending in `*` also works). A binding is allowed when every subject it names is.',
      default: '[] (none)',
    },
  ],
  validateParams: params => validatePatternParams(params, ['allowedBindings', 'allowedSubjects'], '["Group:platform-admins", "ServiceAccount:flux-system/*"]'),
  checkManifest: ctx => {
    const kind = bindingKindOf(ctx.manifest);
    if (!kind) return NONE;
    const roleRef = own(ctx.manifest, 'roleRef');
    if (own(roleRef, 'kind') !== 'ClusterRole' || own(roleRef, 'name') !== CLUSTER_ADMIN) return NONE;
    const name = nameOf(ctx.manifest);
    if (matchesName(ctx.params.allowedBindings, name)) return NONE;
    const namespace = namespaceOf(ctx.manifest);
    const subjects = subjectKeys(ctx.manifest, kind === 'RoleBinding' ? namespace : undefined);
    const allowedSubjects: readonly string[] | undefined = ctx.params.allowedSubjects;
    if (subjects.length > 0 && subjects.every(s => matchesName(allowedSubjects, s))) return NONE;
    const scope = kind === 'ClusterRoleBinding' ? ' cluster-wide'
      : namespace !== undefined ? ` in namespace ${JSON.stringify(namespace)}` : ' in the namespace it is deployed to';
    const who = subjects.length === 0 ? 'no subjects' : subjects.join(', ');
    return [{
      path: joinPointer(manifestBasePath(ctx), 'roleRef', 'name'),
      detail: `${describeObject(kind, name, undefined)} grants ClusterRole "cluster-admin"${scope} to ${who}`,
    }];
  },
});
