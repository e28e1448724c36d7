import { createHash } from 'crypto';
import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ContainerPlace, describeContainer, placeBeingBuilt } from './_container-place';
import { checkAppArmor, checkException, checkSeLinux, RuleSuppression } from './_validate';
import { KubernetesVersion, SecureDefaults } from './defaults';
import { ContainerExceptions } from './exceptions';
import { ImagePolicy } from './image-policy';
import { AppArmorProfile, SeLinuxOptions } from './security-options';
import { BASELINE_CAPABILITIES } from '../rules/pss/capabilities_baseline';
import { RESTRICTED_ADD_CAPABILITIES } from '../rules/pss/capabilities_restricted';
import { ALLOWED_SECCOMP_TYPES } from '../rules/pss/seccompProfile_baseline';

/**
 * Properties of a `HardenedContainer`: those of a cdk8s-plus container (`ContainerProps`),
 * hardened by default, plus the security settings cdk8s-plus does not offer. They are accepted
 * wherever cdk8s-plus expects `ContainerProps`.
 *
 * `securityContext` is read as a request: a value weaker than the hardened default is refused
 * unless the matching exception is given in `exceptions`.
 */
export interface HardenedContainerProps {
  // The props of a cdk8s-plus container (`ContainerProps`), copied field by field with this
  // library's defaults: jsii does not let an interface re-declare an inherited member, and the
  // inherited docs would show cdk8s-plus's defaults. test/constructs/secure-workload-props.test.ts
  // fails to compile when a field drifts from cdk8s-plus, and
  // test/constructs/documented-defaults.test.ts checks each default against the output.

  /**
   * The container's name, a DNS label unique in its pod.
   * @default 'main'; an init container of a secure workload is called 'init-<index>'
   */
  readonly name?: string;
  /** The image, pinned by a version tag or a sha256 digest (`latest` and untagged images are refused). */
  readonly image: string;
  /**
   * The same as `portNumber`; give one of them only.
   * @default - no port
   * @deprecated use `portNumber`
   */
  readonly port?: number;
  /**
   * The port the container listens on. cdk8s-plus adds a TCP startup probe on it unless `startup`
   * is given.
   * @default - no port besides those in `ports`
   */
  readonly portNumber?: number;
  /**
   * Ports the container exposes. A port with a `hostPort` needs `exceptions.hostPorts`.
   * @default - no port besides `portNumber`
   */
  readonly ports?: kplus.ContainerPort[];
  /**
   * The command to run.
   * @default - the image's ENTRYPOINT
   */
  readonly command?: string[];
  /**
   * The arguments of the command.
   * @default - the image's CMD
   */
  readonly args?: string[];
  /**
   * The working directory.
   * @default - the image's working directory
   */
  readonly workingDir?: string;
  /**
   * Environment variables.
   * @default - none
   */
  readonly envVariables?: { [name: string]: kplus.EnvValue };
  /**
   * Sources of environment variables (config maps, secrets).
   * @default - none
   */
  readonly envFrom?: kplus.EnvFrom[];
  /**
   * Volumes the container mounts.
   * @default - none besides the `emptyDir` volumes of `writablePaths`
   */
  readonly volumeMounts?: kplus.VolumeMount[];
  /**
   * When the image is pulled.
   * @default - ImagePullPolicy.IF_NOT_PRESENT for an image pinned by a sha256 digest
   * (SecureDefaults.IMAGE_PULL_POLICY_DIGEST, "IfNotPresent"), otherwise ImagePullPolicy.ALWAYS
   * (SecureDefaults.IMAGE_PULL_POLICY_TAG, "Always")
   */
  readonly imagePullPolicy?: kplus.ImagePullPolicy;
  /**
   * The readiness probe.
   * @default - none
   */
  readonly readiness?: kplus.Probe;
  /**
   * The liveness probe.
   * @default - none
   */
  readonly liveness?: kplus.Probe;
  /**
   * The startup probe.
   * @default - a TCP probe on `portNumber` when it is set (cdk8s-plus adds it), otherwise none
   */
  readonly startup?: kplus.Probe;
  /**
   * Hooks run after the container starts and before it stops.
   * @default - none
   */
  readonly lifecycle?: kplus.ContainerLifecycle;
  /**
   * CPU and memory requests and limits. A resource that is given must set both its request and
   * its limit; one that is not gets the defaults.
   * @default - CPU request 100m and limit 500m, memory request 128Mi and limit 256Mi
   * (SecureDefaults.CPU_REQUEST_MILLIS, CPU_LIMIT_MILLIS, MEMORY_REQUEST_MEBIBYTES and
   * MEMORY_LIMIT_MEBIBYTES)
   */
  readonly resources?: kplus.ContainerResources;
  /**
   * Security context, read as a request: a value weaker than the hardened default is refused
   * unless the matching exception is given in `exceptions`.
   * @default - runAsNonRoot true with no UID or GID forced, privileged false,
   * allowPrivilegeEscalation false, readOnlyRootFilesystem true, capabilities drop ALL and
   * seccompProfile RuntimeDefault (SecureDefaults)
   */
  readonly securityContext?: kplus.ContainerSecurityContextProps;
  /**
   * The restart policy of an init container; `ContainerRestartPolicy.ALWAYS` makes it a sidecar.
   * @default - none: the pod's restart policy applies
   */
  readonly restartPolicy?: kplus.ContainerRestartPolicy;

