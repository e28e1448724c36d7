import { manifestBasePath, matchesName, NONE } from './_common';
import { appendPointer } from '../../engine/_pointer';
import { own } from '../../engine/_util';
import { PodView } from '../../engine/pod';
import { apiGroupOf } from '../../engine/pod-templates';
import { SetMember } from '../../engine/rule';
import { RuleContext, RuleViolation } from '../../engine/types';

/** The API group of Roles, ClusterRoles and their bindings. @internal */
export const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** The built-in ClusterRole that grants every permission. @internal */
export const CLUSTER_ADMIN = 'cluster-admin';

const EMPTY: readonly string[] = Object.freeze([]);

/** Strings of a list field (other entries are skipped; a field that is not a list reads as empty). @internal */
export function stringsOf(value: unknown): readonly string[] {
  if (!Array.isArray(value)) return EMPTY;
  let allStrings = true;
  for (let i = 0; i < value.length; i++) if (typeof value[i] !== 'string') { allStrings = false; break; }
  return allStrings ? value : value.filter(v => typeof v === 'string');
}

/** `Role` or `ClusterRole` when the object is one (of the RBAC API group), otherwise undefined. @internal */
export function roleKindOf(object: unknown): 'Role' | 'ClusterRole' | undefined {
  const kind = own(object, 'kind');
  if (kind !== 'Role' && kind !== 'ClusterRole') return undefined;
  return apiGroupOf(own(object, 'apiVersion')) === RBAC_GROUP ? kind : undefined;
}

/** `RoleBinding` or `ClusterRoleBinding` when the object is one, otherwise undefined. @internal */
export function bindingKindOf(object: unknown): 'RoleBinding' | 'ClusterRoleBinding' | undefined {
  const kind = own(object, 'kind');
  if (kind !== 'RoleBinding' && kind !== 'ClusterRoleBinding') return undefined;
  return apiGroupOf(own(object, 'apiVersion')) === RBAC_GROUP ? kind : undefined;
}

/** `metadata.name` as a string ('' when missing). @internal */
export function nameOf(object: unknown): string {
  const name = own(own(object, 'metadata'), 'name');
  return typeof name === 'string' ? name : '';
}

/** `metadata.namespace` when set and not empty. @internal */
export function namespaceOf(object: unknown): string | undefined {
  const ns = own(own(object, 'metadata'), 'namespace');
  return typeof ns === 'string' && ns !== '' ? ns : undefined;
}

/** One entry of a Role's or ClusterRole's `rules`, read tolerantly. @internal */
export interface PolicyRuleView {
  /** Position in `rules`. */
  readonly index: number;
  /** JSON pointer of the entry, from the root of the top-level manifest. */
  readonly path: string;
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
  readonly resourceNames: readonly string[];
}

/** The entries of a role's `rules` (entries that are not maps are skipped). @internal */
export function policyRules(role: unknown, basePath: string): PolicyRuleView[] {
  const rules = own(role, 'rules');
  if (!Array.isArray(rules)) return [];
  const out: PolicyRuleView[] = [];
  const rulesPath = appendPointer(basePath, 'rules');
  for (let i = 0; i < rules.length; i++) {
    const r = rules[i];
    if (typeof r !== 'object' || r === null || Array.isArray(r)) continue;
    out.push({
      index: i,
      path: appendPointer(rulesPath, i),
      apiGroups: stringsOf(own(r, 'apiGroups')),
      resources: stringsOf(own(r, 'resources')),
      verbs: stringsOf(own(r, 'verbs')),
      resourceNames: stringsOf(own(r, 'resourceNames')),
    });
  }
  return out;
}

/** A permission a rule looks for: verbs on resources of API groups. @internal */
export interface Permission {
  /** API groups ('' is the core group). */
  readonly groups: readonly string[];
  /** Resources, `resource` or `resource/subresource`. */
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
}

/**
 * True when a `resources` entry of a PolicyRule covers a requested resource, as the Kubernetes
 * RBAC authorizer matches them: `*` covers everything (subresources included), an entry covers
 * itself, and an entry of `*`, a slash and a subresource name covers that subresource of every
 * resource. `pods/` followed by `*` is not a pattern in Kubernetes, so it covers nothing more.
 */
