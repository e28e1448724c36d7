import { binding, role, serviceAccount } from './_rbac';
import { briefs, deployment, evaluateRule, S } from './helpers';
import { PolicyEvaluator } from '../../../src/evaluator';

const SECRETS = role('Role', 'secret-reader', [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list'] }], 'shop');
const READ_SECRETS = 'grants it Role "secret-reader" in namespace "shop", which in rules[0] grants get, list on secrets (rbacSecretsAccess)';
const SA_WEB = { kind: 'ServiceAccount', name: 'web', namespace: 'shop' };

/** The shop's web Deployment, running as `account` (null: names none), in `namespace` (null: none). */
function web(account: string | null = 'web', spec: { [key: string]: any } = {}, namespace: string | null = 'shop'): any {
  return deployment({ ...(account !== null ? { serviceAccountName: account } : {}), containers: [{ name: 'app', image: 'app:1' }], ...spec }, namespace ?? undefined);
}

const finding = (rest: string, who = 'Deployment "web" in namespace "shop"', account = 'web', path = `${S}/serviceAccountName`) =>
  [{ path, detail: `${who} mounts the token of service account "${account}", and ${rest}` }];

describe('workloadPrivileges', () => {
  test.each<[string, any[], any[]]>([
    ['passes when no binding names the account', [SECRETS, web()], []],
    ['fails when a RoleBinding grants the account a Role that reads secrets', [SECRETS, binding('RoleBinding', 'rb', { kind: 'Role', name: 'secret-reader' }, [SA_WEB], 'shop'), web()],
      finding(`RoleBinding "rb" ${READ_SECRETS}`)],
    ['fails for a RoleBinding\'s ServiceAccount subject without a namespace (the binding\'s)', [SECRETS, binding('RoleBinding', 'rb', { kind: 'Role', name: 'secret-reader' }, [{ kind: 'ServiceAccount', name: 'web' }], 'shop'), web()],
      finding(`RoleBinding "rb" ${READ_SECRETS}`)],
    ['fails for the account\'s user name', [SECRETS, binding('RoleBinding', 'rb', { kind: 'Role', name: 'secret-reader' }, [{ kind: 'User', name: 'system:serviceaccount:shop:web' }], 'shop'), web()],
      finding(`RoleBinding "rb" ${READ_SECRETS}`)],
    ['fails for the group of the namespace\'s accounts', [SECRETS, binding('RoleBinding', 'rb', { kind: 'Role', name: 'secret-reader' }, [{ kind: 'Group', name: 'system:serviceaccounts:shop' }], 'shop'), web()],
      finding(`RoleBinding "rb" ${READ_SECRETS}`)],
    ['fails for the group of every account', [SECRETS, binding('RoleBinding', 'rb', { kind: 'Role', name: 'secret-reader' }, [{ kind: 'Group', name: 'system:serviceaccounts' }], 'shop'), web()],
      finding(`RoleBinding "rb" ${READ_SECRETS}`)],
    ['fails for system:authenticated', [SECRETS, binding('RoleBinding', 'rb', { kind: 'Role', name: 'secret-reader' }, [{ kind: 'Group', name: 'system:authenticated' }], 'shop'), web()],
      finding(`RoleBinding "rb" ${READ_SECRETS}`)],
    ['fails for a ClusterRoleBinding to cluster-admin, which the inputs need not hold', [binding('ClusterRoleBinding', 'ops', { kind: 'ClusterRole', name: 'cluster-admin' }, [SA_WEB]), web()],
      finding('ClusterRoleBinding "ops" grants it ClusterRole "cluster-admin" cluster-wide, which grants every permission (rbacClusterAdmin)')],
    ['fails for a RoleBinding to a ClusterRole, granted in the binding\'s namespace', [
      role('ClusterRole', 'exec', [{ apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] }]),
      binding('RoleBinding', 'rb', { kind: 'ClusterRole', name: 'exec' }, [SA_WEB], 'billing'), web(),
    ], finding('RoleBinding "rb" grants it ClusterRole "exec" in namespace "billing", which in rules[0] grants create on pods/exec (rbacExecAttach)')],
    ['names every rule a PolicyRule with wildcards breaks', [
      role('ClusterRole', 'all', [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }]),
      binding('ClusterRoleBinding', 'crb', { kind: 'ClusterRole', name: 'all' }, [SA_WEB]), web(),
    ], finding('ClusterRoleBinding "crb" grants it ClusterRole "all" cluster-wide, which in rules[0] uses "*" in apiGroups, resources and verbs and grants "*" on "*" '
      + '(rbacWildcard, rbacSecretsAccess, rbacWorkloadCreate, rbacExecAttach, rbacEscalation)')],
    ['lists every risky PolicyRule of the role', [
      role('Role', 'ops', [
        { apiGroups: [''], resources: ['pods'], verbs: ['create'] },
        { apiGroups: [''], resources: ['configmaps'], verbs: ['get'] },
        { apiGroups: [''], resources: ['serviceaccounts/token'], verbs: ['create'], resourceNames: ['builder'] },
      ], 'shop'),
      binding('RoleBinding', 'rb', { kind: 'Role', name: 'ops' }, [SA_WEB], 'shop'), web(),
    ], finding('RoleBinding "rb" grants it Role "ops" in namespace "shop", which in rules[0] grants create on pods (rbacWorkloadCreate); '
      + 'in rules[2] (resourceNames "builder") grants create on serviceaccounts/token (rbacEscalation)')],
    ['reports one finding per binding', [
      SECRETS, binding('RoleBinding', 'a', { kind: 'Role', name: 'secret-reader' }, [SA_WEB], 'shop'),
      binding('ClusterRoleBinding', 'b', { kind: 'ClusterRole', name: 'cluster-admin' }, [SA_WEB]), web(),
    ], [
      ...finding(`RoleBinding "a" ${READ_SECRETS}`),
      ...finding('ClusterRoleBinding "b" grants it ClusterRole "cluster-admin" cluster-wide, which grants every permission (rbacClusterAdmin)'),
    ]],
    ['resolves the default account when the pod names none', [SECRETS, binding('RoleBinding', 'rb', { kind: 'Role', name: 'secret-reader' }, [{ kind: 'ServiceAccount', name: 'default', namespace: 'shop' }], 'shop'), web(null)],
      finding(`RoleBinding "rb" ${READ_SECRETS}`, undefined, 'default')],
    ['points at the deprecated serviceAccount field when that names the account', [SECRETS, binding('RoleBinding', 'rb', { kind: 'Role', name: 'secret-reader' }, [SA_WEB], 'shop'), web(null, { serviceAccount: 'web' })],
      finding(`RoleBinding "rb" ${READ_SECRETS}`, undefined, 'web', `${S}/serviceAccount`)],
    ['fails when a projected token is mounted although automount is off', [
      SECRETS, binding('RoleBinding', 'rb', { kind: 'Role', name: 'secret-reader' }, [SA_WEB], 'shop'),
      web('web', { automountServiceAccountToken: false, volumes: [{ name: 't', projected: { sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 600 } }] } }] }),
    ], finding(`RoleBinding "rb" ${READ_SECRETS}`)],
    ['passes when the pod does not mount the token', [SECRETS, binding('RoleBinding', 'rb', { kind: 'Role', name: 'secret-reader' }, [SA_WEB], 'shop'), web('web', { automountServiceAccountToken: false })], []],
    ['passes when the ServiceAccount in the inputs does not mount it and the pod leaves it unset', [
      SECRETS, binding('RoleBinding', 'rb', { kind: 'Role', name: 'secret-reader' }, [SA_WEB], 'shop'), serviceAccount('web', 'shop', false), web(),
    ], []],
    ['fails when the pod mounts the token although its ServiceAccount does not', [
      SECRETS, binding('RoleBinding', 'rb', { kind: 'Role', name: 'secret-reader' }, [SA_WEB], 'shop'), serviceAccount('web', 'shop', false), web('web', { automountServiceAccountToken: true }),
    ], finding(`RoleBinding "rb" ${READ_SECRETS}`)],
    ['passes when the binding names the account of another namespace', [SECRETS, binding('RoleBinding', 'rb', { kind: 'Role', name: 'secret-reader' }, [{ ...SA_WEB, namespace: 'billing' }], 'shop'), web()], []],
    ['passes when the RoleBinding refers to a Role of another namespace (a RoleBinding grants only its own)', [
      SECRETS, binding('RoleBinding', 'rb', { kind: 'Role', name: 'secret-reader' }, [SA_WEB], 'billing'), web(),
    ], []],
    ['passes for a ClusterRoleBinding whose ServiceAccount subject has no namespace', [binding('ClusterRoleBinding', 'crb', { kind: 'ClusterRole', name: 'cluster-admin' }, [{ kind: 'ServiceAccount', name: 'web' }]), web()], []],
    ['passes for a ClusterRoleBinding that refers to a Role', [SECRETS, binding('ClusterRoleBinding', 'crb', { kind: 'Role', name: 'secret-reader' }, [SA_WEB]), web()], []],
    ['passes when the role is not in the inputs (it cannot be known)', [binding('RoleBinding', 'rb', { kind: 'ClusterRole', name: 'view' }, [SA_WEB], 'shop'), web()], []],
    ['passes when the role grants nothing risky', [
      role('Role', 'cm', [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'watch'] }], 'shop'),
      binding('RoleBinding', 'rb', { kind: 'Role', name: 'cm' }, [SA_WEB], 'shop'), web(),
    ], []],
    ['passes for another user or group', [SECRETS, binding('RoleBinding', 'rb', { kind: 'Role', name: 'secret-reader' }, [{ kind: 'User', name: 'web' }, { kind: 'Group', name: 'system:serviceaccounts:billing' }], 'shop'), web()], []],
  ])('%s', (_name, manifests, expected) => {
    expect(briefs('workloadPrivileges', manifests)).toEqual(expected);
  });

  test('takes resources without a namespace to be in defaultNamespace', () => {
    // GIVEN a binding and a workload without namespaces, and a Role in "shop"
    const manifests = [SECRETS, binding('RoleBinding', 'rb', { kind: 'Role', name: 'secret-reader' }, [{ kind: 'ServiceAccount', name: 'web' }]), web('web', {}, null)];
    // WHEN / THEN
    expect(briefs('workloadPrivileges', manifests)).toEqual([]);
    expect(briefs('workloadPrivileges', manifests, { defaultNamespace: 'shop' })).toEqual(finding(`RoleBinding "rb" ${READ_SECRETS}`, 'Deployment "web"'));
  });

  test('reports on the workload\'s manifest, as a warning by default', () => {
    // GIVEN
    const manifests = [SECRETS, binding('RoleBinding', 'rb', { kind: 'Role', name: 'secret-reader' }, [SA_WEB], 'shop'), web()];
    // WHEN
    const found = evaluateRule('workloadPrivileges', manifests);
    // THEN
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      manifestIndex: 2,
      resource: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'shop' },
      severity: 'warning',
      message: 'workload token holds risky RBAC permissions',
      fix: 'bind the workload\'s own service account only to what it needs, or set spec.automountServiceAccountToken: false if it does not call the API',
    });
  });

  test('checks every kind that runs pods, and nothing else', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'shop' }, spec: { serviceAccountName: 'web', containers: [{ name: 'a', image: 'a:1' }] } };
    const cron = { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c', namespace: 'shop' }, spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { spec: { serviceAccountName: 'web', containers: [{ name: 'a', image: 'a:1' }] } } } } } };
    const found = evaluateRule('workloadPrivileges', [SECRETS, binding('RoleBinding', 'rb', { kind: 'Role', name: 'secret-reader' }, [SA_WEB], 'shop'), pod, cron, serviceAccount('web', 'shop')]);
    expect(found.map(f => `${f.resource.kind}:${f.path}`)).toEqual(['Pod:/spec/serviceAccountName', 'CronJob:/spec/jobTemplate/spec/template/spec/serviceAccountName']);
  });

  test.each<[string, { [key: string]: string[] }, number]>([
    ['allowedServiceAccounts exempts an account', { allowedServiceAccounts: ['shop/web'] }, 0],
    ['allowedServiceAccounts matches a namespace prefix', { allowedServiceAccounts: ['shop/*'] }, 0],
    ['allowedServiceAccounts of another namespace do not count', { allowedServiceAccounts: ['billing/*'] }, 1],
    ['allowedRoles exempts a role', { allowedRoles: ['secret-*'] }, 0],
  ])('%s', (_name, params, count) => {
    const manifests = [SECRETS, binding('RoleBinding', 'rb', { kind: 'Role', name: 'secret-reader' }, [SA_WEB], 'shop'), web()];
    expect(briefs('workloadPrivileges', manifests, params)).toHaveLength(count);
  });

  test.each<[string, any, string]>([
    ['an unknown parameter', { allowed: [] }, 'unknown parameter "allowed", expecting "allowedServiceAccounts" or "allowedRoles" or "defaultNamespace"'],
    ['accounts that are not a list', { allowedServiceAccounts: 'shop/web' }, 'allowedServiceAccounts must be a list of strings such as ["ingress-nginx/*", "system:*"], found string "shop/web"'],
    ['a bad defaultNamespace', { defaultNamespace: 'Shop' }, 'defaultNamespace must be a namespace name such as "default", found string "Shop"'],
  ])('refuses %s', (_name, params, message) => {
    expect(() => new PolicyEvaluator({ rules: [{ ruleId: 'workloadPrivileges', params }] })).toThrow(new Error(`invalid parameters for rule "workloadPrivileges": ${message}`));
  });
});