  /**
   * Absolute directories the container writes to. Each gets an `emptyDir` volume mounted there,
   * so that the root filesystem stays read-only. The volume of `/var/cache/nginx` in container
   * `web` is named `web-var-cache-nginx`.
   * @default - none
   */
  readonly writablePaths?: string[];
  /**
   * Hardened defaults this container relaxes, each with a reason.
   * @default - none: every hardened default applies
   */
  readonly exceptions?: ContainerExceptions;
  /**
   * SELinux options of the container.
   * @default - none
   */
  readonly seLinuxOptions?: SeLinuxOptions;
  /**
   * AppArmor profile of the container, emitted by the secure workloads: the `appArmorProfile`
   * field from Kubernetes 1.30, the AppArmor annotation below it. (A plain cdk8s-plus workload
   * does not emit it.)
   * @default - none (the runtime default applies)
   */
  readonly appArmorProfile?: AppArmorProfile;
  /**
   * The Kubernetes version to generate fields for. A secure workload gives its own to the
   * containers it creates, and refuses containers that target another one.
   * @default - the workload's version, or SecureDefaults.KUBERNETES_VERSION (1.28)
   */
  readonly kubernetesVersion?: KubernetesVersion;
  /**
   * Organization image policy (trusted registries, digest pinning) checked at construction.
   * Tag pinning (no `latest`, no untagged image) always applies.
   * @default - the policy applied to the workload's scope with `ImagePolicy.apply`, if any
   */
  readonly imagePolicy?: ImagePolicy;
}

const BASELINE_ADDS: ReadonlySet<string> = new Set(BASELINE_CAPABILITIES);

const ABSOLUTE_PATH = /^(\/[^/\0]+)+$/;
const LABEL_MAX = 63;

/** The resolved kplus props and the extra state of a hardened container. */
interface Resolved {
  readonly name: string;
  readonly kplusProps: kplus.ContainerProps;
  readonly suppressions: RuleSuppression[];
  readonly writablePaths: string[];
  readonly version: KubernetesVersion;
}

