import { findingsOf, podWith, summary } from './_pod';
import { PssLevel } from '../../../src';

describe('procMount_restricted', () => {
  test('passes when procMount is Default in a user-namespace pod', () => {
    const pod = podWith(p => { p.spec.hostUsers = false; p.spec.containers[0].securityContext.procMount = 'Default'; });
    expect(findingsOf('procMount_restricted', pod)).toEqual([]);
  });

  test('fails when a container unmasks /proc, even with hostUsers: false', () => {
    // GIVEN a user-namespace pod with an unmasked /proc
    const pod = podWith(p => { p.spec.hostUsers = false; p.spec.containers[0].securityContext.procMount = 'Unmasked'; });
    // WHEN evaluated at restricted/latest
    const findings = findingsOf('procMount_restricted', pod);
    // THEN the restricted check denies it, and the relaxed baseline check does not run
    expect(findings.map(summary)).toEqual([{
      path: '/spec/containers/0/securityContext/procMount',
      paths: ['/spec/containers/0/securityContext/procMount'],
      container: 'app',
      message: 'procMount',
      detail: 'container "app" must not set securityContext.procMount="Unmasked"',
    }]);
    expect(findingsOf('procMount', pod)).toEqual([]);
  });

  test.each([['v1.34', 'procMount'], ['v1.35', 'procMount_restricted']])('at restricted %s the denial comes from %s', (version, checkId) => {
    // GIVEN an unmasked /proc with hostUsers: false
    const pod = podWith(p => { p.spec.hostUsers = false; p.spec.containers[0].securityContext.procMount = 'Unmasked'; });
    // WHEN evaluated at the restricted level / THEN the restricted level is never relaxed
    expect(findingsOf(checkId, pod, { level: PssLevel.RESTRICTED, version })).toHaveLength(1);
  });
});
