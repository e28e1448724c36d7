/**
 * The props of the secure workloads. They mirror the cdk8s-plus props hierarchy field by field
 * instead of extending it: cdk8s-plus declares `containers` as `ContainerProps[]`, and an interface
 * may not re-declare an inherited member with a narrower type in jsii (it is invalid C#). Here
 * `containers` and `initContainers` come from `SecurePodOptions` as `HardenedContainerProps[]`.
 * `test/constructs/secure-workload-props.test.ts` fails to compile when a field drifts from
 * cdk8s-plus.
 */
import { ApiObjectMetadata, Cron, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { SecurePodOptions } from './secure-pod-options';
import { VolumeClaimTemplate } from './volume-claim-template';

/**
 * The props every secure workload takes: the pod props of cdk8s-plus (`AbstractPodProps`) with
 * hardened containers, plus the secure pod options.
 */
export interface SecureAbstractPodProps extends SecurePodOptions {
  /**
   * Metadata of the workload's own resource (not of its pods: see `podMetadata`).
   * @default - a name generated from the construct path and the chart's namespace
   */
  readonly metadata?: ApiObjectMetadata;
  /**
   * Volumes the containers can mount; `addVolume` adds more. A `hostPath` volume needs
   * `exceptions.hostPath` listing its path.
   * @default - none besides those the containers mount (such as the `emptyDir` volumes of
   * `writablePaths`)
   */
  readonly volumes?: kplus.Volume[];
  /**
   * When the kubelet restarts the pod's containers.
   * @default - RestartPolicy.ALWAYS; RestartPolicy.NEVER for `SecureJob` and `SecureCronJob`
   */
  readonly restartPolicy?: kplus.RestartPolicy;
  /**
   * The service account whose identity the pod's processes have. Its token is not mounted unless
   * `exceptions.automountServiceAccountToken` is given.
   * @default - none: the namespace's `default` service account (the hardened pack warns about it)
   */
  readonly serviceAccount?: kplus.IServiceAccount;
  /**
   * Pod-level security context, read as a request: `ensureNonRoot` stays true (give
   * `exceptions.runAsRoot` to the containers that need root), and `user`, `group` or `fsGroup`
   * 0 is refused, as is a sysctl that is not safe at `kubernetesVersion` without
   * `exceptions.unsafeSysctls`.
   * @default - ensureNonRoot true (SecureDefaults.RUN_AS_NON_ROOT) and fsGroupChangePolicy
   * FsGroupChangePolicy.ALWAYS; no user, group, fsGroup or sysctls
   */
  readonly securityContext?: kplus.PodSecurityContextProps;
  /**
   * Entries added to the pod's `/etc/hosts`.
   * @default - none
   */
  readonly hostAliases?: kplus.HostAlias[];
  /**
   * DNS settings of the pod.
   * @default - policy DnsPolicy.CLUSTER_FIRST, hostnameAsFQDN false, no extra nameservers,
   * searches or options
   */
  readonly dns?: kplus.PodDnsProps;
  /**
   * A secret with the credentials to pull the images from a private registry.
   * @default - none: images are pulled without credentials
   */
  readonly dockerRegistryAuth?: kplus.ISecret;
  /**
   * Whether the service account token is mounted. `true` is refused unless
   * `exceptions.automountServiceAccountToken` is given, and that exception alone mounts it.
   * @default - false (SecureDefaults.AUTOMOUNT_SERVICE_ACCOUNT_TOKEN); true when
   * `exceptions.automountServiceAccountToken` is given
   */
  readonly automountServiceAccountToken?: boolean;
  /**
   * Whether to add a network policy that denies all ingress and egress of the pod; allow
   * connections later with `connections`.
   * @default false
   */
  readonly isolate?: boolean;
  /**
   * Whether the pod uses the node's network namespace. `true` is refused unless
   * `exceptions.hostNetwork` is given, and that exception alone sets it.
   * @default - false (SecureDefaults.HOST_NETWORK); true when `exceptions.hostNetwork` is given
   */
  readonly hostNetwork?: boolean;
  /**
   * How long the pod may take to stop after its termination signal.
   * @default Duration.seconds(30)
   */
  readonly terminationGracePeriod?: Duration;
}

/**
 * Properties of a `SecurePod`: those of a cdk8s-plus `Pod` (`PodProps`), with hardened
 * containers, plus the secure pod options.
 */
export interface SecurePodProps extends SecureAbstractPodProps {}

/**
 * The props of the secure workloads that manage pods from a template: those of a cdk8s-plus
 * `Workload` (`WorkloadProps`), with hardened containers, plus the secure pod options.
 */
export interface SecureWorkloadProps extends SecureAbstractPodProps {
  /**
   * Metadata of the pods (labels and annotations of the pod template).
   * @default - only the label cdk8s-plus adds to match the pods (and the AppArmor annotations
   * below Kubernetes 1.30)
   */
  readonly podMetadata?: ApiObjectMetadata;
  /**
   * Whether to add a label selector that matches the pods of this workload's template.
   * @default - true; false for `SecureJob` and `SecureCronJob`
   */
  readonly select?: boolean;
  /**
   * Whether to spread the pods across nodes and zones with topology spread constraints.
   * @default false
   */
  readonly spread?: boolean;
}

/**
 * Properties of a `SecureDeployment`: those of a cdk8s-plus `Deployment` (`DeploymentProps`),
 * with hardened containers, plus the secure pod options.
 */
export interface SecureDeploymentProps extends SecureWorkloadProps {
  /**
   * Number of pods (not emitted when an autoscaler scales the deployment).
   * @default 2
   */
  readonly replicas?: number;
  /**
   * How old pods are replaced by new ones.
   * @default - DeploymentStrategy.rollingUpdate(): maxSurge and maxUnavailable 25%
   */
  readonly strategy?: kplus.DeploymentStrategy;
  /**
   * How long a new pod must be ready, without a container crashing, to count as available.
   * @default Duration.seconds(0)
   */
  readonly minReady?: Duration;
  /**
   * How long a rollout may make no progress before it is reported as failed.
   * @default Duration.seconds(600)
   */
  readonly progressDeadline?: Duration;
}

/**
 * Properties of a `SecureStatefulSet`: those of a cdk8s-plus `StatefulSet` (`StatefulSetProps`),
 * with hardened containers, plus the secure pod options.
 */
export interface SecureStatefulSetProps extends SecureWorkloadProps {
  /**
   * The service that governs the pods' network identity.
   * @default - a new headless service on the containers' ports (a container needs a port)
   */
  readonly service?: kplus.Service;
  /**
   * Number of pods (not emitted when an autoscaler scales the stateful set).
   * @default 1
   */
  readonly replicas?: number;
  /**
   * Whether pods are created and removed one by one, in order, or all at once.
   * @default PodManagementPolicy.ORDERED_READY
   */
  readonly podManagementPolicy?: kplus.PodManagementPolicy;
  /**
   * Persistent volume claim templates (`spec.volumeClaimTemplates`), each mounted into the named
   * containers. (cdk8s-plus-28 has no such prop.)
   * @default - none
   */
  readonly volumeClaimTemplates?: VolumeClaimTemplate[];
  /**
   * How pods are updated when the template changes.
   * @default - StatefulSetUpdateStrategy.rollingUpdate(): partition 0
   */
  readonly strategy?: kplus.StatefulSetUpdateStrategy;
  /**
   * How long a new pod must be ready, without a container crashing, to count as available.
   * @default Duration.seconds(0)
   */
  readonly minReady?: Duration;
}

/**
 * Properties of a `SecureDaemonSet`: those of a cdk8s-plus `DaemonSet` (`DaemonSetProps`), with
 * hardened containers, plus the secure pod options.
 */
export interface SecureDaemonSetProps extends SecureWorkloadProps {
  /**
   * Seconds a new pod must be ready, without a container crashing, to count as available.
   * @default 0
   */
  readonly minReadySeconds?: number;
}

/**
 * Properties of a `SecureJob`: those of a cdk8s-plus `Job` (`JobProps`), with hardened
 * containers, plus the secure pod options.
 */
export interface SecureJobProps extends SecureWorkloadProps {
  /**
   * How long the job may run before Kubernetes terminates it.
   * @default - no deadline
   */
  readonly activeDeadline?: Duration;
  /**
   * Number of retries before the job is marked failed.
   * @default - not set: Kubernetes retries 6 times
   */
  readonly backoffLimit?: number;
  /**
   * How long a finished job is kept before Kubernetes deletes it.
   * @default - not set: finished jobs are kept
   */
  readonly ttlAfterFinished?: Duration;
}

/**
 * Properties of a `SecureCronJob`: those of a cdk8s-plus `CronJob` (`CronJobProps`), with
 * hardened containers, plus the secure pod options.
 */
export interface SecureCronJobProps extends SecureJobProps {
  /**
   * When the job runs.
   */
  readonly schedule: Cron;
  /**
   * The time zone of `schedule`, such as `Europe/Berlin`.
   * @default - the time zone of the kube-controller-manager process
   */
  readonly timeZone?: string;
  /**
   * Whether a run may start while the previous one is still running.
   * @default ConcurrencyPolicy.FORBID
   */
  readonly concurrencyPolicy?: kplus.ConcurrencyPolicy;
  /**
   * How long after its scheduled time a missed run may still start (at least 10 seconds).
   * @default Duration.seconds(10)
   */
  readonly startingDeadline?: Duration;
  /**
   * Whether future runs are suspended (a running job is not affected).
   * @default false
   */
  readonly suspend?: boolean;
  /**
   * Number of successful jobs kept (not with `ttlAfterFinished`).
   * @default 3
   */
  readonly successfulJobsRetained?: number;
  /**
   * Number of failed jobs kept (not with `ttlAfterFinished`).
   * @default 1
   */
  readonly failedJobsRetained?: number;
}
