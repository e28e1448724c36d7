import * as kplus from 'cdk8s-plus-28';

/**
 * An explicit, reasoned relaxation of one hardened default. The reason is written into the
 * guard suppression the exception creates, so reports show who relaxed what and why.
 */
export interface SecurityException {
  /** Why the workload needs this, at least 10 characters. */
  readonly reason: string;
}

/**
 * An exception that adds Linux capabilities to a container (all others stay dropped).
 */
export interface CapabilitiesException extends SecurityException {
  /** The capabilities to add, e.g. `[Capability.NET_BIND_SERVICE]`. */
  readonly capabilities: kplus.Capability[];
}

/**
 * An exception that allows `hostPath` volumes, each listed by its host path.
 */
export interface HostPathException extends SecurityException {
  /** The host paths the pod may mount, exactly as written in `hostPath.path`, e.g. `/var/log`. */
  readonly paths: string[];
}

/**
 * The hardened container defaults a container relaxes, each with a reason. An exception both
 * applies the weaker setting and creates the matching guard suppressions for this container.
 */
export interface ContainerExceptions {
  /**
   * Adds capabilities (`securityContext.capabilities.add`). `ALL` stays dropped.
   * Suppresses `capabilities_restricted` when a capability other than `NET_BIND_SERVICE` is
   * added, and `capabilities_baseline` when one is outside the baseline's default set.
   * @default - no capabilities are added
   */
  readonly addCapabilities?: CapabilitiesException;
  /**
   * Sets `securityContext.allowPrivilegeEscalation: true`. Suppresses `allowPrivilegeEscalation`.
   * @default - privilege escalation is not allowed
   */
  readonly allowPrivilegeEscalation?: SecurityException;
  /**
   * Sets `securityContext.readOnlyRootFilesystem: false`. Prefer `writablePaths`.
   * Suppresses `readOnlyRootFilesystem`.
   * @default - the root filesystem is read-only
   */
  readonly writableRootFilesystem?: SecurityException;
  /**
   * Sets `securityContext.runAsNonRoot: false` and allows `user: 0`. Suppresses `runAsNonRoot`
   * (and `runAsUser` when `user` is 0).
   * @default - the container must run as a non-root user
   */
  readonly runAsRoot?: SecurityException;
  /**
   * Sets `securityContext.privileged: true` and, as Kubernetes requires with it,
   * `allowPrivilegeEscalation: true`. Suppresses `privileged` and `allowPrivilegeEscalation`.
   * @default - the container is not privileged
   */
  readonly privileged?: SecurityException;
  /**
   * Allows ports with a `hostPort`. Suppresses `hostPorts`.
   * @default - host ports are refused
   */
  readonly hostPorts?: SecurityException;
}

/**
 * The hardened pod defaults a workload relaxes, each with a reason. An exception both allows the
 * weaker setting and creates the matching guard suppressions for this workload.
 */
export interface PodExceptions {
  /**
   * Sets `spec.hostNetwork: true`. Suppresses `hostNamespaces`.
   * @default - the pod uses its own network namespace
   */
  readonly hostNetwork?: SecurityException;
  /**
   * Allows `hostPath` volumes for the listed paths. Suppresses `hostPathVolumes` and
   * `restrictedVolumes`.
   * @default - hostPath volumes are refused
   */
  readonly hostPath?: HostPathException;
  /**
   * Sets `spec.automountServiceAccountToken: true`. Suppresses `serviceAccountToken`.
   * @default - no service account token is mounted
   */
  readonly automountServiceAccountToken?: SecurityException;
  /**
   * Allows sysctls outside the Pod Security Standards' safe set of the target version.
   * Suppresses `sysctls`.
   * @default - only safe sysctls are accepted
   */
  readonly unsafeSysctls?: SecurityException;
}
