import { Brief, briefs, C, deployment, E, I, S, Tweak, tweaked } from './helpers';
import { PolicyEvaluator } from '../../../src/evaluator';

const base = () => ({
  securityContext: { runAsGroup: 10001, fsGroup: 10001, supplementalGroups: [10002, 10003] },
  initContainers: [{ name: 'init', image: 'migrate:1', securityContext: { runAsGroup: 10001 } }],
  containers: [
    { name: 'app', image: 'app:1', securityContext: { runAsGroup: 10001 } },
    { name: 'sidecar', image: 'proxy:1' },
  ],
  ephemeralContainers: [{ name: 'debug', image: 'busybox:1', securityContext: { runAsGroup: 10001 } }],
});

describe('rootGroup', () => {
  test.each<[string, Tweak, Brief[]]>([
    ['passes when every group is non-zero', () => {}, []],
    ['passes when no group is set (the image decides)', s => {
      delete s.securityContext;
      for (const list of [s.initContainers, s.containers, s.ephemeralContainers]) for (const c of list) delete c.securityContext;
    }, []],
    ['passes for a Windows pod, where the fields are not allowed', s => { s.os = { name: 'windows' }; s.securityContext.runAsGroup = 0; }, []],
    ['fails when the pod sets runAsGroup=0', s => { s.securityContext.runAsGroup = 0; }, [
      { path: `${S}/securityContext/runAsGroup`, detail: 'pod sets securityContext.runAsGroup=0' },
    ]],
    ['fails when the pod sets fsGroup=0', s => { s.securityContext.fsGroup = 0; }, [
      { path: `${S}/securityContext/fsGroup`, detail: 'pod sets securityContext.fsGroup=0' },
    ]],
    ['fails when supplementalGroups contains 0', s => { s.securityContext.supplementalGroups = [10002, 0]; }, [
      { path: `${S}/securityContext/supplementalGroups/1`, detail: 'pod lists group 0 in securityContext.supplementalGroups' },
    ]],
    ['fails when a regular container sets runAsGroup=0', s => { s.containers[0].securityContext.runAsGroup = 0; }, [
      { path: `${C}/0/securityContext/runAsGroup`, container: 'app', detail: 'container "app" sets securityContext.runAsGroup=0' },
    ]],
    ['fails when an init container sets runAsGroup=0', s => { s.initContainers[0].securityContext.runAsGroup = 0; }, [
      { path: `${I}/0/securityContext/runAsGroup`, container: 'init', detail: 'container "init" sets securityContext.runAsGroup=0' },
    ]],
    ['fails when an ephemeral container sets runAsGroup=0', s => { s.ephemeralContainers[0].securityContext.runAsGroup = 0; }, [
      { path: `${E}/0/securityContext/runAsGroup`, container: 'debug', detail: 'container "debug" sets securityContext.runAsGroup=0' },
    ]],
    ['fails for the pod and each container separately, even when a container overrides the pod', s => {
      s.securityContext.runAsGroup = 0;
      s.containers[1].securityContext = { runAsGroup: 0 };
    }, [
      { path: `${S}/securityContext/runAsGroup`, detail: 'pod sets securityContext.runAsGroup=0' },
      { path: `${C}/1/securityContext/runAsGroup`, container: 'sidecar', detail: 'container "sidecar" sets securityContext.runAsGroup=0' },
    ]],
  ])('%s', (_name, tweak, expected) => {
    expect(briefs('rootGroup', [deployment(tweaked(base, tweak))])).toEqual(expected);
  });

  test('gives a specific fix for supplementalGroups', () => {
    const manifest = deployment(tweaked(base, s => { s.securityContext.supplementalGroups = [0]; }));
    const [finding] = new PolicyEvaluator({ rules: [{ ruleId: 'rootGroup' }] }).evaluate(manifest).filter(f => f.ruleId === 'rootGroup');
    expect(finding.fix).toBe('remove 0 from securityContext.supplementalGroups');
  });

  test('is not applicable to kinds that run no pods', () => {
    expect(briefs('rootGroup', [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { runAsGroup: '0' } }])).toEqual([]);
  });
});
