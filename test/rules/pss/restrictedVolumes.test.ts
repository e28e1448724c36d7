import { checksAt, findingsOf, podWith, summary } from './_pod';
import { PssLevel } from '../../../src';

const ALLOWED: Array<[string, any]> = [
  ['configMap', { name: 'c' }],
  ['csi', { driver: 'secrets-store.csi.k8s.io' }],
  ['downwardAPI', { items: [] }],
  ['emptyDir', {}],
  ['ephemeral', { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'] } } }],
  ['image', { reference: 'registry.example/data:1' }],
  ['persistentVolumeClaim', { claimName: 'data' }],
  ['projected', { sources: [] }],
  ['secret', { secretName: 's' }],
];
const RESTRICTED = [
  'hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'nfs', 'iscsi', 'glusterfs', 'rbd',
  'flexVolume', 'cinder', 'cephfs', 'flocker', 'fc', 'azureFile', 'vsphereVolume', 'quobyte', 'azureDisk',
  'photonPersistentDisk', 'portworxVolume', 'scaleIO', 'storageos',
];

describe('restrictedVolumes', () => {
  test.each(ALLOWED)('passes when a volume is %s, at v1.0 and latest', (source, value) => {
    // GIVEN a volume of an allowed type (image is allowed at every version)
    const pod = podWith(p => { p.spec.volumes = [{ name: 'v', [source]: value }]; });
    // WHEN evaluated at restricted / THEN no finding
    expect(findingsOf('restrictedVolumes', pod, { version: 'v1.0' })).toEqual([]);
    expect(findingsOf('restrictedVolumes', pod)).toEqual([]);
  });

  test('passes when a volume has no source, which the API server defaults to emptyDir', () => {
    const pod = podWith(p => { p.spec.volumes = [{ name: 'scratch' }]; });
    expect(findingsOf('restrictedVolumes', pod)).toEqual([]);
  });

  test('passes when an allowed source is set next to a restricted one', () => {
    const pod = podWith(p => { p.spec.volumes = [{ name: 'v', emptyDir: {}, nfs: { server: 's', path: '/' } }]; });
    expect(findingsOf('restrictedVolumes', pod)).toEqual([]);
  });

  test.each(RESTRICTED)('fails when a volume is %s', source => {
    // GIVEN a volume of a restricted type after an allowed one
    const pod = podWith(p => { p.spec.volumes = [{ name: 'ok', emptyDir: {} }, { name: 'bad', [source]: {} }]; });
    // WHEN evaluated at restricted
    const findings = findingsOf('restrictedVolumes', pod);
    // THEN the finding names the volume and its type, at its source
    expect(findings.map(summary)).toEqual([{
      path: `/spec/volumes/1/${source}`,
      paths: [`/spec/volumes/1/${source}`],
      message: 'restricted volume types',
      detail: `volume "bad" must not use restricted volume type "${source}"`,
    }]);
  });

  test('fails when a restricted source is set and the allowed one is null', () => {
    const pod = podWith(p => { p.spec.volumes = [{ name: 'v', emptyDir: null, gitRepo: { repository: 'r' } }]; });
    expect(findingsOf('restrictedVolumes', pod).map(f => f.path)).toEqual(['/spec/volumes/0/gitRepo']);
  });

  test('does not run at baseline', () => {
    expect(checksAt(PssLevel.BASELINE, 'latest')).not.toContain('restrictedVolumes');
  });
});