function resolve(props: HardenedContainerProps, place: ContainerPlace | undefined): Resolved {
  const name = props.name ?? 'main';
  const owner = describeContainer(name, place);
  if (props instanceof kplus.Container) {
    throw new Error(`${owner} is built from a Container object, pass its props to HardenedContainer instead`);
  }
  const version = props.kubernetesVersion ?? KubernetesVersion._default();
  (props.imagePolicy ?? ImagePolicy._NONE)._check(props.image, owner);

  const ex = props.exceptions ?? {};
  const addCaps = checkException('addCapabilities', ex.addCapabilities, owner);
  const allowPe = checkException('allowPrivilegeEscalation', ex.allowPrivilegeEscalation, owner);
  const writableRoot = checkException('writableRootFilesystem', ex.writableRootFilesystem, owner);
  const runAsRoot = checkException('runAsRoot', ex.runAsRoot, owner);
  const privileged = checkException('privileged', ex.privileged, owner);
  const hostPorts = checkException('hostPorts', ex.hostPorts, owner);
  const suppressions: RuleSuppression[] = [];

  // Security context: each weaker request needs its exception.
  const sc = props.securityContext ?? {};
  if (sc.readOnlyRootFilesystem === false && !writableRoot) {
    throw new Error(`${owner} sets securityContext.readOnlyRootFilesystem=false, add exceptions.writableRootFilesystem with a reason, or list the directories it writes in writablePaths`);
  }
  if (sc.allowPrivilegeEscalation === true && !allowPe && !privileged) {
    throw new Error(`${owner} sets securityContext.allowPrivilegeEscalation=true, add exceptions.allowPrivilegeEscalation with a reason`);
  }
  if (sc.privileged === true && !privileged) {
    throw new Error(`${owner} sets securityContext.privileged=true, add exceptions.privileged with a reason`);
  }
  if (sc.ensureNonRoot === false && !runAsRoot) {
    throw new Error(`${owner} sets securityContext.ensureNonRoot=false, add exceptions.runAsRoot with a reason`);
  }
  if (sc.user === 0 && !runAsRoot) {
    throw new Error(`${owner} sets securityContext.user=0 (root), choose a non-zero user or add exceptions.runAsRoot with a reason`);
  }
  if (sc.group === 0) {
    throw new Error(`${owner} sets securityContext.group=0 (the root group), choose a non-zero group`);
  }
  const drop = sc.capabilities?.drop;
  if (drop !== undefined && !drop.includes(kplus.Capability.ALL)) {
    throw new Error(`${owner} sets securityContext.capabilities.drop to ${JSON.stringify(drop)}, which must include "ALL"`);
  }
  const requestedAdd = sc.capabilities?.add ?? [];
  const allowedAdd = addCaps?.capabilities ?? [];
  const notCovered = requestedAdd.filter(c => !allowedAdd.includes(c));
  if (notCovered.length > 0) {
    throw new Error(`${owner} adds capabilities ${notCovered.join(', ')}, list them in exceptions.addCapabilities with a reason`);
  }
  if (addCaps) {
    if (!Array.isArray(addCaps.capabilities) || addCaps.capabilities.length === 0) {
      throw new Error(`exception "addCapabilities" of ${owner} lists no capabilities, name the capabilities to add`);
    }
    if (addCaps.capabilities.includes(kplus.Capability.ALL)) {
      throw new Error(`exception "addCapabilities" of ${owner} adds "ALL", name each capability the container needs`);
    }
  }
  const seccomp = sc.seccompProfile ?? { type: kplus.SeccompProfileType.RUNTIME_DEFAULT };
  if (!ALLOWED_SECCOMP_TYPES.includes(seccomp.type)) {
    throw new Error(`${owner} sets seccompProfile type ${JSON.stringify(seccomp.type)}, expecting one of: ${ALLOWED_SECCOMP_TYPES.join(', ')}`);
  }
  if (seccomp.type === kplus.SeccompProfileType.LOCALHOST && !seccomp.localhostProfile) {
    throw new Error(`${owner} sets seccompProfile type "Localhost" without localhostProfile, name the profile file on the node`);
  }
  checkAppArmor(props.appArmorProfile, owner);
  checkSeLinux(props.seLinuxOptions, version.minor, owner);

  // Ports.
  if (props.port !== undefined && props.portNumber !== undefined) {
    throw new Error(`${owner} sets both port and portNumber, remove port (deprecated)`);
  }
  const ports = [...(props.ports ?? [])];
  for (const port of ports) {
    if (port.hostPort && !hostPorts) {
      throw new Error(`${owner} port ${port.number} sets hostPort ${port.hostPort}, add exceptions.hostPorts with a reason`);
    }
  }

  // Resources: both request and limit per resource, or the documented defaults.
  const resources = resolveResources(props.resources, owner);

  // Writable paths.
  const writablePaths = [...(props.writablePaths ?? [])];
  const mounts = [...(props.volumeMounts ?? [])];
  if (writablePaths.length > 0) {
    const taken = new Set(mounts.map(m => m.path));
    const seen = new Set<string>();
    const names = new Set<string>();
    const root = new Construct(undefined as any, '');
    writablePaths.forEach((path, i) => {
      if (typeof path !== 'string' || !ABSOLUTE_PATH.test(path) || path.split('/').some(s => s === '.' || s === '..')) {
        throw new Error(`${owner} writable path ${JSON.stringify(path)} must be a normalized absolute path such as "/tmp"`);
      }
      if (seen.has(path)) {
        throw new Error(`${owner} lists writable path "${path}" twice, list each path once`);
      }
      if (taken.has(path)) {
        throw new Error(`${owner} writable path "${path}" is already a volume mount, remove one of them`);
      }
      seen.add(path);
      const volumeName = writableVolumeName(name, path, names);
      names.add(volumeName);
      mounts.push({ path, volume: kplus.Volume.fromEmptyDir(root, `w${i}`, volumeName) });
    });
  }

  // Suppressions for the exceptions.
  if (addCaps) {
    if (addCaps.capabilities.some(c => !RESTRICTED_ADD_CAPABILITIES.includes(c))) suppressions.push({ ruleId: 'capabilities_restricted', reason: addCaps.reason });
    if (addCaps.capabilities.some(c => !BASELINE_ADDS.has(c))) suppressions.push({ ruleId: 'capabilities_baseline', reason: addCaps.reason });
  }
  if (privileged) {
    suppressions.push({ ruleId: 'privileged', reason: privileged.reason });
    suppressions.push({ ruleId: 'allowPrivilegeEscalation', reason: privileged.reason });
  } else if (allowPe) {
    suppressions.push({ ruleId: 'allowPrivilegeEscalation', reason: allowPe.reason });
  }
  if (writableRoot) suppressions.push({ ruleId: 'readOnlyRootFilesystem', reason: writableRoot.reason });
  if (runAsRoot) {
    suppressions.push({ ruleId: 'runAsNonRoot', reason: runAsRoot.reason });
    if (sc.user === 0) suppressions.push({ ruleId: 'runAsUser', reason: runAsRoot.reason });
  }
  if (hostPorts) suppressions.push({ ruleId: 'hostPorts', reason: hostPorts.reason });

  const kplusProps: kplus.ContainerProps = {
    ...props,
    name,
    ports,
    resources,
    volumeMounts: mounts,
    imagePullPolicy: props.imagePullPolicy ?? (ImagePolicy._isDigestPinned(props.image)
      ? SecureDefaults.IMAGE_PULL_POLICY_DIGEST as kplus.ImagePullPolicy
      : SecureDefaults.IMAGE_PULL_POLICY_TAG as kplus.ImagePullPolicy),
    securityContext: {
      ensureNonRoot: runAsRoot ? (sc.ensureNonRoot ?? false) : SecureDefaults.RUN_AS_NON_ROOT,
      user: sc.user,
      group: sc.group,
      privileged: privileged ? true : SecureDefaults.PRIVILEGED,
      allowPrivilegeEscalation: privileged || allowPe ? true : SecureDefaults.ALLOW_PRIVILEGE_ESCALATION,
      readOnlyRootFilesystem: writableRoot ? (sc.readOnlyRootFilesystem ?? false) : SecureDefaults.READ_ONLY_ROOT_FILESYSTEM,
      capabilities: {
        drop: SecureDefaults.DROP_CAPABILITIES as kplus.Capability[],
        ...(addCaps ? { add: [...addCaps.capabilities] } : {}),
      },
      seccompProfile: seccomp,
    },
  };
  return { name, kplusProps, suppressions, writablePaths, version };
}

