import { checksAt, findingsOf, podWith, summary } from './_pod';
import { PssLevel } from '../../../src';

const BASELINE = { level: PssLevel.BASELINE };

describe('procMount', () => {
  test.each<[string, (pod: any) => void]>([
    ['procMount is absent', () => {}],
    ['procMount is Default', pod => { pod.spec.containers[0].securityContext.procMount = 'Default'; }],
  ])('passes when %s', (_name, tweak) => {
    expect(findingsOf('procMount', podWith(tweak), BASELINE)).toEqual([]);
  });

  test('fails when a container sets Unmasked', () => {
    const pod = podWith(p => { p.spec.initContainers[0].securityContext.procMount = 'Unmasked'; });
    expect(findingsOf('procMount', pod, BASELINE).map(summary)).toEqual([{
      path: '/spec/initContainers/0/securityContext/procMount',
      paths: ['/spec/initContainers/0/securityContext/procMount'],
      container: 'init',
      message: 'procMount',
      detail: 'container "init" must not set securityContext.procMount="Unmasked"',
    }]);
  });

  test.each([['v1.34', 1], ['v1.35', 0], ['latest', 0]])('with hostUsers: false at baseline %s gives %d findings', (version, count) => {
    // GIVEN a user-namespace pod with an unmasked /proc
    const pod = podWith(p => { p.spec.hostUsers = false; p.spec.containers[0].securityContext.procMount = 'Unmasked'; });
    // WHEN evaluated at baseline / THEN it is allowed from v1.35
    expect(findingsOf('procMount', pod, { level: PssLevel.BASELINE, version })).toHaveLength(count);
  });

  test('fails when hostUsers is true, even from v1.35', () => {
    const pod = podWith(p => { p.spec.hostUsers = true; p.spec.containers[0].securityContext.procMount = 'Unmasked'; });
    expect(findingsOf('procMount', pod, BASELINE)).toHaveLength(1);
  });

  test.each([['v1.34', true], ['v1.35', false]])('at restricted %s it runs: %s', (version, runs) => {
    // GIVEN the restricted level / THEN procMount_restricted replaces it from v1.35
    expect(checksAt(PssLevel.RESTRICTED, version).includes('procMount')).toBe(runs);
    expect(checksAt(PssLevel.RESTRICTED, version).includes('procMount_restricted')).toBe(!runs);
  });
});
