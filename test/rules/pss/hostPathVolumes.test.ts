import { checksAt, findingsOf, podWith, summary } from './_pod';
import { PssLevel } from '../../../src';

const BASELINE = { level: PssLevel.BASELINE };

describe('hostPathVolumes', () => {
  test.each<[string, (pod: any) => void]>([
    ['there are no volumes', () => {}],
    ['volumes are not hostPath', pod => { pod.spec.volumes = [{ name: 'tmp', emptyDir: {} }, { name: 'cfg', configMap: { name: 'c' } }]; }],
    ['hostPath is null', pod => { pod.spec.volumes = [{ name: 'tmp', hostPath: null, emptyDir: {} }]; }],
  ])('passes when %s', (_name, tweak) => {
    expect(findingsOf('hostPathVolumes', podWith(tweak), BASELINE)).toEqual([]);
  });

  test('fails when a volume is a hostPath', () => {
    // GIVEN a hostPath volume next to an allowed one
    const pod = podWith(p => { p.spec.volumes = [{ name: 'tmp', emptyDir: {} }, { name: 'host', hostPath: { path: '/var/run' } }]; });
    // WHEN evaluated at baseline
    const findings = findingsOf('hostPathVolumes', pod, BASELINE);
    // THEN the finding names the volume and points at its source
    expect(findings.map(summary)).toEqual([{
      path: '/spec/volumes/1/hostPath',
      paths: ['/spec/volumes/1/hostPath'],
      message: 'hostPath volumes',
      detail: 'volume "host" must not use hostPath',
    }]);
  });

  test('does not run at the restricted level, where restrictedVolumes replaces it', () => {
    // GIVEN a hostPath volume
    const pod = podWith(p => { p.spec.volumes = [{ name: 'host', hostPath: { path: '/' } }]; });
    // WHEN evaluated at restricted v1.0
    // THEN only restrictedVolumes reports it
    expect(checksAt(PssLevel.RESTRICTED, 'v1.0')).not.toContain('hostPathVolumes');
    expect(findingsOf('hostPathVolumes', pod, { version: 'v1.0' })).toEqual([]);
    expect(findingsOf('restrictedVolumes', pod, { version: 'v1.0' })).toHaveLength(1);
  });
});
