import { PolicyRule, role, roleDetail } from './_rbac';
import { Brief, briefs, evaluateRule } from './helpers';

const RBAC = 'rbac.authorization.k8s.io';
const fails = (what: string, index = 0): Brief[] => [{ path: `/rules/${index}`, detail: roleDetail(what, index) }];

describe('rbacEscalation', () => {
  test.each<[string, PolicyRule[], Brief[]]>([
    ['passes when the role manages roles without escalate or bind', [{ apiGroups: [RBAC], resources: ['roles', 'rolebindings'], verbs: ['get', 'create', 'update'] }], []],
    ['fails for escalate on roles', [{ apiGroups: [RBAC], resources: ['roles'], verbs: ['escalate'] }], fails('grants escalate on roles')],
    ['fails for bind on clusterroles', [{ apiGroups: [RBAC], resources: ['clusterroles'], verbs: ['bind'] }], fails('grants bind on clusterroles')],
    ['fails for impersonate on users, groups and serviceaccounts', [{ apiGroups: [''], resources: ['users', 'groups', 'serviceaccounts'], verbs: ['impersonate'] }],
      fails('grants impersonate on users, groups, serviceaccounts')],
    ['fails for impersonate on uids', [{ apiGroups: ['authentication.k8s.io'], resources: ['uids'], verbs: ['impersonate'] }], fails('grants impersonate on uids')],
    ['fails for create on serviceaccounts/token', [{ apiGroups: [''], resources: ['serviceaccounts/token'], verbs: ['create'] }], fails('grants create on serviceaccounts/token')],
    ['fails for every verb on roles', [{ apiGroups: [RBAC], resources: ['roles'], verbs: ['*'] }], fails('grants "*" on roles')],
    ['fails for bind with resourceNames (still a bind)', [{ apiGroups: [RBAC], resources: ['clusterroles'], verbs: ['bind'], resourceNames: ['view'] }],
      [{ path: '/rules/0', detail: roleDetail('grants bind on clusterroles') + ' (resourceNames "view")' }]],
    ['names each escalation of a rule with everything', [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }], fails('grants "*" on "*"')],
    ['passes for get on serviceaccounts/token', [{ apiGroups: [''], resources: ['serviceaccounts/token'], verbs: ['get'] }], []],
    ['passes for create on serviceaccounts', [{ apiGroups: [''], resources: ['serviceaccounts'], verbs: ['create'] }], []],
    ['passes for escalate on a resource where it means nothing', [{ apiGroups: [''], resources: ['pods'], verbs: ['escalate', 'bind'] }], []],
    ['passes for bind on roles of another group', [{ apiGroups: ['example.com'], resources: ['roles'], verbs: ['bind'] }], []],
  ])('%s', (_name, rules, expected) => {
    expect(briefs('rbacEscalation', [role('ClusterRole', 'r', rules)])).toEqual(expected);
  });

  test('lists each escalation of one rule once', () => {
    const rules = [{ apiGroups: ['', RBAC], resources: ['roles', 'serviceaccounts/token'], verbs: ['bind', 'create'] }];
    expect(briefs('rbacEscalation', [role('ClusterRole', 'r', rules)])).toEqual(fails('grants bind on roles; create on serviceaccounts/token'));
  });

  test('reports an error by default, and exempts allowedRoles', () => {
    const manifests = [role('ClusterRole', 'rbac-manager', [{ apiGroups: [RBAC], resources: ['clusterroles'], verbs: ['bind', 'escalate'] }])];
    expect(evaluateRule('rbacEscalation', manifests)[0]).toMatchObject({
      severity: 'error',
      message: 'RBAC rule grants privilege escalation',
      detail: 'ClusterRole "rbac-manager" grants bind, escalate on clusterroles in rules[0]',
    });
    expect(briefs('rbacEscalation', manifests, { allowedRoles: ['rbac-manager'] })).toEqual([]);
  });
});
