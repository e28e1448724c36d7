import { findingsOf, podWith, summary } from './_pod';

const setContainers = (pod: any, value: boolean | undefined) => {
  for (const c of [...pod.spec.initContainers, ...pod.spec.containers]) {
    if (value === undefined) delete c.securityContext.runAsNonRoot;
    else c.securityContext.runAsNonRoot = value;
  }
};

describe('runAsNonRoot', () => {
  test.each<[string, (pod: any) => void]>([
    ['the pod sets true', () => {}],
    ['every container sets true and the pod leaves it unset', pod => { delete pod.spec.securityContext.runAsNonRoot; setContainers(pod, true); }],
    ['the pod and every container set true', pod => setContainers(pod, true)],
  ])('passes when %s', (_name, tweak) => {
    expect(findingsOf('runAsNonRoot', podWith(tweak))).toEqual([]);
  });

  test('fails when a container sets false although the pod sets true', () => {
    const pod = podWith(p => { p.spec.containers[0].securityContext.runAsNonRoot = false; });
    expect(findingsOf('runAsNonRoot', pod).map(summary)).toEqual([{
      path: '/spec/containers/0/securityContext/runAsNonRoot',
      paths: ['/spec/containers/0/securityContext/runAsNonRoot'],
      container: 'app',
      message: 'runAsNonRoot != true',
      detail: 'container "app" must not set securityContext.runAsNonRoot=false',
    }]);
  });

  test('fails when nothing sets it, once per container', () => {
    // GIVEN no runAsNonRoot anywhere, and a non-zero runAsUser (which does not count)
    const pod = podWith(p => { delete p.spec.securityContext.runAsNonRoot; p.spec.securityContext.runAsUser = 1000; });
    // WHEN evaluated at restricted
    const findings = findingsOf('runAsNonRoot', pod);
    // THEN each container is named, at the field that would fix it
    expect(findings.map(f => [f.path, f.detail])).toEqual([
      ['/spec/initContainers/0/securityContext/runAsNonRoot', 'pod or container "init" must set securityContext.runAsNonRoot=true'],
      ['/spec/containers/0/securityContext/runAsNonRoot', 'pod or container "app" must set securityContext.runAsNonRoot=true'],
    ]);
  });

  test('fails when the pod sets false, even if every container sets true', () => {
    const pod = podWith(p => { p.spec.securityContext.runAsNonRoot = false; setContainers(p, true); });
    expect(findingsOf('runAsNonRoot', pod).map(summary)).toEqual([{
      path: '/spec/securityContext/runAsNonRoot',
      paths: ['/spec/securityContext/runAsNonRoot'],
      message: 'runAsNonRoot != true',
      detail: 'pod must not set securityContext.runAsNonRoot=false',
    }]);
  });

  test.each([['v1.34', 3], ['v1.35', 0], ['latest', 0]])('with hostUsers: false at %s gives %d findings', (version, count) => {
    // GIVEN a user-namespace pod that runs as root
    const pod = podWith(p => { p.spec.hostUsers = false; p.spec.securityContext.runAsNonRoot = false; });
    // WHEN evaluated / THEN it is allowed from v1.35
    expect(findingsOf('runAsNonRoot', pod, { version })).toHaveLength(count);
  });

  test('fails for a Windows pod too (no OS exemption)', () => {
    const pod = podWith(p => { p.spec.os = { name: 'windows' }; delete p.spec.securityContext.runAsNonRoot; });
    expect(findingsOf('runAsNonRoot', pod)).toHaveLength(2);
  });
});
