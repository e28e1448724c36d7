import { Chart, Cron, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { IMAGE, newChart } from './_helpers';
import {
  HardenedContainerProps, SecureAbstractPodProps, SecureCronJob, SecureCronJobProps, SecureDaemonSet, SecureDaemonSetProps,
  SecureDeployment, SecureDeploymentProps, SecureJob, SecureJobProps, SecurePod, SecurePodOptions, SecurePodProps,
  SecureStatefulSet, SecureStatefulSetProps, SecureWorkloadProps,
} from '../../src/constructs';

// The secure props copy the cdk8s-plus props field by field (jsii forbids re-declaring
// `containers` with a narrower type). The checks below fail to compile when they drift apart.

/** The cdk8s-plus fields the secure props replace with hardened ones. */
type Replaced = 'containers' | 'initContainers';

/** True when A and B are the same type (stricter than mutual assignability: `any` is not `string`). */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;

/** The optional keys of T. */
type OptionalKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? K : never }[keyof T];

/** The cdk8s-plus fields the secure props must copy. */
type Copied<K> = Exclude<keyof K, Replaced>;

/** cdk8s-plus fields missing from the secure props. */
type Missing<K, S> = Exclude<Copied<K>, keyof S>;
/** Secure fields that are neither cdk8s-plus fields nor secure pod options. */
type Extra<K, S> = Exclude<keyof S, keyof K | keyof SecurePodOptions>;
/** Copied fields whose type differs. */
type TypeDiffers<K, S> = { [P in Copied<K> & keyof S]-?: Same<K[P], S[P]> extends true ? never : P }[Copied<K> & keyof S];
/** Copied fields optional on one side only. */
type OptionalityDiffers<K, S> = Exclude<
  Exclude<OptionalKeys<K>, Replaced> & keyof S | OptionalKeys<S> & Copied<K>,
  Exclude<OptionalKeys<K>, Replaced> & OptionalKeys<S>
>;
/** The hardened fields, unless they have the hardened type. */
type NotHardened<S> = {
  [P in Replaced]: P extends keyof S ? Same<S[P], HardenedContainerProps[] | undefined> extends true ? never : P : P
}[Replaced];

const NO_DRIFT = 'no drift';

/**
 * `'no drift'` when S copies K exactly, otherwise an object type naming the fields that drifted:
 * passing `'no drift'` then fails to compile with a message such as
 * `'"no drift"' is not assignable to '{ missing: "replicas"; extra: never; ... }'`.
 */
type Drift<K, S> = [Missing<K, S> | Extra<K, S> | TypeDiffers<K, S> | OptionalityDiffers<K, S> | NotHardened<S>] extends [never]
  ? typeof NO_DRIFT
  : {
    missing: Missing<K, S>;
    extra: Extra<K, S>;
    typeDiffers: TypeDiffers<K, S>;
    optionalityDiffers: OptionalityDiffers<K, S>;
    notHardened: NotHardened<S>;
  };

/** Compiles only when S copies K exactly; returns its argument for a runtime assertion. */
function noDrift<K, S>(verdict: Drift<K, S>): Drift<K, S> {
  return verdict;
}

/** `'no drift'` when H copies every field of cdk8s-plus's ContainerProps K with its type and optionality. */
type ContainerDrift<K, H> = [Missing<K, H> | TypeDiffers<K, H> | OptionalityDiffers<K, H>] extends [never]
  ? typeof NO_DRIFT
  : { missing: Missing<K, H>; typeDiffers: TypeDiffers<K, H>; optionalityDiffers: OptionalityDiffers<K, H> };

describe('the hardened container props copy the cdk8s-plus container props', () => {
  test('ContainerProps has no drift', () => {
    // The type arguments are the check: this compiles only without drift.
    const verdict: ContainerDrift<kplus.ContainerProps, HardenedContainerProps> = NO_DRIFT;
    expect(verdict).toBe(NO_DRIFT);
    // AND hardened container props are container props
    const props: HardenedContainerProps = { image: IMAGE, writablePaths: ['/tmp'] };
    const plain: kplus.ContainerProps = props;
    expect(plain.image).toBe(IMAGE);
  });
});

