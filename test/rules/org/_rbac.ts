/** Builders of RBAC objects for the RBAC rule tests. */

/** A PolicyRule. */
export interface PolicyRule {
  apiGroups?: any;
  resources?: any;
  verbs?: any;
  resourceNames?: any;
  nonResourceURLs?: any;
}

/** A Role (with a namespace) or ClusterRole (without). */
export function role(kind: 'Role' | 'ClusterRole', name: string, rules: PolicyRule[], namespace?: string): any {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind,
    metadata: { name, ...(namespace !== undefined ? { namespace } : {}) },
    rules,
  };
}

/** A RoleBinding (with a namespace) or ClusterRoleBinding (without). */
export function binding(kind: 'RoleBinding' | 'ClusterRoleBinding', name: string, roleRef: { kind: string; name: string }, subjects: any[], namespace?: string): any {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind,
    metadata: { name, ...(namespace !== undefined ? { namespace } : {}) },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', ...roleRef },
    subjects,
  };
}

/** A ServiceAccount. */
export function serviceAccount(name: string, namespace?: string, automount?: boolean): any {
  return {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name, ...(namespace !== undefined ? { namespace } : {}) },
    ...(automount !== undefined ? { automountServiceAccountToken: automount } : {}),
  };
}

/** The detail of a role finding, as the role rules write it. */
export function roleDetail(what: string, index = 0, who = 'ClusterRole "r"'): string {
  return `${who} ${what} in rules[${index}]`;
}
