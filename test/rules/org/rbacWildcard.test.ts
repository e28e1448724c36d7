import { PolicyRule, role } from './_rbac';
import { Brief, briefs, evaluateRule } from './helpers';
import { PolicyEvaluator } from '../../../src/evaluator';

const R = 'ClusterRole "r"';

describe('rbacWildcard', () => {
  test.each<[string, PolicyRule[], Brief[]]>([
    ['passes when every entry is named', [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }], []],
    ['fails when verbs hold "*"', [{ apiGroups: [''], resources: ['secrets'], verbs: ['*'] }], [
      { path: '/rules/0/verbs/0', detail: `${R} uses "*" in verbs in rules[0]` },
    ]],
    ['fails when resources hold "*"', [{ apiGroups: [''], resources: ['pods', '*'], verbs: ['get'] }], [
      { path: '/rules/0/resources/1', detail: `${R} uses "*" in resources in rules[0]` },
    ]],
    ['fails when apiGroups hold "*"', [{ apiGroups: ['*'], resources: ['deployments'], verbs: ['get'] }], [
      { path: '/rules/0/apiGroups/0', detail: `${R} uses "*" in apiGroups in rules[0]` },
    ]],
    ['fails once per PolicyRule, pointing at every "*"', [
      { apiGroups: [''], resources: ['pods'], verbs: ['get'] },
      { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
    ], [
      { path: '/rules/1/apiGroups/0', detail: `${R} uses "*" in apiGroups, resources and verbs in rules[1]` },
    ]],
    ['passes when "*" is only in resourceNames (names match literally)', [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'], resourceNames: ['*'] }], []],
    ['passes for a subresource entry of every resource ("*/scale")', [{ apiGroups: ['apps'], resources: ['*/scale'], verbs: ['get'] }], []],
    ['passes for "*" in nonResourceURLs', [{ nonResourceURLs: ['*'], verbs: ['get'] }], []],
    ['passes for entries that only contain "*"', [{ apiGroups: ['*.example.com'], resources: ['widgets'], verbs: ['get'] }], []],
  ])('%s', (_name, rules, expected) => {
    expect(briefs('rbacWildcard', [role('ClusterRole', 'r', rules)])).toEqual(expected);
  });

  test('reports every "*" of a PolicyRule as a path of the finding', () => {
    // GIVEN
    const manifest = role('Role', 'r', [{ apiGroups: ['*'], resources: ['pods'], verbs: ['get', '*'] }], 'shop');
    // WHEN
    const [finding] = evaluateRule('rbacWildcard', [manifest]);
    // THEN
    expect(finding.paths).toEqual(['/rules/0/apiGroups/0', '/rules/0/verbs/1']);
    expect(finding.detail).toBe('Role "r" in namespace "shop" uses "*" in apiGroups and verbs in rules[0]');
    expect(finding).toMatchObject({ severity: 'error', message: 'wildcard in RBAC rule', fix: 'list the API groups, resources and verbs the role needs instead of "*"' });
  });

  test('points into the List item that holds the role', () => {
    const list = { apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }, role('ClusterRole', 'r', [{ apiGroups: [''], resources: ['*'], verbs: ['get'] }])] };
    expect(briefs('rbacWildcard', [list])).toEqual([{ path: '/items/1/rules/0/resources/0', detail: `${R} uses "*" in resources in rules[0]` }]);
  });

  test.each([
    ['a name', ['r']],
    ['a prefix ending in "*"', ['r*']],
  ])('lets allowedRoles exempt a role by %s', (_name, allowedRoles) => {
    const manifests = [role('ClusterRole', 'r', [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }])];
    expect(briefs('rbacWildcard', manifests, { allowedRoles })).toEqual([]);
    expect(briefs('rbacWildcard', manifests, { allowedRoles: ['s*', 'rr'] })).toHaveLength(1);
  });

  test.each<[string, any]>([
    ['is not applicable to other kinds', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'r' }, rules: [{ verbs: ['*'] }] }],
    ['is not applicable to a Role of another API group', { apiVersion: 'example.com/v1', kind: 'Role', metadata: { name: 'r' }, rules: [{ verbs: ['*'] }] }],
    ['reads a role without rules as granting nothing', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'r' } }],
  ])('%s', (_name, manifest) => {
    expect(briefs('rbacWildcard', [manifest])).toEqual([]);
  });

  test('leaves malformed rules to the input check, which reports them as invalid input', () => {
    // GIVEN a role Kubernetes would refuse: a rule that is not a map, verbs that are not a list
    const manifest = role('ClusterRole', 'r', ['*' as any, { apiGroups: ['*'], resources: ['pods'], verbs: '*' }]);
    // WHEN
    const findings = evaluateRule('rbacWildcard', [manifest]);
    // THEN
    expect(findings.map(f => [f.ruleId, f.path, f.detail, f.fix])).toEqual([
      ['invalidInput', '/rules/0', 'rules[0] must be a map, found string "*"', 'write rules[0] as a map, or remove it'],
      ['invalidInput', '/rules/1/verbs', 'rules[1].verbs must be a list, found string "*"', 'write rules[1].verbs as a list, or remove it'],
      ['rbacWildcard', '/rules/1/apiGroups/0', 'ClusterRole "r" uses "*" in apiGroups in rules[1]', 'list the API groups, resources and verbs the role needs instead of "*"'],
    ]);
  });

  test.each<[string, any, string]>([
    ['an unknown parameter', { roles: ['a'] }, 'invalid parameters for rule "rbacWildcard": unknown parameter "roles", expecting "allowedRoles"'],
    ['allowedRoles that is not a list', { allowedRoles: 'a' }, 'invalid parameters for rule "rbacWildcard": allowedRoles must be a list of strings such as ["ingress-nginx", "system:*"], found string "a"'],
    ['an empty name in allowedRoles', { allowedRoles: [''] }, 'invalid parameters for rule "rbacWildcard": allowedRoles[0] must be a non-empty string such as "ingress-nginx", found string ""'],
  ])('refuses %s', (_name, params, message) => {
    expect(() => new PolicyEvaluator({ rules: [{ ruleId: 'rbacWildcard', params }] })).toThrow(new Error(message));
  });
});
