import { binding } from './_rbac';
import { Brief, briefs, evaluateRule } from './helpers';
import { PolicyEvaluator } from '../../../src/evaluator';

const ADMIN = { kind: 'ClusterRole', name: 'cluster-admin' };
const ALICE = { kind: 'User', name: 'alice', apiGroup: 'rbac.authorization.k8s.io' };
const OPS = { kind: 'Group', name: 'ops', apiGroup: 'rbac.authorization.k8s.io' };
const CD = { kind: 'ServiceAccount', name: 'cd', namespace: 'flux-system' };

describe('rbacClusterAdmin', () => {
  test.each<[string, any, Brief[]]>([
    ['fails for a ClusterRoleBinding to cluster-admin', binding('ClusterRoleBinding', 'b', ADMIN, [ALICE]), [
      { path: '/roleRef/name', detail: 'ClusterRoleBinding "b" grants ClusterRole "cluster-admin" cluster-wide to User:alice' },
    ]],
    ['fails for a RoleBinding to cluster-admin, in its namespace', binding('RoleBinding', 'b', ADMIN, [OPS, { kind: 'ServiceAccount', name: 'app' }], 'shop'), [
      { path: '/roleRef/name', detail: 'RoleBinding "b" grants ClusterRole "cluster-admin" in namespace "shop" to Group:ops, ServiceAccount:shop/app' },
    ]],
    ['fails for a RoleBinding without a namespace', binding('RoleBinding', 'b', ADMIN, [CD]), [
      { path: '/roleRef/name', detail: 'RoleBinding "b" grants ClusterRole "cluster-admin" in the namespace it is deployed to to ServiceAccount:flux-system/cd' },
    ]],
    ['fails for a binding without subjects', binding('ClusterRoleBinding', 'b', ADMIN, []), [
      { path: '/roleRef/name', detail: 'ClusterRoleBinding "b" grants ClusterRole "cluster-admin" cluster-wide to no subjects' },
    ]],
    ['passes for a binding to the admin ClusterRole', binding('ClusterRoleBinding', 'b', { kind: 'ClusterRole', name: 'admin' }, [ALICE]), []],
    ['passes for a binding to a Role named cluster-admin', binding('RoleBinding', 'b', { kind: 'Role', name: 'cluster-admin' }, [ALICE], 'shop'), []],
    ['passes for a binding to a ClusterRole whose name only starts with cluster-admin', binding('ClusterRoleBinding', 'b', { kind: 'ClusterRole', name: 'cluster-admin-lite' }, [ALICE]), []],
  ])('%s', (_name, manifest, expected) => {
    expect(briefs('rbacClusterAdmin', [manifest])).toEqual(expected);
  });

  test('recognises cluster-admin by name, whatever ClusterRole of that name the inputs hold', () => {
    const emulated = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'cluster-admin' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] };
    expect(briefs('rbacClusterAdmin', [emulated, binding('ClusterRoleBinding', 'b', ADMIN, [ALICE])])).toHaveLength(1);
  });

  test.each<[string, { [key: string]: string[] }, any, number]>([
    ['allowedBindings exempts a binding by name', { allowedBindings: ['break-glass'] }, binding('ClusterRoleBinding', 'break-glass', ADMIN, [ALICE]), 0],
    ['allowedBindings matches a prefix', { allowedBindings: ['break-*'] }, binding('ClusterRoleBinding', 'break-glass', ADMIN, [ALICE]), 0],
    ['allowedSubjects exempts a binding whose every subject is allowed', { allowedSubjects: ['User:alice', 'Group:ops'] }, binding('ClusterRoleBinding', 'b', ADMIN, [ALICE, OPS]), 0],
    ['allowedSubjects does not exempt a binding with one other subject', { allowedSubjects: ['User:alice'] }, binding('ClusterRoleBinding', 'b', ADMIN, [ALICE, OPS]), 1],
    ['allowedSubjects matches service accounts by namespace prefix', { allowedSubjects: ['ServiceAccount:flux-system/*'] }, binding('ClusterRoleBinding', 'b', ADMIN, [CD]), 0],
    ['allowedSubjects reads a RoleBinding\'s account without namespace in the binding\'s namespace', { allowedSubjects: ['ServiceAccount:shop/app'] },
      binding('RoleBinding', 'b', ADMIN, [{ kind: 'ServiceAccount', name: 'app' }], 'shop'), 0],
    ['allowedSubjects never exempts a binding without subjects', { allowedSubjects: ['*'] }, binding('ClusterRoleBinding', 'b', ADMIN, []), 1],
  ])('%s', (_name, params, manifest, count) => {
    expect(briefs('rbacClusterAdmin', [manifest], params)).toHaveLength(count);
  });

  test('reports an error by default, with its fix', () => {
    expect(evaluateRule('rbacClusterAdmin', [binding('ClusterRoleBinding', 'b', ADMIN, [ALICE])])[0]).toMatchObject({
      severity: 'error', message: 'binding to cluster-admin', fix: 'bind a role that grants only what the subjects need instead of cluster-admin',
    });
  });

  test('is not applicable to roles or to bindings of another API group', () => {
    const other = { ...binding('ClusterRoleBinding', 'b', ADMIN, [ALICE]), apiVersion: 'example.com/v1' };
    expect(briefs('rbacClusterAdmin', [other, { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'cluster-admin' } }])).toEqual([]);
  });

  test('refuses subjects that are not a list of strings', () => {
    expect(() => new PolicyEvaluator({ rules: [{ ruleId: 'rbacClusterAdmin', params: { allowedSubjects: 'User:alice' } }] })).toThrow(new Error(
      'invalid parameters for rule "rbacClusterAdmin": allowedSubjects must be a list of strings such as ["Group:platform-admins", "ServiceAccount:flux-system/*"], found string "User:alice"',
    ));
  });
});
