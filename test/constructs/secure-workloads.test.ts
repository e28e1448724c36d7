import { ApiObject, Chart, JsonPatch, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  chartWithNamespace, DIGEST_IMAGE, errorsOf, EVERY_OPTION, hardenedFindings, IMAGE, manifestOf, newChart, podMetadataOf,
  podSpecOf, restrictedFindings, schemaErrors, TRUSTED, WORKLOADS,
} from './_helpers';
import {
  AppArmorProfileType, HardenedContainer, ImagePolicy, KubernetesVersion, SecureDeployment, SecureJob, SecureNamespace,
} from '../../src/constructs';
import { Severity } from '../../src/engine/types';
import { PolicyGuard, Suppressions } from '../../src/guard';
import { Packs } from '../../src/packs';

describe.each(WORKLOADS)('%s', (name, kind, make) => {
  test('default output sets every hardened field', () => {
    // GIVEN a workload with one container
    const chart = newChart();
    make(chart, { containers: [{ image: IMAGE }] });

    // WHEN synthesized
    const manifest = manifestOf(Testing.synth(chart), kind);
    const spec = podSpecOf(manifest);

    // THEN pod and container are hardened
    expect(spec.automountServiceAccountToken).toBe(false);
    expect(spec.hostNetwork).toBe(false);
    expect(spec.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    const c = spec.containers.find((x: any) => x.image === IMAGE);
    expect(c.securityContext).toEqual({
      runAsNonRoot: true,
      privileged: false,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(c.imagePullPolicy).toBe('Always');
    expect(c.resources.limits).toEqual({ cpu: '500m', memory: '256Mi' });
  });

  test('default output passes pss-restricted at latest and the hardened pack with no error', () => {
    // GIVEN the workload in a SecureNamespace whose default-deny policy selects its pods
    const chart = chartWithNamespace();
    make(chart, { containers: [{ image: DIGEST_IMAGE }], serviceAccount: kplus.ServiceAccount.fromServiceAccountName(chart, 'sa', 'app') });

    // WHEN evaluated
    const manifests = Testing.synth(chart);

    // THEN no findings at all
    expect(restrictedFindings(manifests)).toEqual([]);
    expect(hardenedFindings(manifests).map(f => `${f.severity} ${f.ruleId}: ${f.detail}`)).toEqual([]);
  });

  test('a tag-pinned container with the default service account has warnings only', () => {
    // GIVEN a workload as written in the quick start: tag, no service account
    const chart = chartWithNamespace();
    make(chart, { containers: [{ image: IMAGE }] });

    // WHEN evaluated with the hardened pack
    const findings = hardenedFindings(Testing.synth(chart));

    // THEN no error, and the warnings are the digest and the service account
    expect(errorsOf(findings)).toEqual([]);
    expect([...new Set(findings.map(f => f.ruleId))].sort()).toEqual(['defaultServiceAccount', 'imageDigest']);
  });

  test('output with every escape hatch validates against the Kubernetes schema with no unknown field', () => {
    // GIVEN a workload using every option, at 1.30
    const chart = chartWithNamespace();
    make(chart, { kubernetesVersion: KubernetesVersion.V1_30, ...EVERY_OPTION });

    // WHEN synthesized and validated
    const manifests = Testing.synth(chart);

    // THEN the schema accepts every manifest
    expect(schemaErrors(manifests, KubernetesVersion.V1_30)).toEqual([]);
    expect(restrictedFindings(manifests)).toEqual([]);
  });

  test(`${name} refuses hostNetwork without an exception`, () => {
    expect(() => make(newChart(), { containers: [{ image: IMAGE }], hostNetwork: true }))
      .toThrow(new Error(`${name} "test/w" sets hostNetwork=true, add exceptions.hostNetwork with a reason`));
  });
});

describe('escape hatches', () => {
  function synthDeployment(props: any): any[] {
    const chart = newChart();
    new SecureDeployment(chart, 'web', { containers: [{ name: 'app', image: IMAGE }], ...props });
    return Testing.synth(chart);
  }

  test('pod-level fields are emitted', () => {
    // GIVEN every pod-level option at 1.30
    const m = manifestOf(synthDeployment({
      kubernetesVersion: KubernetesVersion.V1_30,
      seccompProfile: { type: kplus.SeccompProfileType.LOCALHOST, localhostProfile: 'profiles/pod.json' },
      appArmorProfile: { type: AppArmorProfileType.LOCALHOST, localhostProfile: 'k8s-pod' },
      seLinuxOptions: { type: 'container_t', level: 's0:c1,c2' },
      supplementalGroups: [2000, 2001],
      hostUsers: false,
      securityContext: { user: 1000, group: 1001, fsGroup: 1002, fsGroupChangePolicy: kplus.FsGroupChangePolicy.ON_ROOT_MISMATCH, sysctls: [{ name: 'net.ipv4.ping_group_range', value: '0 2147483647' }] },
    }), 'Deployment');

    // THEN they are in the pod spec
    const spec = podSpecOf(m);
    expect(spec.hostUsers).toBe(false);
    expect(spec.securityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: 1000,
      runAsGroup: 1001,
      fsGroup: 1002,
      fsGroupChangePolicy: 'OnRootMismatch',
      sysctls: [{ name: 'net.ipv4.ping_group_range', value: '0 2147483647' }],
      seccompProfile: { type: 'Localhost', localhostProfile: 'profiles/pod.json' },
      appArmorProfile: { type: 'Localhost', localhostProfile: 'k8s-pod' },
      seLinuxOptions: { type: 'container_t', level: 's0:c1,c2' },
      supplementalGroups: [2000, 2001],
    });
    expect(podMetadataOf(m).annotations).toBeUndefined();
  });

  test('container-level fields are emitted', () => {
    // GIVEN every container-level option at 1.30
    const m = manifestOf(synthDeployment({
      kubernetesVersion: KubernetesVersion.V1_30,
      containers: [{
        name: 'app',
        image: IMAGE,
        seLinuxOptions: { type: 'container_init_t' },
        appArmorProfile: { type: AppArmorProfileType.RUNTIME_DEFAULT },
        securityContext: { user: 1000, group: 1001, seccompProfile: { type: kplus.SeccompProfileType.LOCALHOST, localhostProfile: 'profiles/app.json' } },
      }],
    }), 'Deployment');

    // THEN they are in the container's security context
    expect(podSpecOf(m).containers[0].securityContext).toMatchObject({
      runAsUser: 1000,
      runAsGroup: 1001,
      seLinuxOptions: { type: 'container_init_t' },
      appArmorProfile: { type: 'RuntimeDefault' },
      seccompProfile: { type: 'Localhost', localhostProfile: 'profiles/app.json' },
    });
  });

  test('below Kubernetes 1.30 AppArmor is written as annotations, for every container', () => {
    // GIVEN a pod profile and a container profile at 1.29
    const m = manifestOf(synthDeployment({
      kubernetesVersion: KubernetesVersion.V1_29,
      appArmorProfile: { type: AppArmorProfileType.RUNTIME_DEFAULT },
      containers: [
        { name: 'app', image: IMAGE, appArmorProfile: { type: AppArmorProfileType.LOCALHOST, localhostProfile: 'k8s-app' } },
        { name: 'side', image: IMAGE },
      ],
      initContainers: [{ name: 'setup', image: IMAGE }],
    }), 'Deployment');

    // THEN annotations, and no field
    expect(podMetadataOf(m).annotations).toEqual({
      'container.apparmor.security.beta.kubernetes.io/app': 'localhost/k8s-app',
      'container.apparmor.security.beta.kubernetes.io/side': 'runtime/default',
      'container.apparmor.security.beta.kubernetes.io/setup': 'runtime/default',
    });
    const spec = podSpecOf(m);
    expect(spec.securityContext.appArmorProfile).toBeUndefined();
    expect(spec.containers[0].securityContext.appArmorProfile).toBeUndefined();
  });

  test('AppArmor fields on containers added after construction go to the right index', () => {
    // GIVEN a deployment at 1.30 and a container added later
    const chart = newChart();
    const d = new SecureDeployment(chart, 'web', { kubernetesVersion: KubernetesVersion.V1_31, containers: [{ name: 'a', image: IMAGE }] });
    d.addHardenedContainer({ name: 'b', image: IMAGE, appArmorProfile: { type: AppArmorProfileType.RUNTIME_DEFAULT } });
    d.addHardenedInitContainer({ name: 'i', image: IMAGE, appArmorProfile: { type: AppArmorProfileType.LOCALHOST, localhostProfile: 'p' } });

    // WHEN synthesized
    const spec = podSpecOf(manifestOf(Testing.synth(chart), 'Deployment'));

    // THEN
    expect(spec.containers[0].securityContext.appArmorProfile).toBeUndefined();
    expect(spec.containers[1].securityContext.appArmorProfile).toEqual({ type: 'RuntimeDefault' });
    expect(spec.initContainers[0].securityContext.appArmorProfile).toEqual({ type: 'Localhost', localhostProfile: 'p' });
  });

  test('hostUsers is not emitted unless given', () => {
    expect(podSpecOf(manifestOf(synthDeployment({}), 'Deployment')).hostUsers).toBeUndefined();
  });

  test.each([
    ['fails when hostUsers targets a version before 1.25', { hostUsers: false, kubernetesVersion: KubernetesVersion.of('1.24') },
      'SecureDeployment "test/web" sets hostUsers, which Kubernetes 1.24 does not know, target 1.25 or newer'],
    ['fails when the pod seccomp profile is Unconfined', { seccompProfile: { type: kplus.SeccompProfileType.UNCONFINED } },
      'SecureDeployment "test/web" sets seccompProfile type "Unconfined", expecting one of: RuntimeDefault, Localhost'],
    ['fails when the pod Localhost seccomp profile has no file', { seccompProfile: { type: kplus.SeccompProfileType.LOCALHOST } },
      'SecureDeployment "test/web" sets seccompProfile type "Localhost" without localhostProfile, name the profile file on the node'],
    ['fails when the pod AppArmor Localhost profile has no name', { appArmorProfile: { type: AppArmorProfileType.LOCALHOST } },
      'SecureDeployment "test/web" has appArmorProfile type "Localhost" without localhostProfile, name the profile loaded on the node'],
    ['fails when the pod AppArmor type is Unconfined', { appArmorProfile: { type: 'Unconfined' } },
      'SecureDeployment "test/web" has appArmorProfile type "Unconfined", expecting "RuntimeDefault" or "Localhost"'],
    ['fails when a RuntimeDefault AppArmor profile names a profile', { appArmorProfile: { type: AppArmorProfileType.RUNTIME_DEFAULT, localhostProfile: 'x' } },
      'SecureDeployment "test/web" sets appArmorProfile.localhostProfile with type "RuntimeDefault", use type "Localhost" or remove localhostProfile'],
    ['fails when the SELinux type is not a container type', { seLinuxOptions: { type: 'spc_t' } },
      'SecureDeployment "test/web" has seLinuxOptions.type "spc_t", which the Pod Security Standards forbid, expecting one of: container_t, container_init_t, container_kvm_t'],
    ['fails when container_engine_t targets a version before 1.31', { seLinuxOptions: { type: 'container_engine_t' } },
      'SecureDeployment "test/web" has seLinuxOptions.type "container_engine_t", which the Pod Security Standards forbid, expecting one of: container_t, container_init_t, container_kvm_t'],
    ['fails when a supplemental group is 0', { supplementalGroups: [0] },
      'SecureDeployment "test/web" has supplemental group 0, expecting whole numbers above 0'],
    ['fails when the pod runs as user 0', { securityContext: { user: 0 } },
      'SecureDeployment "test/web" sets securityContext.user=0 (root), choose a non-zero user or give exceptions.runAsRoot to the containers that need root'],
    ['fails when the pod does not ensure non-root', { securityContext: { ensureNonRoot: false } },
      'SecureDeployment "test/web" sets securityContext.ensureNonRoot=false, keep it and give exceptions.runAsRoot to the containers that need root'],
    ['fails when the pod group is 0', { securityContext: { group: 0 } },
      'SecureDeployment "test/web" sets securityContext.group=0 (the root group), choose a non-zero group'],
    ['fails when the pod fsGroup is 0', { securityContext: { fsGroup: 0 } },
      'SecureDeployment "test/web" sets securityContext.fsGroup=0 (the root group), choose a non-zero group'],
    ['fails when a sysctl is not safe at the target version', { securityContext: { sysctls: [{ name: 'net.ipv4.tcp_rmem', value: '4096 87380 6291456' }] } },
      'SecureDeployment "test/web" sets sysctls net.ipv4.tcp_rmem, which are not safe at Kubernetes 1.28, add exceptions.unsafeSysctls with a reason'],
    ['fails when automountServiceAccountToken is true without an exception', { automountServiceAccountToken: true },
      'SecureDeployment "test/web" sets automountServiceAccountToken=true, add exceptions.automountServiceAccountToken with a reason, or mount a projected token'],
  ])('%s', (_name, props, error) => {
    expect(() => synthDeployment(props)).toThrow(new Error(error));
  });

  test('container_engine_t is accepted from 1.31', () => {
    expect(() => synthDeployment({ kubernetesVersion: KubernetesVersion.V1_31, seLinuxOptions: { type: 'container_engine_t' } })).not.toThrow();
  });

  test('a sysctl safe at the target version is accepted', () => {
    const m = synthDeployment({ kubernetesVersion: KubernetesVersion.V1_32, securityContext: { sysctls: [{ name: 'net.ipv4.tcp_rmem', value: '4096 87380 6291456' }] } });
    expect(podSpecOf(manifestOf(m, 'Deployment')).securityContext.sysctls).toEqual([{ name: 'net.ipv4.tcp_rmem', value: '4096 87380 6291456' }]);
  });
});

describe('pod exceptions', () => {
  const REASON = 'node agent needs the host network';

  test.each([
    ['hostNetwork', { hostNetwork: { reason: REASON } }, { hostNetwork: true }, (spec: any) => expect(spec.hostNetwork).toBe(true), ['hostNamespaces']],
    ['automountServiceAccountToken', { automountServiceAccountToken: { reason: REASON } }, {}, (spec: any) => expect(spec.automountServiceAccountToken).toBe(true), ['serviceAccountToken']],
    ['unsafeSysctls', { unsafeSysctls: { reason: REASON } }, { securityContext: { sysctls: [{ name: 'kernel.msgmax', value: '65536' }] } },
      (spec: any) => expect(spec.securityContext.sysctls).toEqual([{ name: 'kernel.msgmax', value: '65536' }]), ['sysctls']],
  ])('%s applies the setting and suppresses its rules for the workload', (_name, exceptions, extra, check, rules) => {
    // GIVEN a deployment with the exception
    const chart = newChart();
    const d = new SecureDeployment(chart, 'web', { containers: [{ image: IMAGE }], exceptions, ...extra });

    // WHEN synthesized
    check(podSpecOf(manifestOf(Testing.synth(chart), 'Deployment')));

    // THEN the workload carries the suppressions, with the reason
    expect(Suppressions.of(d)).toEqual(rules.map(ruleId => ({ ruleId, reason: REASON })));
  });

  test.each([
    ['hostNetwork', { hostNetwork: { reason: 'short' } }, 'exception "hostNetwork" of SecureDeployment "test/web" needs a reason of at least 10 characters, got "short"'],
    ['hostPath', { hostPath: { reason: '   ', paths: ['/var/log'] } }, 'exception "hostPath" of SecureDeployment "test/web" needs a reason of at least 10 characters, got "   "'],
    ['automountServiceAccountToken', { automountServiceAccountToken: {} }, 'exception "automountServiceAccountToken" of SecureDeployment "test/web" needs a reason of at least 10 characters, got ""'],
    ['unsafeSysctls', { unsafeSysctls: { reason: 'too short' } },
      'exception "unsafeSysctls" of SecureDeployment "test/web" needs a reason of at least 10 characters, got "too short"'],
  ])('fails when the %s exception has no reason of 10 characters', (_name, exceptions, error) => {
    expect(() => new SecureDeployment(newChart(), 'web', { containers: [{ image: IMAGE }], exceptions: exceptions as any })).toThrow(new Error(error));
  });

  test('fails when the hostPath exception lists no paths', () => {
    expect(() => new SecureDeployment(newChart(), 'web', { containers: [{ image: IMAGE }], exceptions: { hostPath: { reason: REASON, paths: [] } } }))
      .toThrow(new Error('exception "hostPath" of SecureDeployment "test/web" lists no paths, name the host paths the pod mounts'));
  });

  test('a hostPath volume fails the synth unless its path is excepted', () => {
    // GIVEN a container mounting a hostPath volume, without an exception
    const chart = newChart();
    const d = new SecureDeployment(chart, 'web', { containers: [{ name: 'app', image: IMAGE }] });
    d.containers[0].mount('/host/log', kplus.Volume.fromHostPath(chart, 'log', 'log', { path: '/var/log' }));

    // WHEN synthesized THEN it fails, naming the path and the fix
    expect(() => Testing.synth(chart)).toThrow('SecureDeployment "test/web" mounts hostPath "/var/log" (volume "log"), add exceptions.hostPath listing "/var/log" with a reason');
  });

  test('an excepted hostPath volume is synthesized and suppressed for the workload', () => {
    // GIVEN the hostPath exception
    const chart = newChart();
    const d = new SecureDeployment(chart, 'web', {
      containers: [{ name: 'app', image: IMAGE }],
      exceptions: { hostPath: { reason: 'ships node logs to the collector', paths: ['/var/log'] } },
      volumes: [kplus.Volume.fromHostPath(chart, 'log', 'log', { path: '/var/log' })],
    });
    const guard = PolicyGuard.of(chart, { packs: [Packs.PSS_RESTRICTED] });

    // WHEN synthesized and evaluated
    const spec = podSpecOf(manifestOf(Testing.synth(chart), 'Deployment'));

    // THEN the volume is there, and the finding is suppressed with the reason
    expect(spec.volumes).toEqual([{ name: 'log', hostPath: { path: '/var/log', type: '' } }]);
    const findings = guard.findings();
    expect(findings.map(f => [f.ruleId, f.suppressed, f.suppressionReason])).toEqual([['restrictedVolumes', true, 'ships node logs to the collector']]);
    expect(Suppressions.of(d).map(s => s.ruleId)).toEqual(['hostPathVolumes', 'restrictedVolumes']);
  });
});

describe('containers', () => {
  test('addContainer after construction hardens the container', () => {
    // GIVEN a deployment WHEN a container is added from plain props
    const chart = newChart();
    const d = new SecureDeployment(chart, 'web', { containers: [{ name: 'a', image: IMAGE }] });
    const added = d.addContainer({ name: 'b', image: IMAGE });

    // THEN it is a hardened container
    expect(added).toBeInstanceOf(HardenedContainer);
    const spec = podSpecOf(manifestOf(Testing.synth(chart), 'Deployment'));
    expect(spec.containers[1].securityContext.capabilities).toEqual({ drop: ['ALL'] });
  });

  test('a plain cdk8s-plus container that meets every default is accepted', () => {
    // GIVEN a plain container configured like a hardened one
    const chart = newChart();
    const d = new SecureDeployment(chart, 'web', { containers: [{ name: 'a', image: IMAGE }] });
    const plain = new kplus.Container({
      name: 'plain',
      image: IMAGE,
      resources: {
        cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.millis(200) },
        memory: { request: Size.mebibytes(64), limit: Size.mebibytes(64) },
      },
      securityContext: { capabilities: { drop: [kplus.Capability.ALL] }, seccompProfile: { type: kplus.SeccompProfileType.RUNTIME_DEFAULT } },
    });

    // WHEN attached THEN it is in the pod
    d.attachContainer(plain);
    expect(podSpecOf(manifestOf(Testing.synth(chart), 'Deployment')).containers.map((c: any) => c.name)).toEqual(['a', 'plain']);
  });

  test('a plain cdk8s-plus container with its defaults is refused, naming each weaker setting', () => {
    const d = new SecureDeployment(newChart(), 'web', { containers: [{ name: 'a', image: IMAGE }] });
    expect(() => d.attachContainer(new kplus.Container({ name: 'plain', image: IMAGE, resources: {} })))
      .toThrow(new Error('container "plain" (containers[1]) of SecureDeployment "test/web" is a plain container weaker than the hardened defaults (securityContext.capabilities.drop does not include ALL; securityContext.seccompProfile is not one of RuntimeDefault, Localhost; resources lack a CPU or memory request or limit), attach a HardenedContainer or use addContainer(props)'));
  });

  test('a plain cdk8s-plus container with an unpinned image is refused', () => {
    const d = new SecureDeployment(newChart(), 'web', { containers: [{ name: 'a', image: IMAGE }] });
    const plain = new kplus.Container({
      name: 'plain',
      image: 'nginx',
      securityContext: { capabilities: { drop: [kplus.Capability.ALL] }, seccompProfile: { type: kplus.SeccompProfileType.RUNTIME_DEFAULT } },
    });
    expect(() => d.attachContainer(plain))
      .toThrow(new Error('container "plain" (containers[1]) of SecureDeployment "test/web" image "nginx" has no tag or digest, pin it with a version tag such as "nginx:1.2.3" or a digest "nginx@sha256:<64 hex digits>"'));
  });

  test('a hardened container attached after construction is registered with its exceptions', () => {
    // GIVEN a hardened container with an exception
    const chart = newChart();
    const d = new SecureDeployment(chart, 'web', { containers: [{ name: 'a', image: IMAGE }] });
    d.attachContainer(new HardenedContainer({ name: 'b', image: IMAGE, exceptions: { writableRootFilesystem: { reason: 'legacy app writes to /opt' } } }));

    // THEN the suppression is scoped to that container
    expect(Suppressions.of(d)).toEqual([{ ruleId: 'readOnlyRootFilesystem', reason: 'legacy app writes to /opt', containers: ['b'] }]);
  });

  test('fails when two unnamed containers would both be "main"', () => {
    expect(() => new SecureDeployment(newChart(), 'web', { containers: [{ image: IMAGE }, { image: IMAGE }] }))
      .toThrow(new Error('container "main" (containers[1]) of SecureDeployment "test/web" has the name of another container, give each container a unique name (an unnamed container is called "main")'));
  });

  test('fails when a container added later reuses a name', () => {
    const d = new SecureDeployment(newChart(), 'web', { containers: [{ name: 'app', image: IMAGE }] });
    expect(() => d.addContainer({ name: 'app', image: IMAGE }))
      .toThrow(new Error('container "app" (containers[1]) of SecureDeployment "test/web" has the name of another container, give each container a unique name (an unnamed container is called "main")'));
  });

  test('fails when an init container reuses a container name', () => {
    expect(() => new SecureDeployment(newChart(), 'web', { containers: [{ name: 'app', image: IMAGE }], initContainers: [{ name: 'app', image: IMAGE }] }))
      .toThrow(new Error('container "app" (initContainers[0]) of SecureDeployment "test/web" has the name of another container, give each container a unique name (an unnamed container is called "main")'));
  });

  test('fails when a container targets another Kubernetes version', () => {
    const d = new SecureDeployment(newChart(), 'web', { containers: [{ name: 'a', image: IMAGE }] });
    expect(() => d.attachContainer(new HardenedContainer({ name: 'b', image: IMAGE, kubernetesVersion: KubernetesVersion.V1_30 })))
      .toThrow(new Error('container "b" (containers[1]) of SecureDeployment "test/web" targets Kubernetes 1.30 but the workload targets 1.28, give both the same kubernetesVersion'));
  });

  test('unnamed init containers are numbered and hardened', () => {
    // GIVEN two unnamed init containers
    const chart = newChart();
    new SecureJob(chart, 'job', { containers: [{ image: IMAGE }], initContainers: [{ image: IMAGE }, { image: IMAGE }] });

    // WHEN synthesized
    const spec = podSpecOf(manifestOf(Testing.synth(chart), 'Job'));

    // THEN
    expect(spec.initContainers.map((c: any) => c.name)).toEqual(['init-0', 'init-1']);
    expect(spec.initContainers[1].securityContext.readOnlyRootFilesystem).toBe(true);
  });

  test('fails when an init container has a port (which adds a startup probe)', () => {
    expect(() => new SecureJob(newChart(), 'job', { containers: [{ image: IMAGE }], initContainers: [{ name: 'i', image: IMAGE, portNumber: 80 }] }))
      .toThrow(new Error('container "i" (initContainers[0]) of SecureJob "test/job" has a probe, which only sidecar init containers (restartPolicy Always) may have; remove the probe and the port (a port adds a startup probe)'));
  });

  test('a sidecar init container may have a probe', () => {
    const chart = newChart();
    new SecureDeployment(chart, 'web', {
      containers: [{ image: IMAGE }],
      initContainers: [{ name: 'proxy', image: IMAGE, portNumber: 15001, restartPolicy: kplus.ContainerRestartPolicy.ALWAYS }],
    });
    expect(podSpecOf(manifestOf(Testing.synth(chart), 'Deployment')).initContainers[0].restartPolicy).toBe('Always');
  });

  test('container exceptions become suppressions for that container only', () => {
    // GIVEN a deployment with a privileged sidecar and a plain app, under a guard
    const chart = newChart();
    const d = new SecureDeployment(chart, 'web', {
      containers: [
        { name: 'app', image: IMAGE },
        { name: 'vpn', image: IMAGE, exceptions: { addCapabilities: { capabilities: [kplus.Capability.NET_ADMIN], reason: 'configures the tunnel interface' } } },
      ],
    });
    const guard = PolicyGuard.of(chart, { packs: [Packs.PSS_RESTRICTED] });

    // WHEN evaluated
    Testing.synth(chart);

    // THEN the finding of vpn is suppressed with its reason, at the workload
    expect(Suppressions.of(d)).toEqual([
      { ruleId: 'capabilities_restricted', reason: 'configures the tunnel interface', containers: ['vpn'] },
      { ruleId: 'capabilities_baseline', reason: 'configures the tunnel interface', containers: ['vpn'] },
    ]);
    const f = guard.findings();
    expect(f.map(x => [x.ruleId, x.container, x.suppressed, x.suppressionReason])).toEqual([['capabilities_restricted', 'vpn', true, 'configures the tunnel interface']]);
    expect(f[0].constructPath).toBe('test/web/Resource');
    expect(guard.report().unusedSuppressions).toEqual([]);
  });

  test('the image policy applied to a scope is used by workloads created under it', () => {
    // GIVEN a policy that trusts only registry.example.com
    const chart = newChart();
    ImagePolicy.apply(chart, new ImagePolicy({ trustedRegistries: ['registry.example.com/'] }));

    // THEN a container from elsewhere is refused, also when added later
    expect(() => new SecureDeployment(chart, 'a', { containers: [{ image: 'nginx:1.27.3' }] }))
      .toThrow(new Error('container "main" (containers[0]) of SecureDeployment "test/a" image "nginx:1.27.3" (docker.io/library/nginx) is not from a trusted registry, expecting one of: registry.example.com/'));
    const d = new SecureDeployment(chart, 'b', { containers: [{ image: IMAGE }] });
    expect(() => d.addContainer({ name: 'x', image: 'ghcr.io/acme/x:1.0' }))
      .toThrow(new Error('container "x" (containers[1]) of SecureDeployment "test/b" image "ghcr.io/acme/x:1.0" (ghcr.io/acme/x) is not from a trusted registry, expecting one of: registry.example.com/'));
  });

  test('a workload image policy wins over the scope policy', () => {
    const chart = newChart();
    ImagePolicy.apply(chart, new ImagePolicy({ trustedRegistries: ['registry.example.com/'] }));
    expect(() => new SecureDeployment(chart, 'a', { containers: [{ image: 'nginx:1.27.3' }], imagePolicy: new ImagePolicy({ trustedRegistries: ['docker.io/library/'] }) })).not.toThrow();
  });
});

describe('guard integration', () => {
  test('a secure deployment under a hardened guard synthesizes with no error', () => {
    // GIVEN the quick-start shape under a hardened guard in enforce mode
    const app = Testing.app();
    const chart = new Chart(app, 'prod', { namespace: 'apps' });
    new SecureNamespace(chart, 'ns', { name: 'apps' });
    new SecureDeployment(chart, 'web', { containers: [{ image: IMAGE, portNumber: 8080, writablePaths: ['/tmp'] }] });
    const guard = PolicyGuard.of(app, { packs: [Packs.HARDENED], ruleParams: { imageRegistry: { allowed: TRUSTED } } });

    // WHEN synthesized THEN it does not throw and only warnings remain
    expect(() => app.synthYaml()).not.toThrow();
    expect(guard.findings().filter(f => f.severity === Severity.ERROR)).toEqual([]);
  });

  test('a JSON patch that weakens the output is still caught by the guard', () => {
    // GIVEN a user patch that turns privilege escalation on behind the construct's back
    const chart = newChart();
    const d = new SecureDeployment(chart, 'web', { containers: [{ name: 'app', image: IMAGE }] });
    ApiObject.of(d).addJsonPatch(JsonPatch.replace('/spec/template/spec/containers/0/securityContext/allowPrivilegeEscalation', true));
    const guard = PolicyGuard.of(chart, { packs: [Packs.PSS_RESTRICTED] });

    // WHEN synthesized THEN the guard (enforce mode) fails the synth with it
    expect(() => Testing.synth(chart)).toThrow('container "app" must set securityContext.allowPrivilegeEscalation=false');
    expect(guard.findings().map(f => f.ruleId)).toEqual(['allowPrivilegeEscalation']);
  });
});
