import { checksAt, findingsOf, podWith, summary } from './_pod';
import { PssLevel } from '../../../src';

const BASELINE = { level: PssLevel.BASELINE };
const DEFAULTS = ['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD',
  'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT'];

describe('capabilities_baseline', () => {
  test('passes when every added capability is in the default set', () => {
    // GIVEN a container adding all 13 default capabilities
    const pod = podWith(p => { p.spec.containers[0].securityContext.capabilities.add = [...DEFAULTS]; });
    // WHEN evaluated at baseline / THEN no finding
    expect(findingsOf('capabilities_baseline', pod, BASELINE)).toEqual([]);
  });

  test('passes when only drop is set, whatever it holds', () => {
    const pod = podWith(p => { p.spec.containers[0].securityContext.capabilities = { drop: ['NET_RAW', 'whatever'] }; });
    expect(findingsOf('capabilities_baseline', pod, BASELINE)).toEqual([]);
  });

  test.each(['NET_RAW', 'SYS_ADMIN', 'ALL', 'chown', 'CAP_CHOWN'])('fails when a container adds %s', cap => {
    // GIVEN a container adding a capability outside the default set (matching is exact)
    const pod = podWith(p => { p.spec.containers[0].securityContext.capabilities.add = ['CHOWN', cap]; });
    // WHEN evaluated at baseline
    const findings = findingsOf('capabilities_baseline', pod, BASELINE);
    // THEN the finding points at the entry
    expect(findings.map(summary)).toEqual([{
      path: '/spec/containers/0/securityContext/capabilities/add/1',
      paths: ['/spec/containers/0/securityContext/capabilities/add/1'],
      container: 'app',
      message: 'non-default capabilities',
      detail: `container "app" must not include "${cap}" in securityContext.capabilities.add`,
    }]);
  });

  test('fails once per container, listing every forbidden capability', () => {
    const pod = podWith(p => { p.spec.initContainers[0].securityContext.capabilities.add = ['NET_RAW', 'KILL', 'SYS_TIME']; });
    const findings = findingsOf('capabilities_baseline', pod, BASELINE);
    expect(findings.map(summary)).toEqual([{
      path: '/spec/initContainers/0/securityContext/capabilities/add/0',
      paths: ['/spec/initContainers/0/securityContext/capabilities/add/0', '/spec/initContainers/0/securityContext/capabilities/add/2'],
      container: 'init',
      message: 'non-default capabilities',
      detail: 'container "init" must not include "NET_RAW", "SYS_TIME" in securityContext.capabilities.add',
    }]);
  });

  test.each([['v1.21', true], ['v1.22', false]])('at restricted %s it runs: %s', (version, runs) => {
    // GIVEN the restricted level / WHEN resolving checks / THEN capabilities_restricted replaces it from v1.22
    expect(checksAt(PssLevel.RESTRICTED, version).includes('capabilities_baseline')).toBe(runs);
    expect(checksAt(PssLevel.RESTRICTED, version).includes('capabilities_restricted')).toBe(!runs);
  });
});