function resourceCovers(entry: string, requested: string): boolean {
  if (entry === '*' || entry === requested) return true;
  const slash = requested.indexOf('/');
  return slash > 0 && entry.length === requested.length - slash + 1 && entry.startsWith('*/') && entry.endsWith(requested.slice(slash));
}

function quoteWildcard(value: string): string {
  return value === '*' ? '"*"' : value;
}

/**
 * What a PolicyRule grants of the permissions, as written in the rule: phrases such as
 * `get, list on secrets`, one per set of verbs (the resources granted with the same verbs are
 * listed together, in the rule's order), joined by `; `. Undefined when it grants none.
 * `resourceNames` do not narrow the match: a rule limited to named objects still grants access
 * to those objects. @internal
 */
export function describeGrants(rule: PolicyRuleView, permissions: readonly Permission[]): string | undefined {
  let grants: Array<{ verbs: string; resources: Set<string> }> | undefined;
  for (let p = 0; p < permissions.length; p++) {
    const permission = permissions[p];
    let groupOk = false;
    for (let g = 0; g < rule.apiGroups.length; g++) {
      const group = rule.apiGroups[g];
      if (group === '*' || permission.groups.includes(group)) { groupOk = true; break; }
    }
    if (!groupOk) continue;
    const verbs = rule.verbs.filter(v => v === '*' || permission.verbs.includes(v));
    if (verbs.length === 0) continue;
    const resources = rule.resources.filter(r => permission.resources.some(wanted => resourceCovers(r, wanted)));
    if (resources.length === 0) continue;
    const key = verbs.map(quoteWildcard).join(', ');
    grants ??= [];
    let entry = grants.find(e => e.verbs === key);
    if (!entry) grants.push(entry = { verbs: key, resources: new Set() });
    for (const r of resources) entry.resources.add(r);
  }
  if (!grants) return undefined;
  return grants.map(e => `${e.verbs} on ${rule.resources.filter(r => e.resources.has(r)).filter((r, i, all) => all.indexOf(r) === i).map(quoteWildcard).join(', ')}`).join('; ');
}

/** ` (resourceNames "a", "b")` when the rule names objects, otherwise ''. @internal */
export function resourceNamesNote(rule: PolicyRuleView): string {
  return rule.resourceNames.length === 0 ? '' : ` (resourceNames ${rule.resourceNames.map(n => JSON.stringify(n)).join(', ')})`;
}

/** `Role "x" in namespace "y"` or `ClusterRole "x"`. @internal */
export function describeObject(kind: string, name: string, namespace: string | undefined): string {
  return `${kind} ${JSON.stringify(name)}${namespace !== undefined ? ` in namespace ${JSON.stringify(namespace)}` : ''}`;
}

/**
 * A check of one PolicyRule, shared by a role rule and the cross-object `workloadPrivileges`:
 * it returns what the PolicyRule grants that the rule reports (e.g. `grants get on secrets`), or
 * undefined. @internal
 */
export interface PolicyRuleCheck {
  /** The ID of the rule that reports it on roles. */
  readonly ruleId: string;
  /** What the PolicyRule grants, as a phrase such as `grants get on secrets`, or undefined. */
  readonly describe: (rule: PolicyRuleView) => string | undefined;
  /** Pointers of the offending fields (default: the PolicyRule itself). */
  readonly paths?: (rule: PolicyRuleView) => string[];
}

/**
 * Runs a PolicyRule check on a Role or ClusterRole: one violation per PolicyRule that grants
 * what the check looks for, unless the role's name is in the `allowedRoles` parameter. Other
 * kinds are not applicable and cost nothing. @internal
 */
export function checkRole(ctx: RuleContext, check: PolicyRuleCheck): RuleViolation[] {
  const kind = roleKindOf(ctx.manifest);
  if (!kind) return NONE;
  const name = nameOf(ctx.manifest);
  if (matchesName(ctx.params.allowedRoles, name)) return NONE;
  const rules = own(ctx.manifest, 'rules');
  if (!Array.isArray(rules) || rules.length === 0) return NONE;
  let out: RuleViolation[] | undefined;
  let basePath: string | undefined;
  // Pointers are computed against '' first and prefixed only when a List item reports something.
  for (const rule of policyRules(ctx.manifest, '')) {
    const granted = check.describe(rule);
    if (granted === undefined) continue;
    basePath ??= manifestBasePath(ctx);
    const paths = (check.paths ? check.paths(rule) : [rule.path]).map(p => basePath + p);
    (out ??= []).push({
      path: paths[0],
      ...(paths.length > 1 ? { extraPaths: paths.slice(1) } : {}),
      detail: `${describeObject(kind, name, namespaceOf(ctx.manifest))} ${granted} in rules[${rule.index}]${resourceNamesNote(rule)}`,
    });
  }
  return out ?? NONE;
}

