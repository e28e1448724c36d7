// Every error about a container of a secure workload names the workload's construct path and the
// container by name and index, wherever the container comes from (props, addContainer, init
// containers, attachContainer, later calls on the container).
import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { IMAGE, newChart, WORKLOADS } from './_helpers';
import {
  HardenedContainer, HardenedContainerProps, ImagePolicy, KubernetesVersion, SecureDeployment, SecureJob,
} from '../../src/constructs';

const REASON = 'binds port 80 for a legacy client';
/** How the errors name container "app", the second container of SecureDeployment "test/web". */
const APP = 'container "app" (containers[1]) of SecureDeployment "test/web"';

/** A SecureDeployment "test/web" whose second container is "app" with these props. */
function deployWith(props: Partial<HardenedContainerProps>): SecureDeployment {
  return new SecureDeployment(newChart(), 'web', { containers: [{ name: 'ok', image: IMAGE }, { name: 'app', image: IMAGE, ...props }] });
}

describe('container errors name the workload and the container', () => {
  test.each<[string, Partial<HardenedContainerProps>, string]>([
    ['fails when an exception has a short reason', { exceptions: { runAsRoot: { reason: 'because' } } },
      `exception "runAsRoot" of ${APP} needs a reason of at least 10 characters, got "because"`],
    ['fails when readOnlyRootFilesystem is false without an exception', { securityContext: { readOnlyRootFilesystem: false } },
      `${APP} sets securityContext.readOnlyRootFilesystem=false, add exceptions.writableRootFilesystem with a reason, or list the directories it writes in writablePaths`],
    ['fails when allowPrivilegeEscalation is true without an exception', { securityContext: { allowPrivilegeEscalation: true } },
      `${APP} sets securityContext.allowPrivilegeEscalation=true, add exceptions.allowPrivilegeEscalation with a reason`],
    ['fails when privileged is true without an exception', { securityContext: { privileged: true } },
      `${APP} sets securityContext.privileged=true, add exceptions.privileged with a reason`],
    ['fails when ensureNonRoot is false without an exception', { securityContext: { ensureNonRoot: false } },
      `${APP} sets securityContext.ensureNonRoot=false, add exceptions.runAsRoot with a reason`],
    ['fails when the user is 0 without an exception', { securityContext: { user: 0 } },
      `${APP} sets securityContext.user=0 (root), choose a non-zero user or add exceptions.runAsRoot with a reason`],
    ['fails when the group is 0', { securityContext: { group: 0 } },
      `${APP} sets securityContext.group=0 (the root group), choose a non-zero group`],
    ['fails when the dropped capabilities do not include ALL', { securityContext: { capabilities: { drop: [kplus.Capability.NET_RAW] } } },
      `${APP} sets securityContext.capabilities.drop to ["NET_RAW"], which must include "ALL"`],
    ['fails when capabilities are added without an exception', { securityContext: { capabilities: { add: [kplus.Capability.NET_ADMIN] } } },
      `${APP} adds capabilities NET_ADMIN, list them in exceptions.addCapabilities with a reason`],
    ['fails when the addCapabilities exception lists none', { exceptions: { addCapabilities: { capabilities: [], reason: REASON } } },
      `exception "addCapabilities" of ${APP} lists no capabilities, name the capabilities to add`],
    ['fails when the addCapabilities exception adds ALL', { exceptions: { addCapabilities: { capabilities: [kplus.Capability.ALL], reason: REASON } } },
      `exception "addCapabilities" of ${APP} adds "ALL", name each capability the container needs`],
    ['fails when the seccomp profile is Unconfined', { securityContext: { seccompProfile: { type: kplus.SeccompProfileType.UNCONFINED } } },
      `${APP} sets seccompProfile type "Unconfined", expecting one of: RuntimeDefault, Localhost`],
    ['fails when a Localhost seccomp profile names no file', { securityContext: { seccompProfile: { type: kplus.SeccompProfileType.LOCALHOST } } },
      `${APP} sets seccompProfile type "Localhost" without localhostProfile, name the profile file on the node`],
    ['fails when the AppArmor profile type is unknown', { appArmorProfile: { type: 'Unconfined' as any } },
      `${APP} has appArmorProfile type "Unconfined", expecting "RuntimeDefault" or "Localhost"`],
    ['fails when the SELinux type is forbidden', { seLinuxOptions: { type: 'spc_t' } },
      `${APP} has seLinuxOptions.type "spc_t", which the Pod Security Standards forbid, expecting one of: container_t, container_init_t, container_kvm_t`],
    ['fails when both port and portNumber are given', { port: 8080, portNumber: 8080 },
      `${APP} sets both port and portNumber, remove port (deprecated)`],
    ['fails when a port sets hostPort without an exception', { ports: [{ number: 8080, hostPort: 8080 }] },
      `${APP} port 8080 sets hostPort 8080, add exceptions.hostPorts with a reason`],
    ['fails when only a CPU request is given', { resources: { cpu: { request: kplus.Cpu.millis(100) } } },
      `${APP} resources.cpu must set both request and limit, or leave resources.cpu unset for the defaults (request 100m, limit 500m)`],
    ['fails when only a memory limit is given', { resources: { memory: { limit: Size.mebibytes(64) } } },
      `${APP} resources.memory must set both request and limit, or leave resources.memory unset for the defaults (request 128Mi, limit 256Mi)`],
    ['fails when the image is empty', { image: '' },
      `${APP} has no image, set image to a pinned reference such as "nginx:1.27.3"`],
    ['fails when the image is untagged', { image: 'nginx' },
      `${APP} image "nginx" has no tag or digest, pin it with a version tag such as "nginx:1.2.3" or a digest "nginx@sha256:<64 hex digits>"`],
    ['fails when the image uses latest', { image: 'nginx:latest' },
      `${APP} image "nginx:latest" uses the mutable tag "latest", pin a version tag or a digest`],
    ['fails when the image is not a valid reference', { image: 'Nginx:1.0' },
      `${APP} image "Nginx:1.0" is not a valid image reference: repository component "Nginx" must be lowercase letters and digits, separated by ".", "_", "__" or "-"`],
    ['fails when the image policy requires a digest', { imagePolicy: new ImagePolicy({ requireDigest: true }) },
      `${APP} image "${IMAGE}" is not pinned by a sha256 digest, which the image policy requires: use "${IMAGE}@sha256:<64 hex digits>"`],
    ['fails when the image is not from a trusted registry', { imagePolicy: new ImagePolicy({ trustedRegistries: ['ghcr.io/acme/'] }) },
      `${APP} image "${IMAGE}" (${IMAGE.split(':')[0]}) is not from a trusted registry, expecting one of: ghcr.io/acme/`],
    ['fails when a writable path is relative', { writablePaths: ['tmp'] },
      `${APP} writable path "tmp" must be a normalized absolute path such as "/tmp"`],
    ['fails when a writable path is listed twice', { writablePaths: ['/tmp', '/tmp'] },
      `${APP} lists writable path "/tmp" twice, list each path once`],
    ['fails when a container targets another Kubernetes version', { kubernetesVersion: KubernetesVersion.V1_30 },
      `${APP} targets Kubernetes 1.30 but the workload targets 1.28, give both the same kubernetesVersion`],
    ['fails when a container reuses a name', { name: 'ok' },
      'container "ok" (containers[1]) of SecureDeployment "test/web" has the name of another container, give each container a unique name (an unnamed container is called "main")'],
  ])('%s', (_name, props, error) => {
    // GIVEN / WHEN a workload whose second container has the bad props THEN the error names both
    expect(() => deployWith(props)).toThrow(new Error(error));
  });

  test('fails when a writable path is already a volume mount', () => {
    // GIVEN a container that mounts a volume at a path it also lists as writable
    const chart = newChart();
    const volume = kplus.Volume.fromEmptyDir(chart, 'v', 'cache');
    // WHEN / THEN the error names the workload and the container
    expect(() => new SecureDeployment(chart, 'web', {
      containers: [{ name: 'ok', image: IMAGE }, { name: 'app', image: IMAGE, volumeMounts: [{ path: '/tmp', volume }], writablePaths: ['/tmp'] }],
    })).toThrow(new Error(`${APP} writable path "/tmp" is already a volume mount, remove one of them`));
  });

  test.each(WORKLOADS)('an unnamed container of %s is named by its index', (name, _kind, factory) => {
    // GIVEN / WHEN an unnamed container with a bad setting in any secure workload
    // THEN the error names the workload's path and the container's index
    expect(() => factory(newChart(), { containers: [{ image: IMAGE, securityContext: { privileged: true } }] }))
      .toThrow(new Error(`container "main" (containers[0]) of ${name} "test/w" sets securityContext.privileged=true, add exceptions.privileged with a reason`));
  });

  test('a container added after construction is named by the index it gets', () => {
    // GIVEN a deployment with two containers
    const d = new SecureDeployment(newChart(), 'web', { containers: [{ name: 'a', image: IMAGE }, { name: 'b', image: IMAGE }] });
    // WHEN / THEN adding a bad third one names index 2, through either method
    expect(() => d.addContainer({ image: 'nginx:latest' }))
      .toThrow(new Error('container "main" (containers[2]) of SecureDeployment "test/web" image "nginx:latest" uses the mutable tag "latest", pin a version tag or a digest'));
    expect(() => d.addHardenedContainer({ name: 'c', image: IMAGE, securityContext: { group: 0 } }))
      .toThrow(new Error('container "c" (containers[2]) of SecureDeployment "test/web" sets securityContext.group=0 (the root group), choose a non-zero group'));
  });

  test('init containers are named by their index in initContainers', () => {
    // GIVEN / WHEN an unnamed bad init container in props, and a named one added later
    expect(() => new SecureJob(newChart(), 'job', { containers: [{ image: IMAGE }], initContainers: [{ image: IMAGE }, { image: IMAGE, securityContext: { user: 0 } }] }))
      .toThrow(new Error('container "init-1" (initContainers[1]) of SecureJob "test/job" sets securityContext.user=0 (root), choose a non-zero user or add exceptions.runAsRoot with a reason'));
    const job = new SecureJob(newChart(), 'job', { containers: [{ image: IMAGE }] });
    // THEN each error names the workload and the init container
    expect(() => job.addInitContainer({ name: 'migrate', image: IMAGE, portNumber: 5432 }))
      .toThrow(new Error('container "migrate" (initContainers[0]) of SecureJob "test/job" has a probe, which only sidecar init containers (restartPolicy Always) may have; remove the probe and the port (a port adds a startup probe)'));
  });

  test('a plain container that is attached is named by its index', () => {
    // GIVEN a deployment and a plain cdk8s-plus container that meets the hardened defaults but its image
    const d = new SecureDeployment(newChart(), 'web', { containers: [{ image: IMAGE }] });
    const hardened = new HardenedContainer({ name: 'x', image: IMAGE });
    const plain = new kplus.Container({
      name: 'plain',
      image: 'nginx',
      resources: hardened.resources,
      securityContext: {
        ensureNonRoot: true,
        privileged: false,
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: [kplus.Capability.ALL] },
        seccompProfile: { type: kplus.SeccompProfileType.RUNTIME_DEFAULT },
      },
    });
    // WHEN / THEN attaching it names the workload and the index
    expect(() => d.attachContainer(plain))
      .toThrow(new Error('container "plain" (containers[1]) of SecureDeployment "test/web" image "nginx" has no tag or digest, pin it with a version tag such as "nginx:1.2.3" or a digest "nginx@sha256:<64 hex digits>"'));
  });

  test('a host port added later to an attached container names the workload', () => {
    // GIVEN a hardened container attached to a deployment, and one given in its props
    const d = new SecureDeployment(newChart(), 'web', { containers: [{ name: 'a', image: IMAGE }] });
    const attached = new HardenedContainer({ name: 'b', image: IMAGE });
    d.attachContainer(attached);
    // WHEN a host port is added to either THEN the error names the workload and the index
    expect(() => attached.addPort({ number: 80, hostPort: 80 }))
      .toThrow(new Error('container "b" (containers[1]) of SecureDeployment "test/web" port 80 sets hostPort 80, add exceptions.hostPorts with a reason'));
    expect(() => d.containers[0].addPort({ number: 81, hostPort: 81 }))
      .toThrow(new Error('container "a" (containers[0]) of SecureDeployment "test/web" port 81 sets hostPort 81, add exceptions.hostPorts with a reason'));
  });

  test('a container built alone is named by its name', () => {
    // GIVEN / WHEN a hardened container built outside a workload THEN the error names the container
    expect(() => new HardenedContainer({ image: IMAGE, securityContext: { privileged: true } }))
      .toThrow(new Error('container "main" sets securityContext.privileged=true, add exceptions.privileged with a reason'));
  });
});
