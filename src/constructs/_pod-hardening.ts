/**
 * The hardening shared by every secure workload: prepares the cdk8s-plus props before the
 * workload is built, then registers containers, adds the pod-level fields cdk8s-plus does not
 * know (JSON patches on the workload's ApiObject), the AppArmor annotations below 1.30, and the
 * guard suppressions of the exceptions. @internal
 */
import { ApiObject, ApiObjectMetadataDefinition, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { IConstruct } from 'constructs';
import { buildAt, ContainerPlace, describeContainer } from './_container-place';
import { suppressForException } from './_suppress';
import { appArmorAnnotation, appArmorField, APPARMOR_FIELD_MINOR, checkAppArmor, checkException, checkSeLinux, RuleSuppression, seLinuxField } from './_validate';
import { KubernetesVersion, SecureDefaults } from './defaults';
import { PodExceptions } from './exceptions';
import { HardenedContainer, HardenedContainerProps } from './hardened-container';
import { ImagePolicy } from './image-policy';
import { SecurePodOptions } from './secure-pod-options';
import { SecureAbstractPodProps } from './secure-workload-props';
import { podSpecPointer } from '../engine/pod-templates';
import { valuesAt } from '../rules/pss/_common';
import { RESTRICTED_DROP_CAPABILITY } from '../rules/pss/capabilities_restricted';
import { ALLOWED_SECCOMP_TYPES } from '../rules/pss/seccompProfile_baseline';
import { SAFE_SYSCTLS } from '../rules/pss/sysctls';

/**
 * The props given to the cdk8s-plus constructor: the secure props with the hardened containers
 * built, the init containers left out (they are added after construction) and the hardened pod
 * fields resolved. Typed so that each secure workload's props are checked against its cdk8s-plus
 * constructor. @internal
 */
export type KplusPodProps<P extends SecureAbstractPodProps> = Omit<P, 'containers' | 'initContainers'> & {
  readonly containers: HardenedContainer[];
  readonly initContainers: undefined;
  readonly hostNetwork: boolean;
  readonly automountServiceAccountToken: boolean;
  readonly securityContext: kplus.PodSecurityContextProps;
};

/** A cdk8s-plus pod or workload with its pod metadata. @internal */
export type PodLike = kplus.AbstractPod & { readonly podMetadata: ApiObjectMetadataDefinition };

const HOST_USERS_MINOR = 25;

/** The sysctls the Pod Security Standards allow at a Kubernetes minor: the sysctls rule's table. */
function safeSysctls(minor: number): readonly string[] {
  return valuesAt(SAFE_SYSCTLS, minor);
}

/** What `prepare` resolved before the workload was built. @internal */
export interface PreparedPod<P extends SecureAbstractPodProps = SecureAbstractPodProps> {
  readonly kind: string;
  readonly path: string;
  readonly version: KubernetesVersion;
  readonly options: SecurePodOptions;
  readonly exceptions: PodExceptions;
  readonly imagePolicy?: ImagePolicy;
  readonly suppressions: RuleSuppression[];
  /** The props to give the cdk8s-plus constructor. */
  readonly superProps: KplusPodProps<P>;
}

function isInt(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n);
}

/**
 * Checks and resolves the props before the cdk8s-plus constructor runs. The containers are built
 * here, so that cdk8s-plus attaches them (a StatefulSet derives its service from their ports).
 * @internal
 */
