import { checksAt, findingsOf, podWith, summary } from './_pod';
import { PssLevel } from '../../../src';

describe('runAsUser', () => {
  test.each<[string, (pod: any) => void]>([
    ['runAsUser is unset', () => {}],
    ['runAsUser is non-zero', pod => { pod.spec.securityContext.runAsUser = 1000; pod.spec.containers[0].securityContext.runAsUser = 65534; }],
  ])('passes when %s', (_name, tweak) => {
    expect(findingsOf('runAsUser', podWith(tweak))).toEqual([]);
  });

  test.each<[string, (pod: any) => void, string, string, string | undefined]>([
    ['the pod runs as 0', pod => { pod.spec.securityContext.runAsUser = 0; },
      '/spec/securityContext/runAsUser', 'pod must not set securityContext.runAsUser=0', undefined],
    ['a container runs as 0', pod => { pod.spec.initContainers[0].securityContext.runAsUser = 0; },
      '/spec/initContainers/0/securityContext/runAsUser', 'container "init" must not set securityContext.runAsUser=0', 'init'],
  ])('fails when %s', (_name, tweak, path, detail, container) => {
    const findings = findingsOf('runAsUser', podWith(tweak));
    expect(findings.map(summary)).toEqual([{ path, paths: [path], ...(container ? { container } : {}), message: 'runAsUser=0', detail }]);
  });

  test.each([['v1.22', false], ['v1.23', true]])('at restricted %s it runs: %s', (version, runs) => {
    const pod = podWith(p => { p.spec.securityContext.runAsUser = 0; });
    expect(checksAt(PssLevel.RESTRICTED, version).includes('runAsUser')).toBe(runs);
    expect(findingsOf('runAsUser', pod, { version })).toHaveLength(runs ? 1 : 0);
  });

  test.each([['v1.34', 1], ['v1.35', 0]])('with hostUsers: false at %s gives %d findings', (version, count) => {
    const pod = podWith(p => { p.spec.hostUsers = false; p.spec.securityContext.runAsUser = 0; p.spec.securityContext.runAsNonRoot = false; });
    expect(findingsOf('runAsUser', pod, { version })).toHaveLength(count);
  });

  test('fails for a Windows pod too (no OS exemption)', () => {
    const pod = podWith(p => { p.spec.os = { name: 'windows' }; p.spec.containers[0].securityContext.runAsUser = 0; });
    expect(findingsOf('runAsUser', pod)).toHaveLength(1);
  });
});
