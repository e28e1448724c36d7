import { MIN_REASON_LENGTH } from '../policy/constants';

/**
 * The hardened defaults of the golden constructs, documented once.
 *
 * Every construct reads its defaults from here, every `@default` in the construct props refers
 * here, and a test synthesizes each construct and asserts every value below against the output.
 */
export class SecureDefaults {
  /** Containers run as a non-root user: `securityContext.runAsNonRoot: true`. No UID or GID is forced. */
  public static readonly RUN_AS_NON_ROOT = true;
  /** `securityContext.allowPrivilegeEscalation: false` on every container. */
  public static readonly ALLOW_PRIVILEGE_ESCALATION = false;
  /** `securityContext.privileged: false` on every container. */
  public static readonly PRIVILEGED = false;
  /** `securityContext.readOnlyRootFilesystem: true` on every container; `writablePaths` adds writable directories. */
  public static readonly READ_ONLY_ROOT_FILESYSTEM = true;
  /** `securityContext.capabilities.drop` of every container. */
  public static readonly DROP_CAPABILITIES: string[] = ['ALL'];
  /** `seccompProfile.type` of every container and of the pod. */
  public static readonly SECCOMP_PROFILE_TYPE = 'RuntimeDefault';
  /** `spec.automountServiceAccountToken` of every pod. */
  public static readonly AUTOMOUNT_SERVICE_ACCOUNT_TOKEN = false;
  /** `spec.hostNetwork` of every pod (host PID and IPC are never set). */
  public static readonly HOST_NETWORK = false;
  /** CPU request of a container that sets no CPU resources, in millicores. */
  public static readonly CPU_REQUEST_MILLIS = 100;
  /** CPU limit of a container that sets no CPU resources, in millicores. */
  public static readonly CPU_LIMIT_MILLIS = 500;
  /** Memory request of a container that sets no memory resources, in mebibytes. */
  public static readonly MEMORY_REQUEST_MEBIBYTES = 128;
  /** Memory limit of a container that sets no memory resources, in mebibytes. */
  public static readonly MEMORY_LIMIT_MEBIBYTES = 256;
  /** `imagePullPolicy` of a container whose image is pinned by a tag only. */
  public static readonly IMAGE_PULL_POLICY_TAG = 'Always';
  /** `imagePullPolicy` of a container whose image is pinned by a sha256 digest. */
  public static readonly IMAGE_PULL_POLICY_DIGEST = 'IfNotPresent';
  /** The Kubernetes version the constructs target unless told otherwise: the version of cdk8s-plus-28. */
  public static readonly KUBERNETES_VERSION = '1.28';
  /** Pod Security admission level of a `SecureNamespace`, for enforce, audit and warn. */
  public static readonly PSA_LEVEL = 'restricted';
  /** Pod Security admission version of a `SecureNamespace`, for enforce, audit and warn. */
  public static readonly PSA_VERSION = 'latest';
  /** The shortest reason an exception accepts, in characters (after trimming). */
  public static readonly MIN_REASON_LENGTH = MIN_REASON_LENGTH;

  private constructor() {}
}

Object.freeze(SecureDefaults.DROP_CAPABILITIES);

const K8S_VERSION = /^v?1\.(0|[1-9][0-9]*)$/;
let DEFAULT_VERSION: KubernetesVersion | undefined;

/**
 * The Kubernetes version the constructs generate fields for. Fields that a version does not know
 * are never emitted for it (for example the AppArmor `appArmorProfile` field, from 1.30; below it
 * the AppArmor annotation is emitted instead).
 */
export class KubernetesVersion {
  /** The oldest version the constructs support. */
  public static readonly MIN_MINOR = 23;

  /** Kubernetes 1.28, the version cdk8s-plus-28 is written for (the default). */
  public static readonly V1_28 = KubernetesVersion.of('1.28');
  /** Kubernetes 1.29. */
  public static readonly V1_29 = KubernetesVersion.of('1.29');
  /** Kubernetes 1.30, the first with the `appArmorProfile` field. */
  public static readonly V1_30 = KubernetesVersion.of('1.30');
  /** Kubernetes 1.31. */
  public static readonly V1_31 = KubernetesVersion.of('1.31');
  /** Kubernetes 1.32. */
  public static readonly V1_32 = KubernetesVersion.of('1.32');
  /** Kubernetes 1.33. */
  public static readonly V1_33 = KubernetesVersion.of('1.33');

  /**
   * Parses `1.N` or `v1.N`.
   * @throws when the value is not a version or is older than 1.23 (`MIN_MINOR`)
   */
  public static of(version: string): KubernetesVersion {
    const match = typeof version === 'string' ? K8S_VERSION.exec(version) : null;
    if (!match) {
      throw new Error(`invalid kubernetes version ${JSON.stringify(version)}, expecting "1.<minor>" such as "1.30"`);
    }
    const minor = Number(match[1]);
    if (minor < KubernetesVersion.MIN_MINOR) {
      throw new Error(`unsupported kubernetes version "${version}", expecting 1.${KubernetesVersion.MIN_MINOR} or newer`);
    }
    return new KubernetesVersion(minor);
  }

  /** SecureDefaults.KUBERNETES_VERSION, parsed once. @internal */
  public static _default(): KubernetesVersion {
    DEFAULT_VERSION ??= KubernetesVersion.of(SecureDefaults.KUBERNETES_VERSION);
    return DEFAULT_VERSION;
  }

  /** The minor version, e.g. `30` for 1.30. */
  public readonly minor: number;

  private constructor(minor: number) {
    this.minor = minor;
  }

  /** True when this version is 1.`minor` or newer. */
  public isAtLeast(minor: number): boolean {
    return this.minor >= minor;
  }

  /** The version as `1.N`. */
  public toString(): string {
    return `1.${this.minor}`;
  }
}
