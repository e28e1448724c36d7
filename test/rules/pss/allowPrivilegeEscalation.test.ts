import { checksAt, findingsOf, hardenedEphemeral, podWith, summary } from './_pod';
import { PssLevel } from '../../../src';

describe('allowPrivilegeEscalation', () => {
  test('passes when every container sets it to false', () => {
    const pod = podWith(p => { p.spec.ephemeralContainers = [hardenedEphemeral()]; });
    expect(findingsOf('allowPrivilegeEscalation', pod)).toEqual([]);
  });

  test.each<[string, (pod: any) => void, string, string]>([
    ['a container sets it to true', pod => { pod.spec.containers[0].securityContext.allowPrivilegeEscalation = true; },
      '/spec/containers/0/securityContext/allowPrivilegeEscalation', 'app'],
    ['a container leaves it unset', pod => { delete pod.spec.initContainers[0].securityContext.allowPrivilegeEscalation; },
      '/spec/initContainers/0/securityContext/allowPrivilegeEscalation', 'init'],
    ['a container has no securityContext', pod => { delete pod.spec.containers[0].securityContext; },
      '/spec/containers/0/securityContext/allowPrivilegeEscalation', 'app'],
    ['an ephemeral container leaves it unset', pod => { pod.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox' }]; },
      '/spec/ephemeralContainers/0/securityContext/allowPrivilegeEscalation', 'debug'],
  ])('fails when %s', (_name, tweak, path, container) => {
    // GIVEN a container that may escalate privileges
    // WHEN evaluated at restricted
    const findings = findingsOf('allowPrivilegeEscalation', podWith(tweak));
    // THEN the finding points where the field must be set to false
    expect(findings.map(summary)).toEqual([{
      path,
      paths: [path],
      container,
      message: 'allowPrivilegeEscalation != false',
      detail: `container "${container}" must set securityContext.allowPrivilegeEscalation=false`,
    }]);
    expect(findings[0].fix).toBe('set securityContext.allowPrivilegeEscalation to false');
  });

  test.each([['v1.7', false], ['v1.8', true]])('at restricted %s it runs: %s', (version, runs) => {
    // GIVEN a container without the field / THEN the check exists from v1.8
    const pod = podWith(p => { delete p.spec.containers[0].securityContext.allowPrivilegeEscalation; });
    expect(checksAt(PssLevel.RESTRICTED, version).includes('allowPrivilegeEscalation')).toBe(runs);
    expect(findingsOf('allowPrivilegeEscalation', pod, { version })).toHaveLength(runs ? 1 : 0);
  });

  test.each([['v1.24', 'windows', 1], ['v1.25', 'windows', 0], ['latest', 'windows', 0], ['latest', 'linux', 1], ['latest', 'Windows', 1]])(
    'at %s an OS of %s gives %d findings', (version, os, count) => {
      // GIVEN a pod for an OS without the field
      const pod = podWith(p => { p.spec.os = { name: os }; delete p.spec.containers[0].securityContext.allowPrivilegeEscalation; });
      // WHEN evaluated / THEN only exactly "windows" is exempt, from v1.25
      expect(findingsOf('allowPrivilegeEscalation', pod, { version })).toHaveLength(count);
    });
});