describe('the secure props copy the cdk8s-plus props', () => {
  // The type arguments are the check: each call compiles only without drift (tsc type-checks tests).
  test.each<[string, string]>([
    ['AbstractPodProps', noDrift<kplus.AbstractPodProps, SecureAbstractPodProps>(NO_DRIFT)],
    ['PodProps', noDrift<kplus.PodProps, SecurePodProps>(NO_DRIFT)],
    ['WorkloadProps', noDrift<kplus.WorkloadProps, SecureWorkloadProps>(NO_DRIFT)],
    ['DeploymentProps', noDrift<kplus.DeploymentProps, SecureDeploymentProps>(NO_DRIFT)],
    // volumeClaimTemplates is this library's addition (cdk8s-plus-28 has no such prop).
    ['StatefulSetProps', noDrift<kplus.StatefulSetProps, Omit<SecureStatefulSetProps, 'volumeClaimTemplates'>>(NO_DRIFT)],
    ['DaemonSetProps', noDrift<kplus.DaemonSetProps, SecureDaemonSetProps>(NO_DRIFT)],
    ['JobProps', noDrift<kplus.JobProps, SecureJobProps>(NO_DRIFT)],
    ['CronJobProps', noDrift<kplus.CronJobProps, SecureCronJobProps>(NO_DRIFT)],
  ])('%s has no drift', (_name, verdict) => {
    expect(verdict).toBe(NO_DRIFT);
  });

  test('the secure props are accepted where cdk8s-plus props are expected', () => {
    // GIVEN secure props with a hardened container
    const props: SecureDeploymentProps = { containers: [{ image: IMAGE, writablePaths: ['/tmp'] }], replicas: 3 };

    // WHEN used as cdk8s-plus props (hardened container props are container props)
    const plain: kplus.DeploymentProps = props;

    // THEN they are the same object
    expect(plain.replicas).toBe(3);
    expect(plain.containers).toEqual([{ image: IMAGE, writablePaths: ['/tmp'] }]);
  });
});

type Make = (chart: Chart, props: any) => kplus.AbstractPod;

describe('every cdk8s-plus field given to a secure workload reaches cdk8s-plus', () => {
  const grace = Duration.seconds(45);
  const minReady = Duration.seconds(5);
  // Pod fields cdk8s-plus keeps as they are given (hostNetwork, automountServiceAccountToken and
  // securityContext are hardened: see secure-workloads.test.ts).
  const pod = { restartPolicy: kplus.RestartPolicy.ON_FAILURE, terminationGracePeriod: grace, isolate: true };

  test.each<[string, Make, Record<string, unknown>]>([
    ['SecurePod', (c, p) => new SecurePod(c, 'w', p), {}],
    ['SecureDeployment', (c, p) => new SecureDeployment(c, 'w', p), {
      spread: true,
      replicas: 3,
      minReady,
      progressDeadline: Duration.minutes(5),
      strategy: kplus.DeploymentStrategy.recreate(),
    }],
    ['SecureStatefulSet', (c, p) => new SecureStatefulSet(c, 'w', { ...p, containers: [{ image: IMAGE, portNumber: 8080 }] }), {
      spread: true,
      replicas: 3,
      minReady,
      podManagementPolicy: kplus.PodManagementPolicy.PARALLEL,
      strategy: kplus.StatefulSetUpdateStrategy.onDelete(),
    }],
    ['SecureDaemonSet', (c, p) => new SecureDaemonSet(c, 'w', p), { spread: true, minReadySeconds: 7 }],
    ['SecureJob', (c, p) => new SecureJob(c, 'w', p), {
      spread: true,
      activeDeadline: Duration.minutes(10),
      backoffLimit: 2,
      ttlAfterFinished: Duration.hours(1),
    }],
    ['SecureCronJob', (c, p) => new SecureCronJob(c, 'w', p), {
      spread: true,
      schedule: Cron.daily(),
      timeZone: 'Europe/Berlin',
      concurrencyPolicy: kplus.ConcurrencyPolicy.REPLACE,
      startingDeadline: Duration.minutes(2),
      suspend: true,
      successfulJobsRetained: 5,
      failedJobsRetained: 4,
    }],
  ])('%s', (_name, make, own) => {
    // GIVEN a workload built with pod fields and the fields of its own kind
    const chart = newChart();

    // WHEN constructed
    const w = make(chart, { containers: [{ image: IMAGE }], ...pod, ...own });

    // THEN cdk8s-plus holds each field as given
    for (const [key, value] of Object.entries({ ...pod, ...own })) {
      expect([key, (w as any)[key]]).toEqual([key, value]);
    }
  });
});
