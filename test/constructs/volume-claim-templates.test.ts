import { Chart, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { IMAGE, k8s128Errors, manifestOf, newChart, schemaErrors } from './_helpers';
import { KubernetesVersion, SecureStatefulSet, SecureStatefulSetProps, VolumeClaimTemplate } from '../../src/constructs';

/** A Postgres-like stateful set "test/db" with a `postgres` container and an `init` init container. */
function statefulSet(claims: VolumeClaimTemplate[], extra: Partial<SecureStatefulSetProps> = {}): SecureStatefulSet {
  return new SecureStatefulSet(newChart(), 'db', {
    containers: [{ name: 'postgres', image: IMAGE, portNumber: 5432, writablePaths: ['/var/run/postgresql'] }],
    initContainers: [{ name: 'init', image: IMAGE }],
    volumeClaimTemplates: claims,
    ...extra,
  });
}

const DATA: VolumeClaimTemplate = {
  name: 'data',
  storage: Size.gibibytes(10),
  storageClassName: 'fast-ssd',
  accessModes: [kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE_POD],
  mounts: [{ container: 'postgres', path: '/var/lib/postgresql/data' }, { container: 'init', path: '/data', readOnly: true, subPath: 'pgdata' }],
};

describe('SecureStatefulSet volumeClaimTemplates', () => {
  test('claims are emitted with their storage class, size and access modes, and mounted into the named containers', () => {
    // GIVEN a stateful set with a claim mounted into the main and the init container
    const set = statefulSet([DATA, { name: 'wal', storage: Size.mebibytes(512), mounts: [{ container: 'postgres', path: '/wal' }] }]);

    // WHEN synthesized
    const manifest = manifestOf(Testing.synth(Chart.of(set)), 'StatefulSet');

    // THEN the claim templates are there (access mode ReadWriteOnce when none is given, no class)
    expect(manifest.spec.volumeClaimTemplates).toEqual([
      { metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOncePod'], storageClassName: 'fast-ssd', resources: { requests: { storage: '10Gi' } } } },
      { metadata: { name: 'wal' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '512Mi' } } } },
    ]);
    // AND each container mounts them after its own mounts, with no pod volume for the claims
    const pod = manifest.spec.template.spec;
    expect(pod.containers[0].volumeMounts).toEqual([
      { mountPath: '/var/run/postgresql', name: 'postgres-var-run-postgresql' },
      { mountPath: '/var/lib/postgresql/data', name: 'data' },
      { mountPath: '/wal', name: 'wal' },
    ]);
    expect(pod.initContainers[0].volumeMounts).toEqual([{ mountPath: '/data', name: 'data', readOnly: true, subPath: 'pgdata' }]);
    expect(pod.volumes.map((v: any) => v.name)).toEqual(['postgres-var-run-postgresql']);
  });

  test('mounts added to the container later are kept', () => {
    // GIVEN a stateful set with a claim, whose container mounts another volume after construction
    const set = statefulSet([DATA]);
    set.containers[0].mount('/etc/config', kplus.Volume.fromEmptyDir(set, 'config', 'config'));

    // WHEN synthesized
    const pod = manifestOf(Testing.synth(Chart.of(set)), 'StatefulSet').spec.template.spec;

    // THEN both are mounted
    expect(pod.containers[0].volumeMounts.map((m: any) => m.name)).toEqual(['postgres-var-run-postgresql', 'config', 'data']);
  });

  test('a container without other mounts gets the claim mount', () => {
    const set = new SecureStatefulSet(newChart(), 'db', {
      containers: [{ name: 'postgres', image: IMAGE, portNumber: 5432 }],
      volumeClaimTemplates: [{ name: 'data', storage: Size.gibibytes(1), mounts: [{ container: 'postgres', path: '/data' }] }],
    });
    const pod = manifestOf(Testing.synth(Chart.of(set)), 'StatefulSet').spec.template.spec;
    expect(pod.containers[0].volumeMounts).toEqual([{ mountPath: '/data', name: 'data' }]);
  });

  test.each([KubernetesVersion.V1_28, KubernetesVersion.V1_33])('the output validates against the schema at %s', (version) => {
    // GIVEN a stateful set with claims at the target version
    const set = statefulSet([DATA], { kubernetesVersion: version });
    // WHEN synthesized
    const manifests = Testing.synth(Chart.of(set));
    // THEN the schema of the version accepts it (and the 1.28 schema of the cdk8s-plus-28 imports)
    expect(schemaErrors(manifests, version)).toEqual([]);
    expect(k8s128Errors(manifests)).toEqual([]);
  });

  test.each<[string, any, string]>([
    ['fails when a claim name is not a DNS label', { ...DATA, name: 'Data' },
      'volume claim template "Data" of SecureStatefulSet "test/db" has name "Data", expecting a DNS label such as "data" (lowercase letters, digits and "-", at most 63 characters)'],
    ['fails when a claim has no name', { ...DATA, name: undefined },
      'volume claim template 0 of SecureStatefulSet "test/db" has name undefined, expecting a DNS label such as "data" (lowercase letters, digits and "-", at most 63 characters)'],
    ['fails when a claim has no storage size', { ...DATA, storage: undefined },
      'volume claim template "data" of SecureStatefulSet "test/db" has no storage size, set storage such as Size.gibibytes(10)'],
    ['fails when a claim has a zero storage size', { ...DATA, storage: Size.gibibytes(0) },
      'volume claim template "data" of SecureStatefulSet "test/db" has no storage size, set storage such as Size.gibibytes(10)'],
    ['fails when a claim has an empty list of access modes', { ...DATA, accessModes: [] },
      'volume claim template "data" of SecureStatefulSet "test/db" has no access modes, give at least one such as PersistentVolumeAccessMode.READ_WRITE_ONCE or leave accessModes unset'],
    ['fails when an access mode is unknown', { ...DATA, accessModes: ['ReadWriteSometimes'] },
      'volume claim template "data" of SecureStatefulSet "test/db" has access mode "ReadWriteSometimes", expecting one of: ReadWriteOnce, ReadOnlyMany, ReadWriteMany, ReadWriteOncePod'],
    ['fails when the storage class is empty', { ...DATA, storageClassName: '' },
      'volume claim template "data" of SecureStatefulSet "test/db" has storageClassName "", name a storage class or leave it unset for the cluster\'s default'],
    ['fails when a claim has no mounts', { ...DATA, mounts: [] },
      'volume claim template "data" of SecureStatefulSet "test/db" has no mounts, mount it into a container with mounts: [{ container, path }]'],
    ['fails when a mount names an unknown container', { ...DATA, mounts: [{ container: 'pg', path: '/data' }] },
      'volume claim template "data" of SecureStatefulSet "test/db" is mounted into container "pg", which the stateful set does not have, expecting one of: postgres, init'],
    ['fails when a mount path is relative', { ...DATA, mounts: [{ container: 'postgres', path: 'data' }] },
      'container "postgres" (containers[0]) of SecureStatefulSet "test/db" mounts volume claim template "data" at "data", expecting a normalized absolute path such as "/data"'],
    ['fails when a mount path is taken by a writable path', { ...DATA, mounts: [{ container: 'postgres', path: '/var/run/postgresql' }] },
      'container "postgres" (containers[0]) of SecureStatefulSet "test/db" already mounts a volume at "/var/run/postgresql", mount volume claim template "data" elsewhere'],
    ['fails when a sub path leaves the volume', { ...DATA, mounts: [{ container: 'init', path: '/data', subPath: '../etc' }] },
      'container "init" (initContainers[0]) of SecureStatefulSet "test/db" mounts volume claim template "data" with subPath "../etc", expecting a relative path without ".."'],
  ])('%s', (_name, claim, error) => {
    // GIVEN / WHEN a stateful set with the bad claim THEN construction fails, naming the claim and the fix
    expect(() => statefulSet([claim])).toThrow(new Error(error));
  });

  test('fails when two claims share a name', () => {
    expect(() => statefulSet([DATA, { ...DATA, mounts: [{ container: 'postgres', path: '/other' }] }]))
      .toThrow(new Error('SecureStatefulSet "test/db" has two volume claim templates named "data", give each a unique name'));
  });

  test('fails when two claims are mounted at the same path of a container', () => {
    expect(() => statefulSet([DATA, { name: 'wal', storage: Size.gibibytes(1), mounts: [{ container: 'postgres', path: '/var/lib/postgresql/data' }] }]))
      .toThrow(new Error('container "postgres" (containers[0]) of SecureStatefulSet "test/db" already mounts a volume at "/var/lib/postgresql/data", mount volume claim template "wal" elsewhere'));
  });

  test('fails the synth when a pod volume has the name of a claim', () => {
    // GIVEN a claim "data" and a pod volume "data"
    const set = statefulSet([DATA]);
    set.addVolume(kplus.Volume.fromEmptyDir(set, 'scratch', 'data'));
    // WHEN / THEN the synth fails, naming both
    expect(() => Testing.synth(Chart.of(set))).toThrow('SecureStatefulSet "test/db" has a volume named "data" like its volume claim template, rename one of them');
  });
});
