import { Brief, briefs, C, deployment, I, Tweak, tweaked } from './helpers';
import { PssLevel } from '../../../src/engine/types';
import { PolicyEvaluator } from '../../../src/evaluator';

const full = () => ({ requests: { 'cpu': '100m', 'memory': '128Mi', 'ephemeral-storage': '1Gi' } });

const base = () => ({
  initContainers: [{ name: 'init', image: 'migrate:1', resources: full() }],
  containers: [
    { name: 'app', image: 'app:1', resources: full() },
    { name: 'sidecar', image: 'proxy:1', resources: full() },
  ],
  ephemeralContainers: [{ name: 'debug', image: 'busybox:1' }],
});

describe('resourceRequests', () => {
  test.each<[string, Tweak, Brief[]]>([
    ['passes when init and regular containers request cpu and memory (ephemeral containers are skipped)', () => {}, []],
    ['passes when a limit stands in for a missing request', s => { s.containers[0].resources = { limits: { cpu: '1', memory: '1Gi' } }; }, []],
    ['passes for numeric quantities', s => { s.containers[0].resources = { requests: { cpu: 1, memory: 1073741824 } }; }, []],
    ['fails when a regular container requests no cpu', s => { delete s.containers[0].resources.requests.cpu; }, [
      { path: `${C}/0/resources/requests/cpu`, container: 'app', detail: 'container "app" must set resources.requests.cpu' },
    ]],
    ['fails when an init container has no resources', s => { delete s.initContainers[0].resources; }, [
      { path: `${I}/0/resources/requests/cpu`, container: 'init', detail: 'container "init" must set resources.requests.cpu, resources.requests.memory' },
    ]],
    ['fails when a request is an empty string', s => { s.containers[1].resources.requests.memory = ''; }, [
      { path: `${C}/1/resources/requests/memory`, container: 'sidecar', detail: 'container "sidecar" must set resources.requests.memory' },
    ]],
    ['fails when only one of two resources has a limit', s => { s.containers[0].resources = { limits: { cpu: '1' } }; }, [
      { path: `${C}/0/resources/requests/memory`, container: 'app', detail: 'container "app" must set resources.requests.memory' },
    ]],
    ['fails for each container separately', s => { s.containers[0].resources = {}; s.containers[1].resources = { requests: { cpu: '1' } }; }, [
      { path: `${C}/0/resources/requests/cpu`, container: 'app', detail: 'container "app" must set resources.requests.cpu, resources.requests.memory' },
      { path: `${C}/1/resources/requests/memory`, container: 'sidecar', detail: 'container "sidecar" must set resources.requests.memory' },
    ]],
  ])('%s', (_name, tweak, expected) => {
    expect(briefs('resourceRequests', [deployment(tweaked(base, tweak))])).toEqual(expected);
  });

  test('names every missing resource in the paths and the fix', () => {
    // GIVEN
    const manifest = deployment({ containers: [{ name: 'app', image: 'app:1' }] });
    // WHEN
    const findings = new PolicyEvaluator({ level: PssLevel.PRIVILEGED, rules: [{ ruleId: 'resourceRequests' }] }).evaluate(manifest);
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0].paths).toEqual([`${C}/0/resources/requests/cpu`, `${C}/0/resources/requests/memory`]);
    expect(findings[0].fix).toBe('set resources.requests.cpu, resources.requests.memory on container "app"');
    expect(findings[0].severity).toBe('error');
  });

  test('also requires ephemeral-storage with requireEphemeralStorage', () => {
    const spec = { containers: [{ name: 'app', image: 'app:1', resources: { requests: { cpu: '1', memory: '1Gi' } } }] };
    expect(briefs('resourceRequests', [deployment(spec)], { requireEphemeralStorage: true })).toEqual([
      { path: `${C}/0/resources/requests/ephemeral-storage`, container: 'app', detail: 'container "app" must set resources.requests.ephemeral-storage' },
    ]);
    expect(briefs('resourceRequests', [deployment(spec)], { requireEphemeralStorage: false })).toEqual([]);
  });

  test('is not applicable to kinds that run no pods', () => {
    expect(briefs('resourceRequests', [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n' } }])).toEqual([]);
  });

  test.each<[string, any, string]>([
    ['fails when requireEphemeralStorage is not a boolean', { requireEphemeralStorage: 'yes' }, 'requireEphemeralStorage must be true or false, found string "yes"'],
    ['fails when a parameter is unknown', { cpu: true }, 'unknown parameter "cpu", expecting "requireEphemeralStorage"'],
  ])('%s', (_name, params, message) => {
    expect(() => new PolicyEvaluator({ rules: [{ ruleId: 'resourceRequests', params }] }))
      .toThrow(new Error(`invalid parameters for rule "resourceRequests": ${message}`));
  });
});
