import { Finding, IRule, PolicyEvaluator, PssLevel, RuleContext, RuleViolation, Severity } from '../src';

function validPod(name = 'p'): any {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: {
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
      containers: [{ name: 'app', image: 'app:1', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }],
    },
  };
}

function privilegedPod(name = 'bad'): any {
  const pod = validPod(name);
  pod.spec.containers[0].securityContext.privileged = true;
  pod.spec.hostNetwork = true;
  return pod;
}

class ThrowingRule implements IRule {
  public readonly ruleId = 'alwaysThrows';
  public readonly description = 'Throws.';
  public readonly message = 'never shown';
  public readonly fix = 'none';
  public readonly severity = Severity.WARNING;
  public evaluate(_context: RuleContext): RuleViolation[] {
    throw new Error('boom');
  }
}

class ImageTagRule implements IRule {
  public readonly ruleId = 'noLatestTag';
  public readonly description = 'Images must not use the latest tag.';
  public readonly message = 'latest tag';
  public readonly fix = 'pin the image';
  public readonly severity = Severity.WARNING;
  public evaluate(context: RuleContext): RuleViolation[] {
    return context.containers
      .filter(c => typeof c.spec.image === 'string' && c.spec.image.endsWith(':latest'))
      .map(c => ({ container: c.name, path: `${c.path}/image`, detail: `container "${c.name}" uses ${c.spec.image}` }));
  }
}

