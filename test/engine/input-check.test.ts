import { PolicyEvaluator, PssLevel } from '../../src';

/** A pod that is allowed at restricted/latest. */
function validPod(): any {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p' },
    spec: {
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
      containers: [{ name: 'app', image: 'app:1', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }],
    },
  };
}

const INVALID = PolicyEvaluator.INVALID_INPUT_RULE_ID;

describe('bad input is never allowed', () => {
  test('the valid pod has no findings', () => {
    expect(new PolicyEvaluator().evaluate(validPod())).toEqual([]);
  });

  test.each<[string, (pod: any) => any, string, string]>([
    ['privileged is the string "true"', pod => { pod.spec.containers[0].securityContext.privileged = 'true'; },
      '/spec/containers/0/securityContext/privileged', 'spec.containers[0].securityContext.privileged must be a boolean (true or false), found string "true"'],
    ['runAsUser is the string "0"', pod => { pod.spec.securityContext.runAsUser = '0'; },
      '/spec/securityContext/runAsUser', 'spec.securityContext.runAsUser must be a whole number, found string "0"'],
    ['containers is a map', pod => { pod.spec.containers = {}; },
      '/spec/containers', 'spec.containers must be a list, found a map'],
    ['securityContext is a list', pod => { pod.spec.securityContext = []; },
      '/spec/securityContext', 'spec.securityContext must be a map, found a list'],
    ['spec is null', pod => { pod.spec = null; }, '/spec', 'spec must be a map, found null'],
    ['spec is missing', pod => { delete pod.spec; }, '/spec', 'spec is missing'],
    ['containers are missing', pod => { delete pod.spec.containers; }, '/spec/containers', 'spec.containers must list at least one container'],
    ['containers are empty', pod => { pod.spec.containers = []; }, '/spec/containers', 'spec.containers must list at least one container'],
    ['a container entry is null', pod => { pod.spec.containers.push(null); },
      '/spec/containers/1', 'spec.containers[1] must be a map, found null'],
    ['capabilities.drop is a string', pod => { pod.spec.containers[0].securityContext.capabilities.drop = 'ALL'; },
      '/spec/containers/0/securityContext/capabilities/drop', 'spec.containers[0].securityContext.capabilities.drop must be a list, found string "ALL"'],
    ['an annotation value is a number', pod => { pod.metadata.annotations = { 'example.com/n': 1 }; },
      '/metadata/annotations/example.com~1n', 'metadata.annotations["example.com/n"] must be a string, found number 1'],
    ['a volume source is misspelled', pod => { pod.spec.volumes = [{ name: 'v', hostpath: { path: '/' } }]; },
      '/spec/volumes/0/hostpath', 'spec.volumes[0].hostpath is not a field of a volume'],
    ['a volume source is not a map', pod => { pod.spec.volumes = [{ name: 'v', emptyDir: 'yes' }]; },
      '/spec/volumes/0/emptyDir', 'spec.volumes[0].emptyDir must be a map, found string "yes"'],
    ['a securityContext has a __proto__ key', pod => {
      pod.spec.containers[0].securityContext = JSON.parse('{"__proto__": {"privileged": true}, "allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"]}}');
    }, '/spec/containers/0/securityContext/__proto__', 'spec.containers[0].securityContext.__proto__ is not a valid field name'],
    ['the pod spec has a __proto__ key', pod => { pod.spec = { ...JSON.parse('{"__proto__": {"hostPID": true}}'), ...pod.spec }; },
      '/spec/__proto__', 'spec.__proto__ is not a valid field name'],
    ['annotations have a __proto__ key', pod => { pod.metadata.annotations = JSON.parse('{"__proto__": "x"}'); },
      '/metadata/annotations/__proto__', 'metadata.annotations.__proto__ is not a valid field name'],
    ['the manifest has a __proto__ key', pod => JSON.parse(JSON.stringify(pod).replace('{', '{"__proto__": {"kind": "ConfigMap"},')),
      '/__proto__', '__proto__ is not a valid field name'],
  ])('fails when %s', (_name, tweak, path, detail) => {
    // GIVEN a pod with one malformed field
    const pod = validPod();
    const manifest = tweak(pod) ?? pod;
    // WHEN it is evaluated
    const evaluator = new PolicyEvaluator({ level: PssLevel.RESTRICTED });
    const findings = evaluator.evaluate(manifest);
    // THEN an invalidInput error names the field, and the manifest is not allowed
    const invalid = findings.filter(f => f.ruleId === INVALID);
    expect(invalid.map(f => [f.path, f.detail, f.message])).toEqual([[path, detail, 'invalid manifest']]);
    expect(evaluator.isAllowed(manifest)).toBe(false);
  });

  test('a workload without a template names the missing field', () => {
    const findings = new PolicyEvaluator().evaluate({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: {} });
    expect(findings.map(f => [f.ruleId, f.path, f.detail, f.fix])).toEqual([
      [INVALID, '/spec/template', 'spec.template is missing', 'write spec.template as a map holding the pod template'],
    ]);
  });

  test('a ReplicationController with a null template is not evaluated, as in pod-security admission', () => {
    expect(new PolicyEvaluator().evaluate({ apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'rc' }, spec: { template: null } })).toEqual([]);
  });

  test.each<[string, unknown, string, string]>([
    ['a number', 42, '', 'a manifest must be a map with apiVersion and kind, found number 42'],
    ['null', null, '', 'a manifest must be a map with apiVersion and kind, found null'],
    ['a map without kind', { apiVersion: 'v1', metadata: { name: 'x' } }, '/kind', 'kind is missing'],
    ['a map with a numeric apiVersion', { apiVersion: 1, kind: 'ConfigMap' }, '/apiVersion', 'apiVersion must be a non-empty string, found number 1'],
  ])('fails when the manifest is %s', (_name, manifest, path, detail) => {
    // GIVEN a manifest that is not a Kubernetes object / WHEN evaluated / THEN it is reported, not thrown
    const findings = new PolicyEvaluator().evaluate(manifest);
    expect(findings.filter(f => f.ruleId === INVALID).map(f => [f.path, f.detail])).toEqual([[path, detail]]);
  });
  test.each<[string, any, string, string]>([
    ['a Role\'s rules are a map', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'r' }, rules: { verbs: ['*'] } },
      '/rules', 'rules must be a list, found a map'],
    ['a ClusterRole\'s verbs are a string', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'r' }, rules: [{ resources: ['pods'], verbs: '*' }] },
      '/rules/0/verbs', 'rules[0].verbs must be a list, found string "*"'],
    ['a resource name is a number', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'r' }, rules: [{ resourceNames: [1] }] },
      '/rules/0/resourceNames/0', 'rules[0].resourceNames[0] must be a string, found number 1'],
    ['a binding\'s roleRef is a string', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'b' }, roleRef: 'cluster-admin' },
      '/roleRef', 'roleRef must be a map, found string "cluster-admin"'],
    ['a subject\'s namespace is a number', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'b' }, subjects: [{ kind: 'ServiceAccount', name: 'a', namespace: 1 }] },
      '/subjects/0/namespace', 'subjects[0].namespace must be a string, found number 1'],
    ['a ServiceAccount\'s automountServiceAccountToken is a string', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'a' }, automountServiceAccountToken: 'false' },
      '/automountServiceAccountToken', 'automountServiceAccountToken must be a boolean (true or false), found string "false"'],
    ['a Secret\'s stringData value is a number', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { pin: 1234 } },
      '/stringData/pin', 'stringData.pin must be a string, found number 1234'],
    ['a projected volume\'s sources are a map', (() => { const pod = validPod(); pod.spec.volumes = [{ name: 't', projected: { sources: {} } }]; return pod; })(),
      '/spec/volumes/0/projected/sources', 'spec.volumes[0].projected.sources must be a list, found a map'],
  ])('fails when %s', (_name, manifest, path, detail) => {
    // GIVEN an object whose field a rule reads has the wrong type / WHEN evaluated / THEN it is reported
    const findings = new PolicyEvaluator({ level: PssLevel.PRIVILEGED }).evaluate(manifest);
    expect(findings.filter(f => f.ruleId === INVALID).map(f => [f.path, f.detail])).toEqual([[path, detail]]);
  });

  test('leaves objects of the same kind in another API group alone', () => {
    const findings = new PolicyEvaluator({ level: PssLevel.PRIVILEGED }).evaluate({ apiVersion: 'example.com/v1', kind: 'Role', metadata: { name: 'r' }, rules: 'anything' });
    expect(findings).toEqual([]);
  });
});
