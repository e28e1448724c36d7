import { findingsOf, podWith, summary } from './_pod';
import { PssLevel } from '../../../src';

const BASELINE = { level: PssLevel.BASELINE };

describe('seLinuxOptions', () => {
  test.each<[string, (pod: any) => void]>([
    ['no options are set', () => {}],
    ['the pod type is container_t', pod => { pod.spec.securityContext.seLinuxOptions = { type: 'container_t' }; }],
    ['a container type is container_init_t', pod => { pod.spec.initContainers[0].securityContext.seLinuxOptions = { type: 'container_init_t' }; }],
    ['the type is container_kvm_t', pod => { pod.spec.securityContext.seLinuxOptions = { type: 'container_kvm_t' }; }],
    ['the type is empty and only level is set', pod => { pod.spec.securityContext.seLinuxOptions = { type: '', level: 's0:c123,c456' }; }],
    ['user and role are empty strings', pod => { pod.spec.containers[0].securityContext.seLinuxOptions = { user: '', role: '' }; }],
  ])('passes when %s', (_name, tweak) => {
    expect(findingsOf('seLinuxOptions', podWith(tweak), BASELINE)).toEqual([]);
  });

  test.each<[string, (pod: any) => void, string[], string, string | undefined]>([
    ['the pod type is spc_t', pod => { pod.spec.securityContext.seLinuxOptions = { type: 'spc_t' }; },
      ['/spec/securityContext/seLinuxOptions/type'], 'pod must not set securityContext.seLinuxOptions type="spc_t"', undefined],
    ['a container sets a user', pod => { pod.spec.containers[0].securityContext.seLinuxOptions = { user: 'system_u' }; },
      ['/spec/containers/0/securityContext/seLinuxOptions/user'], 'container "app" must not set securityContext.seLinuxOptions user="system_u"', 'app'],
    ['a container sets a role', pod => { pod.spec.containers[0].securityContext.seLinuxOptions = { role: 'system_r' }; },
      ['/spec/containers/0/securityContext/seLinuxOptions/role'], 'container "app" must not set securityContext.seLinuxOptions role="system_r"', 'app'],
    ['type, user and role are all forbidden', pod => { pod.spec.securityContext.seLinuxOptions = { type: 'unconfined_t', user: 'u', role: 'r' }; },
      ['/spec/securityContext/seLinuxOptions/type', '/spec/securityContext/seLinuxOptions/user', '/spec/securityContext/seLinuxOptions/role'],
      'pod must not set securityContext.seLinuxOptions type="unconfined_t", user="u", role="r"', undefined],
  ])('fails when %s', (_name, tweak, paths, detail, container) => {
    const findings = findingsOf('seLinuxOptions', podWith(tweak), BASELINE);
    expect(findings.map(summary)).toEqual([{
      path: paths[0], paths, ...(container ? { container } : {}), message: 'seLinuxOptions', detail,
    }]);
  });

  test.each([['v1.30', 1], ['v1.31', 0], ['latest', 0]])('container_engine_t at %s gives %d findings', (version, count) => {
    // GIVEN the container_engine_t type, allowed from v1.31
    const pod = podWith(p => { p.spec.containers[0].securityContext.seLinuxOptions = { type: 'container_engine_t' }; });
    // WHEN evaluated at baseline / THEN it fails only before v1.31
    expect(findingsOf('seLinuxOptions', pod, { level: PssLevel.BASELINE, version })).toHaveLength(count);
  });
});