export function preparePod<P extends SecureAbstractPodProps>(kind: string, scope: IConstruct, id: string, props: P): PreparedPod<P> {
  const path = scope.node.path ? `${scope.node.path}/${id}` : id;
  const owner = `${kind} "${path}"`;
  const version = props.kubernetesVersion ?? KubernetesVersion._default();
  const ex = props.exceptions ?? {};
  const hostNetwork = checkException('hostNetwork', ex.hostNetwork, owner);
  const hostPath = checkException('hostPath', ex.hostPath, owner);
  const automount = checkException('automountServiceAccountToken', ex.automountServiceAccountToken, owner);
  const unsafeSysctls = checkException('unsafeSysctls', ex.unsafeSysctls, owner);
  if (hostPath && (!Array.isArray(hostPath.paths) || hostPath.paths.length === 0)) {
    throw new Error(`exception "hostPath" of ${owner} lists no paths, name the host paths the pod mounts`);
  }
  if (props.hostNetwork === true && !hostNetwork) {
    throw new Error(`${owner} sets hostNetwork=true, add exceptions.hostNetwork with a reason`);
  }
  if (props.automountServiceAccountToken === true && !automount) {
    throw new Error(`${owner} sets automountServiceAccountToken=true, add exceptions.automountServiceAccountToken with a reason, or mount a projected token`);
  }
  const sc = props.securityContext ?? {};
  if (sc.ensureNonRoot === false) {
    throw new Error(`${owner} sets securityContext.ensureNonRoot=false, keep it and give exceptions.runAsRoot to the containers that need root`);
  }
  if (sc.user === 0) {
    throw new Error(`${owner} sets securityContext.user=0 (root), choose a non-zero user or give exceptions.runAsRoot to the containers that need root`);
  }
  if (sc.group === 0) {
    throw new Error(`${owner} sets securityContext.group=0 (the root group), choose a non-zero group`);
  }
  if (sc.fsGroup === 0) {
    throw new Error(`${owner} sets securityContext.fsGroup=0 (the root group), choose a non-zero group`);
  }
  for (const g of props.supplementalGroups ?? []) {
    if (!isInt(g) || g <= 0) {
      throw new Error(`${owner} has supplemental group ${JSON.stringify(g)}, expecting whole numbers above 0`);
    }
  }
  if (props.hostUsers !== undefined && version.minor < HOST_USERS_MINOR) {
    throw new Error(`${owner} sets hostUsers, which Kubernetes ${version} does not know, target 1.${HOST_USERS_MINOR} or newer`);
  }
  const unsafe = (sc.sysctls ?? []).map(s => s.name).filter(n => !safeSysctls(version.minor).includes(n));
  if (unsafe.length > 0 && !unsafeSysctls) {
    throw new Error(`${owner} sets sysctls ${unsafe.join(', ')}, which are not safe at Kubernetes ${version}, add exceptions.unsafeSysctls with a reason`);
  }
  const seccomp = props.seccompProfile;
  if (seccomp && !ALLOWED_SECCOMP_TYPES.includes(seccomp.type)) {
    throw new Error(`${owner} sets seccompProfile type ${JSON.stringify(seccomp.type)}, expecting one of: ${ALLOWED_SECCOMP_TYPES.join(', ')}`);
  }
  if (seccomp?.type === kplus.SeccompProfileType.LOCALHOST && !seccomp.localhostProfile) {
    throw new Error(`${owner} sets seccompProfile type "Localhost" without localhostProfile, name the profile file on the node`);
  }
  checkAppArmor(props.appArmorProfile, owner);
  checkSeLinux(props.seLinuxOptions, version.minor, owner);

  const imagePolicy = props.imagePolicy ?? ImagePolicy.of(scope);
  const suppressions: RuleSuppression[] = [];
  if (hostNetwork) suppressions.push({ ruleId: 'hostNamespaces', reason: hostNetwork.reason });
  if (hostPath) {
    suppressions.push({ ruleId: 'hostPathVolumes', reason: hostPath.reason });
    suppressions.push({ ruleId: 'restrictedVolumes', reason: hostPath.reason });
  }
  if (automount) suppressions.push({ ruleId: 'serviceAccountToken', reason: automount.reason });
  if (unsafeSysctls && unsafe.length > 0) suppressions.push({ ruleId: 'sysctls', reason: unsafeSysctls.reason });

  const containers = (props.containers ?? []).map((c, index) => hardenFor(c, version, imagePolicy, { workload: owner, list: 'containers', index }));
  return {
    kind,
    path,
    version,
    options: props,
    exceptions: ex,
    imagePolicy,
    suppressions,
    superProps: {
      ...props,
      containers,
      initContainers: undefined,
      hostNetwork: hostNetwork ? true : SecureDefaults.HOST_NETWORK,
      automountServiceAccountToken: automount ? true : SecureDefaults.AUTOMOUNT_SERVICE_ACCOUNT_TOKEN,
      securityContext: { ...sc, ensureNonRoot: SecureDefaults.RUN_AS_NON_ROOT },
    },
  };
}

function hardenFor(
  props: HardenedContainerProps, version: KubernetesVersion, imagePolicy: ImagePolicy | undefined, place: ContainerPlace,
): HardenedContainer {
  return buildAt(place, () => new HardenedContainer({
    ...props,
    kubernetesVersion: props.kubernetesVersion ?? version,
    imagePolicy: props.imagePolicy ?? imagePolicy,
  }));
}

/**
 * The hardening of one built workload. @internal
 */
export class PodHardening {
  private readonly names = new Set<string>();
  private readonly lateEdits: Array<(json: any) => JsonPatch[]> = [];
  private readonly owner: string;
  private readonly allowedHostPaths: string[];
  private readonly specPath: string;