function resolveResources(given: kplus.ContainerResources | undefined, owner: string): kplus.ContainerResources {
  const cpu = given?.cpu;
  if (cpu !== undefined && (cpu.request === undefined || cpu.limit === undefined)) {
    throw new Error(`${owner} resources.cpu must set both request and limit, or leave resources.cpu unset for the defaults (request ${SecureDefaults.CPU_REQUEST_MILLIS}m, limit ${SecureDefaults.CPU_LIMIT_MILLIS}m)`);
  }
  const memory = given?.memory;
  if (memory !== undefined && (memory.request === undefined || memory.limit === undefined)) {
    throw new Error(`${owner} resources.memory must set both request and limit, or leave resources.memory unset for the defaults (request ${SecureDefaults.MEMORY_REQUEST_MEBIBYTES}Mi, limit ${SecureDefaults.MEMORY_LIMIT_MEBIBYTES}Mi)`);
  }
  return {
    ...given,
    cpu: cpu ?? DEFAULT_CPU,
    memory: memory ?? DEFAULT_MEMORY,
  };
}

const DEFAULT_CPU: kplus.CpuResources = {
  request: kplus.Cpu.millis(SecureDefaults.CPU_REQUEST_MILLIS),
  limit: kplus.Cpu.millis(SecureDefaults.CPU_LIMIT_MILLIS),
};
const DEFAULT_MEMORY: kplus.MemoryResources = {
  request: Size.mebibytes(SecureDefaults.MEMORY_REQUEST_MEBIBYTES),
  limit: Size.mebibytes(SecureDefaults.MEMORY_LIMIT_MEBIBYTES),
};