describe('PolicyEvaluator', () => {
  test('defaults to restricted at latest, which evaluates as v1.37', () => {
    // GIVEN no props / WHEN constructed / THEN it runs restricted at the newest entry
    const evaluator = new PolicyEvaluator();
    expect(evaluator.level).toBe(PssLevel.RESTRICTED);
    expect(evaluator.version).toBe('latest');
    expect(evaluator.effectiveVersion).toBe('v1.37');
  });

  test.each(['latest', 'v1.40', 'v1.37'])('%s evaluates exactly as v1.37', version => {
    // GIVEN a pod using a sysctl allowed from v1.37 and one that is never allowed
    const pod = validPod();
    pod.spec.securityContext.sysctls = [{ name: 'net.ipv4.tcp_notsent_lowat', value: '1' }, { name: 'kernel.msgmax', value: '1' }];
    // WHEN evaluated at the version
    const evaluator = new PolicyEvaluator({ version });
    // THEN the result and the rules are those of v1.37
    expect(evaluator.effectiveVersion).toBe('v1.37');
    expect(evaluator.evaluate(pod)).toEqual(new PolicyEvaluator({ version: 'v1.37' }).evaluate(pod));
    expect(evaluator.evaluate(pod).map(f => f.detail)).toEqual(['pod must not set sysctl "kernel.msgmax"']);
    expect(evaluator.ruleIds()).toEqual(new PolicyEvaluator({ version: 'v1.37' }).ruleIds());
  });

  test.each<[string, object, string]>([
    ['the version has a leading zero', { version: 'v1.05' }, 'invalid policy version "v1.05", expecting "latest" or "v1.<minor>" such as "v1.30"'],
    ['the version is empty', { version: '' }, 'invalid policy version "", expecting "latest" or "v1.<minor>" such as "v1.30"'],
    ['the level is unknown', { level: 'strict' }, 'invalid level "strict", expecting one of privileged, baseline, restricted'],
  ])('fails when %s', (_name, props, message) => {
    expect(() => new PolicyEvaluator(props as any)).toThrow(new Error(message));
  });

  test('fails when a custom rule takes a built-in id', () => {
    const rule = Object.assign(new ImageTagRule(), { ruleId: 'privileged' });
    expect(() => new PolicyEvaluator({ customRules: [rule] })).toThrow(new Error('custom rule id "privileged" is already taken, choose another id'));
  });

  test('the privileged level allows everything', () => {
    expect(new PolicyEvaluator({ level: PssLevel.PRIVILEGED }).evaluate(privilegedPod())).toEqual([]);
  });

  test('unknown kinds are not applicable: no findings and no errors', () => {
    // GIVEN kinds that run no pods, one with a pod-like spec
    const manifests = [
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 'b' } },
      { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { containers: [{ name: 'x', securityContext: { privileged: true } }] } },
      { apiVersion: 'example.com/v1', kind: 'Deployment', metadata: { name: 'not-apps' }, spec: {} },
    ];
    // WHEN evaluated / THEN nothing is reported
    expect(new PolicyEvaluator().evaluateAll(manifests)).toEqual([]);
  });

  test('List items are evaluated one by one, with paths into the list', () => {
    // GIVEN a List holding a ConfigMap, a good pod and a bad Deployment
    const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', namespace: 'prod' }, spec: { template: privilegedPod() } };
    const list = { apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }, validPod(), deployment] };
    // WHEN evaluated at baseline
    const findings = new PolicyEvaluator({ level: PssLevel.BASELINE }).evaluate(list);
    // THEN the findings name the Deployment and point into the list item's template
    expect(findings.map(f => [f.ruleId, f.path, f.resource])).toEqual([
      ['hostNamespaces', '/items/2/spec/template/spec/hostNetwork', { apiVersion: 'apps/v1', kind: 'Deployment', name: 'd', namespace: 'prod' }],
      ['privileged', '/items/2/spec/template/spec/containers/0/securityContext/privileged', { apiVersion: 'apps/v1', kind: 'Deployment', name: 'd', namespace: 'prod' }],
    ]);
  });

  test('evaluateAll numbers findings by manifest and keeps a fixed order', () => {
    // GIVEN two bad pods around a good one
    const manifests = [privilegedPod('a'), validPod('b'), privilegedPod('c')];
    const evaluator = new PolicyEvaluator({ level: PssLevel.BASELINE });
    // WHEN evaluated twice
    const first = evaluator.evaluateAll(manifests);
    const second = evaluator.evaluateAll(manifests);
    // THEN findings follow manifest order, then pod-security admission's check order, and repeat exactly
    expect(first.map(f => [f.manifestIndex, f.resource.name, f.ruleId])).toEqual([
      [0, 'a', 'hostNamespaces'], [0, 'a', 'privileged'], [2, 'c', 'hostNamespaces'], [2, 'c', 'privileged'],
    ]);
    expect(second).toEqual(first);
  });

  test('a finding carries the full model', () => {
    const pod = validPod();
    pod.spec.containers[0].securityContext.privileged = true;
    const [finding] = new PolicyEvaluator({ level: PssLevel.BASELINE }).evaluate(pod);
    const expected: Finding = {
      ruleId: 'privileged',
      severity: Severity.ERROR,
      level: PssLevel.BASELINE,
      message: 'privileged',
      detail: 'container "app" must not set securityContext.privileged=true',
      fix: 'remove securityContext.privileged or set it to false',
      path: '/spec/containers/0/securityContext/privileged',
      paths: ['/spec/containers/0/securityContext/privileged'],
      container: 'app',
      resource: { apiVersion: 'v1', kind: 'Pod', name: 'p' },
      manifestIndex: 0,
      helpUri: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
    };
    expect(finding).toEqual(expected);
  });

  test('a custom rule that throws becomes a ruleError finding, and the other rules still run', () => {
    // GIVEN a throwing custom rule and a privileged pod
    const evaluator = new PolicyEvaluator({ level: PssLevel.BASELINE, customRules: [new ThrowingRule()] });
    // WHEN evaluated
    const findings = evaluator.evaluate(privilegedPod());
    // THEN the throw is its own error outcome, never swallowed
    expect(findings.map(f => f.ruleId)).toEqual(['hostNamespaces', 'privileged', 'alwaysThrows']);
    const error = findings[2];
    expect(error).toMatchObject({
      ruleError: true,
      severity: Severity.ERROR,
      message: 'rule failed to run',
      detail: 'rule "alwaysThrows" threw: boom',
      fix: 'report the failure of rule "alwaysThrows", or fix the custom rule',
      path: '',
    });
    expect(evaluator.isAllowed(validPod())).toBe(false);
  });

  test('a custom rule sees the containers and reports with its own severity', () => {
    const pod = validPod();
    pod.spec.containers[0].image = 'app:latest';
    const findings = new PolicyEvaluator({ customRules: [new ImageTagRule()] }).evaluate(pod);
    expect(findings.map(f => [f.ruleId, f.severity, f.path, f.container, f.detail])).toEqual([
      ['noLatestTag', Severity.WARNING, '/spec/containers/0/image', 'app', 'container "app" uses app:latest'],
    ]);
  });

  test.each<[string, unknown]>([
    ['undefined', undefined], ['a string', 'kind: Pod'], ['a list', [validPod()]],
    ['a pod whose containers are numbers', { ...validPod(), spec: { containers: [1, 2] } }],
    ['a pod whose spec is a string', { ...validPod(), spec: 'x' }],
    ['a deeply nested List', { apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'List', items: [null, 3, privilegedPod()] }] }],
  ])('never throws and never allows %s', (_name, manifest) => {
    const evaluator = new PolicyEvaluator();
    expect(() => evaluator.evaluate(manifest)).not.toThrow();
    expect(evaluator.isAllowed(manifest)).toBe(false);
  });

  test('does not modify its input', () => {
    const manifests = [privilegedPod(), validPod()];
    const before = JSON.stringify(manifests);
    new PolicyEvaluator().evaluateAll(manifests);
    expect(JSON.stringify(manifests)).toBe(before);
  });
});
