import { createHash } from 'crypto';
import { Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { DIGEST_IMAGE, IMAGE, manifestOf, newChart, podSpecOf } from './_helpers';
import { HardenedContainer, HardenedContainerProps, ImagePolicy, SecureDeployment } from '../../src/constructs';
import { Suppressions } from '../../src/guard';

const REASON = 'binds port 80 for a legacy client';

/** The rendered container spec of a hardened container in a secure deployment. */
function render(props: Partial<HardenedContainerProps>): { spec: any; pod: any; deployment: SecureDeployment } {
  const chart = newChart();
  const deployment = new SecureDeployment(chart, 'web', { containers: [{ name: 'app', image: IMAGE, ...props }] });
  const pod = podSpecOf(manifestOf(Testing.synth(chart), 'Deployment'));
  return { spec: pod.containers[0], pod, deployment };
}

describe('HardenedContainer exceptions', () => {
  test.each<[string, any, any, (sc: any) => void, Array<[string, string[]?]>]>([
    ['addCapabilities', { addCapabilities: { capabilities: [kplus.Capability.NET_BIND_SERVICE], reason: REASON } }, {},
      sc => expect(sc.capabilities).toEqual({ drop: ['ALL'], add: ['NET_BIND_SERVICE'] }), []],
    ['addCapabilities beyond the restricted set', { addCapabilities: { capabilities: [kplus.Capability.CHOWN], reason: REASON } }, {},
      sc => expect(sc.capabilities).toEqual({ drop: ['ALL'], add: ['CHOWN'] }), [['capabilities_restricted']]],
    ['allowPrivilegeEscalation', { allowPrivilegeEscalation: { reason: REASON } }, {},
      sc => expect(sc.allowPrivilegeEscalation).toBe(true), [['allowPrivilegeEscalation']]],
    ['writableRootFilesystem', { writableRootFilesystem: { reason: REASON } }, {},
      sc => expect(sc.readOnlyRootFilesystem).toBe(false), [['readOnlyRootFilesystem']]],
    ['runAsRoot', { runAsRoot: { reason: REASON } }, {},
      sc => expect(sc.runAsNonRoot).toBe(false), [['runAsNonRoot']]],
    ['runAsRoot with user 0', { runAsRoot: { reason: REASON } }, { securityContext: { user: 0 } },
      sc => expect([sc.runAsNonRoot, sc.runAsUser]).toEqual([false, 0]), [['runAsNonRoot'], ['runAsUser']]],
    ['privileged', { privileged: { reason: REASON } }, {},
      sc => expect([sc.privileged, sc.allowPrivilegeEscalation]).toEqual([true, true]), [['privileged'], ['allowPrivilegeEscalation']]],
  ])('%s applies the setting and suppresses its rules for the container', (_name, exceptions, extra, check, rules) => {
    // GIVEN / WHEN a container with the exception
    const { spec, deployment } = render({ exceptions, ...extra });
    // THEN the setting is applied and the suppressions name the container and the reason
    check(spec.securityContext);
    expect(Suppressions.of(deployment)).toEqual(rules.map(([ruleId]) => ({ ruleId, reason: REASON, containers: ['app'] })));
  });

  test('hostPorts allows a host port and suppresses hostPorts', () => {
    const { spec, deployment } = render({ ports: [{ number: 8080, hostPort: 80 }], exceptions: { hostPorts: { reason: REASON } } });
    expect(spec.ports).toEqual([{ containerPort: 8080, hostPort: 80 }]);
    expect(Suppressions.of(deployment)).toEqual([{ ruleId: 'hostPorts', reason: REASON, containers: ['app'] }]);
  });

  test.each([
    'addCapabilities', 'allowPrivilegeEscalation', 'writableRootFilesystem', 'runAsRoot', 'privileged', 'hostPorts',
  ])('fails when the %s exception has a reason under 10 characters', (name) => {
    const exception = name === 'addCapabilities' ? { capabilities: [kplus.Capability.CHOWN], reason: 'because' } : { reason: 'because' };
    expect(() => new HardenedContainer({ name: 'app', image: IMAGE, exceptions: { [name]: exception } }))
      .toThrow(new Error(`exception "${name}" of container "app" needs a reason of at least 10 characters, got "because"`));
  });

  test.each<[string, Partial<HardenedContainerProps>, string]>([
    ['fails when readOnlyRootFilesystem is false without an exception', { securityContext: { readOnlyRootFilesystem: false } },
      'container "app" sets securityContext.readOnlyRootFilesystem=false, add exceptions.writableRootFilesystem with a reason, or list the directories it writes in writablePaths'],
    ['fails when allowPrivilegeEscalation is true without an exception', { securityContext: { allowPrivilegeEscalation: true } },
      'container "app" sets securityContext.allowPrivilegeEscalation=true, add exceptions.allowPrivilegeEscalation with a reason'],
    ['fails when privileged is true without an exception', { securityContext: { privileged: true } },
      'container "app" sets securityContext.privileged=true, add exceptions.privileged with a reason'],
    ['fails when ensureNonRoot is false without an exception', { securityContext: { ensureNonRoot: false } },
      'container "app" sets securityContext.ensureNonRoot=false, add exceptions.runAsRoot with a reason'],
    ['fails when the user is 0 without an exception', { securityContext: { user: 0 } },
      'container "app" sets securityContext.user=0 (root), choose a non-zero user or add exceptions.runAsRoot with a reason'],
    ['fails when the group is 0', { securityContext: { group: 0 } },
      'container "app" sets securityContext.group=0 (the root group), choose a non-zero group'],
    ['fails when capabilities are added without an exception', { securityContext: { capabilities: { add: [kplus.Capability.NET_ADMIN] } } },
      'container "app" adds capabilities NET_ADMIN, list them in exceptions.addCapabilities with a reason'],
    ['fails when the dropped capabilities do not include ALL', { securityContext: { capabilities: { drop: [kplus.Capability.NET_RAW] } } },
      'container "app" sets securityContext.capabilities.drop to ["NET_RAW"], which must include "ALL"'],
    ['fails when the addCapabilities exception lists none', { exceptions: { addCapabilities: { capabilities: [], reason: REASON } } },
      'exception "addCapabilities" of container "app" lists no capabilities, name the capabilities to add'],
    ['fails when the addCapabilities exception adds ALL', { exceptions: { addCapabilities: { capabilities: [kplus.Capability.ALL], reason: REASON } } },
      'exception "addCapabilities" of container "app" adds "ALL", name each capability the container needs'],
    ['fails when the seccomp profile is Unconfined', { securityContext: { seccompProfile: { type: kplus.SeccompProfileType.UNCONFINED } } },
      'container "app" sets seccompProfile type "Unconfined", expecting one of: RuntimeDefault, Localhost'],
    ['fails when a Localhost seccomp profile names no file', { securityContext: { seccompProfile: { type: kplus.SeccompProfileType.LOCALHOST } } },
      'container "app" sets seccompProfile type "Localhost" without localhostProfile, name the profile file on the node'],
    ['fails when a port sets hostPort without an exception', { ports: [{ number: 8080, hostPort: 8080 }] },
      'container "app" port 8080 sets hostPort 8080, add exceptions.hostPorts with a reason'],
    ['fails when only a CPU request is given', { resources: { cpu: { request: kplus.Cpu.millis(100) } } },
      'container "app" resources.cpu must set both request and limit, or leave resources.cpu unset for the defaults (request 100m, limit 500m)'],
    ['fails when only a memory limit is given', { resources: { memory: { limit: Size.mebibytes(64) } } },
      'container "app" resources.memory must set both request and limit, or leave resources.memory unset for the defaults (request 128Mi, limit 256Mi)'],
    ['fails when the image is untagged', { image: 'nginx' },
      'container "app" image "nginx" has no tag or digest, pin it with a version tag such as "nginx:1.2.3" or a digest "nginx@sha256:<64 hex digits>"'],
    ['fails when the image uses latest', { image: 'nginx:latest' },
      'container "app" image "nginx:latest" uses the mutable tag "latest", pin a version tag or a digest'],
    ['fails when the image is not a valid reference', { image: 'Nginx:1.0' },
      'container "app" image "Nginx:1.0" is not a valid image reference: repository component "Nginx" must be lowercase letters and digits, separated by ".", "_", "__" or "-"'],
    ['fails when the image is empty', { image: '' },
      'container "app" has no image, set image to a pinned reference such as "nginx:1.27.3"'],
    ['fails when a writable path is relative', { writablePaths: ['tmp'] },
      'container "app" writable path "tmp" must be a normalized absolute path such as "/tmp"'],
    ['fails when a writable path ends with a slash', { writablePaths: ['/tmp/'] },
      'container "app" writable path "/tmp/" must be a normalized absolute path such as "/tmp"'],
    ['fails when a writable path has ..', { writablePaths: ['/var/../etc'] },
      'container "app" writable path "/var/../etc" must be a normalized absolute path such as "/tmp"'],
    ['fails when a writable path is the root', { writablePaths: ['/'] },
      'container "app" writable path "/" must be a normalized absolute path such as "/tmp"'],
    ['fails when a writable path is listed twice', { writablePaths: ['/tmp', '/tmp'] },
      'container "app" lists writable path "/tmp" twice, list each path once'],
  ])('%s', (_name, props, error) => {
    expect(() => new HardenedContainer({ name: 'app', image: IMAGE, ...props })).toThrow(new Error(error));
  });

  test('fails when a writable path is already a volume mount', () => {
    const chart = newChart();
    const volume = kplus.Volume.fromEmptyDir(chart, 'v', 'cache');
    expect(() => new HardenedContainer({ name: 'app', image: IMAGE, volumeMounts: [{ path: '/tmp', volume }], writablePaths: ['/tmp'] }))
      .toThrow(new Error('container "app" writable path "/tmp" is already a volume mount, remove one of them'));
  });

  test('fails when a host port is added after construction without an exception', () => {
    const c = new HardenedContainer({ name: 'app', image: IMAGE });
    expect(() => c.addPort({ number: 80, hostPort: 80 })).toThrow(new Error('container "app" port 80 sets hostPort 80, add exceptions.hostPorts with a reason'));
  });

  test('fails when built from a Container object', () => {
    expect(() => new HardenedContainer(new kplus.Container({ image: IMAGE }) as any))
      .toThrow(new Error('container "main" is built from a Container object, pass its props to HardenedContainer instead'));
  });
});

describe('HardenedContainer output', () => {
  test('writable paths are emptyDir volumes mounted there, with deterministic names', () => {
    // GIVEN nginx's writable directories
    const { spec, pod } = render({ writablePaths: ['/var/cache/nginx', '/var/run', '/tmp'] });
    // THEN each is an emptyDir named after the container and the path
    expect(spec.volumeMounts).toEqual([
      { mountPath: '/var/cache/nginx', name: 'app-var-cache-nginx' },
      { mountPath: '/var/run', name: 'app-var-run' },
      { mountPath: '/tmp', name: 'app-tmp' },
    ]);
    expect(pod.volumes).toEqual([
      { emptyDir: {}, name: 'app-var-cache-nginx' },
      { emptyDir: {}, name: 'app-var-run' },
      { emptyDir: {}, name: 'app-tmp' },
    ]);
    expect(spec.securityContext.readOnlyRootFilesystem).toBe(true);
  });

  test('writable paths whose names clash or are too long get hashed names', () => {
    const long = `/${'x'.repeat(70)}`;
    const { spec } = render({ writablePaths: ['/var/run', '/var_run', long] });
    const hash = (path: string) => createHash('sha256').update(path).digest('hex').slice(0, 8);
    expect(spec.volumeMounts.map((m: any) => m.name)).toEqual(['app-var-run', `app-w-${hash('/var_run')}`, `app-w-${hash(long)}`]);
  });

  test('writable paths of two containers do not clash', () => {
    const chart = newChart();
    new SecureDeployment(chart, 'web', { containers: [{ name: 'a', image: IMAGE, writablePaths: ['/tmp'] }, { name: 'b', image: IMAGE, writablePaths: ['/tmp'] }] });
    expect(podSpecOf(manifestOf(Testing.synth(chart), 'Deployment')).volumes.map((v: any) => v.name)).toEqual(['a-tmp', 'b-tmp']);
  });

  test('an image pinned by digest is pulled IfNotPresent, a tag Always, and a given policy is kept', () => {
    expect(render({ image: DIGEST_IMAGE }).spec.imagePullPolicy).toBe('IfNotPresent');
    expect(render({ image: IMAGE }).spec.imagePullPolicy).toBe('Always');
    expect(render({ image: DIGEST_IMAGE, imagePullPolicy: kplus.ImagePullPolicy.ALWAYS }).spec.imagePullPolicy).toBe('Always');
  });

  test('given resources are kept, per resource', () => {
    const { spec } = render({ resources: { cpu: { request: kplus.Cpu.millis(250), limit: kplus.Cpu.units(1) } } });
    expect(spec.resources).toEqual({ requests: { cpu: '250m', memory: '128Mi' }, limits: { cpu: '1', memory: '256Mi' } });
  });

  test('a user and group are emitted only when given', () => {
    const { spec } = render({ securityContext: { user: 1000, group: 1000 } });
    expect([spec.securityContext.runAsUser, spec.securityContext.runAsGroup]).toEqual([1000, 1000]);
  });

  test('attached to a plain cdk8s-plus Deployment it keeps its hardening and writable paths', () => {
    // GIVEN a plain kplus deployment
    const chart = newChart();
    const d = new kplus.Deployment(chart, 'plain');
    d.attachContainer(new HardenedContainer({ name: 'app', image: IMAGE, writablePaths: ['/tmp'] }));

    // WHEN synthesized
    const pod = podSpecOf(manifestOf(Testing.synth(chart), 'Deployment'));

    // THEN the container is hardened and its volume is there
    expect(pod.containers[0].securityContext).toEqual({
      runAsNonRoot: true,
      privileged: false,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(pod.volumes).toEqual([{ emptyDir: {}, name: 'app-tmp' }]);
  });

  test('the image policy given to a container is checked', () => {
    expect(() => new HardenedContainer({ name: 'app', image: IMAGE, imagePolicy: new ImagePolicy({ requireDigest: true }) }))
      .toThrow(new Error('container "app" image "registry.example.com/team/app:1.4.2" is not pinned by a sha256 digest, which the image policy requires: use "registry.example.com/team/app:1.4.2@sha256:<64 hex digits>"'));
    expect(() => new HardenedContainer({ name: 'app', image: DIGEST_IMAGE, imagePolicy: new ImagePolicy({ requireDigest: true }) })).not.toThrow();
  });
});

describe('ImagePolicy', () => {
  test('fails when a trusted registry is blank', () => {
    expect(() => new ImagePolicy({ trustedRegistries: [' '] })).toThrow(new Error('invalid trusted registry " ", expecting a registry prefix such as "ghcr.io/acme/"'));
  });

  test('matches registry prefixes on a path boundary', () => {
    const policy = new ImagePolicy({ trustedRegistries: ['ghcr.io/acme'] });
    expect(() => policy.check('ghcr.io/acme/api:1.0', 'a')).not.toThrow();
    expect(() => policy.check('ghcr.io/acme-evil/api:1.0', 'a'))
      .toThrow(new Error('container "a" image "ghcr.io/acme-evil/api:1.0" (ghcr.io/acme-evil/api) is not from a trusted registry, expecting one of: ghcr.io/acme'));
  });

  test('of() finds the policy of the nearest scope', () => {
    const chart = newChart();
    const inner = new kplus.Deployment(chart, 'd');
    const policy = new ImagePolicy();
    expect(ImagePolicy.of(inner)).toBeUndefined();
    ImagePolicy.apply(chart, policy);
    expect(ImagePolicy.of(inner)).toBe(policy);
  });
});
