import { checksAt, findingsOf, podWith, summary } from './_pod';
import { PssLevel } from '../../../src';

describe('seccompProfile_restricted', () => {
  test.each<[string, (pod: any) => void]>([
    ['the pod profile is RuntimeDefault', () => {}],
    ['the pod profile is Localhost', pod => { pod.spec.securityContext.seccompProfile = { type: 'Localhost', localhostProfile: 'p.json' }; }],
    ['every container sets RuntimeDefault and the pod sets none', pod => {
      delete pod.spec.securityContext.seccompProfile;
      pod.spec.containers[0].securityContext.seccompProfile = { type: 'RuntimeDefault' };
      pod.spec.initContainers[0].securityContext.seccompProfile = { type: 'Localhost', localhostProfile: 'p.json' };
    }],
  ])('passes when %s', (_name, tweak) => {
    expect(findingsOf('seccompProfile_restricted', podWith(tweak))).toEqual([]);
  });

  test('fails when no profile is set, once per container, at the field that fixes it', () => {
    // GIVEN no profile anywhere
    const pod = podWith(p => { delete p.spec.securityContext.seccompProfile; });
    // WHEN evaluated at restricted
    const findings = findingsOf('seccompProfile_restricted', pod);
    // THEN each container is named
    expect(findings.map(summary)).toEqual(['init', 'app'].map((name, i) => {
      const path = `/spec/${i === 0 ? 'initContainers' : 'containers'}/0/securityContext/seccompProfile/type`;
      return {
        path,
        paths: [path],
        container: name,
        message: 'seccompProfile',
        detail: `pod or container "${name}" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`,
      };
    }));
  });

  test('fails when the pod profile is Unconfined, and for each container that inherits it', () => {
    const pod = podWith(p => {
      p.spec.securityContext.seccompProfile.type = 'Unconfined';
      p.spec.containers[0].securityContext.seccompProfile = { type: 'RuntimeDefault' };
    });
    expect(findingsOf('seccompProfile_restricted', pod).map(f => [f.path, f.detail])).toEqual([
      ['/spec/securityContext/seccompProfile/type', 'pod must not set securityContext.seccompProfile.type="Unconfined"'],
      ['/spec/initContainers/0/securityContext/seccompProfile/type', 'pod or container "init" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"'],
    ]);
  });

  test('fails when a container overrides the pod profile with Unconfined', () => {
    const pod = podWith(p => { p.spec.containers[0].securityContext.seccompProfile = { type: 'Unconfined' }; });
    expect(findingsOf('seccompProfile_restricted', pod).map(summary)).toEqual([{
      path: '/spec/containers/0/securityContext/seccompProfile/type',
      paths: ['/spec/containers/0/securityContext/seccompProfile/type'],
      container: 'app',
      message: 'seccompProfile',
      detail: 'container "app" must not set securityContext.seccompProfile.type="Unconfined"',
    }]);
  });

  test('ignores annotations', () => {
    const pod = podWith(p => {
      delete p.spec.securityContext.seccompProfile;
      p.metadata.annotations = { 'seccomp.security.alpha.kubernetes.io/pod': 'runtime/default' };
    });
    expect(findingsOf('seccompProfile_restricted', pod)).toHaveLength(2);
  });

  test.each([['v1.18', false], ['v1.19', true]])('at restricted %s it runs: %s', (version, runs) => {
    const pod = podWith(p => { delete p.spec.securityContext.seccompProfile; });
    expect(checksAt(PssLevel.RESTRICTED, version).includes('seccompProfile_restricted')).toBe(runs);
    expect(findingsOf('seccompProfile_restricted', pod, { version })).toHaveLength(runs ? 2 : 0);
  });

  test.each([['v1.24', 'windows', 2], ['v1.25', 'windows', 0], ['latest', 'linux', 2]])('at %s an OS of %s gives %d findings', (version, os, count) => {
    const pod = podWith(p => { p.spec.os = { name: os }; delete p.spec.securityContext.seccompProfile; });
    expect(findingsOf('seccompProfile_restricted', pod, { version })).toHaveLength(count);
  });
});