/**
 * `<container>-<path with "/" as "-">`, e.g. `web-var-cache-nginx`; when that is not a valid,
 * unique DNS label, `<container>-w-<8 hex digits of the path's sha256>`.
 */
function writableVolumeName(container: string, path: string, taken: Set<string>): string {
  const slug = path.slice(1).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  const readable = `${container}-${slug}`;
  if (slug !== '' && readable.length <= LABEL_MAX && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(readable) && !taken.has(readable)) {
    return readable;
  }
  const hash = createHash('sha256').update(path).digest('hex').slice(0, 8);
  return `${container.slice(0, LABEL_MAX - 11).replace(/-+$/, '')}-w-${hash}`;
}

/**
 * A cdk8s-plus `Container` with hardened defaults (see `SecureDefaults`): non-root without a
 * forced UID, no privilege escalation, not privileged, read-only root filesystem, all
 * capabilities dropped, `RuntimeDefault` seccomp profile, CPU and memory requests and limits,
 * a pinned image, and no host ports. It attaches to any cdk8s-plus workload; the secure
 * workloads also turn its exceptions into guard suppressions and add its AppArmor annotation
 * below Kubernetes 1.30.
 */
export class HardenedContainer extends kplus.Container {
  /** The directories the container writes to, each an `emptyDir` mount. */
  public readonly writablePaths: string[];
  /** The exceptions given, each with its reason. */
  public readonly exceptions: ContainerExceptions;
  /**
   * SELinux options. cdk8s-plus-28 renders no SELinux options for a container, so the secure
   * workloads patch them into their manifest; a plain cdk8s-plus workload does not render them.
   * @default - none
   */
  public readonly seLinuxOptions?: SeLinuxOptions;
  /** The cdk8s-plus props this container was built from, with every hardened default resolved. */
  public readonly containerProps: kplus.ContainerProps;
  /**
   * AppArmor profile.
   * @default - none
   */
  public readonly appArmorProfile?: AppArmorProfile;
  /** The Kubernetes version fields are generated for. */
  public readonly kubernetesVersion: KubernetesVersion;

  private readonly ruleSuppressions: RuleSuppression[];
  private ready?: boolean;
  private place?: ContainerPlace;

  constructor(props: HardenedContainerProps) {
    const place = placeBeingBuilt();
    const resolved = resolve(props, place);
    super(resolved.kplusProps);
    this.containerProps = resolved.kplusProps;
    this.writablePaths = resolved.writablePaths;
    this.exceptions = { ...(props.exceptions ?? {}) };
    this.seLinuxOptions = props.seLinuxOptions;
    this.appArmorProfile = props.appArmorProfile;
    this.kubernetesVersion = resolved.version;
    this.ruleSuppressions = resolved.suppressions;
    this.place = place;
    this.ready = true;
  }

  /**
   * Adds a port. A port with a `hostPort` needs `exceptions.hostPorts`.
   */
  public addPort(port: kplus.ContainerPort): void {
    if (this.ready && port.hostPort && !this.exceptions.hostPorts) {
      throw new Error(`${describeContainer(this.name, this.place)} port ${port.number} sets hostPort ${port.hostPort}, add exceptions.hostPorts with a reason`);
    }
    super.addPort(port);
  }

  /** Records the workload the container is attached to, for the errors of later calls. @internal */
  public _placeAt(place: ContainerPlace): void {
    this.place = place;
  }

  /** The suppressions this container's exceptions need. @internal */
  public _suppressions(): RuleSuppression[] {
    return this.ruleSuppressions;
  }

}