/** The documented `allowedRoles` parameter of the role rules. @internal */
export const ALLOWED_ROLES_PARAM = {
  name: 'allowedRoles',
  type: 'string[]',
  description: 'Names of Roles and ClusterRoles that may hold the permission (exact, or a prefix ending in `*` such as `system:*`).',
  default: '[] (none)',
} as const;

/** The example used in the errors of name-pattern parameters. @internal */
export const PATTERN_EXAMPLE = '["ingress-nginx", "system:*"]';

/**
 * The service account a pod runs as: `spec.serviceAccountName`, else the deprecated
 * `spec.serviceAccount`, else `default`, as Kubernetes resolves it. @internal
 */
export function podServiceAccount(pod: PodView): string {
  const name = own(pod.spec, 'serviceAccountName');
  if (typeof name === 'string' && name !== '') return name;
  const alias = own(pod.spec, 'serviceAccount');
  return typeof alias === 'string' && alias !== '' ? alias : 'default';
}

/** The pointer of the field that names a pod's service account (of `serviceAccountName` when neither is set). @internal */
export function podServiceAccountPath(pod: PodView): string {
  const name = own(pod.spec, 'serviceAccountName');
  const alias = own(pod.spec, 'serviceAccount');
  const byAlias = !(typeof name === 'string' && name !== '') && typeof alias === 'string' && alias !== '';
  return pod.path(byAlias ? 'serviceAccount' : 'serviceAccountName');
}

/**
 * The ServiceAccounts among the members, by `namespace/name` (a ServiceAccount without a
 * namespace is in `fallback`). Undefined when there are none, so nothing is allocated. @internal
 */
export function indexServiceAccounts(members: readonly SetMember[], fallback: string): Map<string, unknown> | undefined {
  let out: Map<string, unknown> | undefined;
  for (let i = 0; i < members.length; i++) {
    const object = members[i].object;
    if (own(object, 'kind') !== 'ServiceAccount' || apiGroupOf(own(object, 'apiVersion')) !== '') continue;
    (out ??= new Map()).set(`${namespaceOf(object) ?? fallback}/${nameOf(object)}`, object);
  }
  return out;
}

/** Which object decided whether a token is mounted, and what it decided. @internal */
export interface TokenAutomount {
  readonly mounted: boolean;
  readonly by: 'pod' | 'serviceAccount' | 'default';
}

const AUTOMOUNT: { readonly [key: string]: TokenAutomount } = {
  podTrue: Object.freeze({ mounted: true, by: 'pod' }),
  podFalse: Object.freeze({ mounted: false, by: 'pod' }),
  saTrue: Object.freeze({ mounted: true, by: 'serviceAccount' }),
  saFalse: Object.freeze({ mounted: false, by: 'serviceAccount' }),
  default: Object.freeze({ mounted: true, by: 'default' }),
};

/**
 * Whether a pod's service account token is mounted, as Kubernetes decides it: the pod's
 * `automountServiceAccountToken` when it is a boolean, else its ServiceAccount's (when the
 * inputs hold it), else true. `by` says which object decided. @internal
 */
export function tokenAutomount(pod: PodView, serviceAccount: unknown): TokenAutomount {
  const podValue = own(pod.spec, 'automountServiceAccountToken');
  if (typeof podValue === 'boolean') return podValue ? AUTOMOUNT.podTrue : AUTOMOUNT.podFalse;
  const saValue = own(serviceAccount, 'automountServiceAccountToken');
  if (typeof saValue === 'boolean') return saValue ? AUTOMOUNT.saTrue : AUTOMOUNT.saFalse;
  return AUTOMOUNT.default;
}
