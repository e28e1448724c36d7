import { PolicyRule, role, roleDetail } from './_rbac';
import { Brief, briefs, evaluateRule } from './helpers';
import { POD_BEARING_KINDS } from '../../../src/engine/manifest';

const fails = (what: string, index = 0): Brief[] => [{ path: `/rules/${index}`, detail: roleDetail(what, index) }];

describe('rbacWorkloadCreate', () => {
  test.each<[string, PolicyRule[], Brief[]]>([
    ['passes when the role only reads workloads', [{ apiGroups: ['', 'apps', 'batch'], resources: ['pods', 'deployments', 'jobs'], verbs: ['get', 'list', 'watch'] }], []],
    ['fails for create on pods', [{ apiGroups: [''], resources: ['pods'], verbs: ['create'] }], fails('grants create on pods')],
    ['fails for create on deployments', [{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['create'] }], fails('grants create on deployments')],
    ['fails for create on deployments of the old extensions group', [{ apiGroups: ['extensions'], resources: ['deployments'], verbs: ['create'] }], fails('grants create on deployments')],
    ['fails for create on cronjobs and jobs', [{ apiGroups: ['batch'], resources: ['cronjobs', 'jobs'], verbs: ['create'] }], fails('grants create on cronjobs, jobs')],
    ['fails for create on replicationcontrollers', [{ apiGroups: [''], resources: ['replicationcontrollers'], verbs: ['create'] }], fails('grants create on replicationcontrollers')],
    ['fails for every verb on statefulsets', [{ apiGroups: ['apps'], resources: ['statefulsets'], verbs: ['*'] }], fails('grants "*" on statefulsets')],
    ['fails for create on every resource of the group', [{ apiGroups: ['apps'], resources: ['*'], verbs: ['create'] }], fails('grants create on "*"')],
    ['fails for create on daemonsets of every group', [{ apiGroups: ['*'], resources: ['daemonsets'], verbs: ['create'] }], fails('grants create on daemonsets')],
    ['passes for deployments in the core group (they are not there)', [{ apiGroups: [''], resources: ['deployments'], verbs: ['create'] }], []],
    ['passes for statefulsets in extensions (they never were there)', [{ apiGroups: ['extensions'], resources: ['statefulsets'], verbs: ['create'] }], []],
    ['passes for create on podtemplates (a template runs nothing)', [{ apiGroups: [''], resources: ['podtemplates'], verbs: ['create'] }], []],
    ['passes for update and patch, which change existing workloads only', [{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['update', 'patch'] }], []],
    ['passes for create on a subresource (deployments/scale)', [{ apiGroups: ['apps'], resources: ['deployments/scale'], verbs: ['create'] }], []],
  ])('%s', (_name, rules, expected) => {
    expect(briefs('rbacWorkloadCreate', [role('ClusterRole', 'r', rules)])).toEqual(expected);
  });

  test('covers every pod-bearing kind of the engine but PodTemplate', () => {
    // GIVEN one role per kind, granting create on the kind's plural in every group
    const kinds = POD_BEARING_KINDS.filter(k => k !== 'PodTemplate');
    const manifests = kinds.map(k => role('ClusterRole', k, [{ apiGroups: ['*'], resources: [`${k.toLowerCase()}s`], verbs: ['create'] }]));
    // WHEN
    const found = evaluateRule('rbacWorkloadCreate', manifests);
    // THEN
    expect(found.map(f => f.resource.name)).toEqual(kinds);
    expect(kinds).toEqual(['Pod', 'ReplicationController', 'ReplicaSet', 'Deployment', 'DaemonSet', 'StatefulSet', 'Job', 'CronJob', 'DeploymentConfig', 'Rollout', 'Service', 'Configuration', 'ScaledJob', 'CloneSet']);
  });

  test('reports a warning by default, and exempts allowedRoles', () => {
    const manifests = [role('ClusterRole', 'argocd-application-controller', [{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['create'] }])];
    expect(evaluateRule('rbacWorkloadCreate', manifests)[0]).toMatchObject({ severity: 'warning', message: 'RBAC rule grants create on pods or workloads' });
    expect(briefs('rbacWorkloadCreate', manifests, { allowedRoles: ['argocd-*'] })).toEqual([]);
  });
});
