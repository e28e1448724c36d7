import { Brief, briefs, C, deployment, E, evaluateRule, I, Tweak, tweaked } from './helpers';
import { PssLevel, Severity } from '../../../src/engine/types';
import { PolicyEvaluator } from '../../../src/evaluator';

const base = () => ({
  initContainers: [{ name: 'init', image: 'registry.example.com/migrate:1.0' }],
  containers: [
    { name: 'app', image: 'registry.example.com/app:1.0' },
    { name: 'sidecar', image: 'ghcr.io/acme/proxy:2.1' },
  ],
  ephemeralContainers: [{ name: 'debug', image: 'busybox:1.36' }],
});

describe('invalidImageReference', () => {
  test.each<[string, Tweak, Brief[]]>([
    ['passes for valid references', () => {}, []],
    ['fails when a container has no image', s => { delete s.containers[0].image; }, [
      { path: `${C}/0/image`, container: 'app', detail: 'container "app" sets no image' },
    ]],
    ['fails when the image is empty', s => { s.ephemeralContainers[0].image = ''; }, [
      { path: `${E}/0/image`, container: 'debug', detail: 'container "debug" sets no image' },
    ]],
    ['fails when the digest is truncated', s => { s.initContainers[0].image = 'registry.example.com/migrate@sha256:0123abc'; }, [
      { path: `${I}/0/image`, container: 'init', detail: 'container "init" has an invalid image reference "registry.example.com/migrate@sha256:0123abc": digest "sha256:0123abc" is not "<algorithm>:<hex>"' },
    ]],
    ['fails when the repository has uppercase letters', s => { s.containers[1].image = 'ghcr.io/acme/Proxy:2.1'; }, [
      { path: `${C}/1/image`, container: 'sidecar', detail: 'container "sidecar" has an invalid image reference "ghcr.io/acme/Proxy:2.1": repository component "Proxy" must be lowercase letters and digits, separated by ".", "_", "__" or "-"' },
    ]],
    ['fails when an unnamed container has a bad tag, naming it by index', s => { s.containers[0] = { image: 'app:-1' }; }, [
      { path: `${C}/0/image`, container: 'containers[0]', detail: 'container "containers[0]" has an invalid image reference "app:-1": tag "-1" is not valid' },
    ]],
  ])('%s', (_name, tweak, expected) => {
    expect(briefs('invalidImageReference', [deployment(tweaked(base, tweak))])).toEqual(expected);
  });

  test('one malformed reference is one finding when every image rule runs, and no registry headline', () => {
    // GIVEN every image rule, with the image's registry allowed, and a truncated digest
    const evaluator = new PolicyEvaluator({
      level: PssLevel.PRIVILEGED,
      rules: [{ ruleId: 'imageTag' }, { ruleId: 'imageDigest' }, { ruleId: 'imagePullPolicy' }, { ruleId: 'imageRegistry', params: { allowed: ['ghcr.io/acme/'] } }],
    });
    const manifest = deployment({ containers: [{ name: 'app', image: 'ghcr.io/acme/app@sha256:9f86d0' }] });
    // WHEN
    const findings = evaluator.evaluate(manifest);
    // THEN
    expect(findings.map(f => [f.ruleId, f.message])).toEqual([['invalidImageReference', 'invalid image reference']]);
  });

  test('runs with any image rule without being selected, and not without one', () => {
    // GIVEN / WHEN
    const withImageRule = new PolicyEvaluator({ level: PssLevel.PRIVILEGED, rules: [{ ruleId: 'imageTag' }] });
    const without = new PolicyEvaluator({ level: PssLevel.PRIVILEGED, rules: [{ ruleId: 'resourceLimits' }] });
    // THEN
    expect(withImageRule.ruleIds()).toEqual(['imageTag', 'invalidImageReference']);
    expect(without.ruleIds()).toEqual(['resourceLimits']);
    expect(evaluateRule('resourceLimits', [deployment({ containers: [{ name: 'app', image: 'App', resources: { limits: { cpu: '1', memory: '1Gi' } } }] })])).toEqual([]);
  });

  test('takes the severity a pack or the rules give it', () => {
    // GIVEN
    const evaluator = new PolicyEvaluator({ level: PssLevel.PRIVILEGED, rules: [{ ruleId: 'imageTag' }], severityOverrides: { invalidImageReference: Severity.WARNING } });
    // WHEN
    const findings = evaluator.evaluate(deployment({ containers: [{ name: 'app' }] }));
    // THEN
    expect(findings.map(f => [f.ruleId, f.severity])).toEqual([['invalidImageReference', 'warning']]);
  });

  test('refuses parameters', () => {
    expect(() => new PolicyEvaluator({ rules: [{ ruleId: 'invalidImageReference', params: { strict: true } }] }))
      .toThrow(new Error('invalid parameters for rule "invalidImageReference": unknown parameter "strict", this rule takes no parameters'));
  });
});
