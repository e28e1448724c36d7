import { checksAt, findingsOf, podWith, summary } from './_pod';
import { PssLevel } from '../../../src';

const CAPS = '/spec/containers/0/securityContext/capabilities';

describe('capabilities_restricted', () => {
  test.each<[string, (pod: any) => void]>([
    ['every container drops ALL', () => {}],
    ['a container adds back NET_BIND_SERVICE', pod => { pod.spec.containers[0].securityContext.capabilities.add = ['NET_BIND_SERVICE']; }],
    ['drop lists ALL among others', pod => { pod.spec.containers[0].securityContext.capabilities.drop = ['NET_RAW', 'ALL']; }],
  ])('passes when %s', (_name, tweak) => {
    expect(findingsOf('capabilities_restricted', podWith(tweak))).toEqual([]);
  });

  test.each<[string, (c: any) => void, string[], string]>([
    ['drop is missing', c => { delete c.securityContext.capabilities.drop; }, [`${CAPS}/drop`],
      'container "app" must set securityContext.capabilities.drop=["ALL"]'],
    ['drop says all in lower case', c => { c.securityContext.capabilities.drop = ['all']; }, [`${CAPS}/drop`],
      'container "app" must set securityContext.capabilities.drop=["ALL"]'],
    ['capabilities are missing', c => { delete c.securityContext.capabilities; }, [`${CAPS}/drop`],
      'container "app" must set securityContext.capabilities.drop=["ALL"]'],
    ['a capability other than NET_BIND_SERVICE is added', c => { c.securityContext.capabilities.add = ['NET_BIND_SERVICE', 'CHOWN']; }, [`${CAPS}/add/1`],
      'container "app" must not include "CHOWN" in securityContext.capabilities.add'],
    ['drop is missing and SYS_ADMIN is added', c => { c.securityContext.capabilities = { add: ['SYS_ADMIN'] }; }, [`${CAPS}/drop`, `${CAPS}/add/0`],
      'container "app" must set securityContext.capabilities.drop=["ALL"] and must not include "SYS_ADMIN" in securityContext.capabilities.add'],
  ])('fails when %s', (_name, tweak, paths, detail) => {
    // GIVEN a container with unrestricted capabilities
    const pod = podWith(p => tweak(p.spec.containers[0]));
    // WHEN evaluated at restricted
    // THEN one finding names the container and points at the field to fix
    expect(findingsOf('capabilities_restricted', pod).map(summary)).toEqual([{
      path: paths[0], paths, container: 'app', message: 'unrestricted capabilities', detail,
    }]);
  });

  test.each([['v1.21', false], ['v1.22', true]])('at restricted %s it runs: %s', (version, runs) => {
    const pod = podWith(p => { delete p.spec.containers[0].securityContext.capabilities; });
    expect(checksAt(PssLevel.RESTRICTED, version).includes('capabilities_restricted')).toBe(runs);
    expect(findingsOf('capabilities_restricted', pod, { version })).toHaveLength(runs ? 1 : 0);
  });

  test.each([['v1.24', 'windows', 1], ['v1.25', 'windows', 0], ['latest', 'linux', 1]])('at %s an OS of %s gives %d findings', (version, os, count) => {
    const pod = podWith(p => { p.spec.os = { name: os }; delete p.spec.containers[0].securityContext.capabilities; });
    expect(findingsOf('capabilities_restricted', pod, { version })).toHaveLength(count);
  });
});