  constructor(
    private readonly pod: PodLike,
    private readonly prepared: PreparedPod,
  ) {
    // Where the pod spec sits in this workload's manifest: the engine's table of pod-bearing kinds.
    this.specPath = podSpecPointer(ApiObject.of(pod).kind);
    this.owner = `${prepared.kind} "${pod.node.path}"`;
    pod.containers.forEach((c, i) => this.register(c, 'containers', i));
    for (const c of prepared.options.initContainers ?? []) this.addInit(c);
    suppressForException(pod, prepared.suppressions);
    this.addPodFields();
    this.allowedHostPaths = prepared.exceptions.hostPath?.paths ?? [];
    this.wrapRender();
  }

  /**
   * Builds a hardened container from props, with the workload's version and image policy, to be
   * attached at `index` of `list` (by default appended to the containers).
   */
  public harden(props: kplus.ContainerProps, list: ContainerPlace['list'] = 'containers', index = this.pod.containers.length): HardenedContainer {
    return hardenFor(props, this.prepared.version, this.prepared.imagePolicy, { workload: this.owner, list, index });
  }

  /**
   * Checks and registers a container being attached at `index` of `list` (before cdk8s-plus
   * stores it: containers are only ever appended, so the index is final).
   */
  public register(c: kplus.Container, list: ContainerPlace['list'], index: number): void {
    const place: ContainerPlace = { workload: this.owner, list, index };
    if (this.names.has(c.name)) {
      throw new Error(`${describeContainer(c.name, place)} has the name of another container, give each container a unique name (an unnamed container is called "main")`);
    }
    if (c instanceof HardenedContainer) {
      if (c.kubernetesVersion.minor !== this.prepared.version.minor) {
        throw new Error(`${describeContainer(c.name, place)} targets Kubernetes ${c.kubernetesVersion} but the workload targets ${this.prepared.version}, give both the same kubernetesVersion`);
      }
      c._placeAt(place);
      suppressForException(this.pod, c._suppressions(), c.name);
      // cdk8s-plus-28 renders no SELinux options for a container: they are patched into the manifest
      if (c.seLinuxOptions !== undefined) {
        ApiObject.of(this.pod).addJsonPatch(JsonPatch.add(`${this.specPath}/${list}/${index}/securityContext/seLinuxOptions`, seLinuxField(c.seLinuxOptions)));
      }
    } else {
      this.checkPlain(c, place);
    }
    this.names.add(c.name);
    const own = c instanceof HardenedContainer ? c.appArmorProfile : undefined;
    if (this.prepared.version.minor >= APPARMOR_FIELD_MINOR) {
      if (own) this.addLatePatch(JsonPatch.add(`${this.specPath}/${list}/${index}/securityContext/appArmorProfile`, appArmorField(own)));
    } else {
      const profile = own ?? this.prepared.options.appArmorProfile;
      if (profile) this.pod.podMetadata.addAnnotation(`container.apparmor.security.beta.kubernetes.io/${c.name}`, appArmorAnnotation(profile));
    }
  }

  /**
   * Builds and checks a hardened init container, and attaches it with cdk8s-plus's own
   * `addInitContainer` (given the hardened props), which returns the container it stores.
   */
  public addInit(props: kplus.ContainerProps): kplus.Container {
    const index = this.pod.initContainers.length;
    const c = props instanceof HardenedContainer ? props : this.harden({ ...props, name: props.name ?? `init-${index}` }, 'initContainers', index);
    const sidecar = c.restartPolicy === kplus.ContainerRestartPolicy.ALWAYS;
    const resolved = c.containerProps;
    // cdk8s-plus adds a startup probe to a container with a port
    if (!sidecar && (resolved.readiness || resolved.liveness || resolved.startup || c.portNumber !== undefined)) {
      throw new Error(`${describeContainer(c.name, { workload: this.owner, list: 'initContainers', index })} has a probe, which only sidecar init containers (restartPolicy Always) may have; remove the probe and the port (a port adds a startup probe)`);
    }
    this.register(c, 'initContainers', index);
    return kplus.AbstractPod.prototype.addInitContainer.call(this.pod, resolved);
  }

