/**
 * AppArmor profile types the hardened constructs accept (`Unconfined` is never emitted).
 */
export enum AppArmorProfileType {
  /** The container runtime's default profile. */
  RUNTIME_DEFAULT = 'RuntimeDefault',
  /** A profile loaded on the node, named by `localhostProfile`. */
  LOCALHOST = 'Localhost',
}

/**
 * An AppArmor profile. From Kubernetes 1.30 it is emitted as the `appArmorProfile` field; for
 * older target versions as the `container.apparmor.security.beta.kubernetes.io/<container>`
 * pod annotation (`runtime/default` or `localhost/<profile>`).
 */
export interface AppArmorProfile {
  /** The profile type. */
  readonly type: AppArmorProfileType;
  /**
   * The name of the profile loaded on the node. Required for `LOCALHOST`, refused otherwise.
   * @default - none
   */
  readonly localhostProfile?: string;
}

/**
 * SELinux options (`seLinuxOptions`). The Pod Security Standards allow only the types
 * `container_t`, `container_init_t`, `container_kvm_t` (and `container_engine_t` from 1.31),
 * and no user or role; anything else is refused.
 */
export interface SeLinuxOptions {
  /**
   * The SELinux level, e.g. `s0:c123,c456`.
   * @default - the runtime's choice
   */
  readonly level?: string;
  /**
   * The SELinux type, e.g. `container_t`.
   * @default - the runtime's choice
   */
  readonly type?: string;
}
