/**
 * Runs cdk8s-guard's RBAC rules on Polaris' own test files for its RBAC checks, and compares
 * verdicts file by file: Polaris' verdict is in the file name (`success.*` or `failure.*`), ours
 * is whether the rules that cover the check report anything in the file. Every file where the
 * verdicts differ is listed with the reason.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { PackRule } from '../../src/engine/pack';
import { PssLevel } from '../../src/engine/types';
import { PolicyEvaluator } from '../../src/evaluator';

const DIR = path.join(__dirname, '..', 'fixtures', 'polaris-rbac');

/** The cdk8s-guard rules that cover each Polaris check. */
const COVERED_BY: { [check: string]: string[] } = {
  clusterrolePodExecAttach: ['rbacExecAttach'],
  rolePodExecAttach: ['rbacExecAttach'],
  clusterrolebindingPodExecAttach: ['rbacExecAttach'],
  rolebindingClusterRolePodExecAttach: ['rbacExecAttach'],
  rolebindingRolePodExecAttach: ['rbacExecAttach'],
  // Polaris' "cluster admin" checks report bindings to cluster-admin, or to a role that is as
  // good as cluster-admin (`*` in apiGroups and resources, every verb).
  clusterrolebindingClusterAdmin: ['rbacClusterAdmin', 'rbacWildcard'],
  rolebindingClusterAdminClusterRole: ['rbacClusterAdmin', 'rbacWildcard'],
  rolebindingClusterAdminRole: ['rbacClusterAdmin', 'rbacWildcard'],
};

const NAME_EXEMPT = 'by design: Polaris exempts names starting with `system:` and the name `gce:podsecuritypolicy:calico-sa`; cdk8s-guard exempts '
  + 'nothing by default (a manifest that defines such a role is the user\'s own), and `allowedRoles: ["system:*", "gce:podsecuritypolicy:calico-sa"]` '
  + 'gives Polaris\' behaviour';
const DEFAULT_ROLE = 'by design: Polaris exempts the default ClusterRoles admin and cluster-admin by name; a manifest that defines a role of that name '
  + 'is reported, unless `allowedRoles` names it';
const BINDING_EXEMPT = 'by design: Polaris exempts the binding by its name (`system:` prefix, `gce:podsecuritypolicy:calico-sa`); cdk8s-guard reports '
  + 'the role that grants the permission, whatever binds it, so only `allowedRoles` (on the role) or workloadPrivileges\' '
  + '`allowedServiceAccounts` exempt it';
const MISSING_ROLE = 'by design: Polaris fails a binding whose role is not in the inputs; the role may be in the cluster (a built-in such as view), '
  + 'and cdk8s-guard does not report what it cannot see';
const CLUSTERROLE_OF_ROLE_CHECK = 'by design: this Polaris check looks only at RoleBindings to Roles; cdk8s-guard reports the ClusterRole that grants the '
  + 'permission, bound or not';
const ANY_WILDCARD = 'by design: Polaris reports only roles as good as cluster-admin; cdk8s-guard reports any `*` in apiGroups, resources or verbs '
  + '(rbacWildcard, CIS 5.1.3)';

/** Every file where cdk8s-guard's verdict differs from Polaris', with the reason. */
const DIFFERENCES: { [file: string]: string } = {
  'clusterrolePodExecAttach/success.defaultclusterrole_admin.yaml': DEFAULT_ROLE,
  'clusterrolePodExecAttach/success.defaultclusterrole_clusteradmin.yaml': DEFAULT_ROLE,
  'clusterrolePodExecAttach/success.gce_calico_clusterrole.yaml': NAME_EXEMPT,
  'clusterrolePodExecAttach/success.system_prefix.yaml': NAME_EXEMPT,
  'rolePodExecAttach/success.gce_calico_binding.yaml': NAME_EXEMPT,
  'rolePodExecAttach/success.system_prefix_binding.yaml': NAME_EXEMPT,
  'clusterrolebindingPodExecAttach/failure.binding_points_to_missing_ref.yaml': MISSING_ROLE,
  'clusterrolebindingPodExecAttach/success.defaultclusterrolebinding_clusteradmin.yaml': DEFAULT_ROLE,
  'clusterrolebindingPodExecAttach/success.defaultclusterrolebinding_system-controller-generic-garbage-collector.yaml': NAME_EXEMPT,
  'clusterrolebindingPodExecAttach/success.gce_calico_binding.yaml': BINDING_EXEMPT,
  'clusterrolebindingPodExecAttach/success.system_prefix_binding.yaml': BINDING_EXEMPT,
  'rolebindingClusterRolePodExecAttach/failure.binding_points_to_missing_ref.yaml': MISSING_ROLE,
  'rolebindingClusterRolePodExecAttach/success.gce_calico_binding.yaml': BINDING_EXEMPT,
  'rolebindingClusterRolePodExecAttach/success.system_prefix_binding.yaml': BINDING_EXEMPT,
  'rolebindingRolePodExecAttach/failure.binding_points_to_missing_ref.yaml': MISSING_ROLE,
  'rolebindingRolePodExecAttach/success.gce_calico_binding.yaml': BINDING_EXEMPT,
  'rolebindingRolePodExecAttach/success.role_binding_cluster_role_binding.yaml': CLUSTERROLE_OF_ROLE_CHECK,
  'rolebindingRolePodExecAttach/success.system_prefix_binding.yaml': BINDING_EXEMPT,
  'clusterrolebindingClusterAdmin/success.explicit_apigroups.yaml': ANY_WILDCARD,
  'clusterrolebindingClusterAdmin/success.explicit_resources.yaml': ANY_WILDCARD,
  'clusterrolebindingClusterAdmin/success.explicit_verbs.yaml': ANY_WILDCARD,
  'clusterrolebindingClusterAdmin/success.gce_calico_binding.yaml': BINDING_EXEMPT,
  'clusterrolebindingClusterAdmin/success.system_prefix_binding.yaml': BINDING_EXEMPT,
  'rolebindingClusterAdminClusterRole/success.explicit_apigroups.yaml': ANY_WILDCARD,
  'rolebindingClusterAdminClusterRole/success.explicit_resources.yaml': ANY_WILDCARD,
  'rolebindingClusterAdminClusterRole/success.explicit_verbs.yaml': ANY_WILDCARD,
  'rolebindingClusterAdminClusterRole/success.gce_calico_binding.yaml': BINDING_EXEMPT,
  'rolebindingClusterAdminClusterRole/success.system_prefix_binding.yaml': BINDING_EXEMPT,
  'rolebindingClusterAdminRole/success.explicit_apigroups.yaml': ANY_WILDCARD,
  'rolebindingClusterAdminRole/success.explicit_resources.yaml': ANY_WILDCARD,
  'rolebindingClusterAdminRole/success.explicit_verbs.yaml': ANY_WILDCARD,
  'rolebindingClusterAdminRole/success.gce_calico_binding.yaml': BINDING_EXEMPT,
  'rolebindingClusterAdminRole/success.system_prefix_binding.yaml': BINDING_EXEMPT,
};