  private checkPlain(c: kplus.Container, place: ContainerPlace): void {
    const weak: string[] = [];
    const sc = c.securityContext;
    if (sc.ensureNonRoot !== true) weak.push('securityContext.ensureNonRoot is not true');
    if (sc.user === 0) weak.push('securityContext.user is 0');
    if (sc.group === 0) weak.push('securityContext.group is 0');
    if (sc.privileged !== false) weak.push('securityContext.privileged is not false');
    if (sc.allowPrivilegeEscalation !== false) weak.push('securityContext.allowPrivilegeEscalation is not false');
    if (sc.readOnlyRootFilesystem !== true) weak.push('securityContext.readOnlyRootFilesystem is not true');
    if (!(sc.capabilities?.drop ?? []).includes(RESTRICTED_DROP_CAPABILITY as kplus.Capability)) weak.push(`securityContext.capabilities.drop does not include ${RESTRICTED_DROP_CAPABILITY}`);
    if ((sc.capabilities?.add ?? []).length > 0) weak.push('securityContext.capabilities.add is not empty');
    const seccomp = sc.seccompProfile?.type;
    if (seccomp === undefined || !ALLOWED_SECCOMP_TYPES.includes(seccomp)) weak.push(`securityContext.seccompProfile is not one of ${ALLOWED_SECCOMP_TYPES.join(', ')}`);
    const r = c.resources;
    if (!r?.cpu?.request || !r.cpu.limit || !r.memory?.request || !r.memory.limit) weak.push('resources lack a CPU or memory request or limit');
    if (c.ports.some(p => p.hostPort)) weak.push('a port sets hostPort');
    if (weak.length > 0) {
      throw new Error(`${describeContainer(c.name, place)} is a plain container weaker than the hardened defaults (${weak.join('; ')}), attach a HardenedContainer or use addContainer(props)`);
    }
    (this.prepared.imagePolicy ?? ImagePolicy._NONE)._check(c.image, describeContainer(c.name, place));
  }

  /**
   * Adds an edit of the rendered manifest: JSON patches computed from cdk8s-plus's output when the
   * manifest is rendered, for fields that cdk8s-plus-28's Kubernetes 1.28 schema does not know
   * (`appArmorProfile`) and for additions to lists whose final content is only known then. Its
   * generated `toJson` keeps only known fields, even after JSON patches, so these patches are
   * applied to its result (see `wrapRender`).
   */
  public addLateEdit(edit: (json: any) => JsonPatch[]): void {
    this.lateEdits.push(edit);
  }

  private addLatePatch(patch: JsonPatch): void {
    this.addLateEdit(() => [patch]);
  }

  /**
   * Wraps the workload's rendering (its ApiObject's public `toJson`) once: the late patches are
   * applied to the result, and the rendered volumes are checked against the hostPath exception
   * (cdk8s-plus keeps a volume's source private, so the check reads the manifest). A hostPath
   * that the exception does not list fails the render, with the fix.
   */
  private wrapRender(): void {
    const api = ApiObject.of(this.pod);
    const render = api.toJson.bind(api);
    const segments = this.specPath.split('/').slice(1);
    api.toJson = () => {
      let json = render();
      for (const edit of this.lateEdits) json = JsonPatch.apply(json, ...edit(json));
      let spec: any = json;
      for (const segment of segments) spec = spec?.[segment];
      const volumes: any[] = Array.isArray(spec?.volumes) ? spec.volumes : [];
      for (const v of volumes) {
        const hostPath = v?.hostPath?.path;
        if (typeof hostPath === 'string' && !this.allowedHostPaths.includes(hostPath)) {
          throw new Error(`${this.owner} mounts hostPath "${hostPath}" (volume "${v.name}"), add exceptions.hostPath listing "${hostPath}" with a reason`);
        }
      }
      return json;
    };
  }

  private addPodFields(): void {
    const o = this.prepared.options;
    const api = ApiObject.of(this.pod);
    const sc = `${this.specPath}/securityContext`;
    const seccomp = o.seccompProfile ?? { type: SecureDefaults.SECCOMP_PROFILE_TYPE as kplus.SeccompProfileType };
    api.addJsonPatch(JsonPatch.add(`${sc}/seccompProfile`, seccomp.localhostProfile !== undefined
      ? { type: seccomp.type, localhostProfile: seccomp.localhostProfile }
      : { type: seccomp.type }));
    if (o.appArmorProfile && this.prepared.version.minor >= APPARMOR_FIELD_MINOR) {
      this.addLatePatch(JsonPatch.add(`${sc}/appArmorProfile`, appArmorField(o.appArmorProfile)));
    }
    if (o.seLinuxOptions) api.addJsonPatch(JsonPatch.add(`${sc}/seLinuxOptions`, seLinuxField(o.seLinuxOptions)));
    if (o.supplementalGroups && o.supplementalGroups.length > 0) {
      api.addJsonPatch(JsonPatch.add(`${sc}/supplementalGroups`, [...o.supplementalGroups]));
    }
    if (o.hostUsers !== undefined) api.addJsonPatch(JsonPatch.add(`${this.specPath}/hostUsers`, o.hostUsers));
  }

}
