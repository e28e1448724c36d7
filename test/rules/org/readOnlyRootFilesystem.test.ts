import { Brief, briefs, C, deployment, E, I, Tweak, tweaked } from './helpers';
import { PolicyEvaluator } from '../../../src/evaluator';

const ro = () => ({ readOnlyRootFilesystem: true });

const base = () => ({
  initContainers: [{ name: 'init', image: 'migrate:1', securityContext: ro() }],
  containers: [
    { name: 'app', image: 'app:1', securityContext: ro() },
    { name: 'sidecar', image: 'proxy:1', securityContext: ro() },
  ],
  ephemeralContainers: [{ name: 'debug', image: 'busybox:1', securityContext: ro() }],
});

describe('readOnlyRootFilesystem', () => {
  test.each<[string, Tweak, Brief[]]>([
    ['passes when every container sets readOnlyRootFilesystem=true', () => {}, []],
    ['passes for a Windows pod, where the field is not allowed', s => {
      s.os = { name: 'windows' };
      for (const list of [s.initContainers, s.containers, s.ephemeralContainers]) for (const c of list) delete c.securityContext;
    }, []],
    ['fails when a regular container sets it to false', s => { s.containers[0].securityContext.readOnlyRootFilesystem = false; }, [
      { path: `${C}/0/securityContext/readOnlyRootFilesystem`, container: 'app', detail: 'container "app" sets securityContext.readOnlyRootFilesystem=false' },
    ]],
    ['fails when an init container has no securityContext', s => { delete s.initContainers[0].securityContext; }, [
      { path: `${I}/0/securityContext/readOnlyRootFilesystem`, container: 'init', detail: 'container "init" must set securityContext.readOnlyRootFilesystem=true' },
    ]],
    ['fails when an ephemeral container leaves it unset', s => { s.ephemeralContainers[0].securityContext = {}; }, [
      { path: `${E}/0/securityContext/readOnlyRootFilesystem`, container: 'debug', detail: 'container "debug" must set securityContext.readOnlyRootFilesystem=true' },
    ]],
    ['fails for each container separately', s => { delete s.containers[0].securityContext; s.containers[1].securityContext.readOnlyRootFilesystem = false; }, [
      { path: `${C}/0/securityContext/readOnlyRootFilesystem`, container: 'app', detail: 'container "app" must set securityContext.readOnlyRootFilesystem=true' },
      { path: `${C}/1/securityContext/readOnlyRootFilesystem`, container: 'sidecar', detail: 'container "sidecar" sets securityContext.readOnlyRootFilesystem=false' },
    ]],
  ])('%s', (_name, tweak, expected) => {
    expect(briefs('readOnlyRootFilesystem', [deployment(tweaked(base, tweak))])).toEqual(expected);
  });

  test('reports a Pod\'s own pointers', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'a', image: 'a:1' }] } };
    expect(briefs('readOnlyRootFilesystem', [pod])).toEqual([
      { path: '/spec/containers/0/securityContext/readOnlyRootFilesystem', container: 'a', detail: 'container "a" must set securityContext.readOnlyRootFilesystem=true' },
    ]);
  });

  test('is not applicable to kinds that run no pods', () => {
    expect(briefs('readOnlyRootFilesystem', [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }])).toEqual([]);
  });

  test('fails when given a parameter', () => {
    expect(() => new PolicyEvaluator({ rules: [{ ruleId: 'readOnlyRootFilesystem', params: { x: 1 } }] }))
      .toThrow(new Error('invalid parameters for rule "readOnlyRootFilesystem": unknown parameter "x", this rule takes no parameters'));
  });
});
