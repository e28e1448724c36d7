import { PolicyRule, role, roleDetail } from './_rbac';
import { Brief, briefs, evaluateRule } from './helpers';

const fails = (what: string, index = 0, suffix = ''): Brief[] => [{ path: `/rules/${index}`, detail: roleDetail(what, index) + suffix }];

describe('rbacSecretsAccess', () => {
  test.each<[string, PolicyRule[], Brief[]]>([
    ['passes when the role reads config maps only', [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch'] }], []],
    ['fails when the role can get secrets', [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }], fails('grants get on secrets')],
    ['fails when the role can list secrets', [{ apiGroups: [''], resources: ['secrets'], verbs: ['list'] }], fails('grants list on secrets')],
    ['fails when the role can watch secrets', [{ apiGroups: [''], resources: ['secrets'], verbs: ['watch'] }], fails('grants watch on secrets')],
    ['fails when the role has every verb on secrets', [{ apiGroups: [''], resources: ['secrets'], verbs: ['*'] }], fails('grants "*" on secrets')],
    ['fails when the role reads every resource', [{ apiGroups: [''], resources: ['*'], verbs: ['list'] }], fails('grants list on "*"')],
    ['fails when the role reads secrets of every API group', [{ apiGroups: ['*'], resources: ['secrets'], verbs: ['get'] }], fails('grants get on secrets')],
    ['fails, naming them, when the role gets secrets by resourceNames (still access)', [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'], resourceNames: ['db', 'tls'] }],
      fails('grants get on secrets', 0, ' (resourceNames "db", "tls")')],
    ['lists only the reading verbs it grants', [{ apiGroups: [''], resources: ['secrets', 'configmaps'], verbs: ['create', 'get', 'watch', 'delete'] }], fails('grants get, watch on secrets')],
    ['passes when the role only writes secrets', [{ apiGroups: [''], resources: ['secrets'], verbs: ['create', 'update', 'delete'] }], []],
    ['passes for "secrets" of another API group', [{ apiGroups: ['example.com'], resources: ['secrets'], verbs: ['get'] }], []],
    ['passes for a subresource of secrets', [{ apiGroups: [''], resources: ['secrets/status'], verbs: ['get'] }], []],
    ['passes when a rule has no apiGroups', [{ resources: ['secrets'], verbs: ['get'] }], []],
    ['fails once per PolicyRule that grants access', [
      { apiGroups: [''], resources: ['pods'], verbs: ['get'] },
      { apiGroups: [''], resources: ['secrets'], verbs: ['get'] },
      { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
    ], [...fails('grants get on secrets', 1), ...fails('grants "*" on "*"', 2)]],
  ])('%s', (_name, rules, expected) => {
    expect(briefs('rbacSecretsAccess', [role('ClusterRole', 'r', rules)])).toEqual(expected);
  });

  test('reports a Role with its namespace, as a warning by default', () => {
    const [finding] = evaluateRule('rbacSecretsAccess', [role('Role', 'reader', [{ apiGroups: [''], resources: ['secrets'], verbs: ['list'] }], 'shop')]);
    expect(finding).toMatchObject({
      severity: 'warning',
      message: 'RBAC rule grants read access to secrets',
      detail: 'Role "reader" in namespace "shop" grants list on secrets in rules[0]',
      fix: 'remove get, list and watch on secrets from the role, or mount the one Secret the workload needs as a volume',
    });
  });

  test('lets allowedRoles exempt a role', () => {
    const manifests = [role('ClusterRole', 'system:controller:x', [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }])];
    expect(briefs('rbacSecretsAccess', manifests, { allowedRoles: ['system:*'] })).toEqual([]);
    expect(briefs('rbacSecretsAccess', manifests, { allowedRoles: ['system:controller'] })).toHaveLength(1);
  });

  test('is not applicable to bindings', () => {
    const binding = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'b' }, roleRef: { kind: 'ClusterRole', name: 'r' }, rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }] };
    expect(briefs('rbacSecretsAccess', [binding])).toEqual([]);
  });
});
