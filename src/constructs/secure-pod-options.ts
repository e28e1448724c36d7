import * as kplus from 'cdk8s-plus-28';
import { KubernetesVersion } from './defaults';
import { PodExceptions } from './exceptions';
import { HardenedContainerProps } from './hardened-container';
import { ImagePolicy } from './image-policy';
import { AppArmorProfile, SeLinuxOptions } from './security-options';

/**
 * Security settings every secure workload takes besides the props of its cdk8s-plus
 * counterpart. The cdk8s-plus props `securityContext`, `hostNetwork`,
 * `automountServiceAccountToken` and `volumes` are read as requests: a value weaker than the
 * hardened default is refused unless the matching exception is given.
 */
export interface SecurePodOptions {
  /**
   * The pod's containers, hardened.
   * @default - none; add at least one with `addContainer` or `addHardenedContainer`
   */
  readonly containers?: HardenedContainerProps[];
  /**
   * The pod's init containers, hardened. An unnamed one is called `init-<n>`.
   * @default - none
   */
  readonly initContainers?: HardenedContainerProps[];
  /**
   * Hardened pod defaults this workload relaxes, each with a reason.
   * @default - none: every hardened default applies
   */
  readonly exceptions?: PodExceptions;
  /**
   * The Kubernetes version to generate fields for: fields a version does not know are not
   * emitted for it (AppArmor uses annotations below 1.30; `hostUsers` needs 1.25).
   * @default - SecureDefaults.KUBERNETES_VERSION (1.28)
   */
  readonly kubernetesVersion?: KubernetesVersion;
  /**
   * Pod-level seccomp profile (`spec.securityContext.seccompProfile`).
   * @default - { type: RuntimeDefault } (SecureDefaults.SECCOMP_PROFILE_TYPE)
   */
  readonly seccompProfile?: kplus.SeccompProfile;
  /**
   * Pod-level AppArmor profile: the `appArmorProfile` field from Kubernetes 1.30, otherwise an
   * annotation for every container that has no profile of its own.
   * @default - none (the runtime default applies)
   */
  readonly appArmorProfile?: AppArmorProfile;
  /**
   * Pod-level SELinux options.
   * @default - none
   */
  readonly seLinuxOptions?: SeLinuxOptions;
  /**
   * Supplemental group IDs of the pod's processes (0 is refused).
   * @default - none
   */
  readonly supplementalGroups?: number[];
  /**
   * `spec.hostUsers`. `false` runs the pod in its own user namespace (Kubernetes 1.25 or newer,
   * with user namespaces enabled on the nodes).
   * @default - not set (the host user namespace is used)
   */
  readonly hostUsers?: boolean;
  /**
   * Organization image policy for the containers that give none.
   * @default - the policy applied to the scope with `ImagePolicy.apply`, if any
   */
  readonly imagePolicy?: ImagePolicy;
}