/** Polaris' default exemptions, given as cdk8s-guard parameters. */
const POLARIS_EXEMPTIONS: { [ruleId: string]: { [key: string]: string[] } } = {
  rbacExecAttach: { allowedRoles: ['system:*', 'gce:podsecuritypolicy:calico-sa', 'admin', 'cluster-admin'] },
  rbacWildcard: { allowedRoles: ['system:*', 'gce:podsecuritypolicy:calico-sa'] },
  rbacClusterAdmin: { allowedBindings: ['system:*', 'gce:podsecuritypolicy:calico-sa', 'cluster-admin'] },
};

interface PolarisFile {
  readonly name: string;
  readonly check: string;
  readonly polarisFails: boolean;
  readonly manifests: any[];
}

const FILES: PolarisFile[] = Object.keys(COVERED_BY).sort().flatMap(check => fs.readdirSync(path.join(DIR, check)).sort().map(file => ({
  name: `${check}/${file}`,
  check,
  polarisFails: file.startsWith('failure.'),
  manifests: parseAllDocuments(fs.readFileSync(path.join(DIR, check, file), 'utf8')).map(d => d.toJS()).filter(d => d !== null),
})));

/** Whether the rules that cover the file's check report anything in it. */
function weFail(file: PolarisFile, params: { [ruleId: string]: { [key: string]: string[] } } = {}): boolean {
  const rules: PackRule[] = COVERED_BY[file.check].map(ruleId => ({ ruleId, ...(params[ruleId] ? { params: params[ruleId] } : {}) }));
  const findings = new PolicyEvaluator({ level: PssLevel.PRIVILEGED, rules }).evaluateAll(file.manifests);
  expect(findings.filter(f => f.ruleError || f.ruleId === 'invalidInput')).toEqual([]);
  return findings.length > 0;
}

describe('Polaris RBAC checks', () => {
  test('the vendored files are all there', () => {
    expect(FILES).toHaveLength(130);
    expect(Object.keys(DIFFERENCES).every(name => FILES.some(f => f.name === name))).toBe(true);
  });

  test.each(FILES.map(f => [f.name, f] as const))('%s: the verdict agrees with Polaris, or the difference is explained', (_name, file) => {
    // GIVEN Polaris' verdict, from the file name
    // WHEN
    const fails = weFail(file);
    // THEN
    expect({ file: file.name, differs: fails !== file.polarisFails }).toEqual({ file: file.name, differs: file.name in DIFFERENCES });
  });

  test('agreement: 97 of 130 files with the defaults, every difference by design', () => {
    const agree = FILES.filter(f => weFail(f) === f.polarisFails).length;
    expect({ agree, of: FILES.length }).toEqual({ agree: 97, of: 130 });
    const reasons = Object.values(DIFFERENCES);
    const count = (reason: string) => reasons.filter(r => r === reason).length;
    const counts = [NAME_EXEMPT, DEFAULT_ROLE, BINDING_EXEMPT, MISSING_ROLE, CLUSTERROLE_OF_ROLE_CHECK, ANY_WILDCARD].map(count);
    // name exemptions, default roles, binding exemptions, missing roles, a ClusterRole in a Role check, any wildcard
    expect(counts).toEqual([5, 3, 12, 3, 1, 9]);
  });

  test('agreement: 99 of 130 files with Polaris\' name exemptions as allowedRoles and allowedBindings', () => {
    // WHEN Polaris' default exemptions are given as parameters
    const differing = FILES.filter(f => weFail(f, POLARIS_EXEMPTIONS) !== f.polarisFails).map(f => f.name);
    // THEN the 8 name differences go, and 6 bindings to a `system:` role appear: Polaris exempts such a
    // role in its role checks but fails a binding to it in its binding checks, while cdk8s-guard reports
    // the role, so exempting the role exempts every binding to it
    const gone = Object.keys(DIFFERENCES).filter(name => DIFFERENCES[name] === NAME_EXEMPT || DIFFERENCES[name] === DEFAULT_ROLE);
    const boundSystemRoles = FILES.filter(f => f.name.endsWith('/failure.binding_to_system_prefix.yaml')).map(f => f.name);
    expect(gone).toHaveLength(8);
    expect(boundSystemRoles).toHaveLength(6);
    expect(differing.sort()).toEqual([...Object.keys(DIFFERENCES).filter(name => !gone.includes(name)), ...boundSystemRoles].sort());
    expect(FILES.length - differing.length).toBe(99);
  });
});
