import { PolicyRule, role, roleDetail } from './_rbac';
import { Brief, briefs, evaluateRule } from './helpers';

const fails = (what: string, index = 0, suffix = ''): Brief[] => [{ path: `/rules/${index}`, detail: roleDetail(what, index) + suffix }];

describe('rbacExecAttach', () => {
  test.each<[string, PolicyRule[], Brief[]]>([
    ['passes when the role reads pods and logs', [{ apiGroups: [''], resources: ['pods', 'pods/log'], verbs: ['get', 'list', 'create'] }], []],
    ['fails for create on pods/exec', [{ apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] }], fails('grants create on pods/exec')],
    ['fails for get on pods/exec (the WebSocket upgrade)', [{ apiGroups: [''], resources: ['pods/exec'], verbs: ['get'] }], fails('grants get on pods/exec')],
    ['fails for create on pods/attach', [{ apiGroups: [''], resources: ['pods/attach'], verbs: ['create'] }], fails('grants create on pods/attach')],
    ['fails for create on pods/portforward', [{ apiGroups: [''], resources: ['pods/portforward'], verbs: ['create'] }], fails('grants create on pods/portforward')],
    ['fails for every verb on pods/exec', [{ apiGroups: [''], resources: ['pods/exec'], verbs: ['*'] }], fails('grants "*" on pods/exec')],
    ['fails for "*" resources, which cover subresources', [{ apiGroups: [''], resources: ['*'], verbs: ['get'] }], fails('grants get on "*"')],
    ['fails for the exec subresource of every resource ("*/exec")', [{ apiGroups: [''], resources: ['*/exec'], verbs: ['create'] }], fails('grants create on */exec')],
    ['fails for every API group', [{ apiGroups: ['*'], resources: ['pods/attach'], verbs: ['get'] }], fails('grants get on pods/attach')],
    ['fails for a named pod (resourceNames still grant exec into it)', [{ apiGroups: [''], resources: ['pods/exec'], verbs: ['create'], resourceNames: ['debug'] }],
      fails('grants create on pods/exec', 0, ' (resourceNames "debug")')],
    ['passes for "pods/*", which Kubernetes does not read as a pattern', [{ apiGroups: [''], resources: ['pods/*'], verbs: ['create'] }], []],
    ['passes for list and watch on pods/exec', [{ apiGroups: [''], resources: ['pods/exec', 'pods/attach'], verbs: ['list', 'watch'] }], []],
    ['passes for pods/exec of another API group', [{ apiGroups: ['example.com'], resources: ['pods/exec'], verbs: ['create'] }], []],
    ['passes for create on pods (that is rbacWorkloadCreate)', [{ apiGroups: [''], resources: ['pods'], verbs: ['create'] }], []],
  ])('%s', (_name, rules, expected) => {
    expect(briefs('rbacExecAttach', [role('ClusterRole', 'r', rules)])).toEqual(expected);
  });

  test('reports a warning by default, and exempts allowedRoles', () => {
    const manifests = [role('Role', 'debugger', [{ apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] }], 'shop')];
    expect(evaluateRule('rbacExecAttach', manifests)[0]).toMatchObject({
      severity: 'warning',
      message: 'RBAC rule grants exec, attach or port-forward into pods',
      fix: 'remove pods/exec, pods/attach and pods/portforward from the role; give break-glass access through a separate, audited role',
    });
    expect(briefs('rbacExecAttach', manifests, { allowedRoles: ['debugger'] })).toEqual([]);
  });
});
