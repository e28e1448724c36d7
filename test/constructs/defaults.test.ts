import { Cron, Testing } from 'cdk8s';
import { IMAGE, manifestOf, newChart, podSpecOf } from './_helpers';
import { KubernetesVersion, SecureCronJob, SecureDefaults, SecureDeployment } from '../../src/constructs';

describe('SecureDefaults', () => {
  test('every documented default is what a secure workload synthesizes', () => {
    // GIVEN a secure deployment with one container and no options
    const chart = newChart();
    new SecureDeployment(chart, 'web', { containers: [{ image: IMAGE }] });

    // WHEN it is synthesized
    const spec = podSpecOf(manifestOf(Testing.synth(chart), 'Deployment'));
    const c = spec.containers[0];

    // THEN each documented default is in the output
    expect(c.securityContext.runAsNonRoot).toBe(SecureDefaults.RUN_AS_NON_ROOT);
    expect(spec.securityContext.runAsNonRoot).toBe(SecureDefaults.RUN_AS_NON_ROOT);
    expect(c.securityContext.allowPrivilegeEscalation).toBe(SecureDefaults.ALLOW_PRIVILEGE_ESCALATION);
    expect(c.securityContext.privileged).toBe(SecureDefaults.PRIVILEGED);
    expect(c.securityContext.readOnlyRootFilesystem).toBe(SecureDefaults.READ_ONLY_ROOT_FILESYSTEM);
    expect(c.securityContext.capabilities).toEqual({ drop: SecureDefaults.DROP_CAPABILITIES });
    expect(c.securityContext.seccompProfile).toEqual({ type: SecureDefaults.SECCOMP_PROFILE_TYPE });
    expect(spec.securityContext.seccompProfile).toEqual({ type: SecureDefaults.SECCOMP_PROFILE_TYPE });
    expect(spec.automountServiceAccountToken).toBe(SecureDefaults.AUTOMOUNT_SERVICE_ACCOUNT_TOKEN);
    expect(spec.hostNetwork).toBe(SecureDefaults.HOST_NETWORK);
    expect(spec.hostPID).toBeUndefined();
    expect(spec.hostIPC).toBeUndefined();
    expect(spec.volumes).toBeUndefined();
    expect(c.resources).toEqual({
      requests: { cpu: `${SecureDefaults.CPU_REQUEST_MILLIS}m`, memory: `${SecureDefaults.MEMORY_REQUEST_MEBIBYTES}Mi` },
      limits: { cpu: `${SecureDefaults.CPU_LIMIT_MILLIS}m`, memory: `${SecureDefaults.MEMORY_LIMIT_MEBIBYTES}Mi` },
    });
    expect(c.imagePullPolicy).toBe(SecureDefaults.IMAGE_PULL_POLICY_TAG);
    expect(c.ports).toBeUndefined();
  });

  test('no UID or GID is forced on the pod or the container', () => {
    // GIVEN a secure deployment with no user or group
    const chart = newChart();
    new SecureDeployment(chart, 'web', { containers: [{ image: IMAGE }] });

    // WHEN it is synthesized
    const spec = podSpecOf(manifestOf(Testing.synth(chart), 'Deployment'));

    // THEN the image's user stands
    for (const sc of [spec.securityContext, spec.containers[0].securityContext]) {
      expect(sc.runAsUser).toBeUndefined();
      expect(sc.runAsGroup).toBeUndefined();
    }
    expect(spec.securityContext.fsGroup).toBeUndefined();
  });

  test('the default Kubernetes version is the documented one', () => {
    // GIVEN / WHEN a deployment without a version
    const d = new SecureDeployment(newChart(), 'web', { containers: [{ image: IMAGE }] });
    // THEN it targets SecureDefaults.KUBERNETES_VERSION
    expect(d.kubernetesVersion.toString()).toBe(SecureDefaults.KUBERNETES_VERSION);
  });

  test('DROP_CAPABILITIES cannot be changed', () => {
    expect(() => (SecureDefaults.DROP_CAPABILITIES as string[]).push('NET_RAW')).toThrow();
  });
});

describe('KubernetesVersion', () => {
  test.each([
    ['1.30', 30],
    ['v1.30', 30],
    ['1.23', 23],
    ['1.100', 100],
  ])('parses %s', (given, minor) => {
    expect(KubernetesVersion.of(given).minor).toBe(minor);
  });

  test.each([
    ['fails when the version is empty', '', 'invalid kubernetes version "", expecting "1.<minor>" such as "1.30"'],
    ['fails when the minor has a leading zero', '1.05', 'invalid kubernetes version "1.05", expecting "1.<minor>" such as "1.30"'],
    ['fails when the major is not 1', '2.1', 'invalid kubernetes version "2.1", expecting "1.<minor>" such as "1.30"'],
    ['fails when the version has a patch', '1.30.1', 'invalid kubernetes version "1.30.1", expecting "1.<minor>" such as "1.30"'],
    ['fails when the version is older than 1.23', '1.22', 'unsupported kubernetes version "1.22", expecting 1.23 or newer'],
  ])('%s', (_name, given, error) => {
    expect(() => KubernetesVersion.of(given)).toThrow(new Error(error));
  });

  test('isAtLeast compares minors', () => {
    expect(KubernetesVersion.V1_30.isAtLeast(30)).toBe(true);
    expect(KubernetesVersion.V1_29.isAtLeast(30)).toBe(false);
  });

  test('a workload keeps the version it is given', () => {
    const j = new SecureCronJob(newChart(), 'j', {
      schedule: Cron.daily(), containers: [{ image: IMAGE }], kubernetesVersion: KubernetesVersion.V1_31,
    });
    expect(j.kubernetesVersion.toString()).toBe('1.31');
  });
});
