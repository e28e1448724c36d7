import { Brief, briefs, C, deployment, I, Tweak, tweaked } from './helpers';
import { PolicyEvaluator } from '../../../src/evaluator';

const full = () => ({ limits: { 'cpu': '500m', 'memory': '256Mi', 'ephemeral-storage': '1Gi' } });

const base = () => ({
  initContainers: [{ name: 'init', image: 'migrate:1', resources: full() }],
  containers: [
    { name: 'app', image: 'app:1', resources: full() },
    { name: 'sidecar', image: 'proxy:1', resources: full() },
  ],
  ephemeralContainers: [{ name: 'debug', image: 'busybox:1' }],
});

describe('resourceLimits', () => {
  test.each<[string, Tweak, Brief[]]>([
    ['passes when init and regular containers limit cpu and memory (ephemeral containers are skipped)', () => {}, []],
    ['fails when only requests are set', s => { s.containers[0].resources = { requests: { cpu: '1', memory: '1Gi' } }; }, [
      { path: `${C}/0/resources/limits/cpu`, container: 'app', detail: 'container "app" must set resources.limits.cpu, resources.limits.memory' },
    ]],
    ['fails when a regular container has no memory limit', s => { delete s.containers[1].resources.limits.memory; }, [
      { path: `${C}/1/resources/limits/memory`, container: 'sidecar', detail: 'container "sidecar" must set resources.limits.memory' },
    ]],
    ['fails when an init container has no cpu limit', s => { s.initContainers[0].resources.limits.cpu = null; }, [
      { path: `${I}/0/resources/limits/cpu`, container: 'init', detail: 'container "init" must set resources.limits.cpu' },
    ]],
    ['fails for each container separately', s => { delete s.initContainers[0].resources; delete s.containers[0].resources; }, [
      { path: `${I}/0/resources/limits/cpu`, container: 'init', detail: 'container "init" must set resources.limits.cpu, resources.limits.memory' },
      { path: `${C}/0/resources/limits/cpu`, container: 'app', detail: 'container "app" must set resources.limits.cpu, resources.limits.memory' },
    ]],
  ])('%s', (_name, tweak, expected) => {
    expect(briefs('resourceLimits', [deployment(tweaked(base, tweak))])).toEqual(expected);
  });

  test('also requires ephemeral-storage with requireEphemeralStorage', () => {
    const spec = { containers: [{ name: 'app', image: 'app:1', resources: { limits: { cpu: '1' } } }] };
    expect(briefs('resourceLimits', [deployment(spec)], { requireEphemeralStorage: true })).toEqual([
      { path: `${C}/0/resources/limits/memory`, container: 'app', detail: 'container "app" must set resources.limits.memory, resources.limits.ephemeral-storage' },
    ]);
  });

  test('is not applicable to kinds that run no pods', () => {
    expect(briefs('resourceLimits', [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' } }])).toEqual([]);
  });

  test('fails when requireEphemeralStorage is not a boolean', () => {
    expect(() => new PolicyEvaluator({ rules: [{ ruleId: 'resourceLimits', params: { requireEphemeralStorage: 1 } }] }))
      .toThrow(new Error('invalid parameters for rule "resourceLimits": requireEphemeralStorage must be true or false, found number 1'));
  });
});
