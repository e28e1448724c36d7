import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  EVERY_OPTION, IMAGE, k8s128Errors, k8s128Schema, manifestOf, newChart, podSpecOf, schemaErrors, WORKLOADS,
} from './_helpers';
import {
  AppArmorProfileType, HardenedContainer, KubernetesVersion, SecureDeployment, SecureNamespace,
} from '../../src/constructs';

/** The default output of a SecureDeployment (valid at 1.28), to tweak. */
function deploymentManifest(props: any = {}): any {
  const chart = newChart();
  new SecureDeployment(chart, 'web', { containers: [{ name: 'app', image: IMAGE }], ...props });
  return manifestOf(Testing.synth(chart), 'Deployment');
}

describe('the Kubernetes 1.28 schema of the cdk8s-plus-28 API imports', () => {
  test('is the 1.28 API: the pod security context has exactly the 1.28 fields, under their JSON names', () => {
    // GIVEN the schema built from cdk8s-plus-28
    const schema = k8s128Schema();

    // THEN PodSecurityContext has no appArmorProfile (1.30), supplementalGroupsPolicy (1.31) or seLinuxChangePolicy (1.32)
    expect([...schema.types.get('PodSecurityContext')!.fields.keys()].sort()).toEqual([
      'fsGroup', 'fsGroupChangePolicy', 'runAsGroup', 'runAsNonRoot', 'runAsUser', 'seLinuxOptions', 'seccompProfile',
      'supplementalGroups', 'sysctls', 'windowsOptions',
    ]);
    // AND JSON keys come from toJson_* (the property is hostIpc, the field hostIPC)
    expect(schema.types.get('PodSpec')!.fields.has('hostIPC')).toBe(true);
    expect(schema.types.get('PodSpec')!.fields.has('hostIpc')).toBe(false);
    expect(schema.kinds.get('apps/v1 Deployment')).toBe('KubeDeploymentProps');
  });

  test.each(WORKLOADS)('%s default output passes it', (_name, _kind, make) => {
    // GIVEN the workload with one container, at the default version
    const chart = newChart();
    make(chart, { containers: [{ image: IMAGE }] });

    // WHEN synthesized
    const manifests = Testing.synth(chart);

    // THEN the 1.28 schema accepts every manifest
    expect(manifests.length).toBeGreaterThan(0);
    expect(k8s128Errors(manifests)).toEqual([]);
  });

  test.each(WORKLOADS)('%s output with every option valid at 1.28 passes it', (_name, _kind, make) => {
    // GIVEN the workload with every option, at 1.28, in a SecureNamespace
    const chart = newChart();
    new SecureNamespace(chart, 'ns', { name: 'apps' });
    make(chart, { kubernetesVersion: KubernetesVersion.V1_28, ...EVERY_OPTION });

    // WHEN synthesized
    const manifests = Testing.synth(chart);

    // THEN the 1.28 schema and the kubernetes-models schema accept every manifest
    expect(schemaErrors(manifests, KubernetesVersion.V1_28)).toEqual([]);
  });

  test('SecureNamespace with quota and limit range, and HardenedContainer, pass it', () => {
    // GIVEN a namespace with every resource and a plain kplus Deployment with a HardenedContainer
    const chart = newChart();
    new SecureNamespace(chart, 'ns', {
      name: 'apps',
      resourceQuota: { hard: { 'pods': '20', 'requests.cpu': '4' } },
      limitRange: { defaultLimits: { cpu: '500m' }, defaultRequests: { cpu: '100m' }, max: { memory: '1Gi' }, min: { memory: '16Mi' } },
    });
    const d = new kplus.Deployment(chart, 'plain', { securityContext: { ensureNonRoot: true } });
    d.attachContainer(new HardenedContainer({ name: 'app', image: IMAGE }));

    // WHEN synthesized
    const manifests = Testing.synth(chart);

    // THEN
    expect(manifests.map(m => m.kind).sort()).toEqual(['Deployment', 'LimitRange', 'Namespace', 'NetworkPolicy', 'ResourceQuota']);
    expect(k8s128Errors(manifests)).toEqual([]);
  });

  test('a valid manifest passes (the baseline the failure cases tweak)', () => {
    expect(k8s128Schema().errors(deploymentManifest())).toEqual([]);
  });

  test.each<[string, (m: any) => void, string[]]>([
    ['fails when the pod security context has appArmorProfile (a Kubernetes 1.30 field)',
      m => { podSpecOf(m).securityContext.appArmorProfile = { type: 'RuntimeDefault' }; },
      ['/spec/template/spec/securityContext/appArmorProfile: unknown field in Kubernetes 1.28 PodSecurityContext']],
    ['fails when a container security context has appArmorProfile (a Kubernetes 1.30 field)',
      m => { podSpecOf(m).containers[0].securityContext.appArmorProfile = { type: 'RuntimeDefault' }; },
      ['/spec/template/spec/containers/0/securityContext/appArmorProfile: unknown field in Kubernetes 1.28 SecurityContext']],
    ['fails when the pod spec has resources (a Kubernetes 1.32 field)',
      m => { podSpecOf(m).resources = { limits: { cpu: '1' } }; },
      ['/spec/template/spec/resources: unknown field in Kubernetes 1.28 PodSpec']],
    ['fails when a field is unknown in every version',
      m => { podSpecOf(m).containers[0].securityContext.privilegedd = false; },
      ['/spec/template/spec/containers/0/securityContext/privilegedd: unknown field in Kubernetes 1.28 SecurityContext']],
    ['fails when a field has the property name of the import instead of its JSON name',
      m => { podSpecOf(m).hostIpc = false; },
      ['/spec/template/spec/hostIpc: unknown field in Kubernetes 1.28 PodSpec']],
    ['fails when a top-level field is unknown',
      m => { m.status2 = {}; },
      ['/status2: unknown field in Kubernetes 1.28 KubeDeploymentProps']],
    ['fails when a boolean is a string',
      m => { podSpecOf(m).securityContext.runAsNonRoot = 'true'; },
      ['/spec/template/spec/securityContext/runAsNonRoot: expected a boolean, got string "true"']],
    ['fails when a number is a string',
      m => { podSpecOf(m).securityContext.fsGroup = '1000'; },
      ['/spec/template/spec/securityContext/fsGroup: expected a number, got string "1000"']],
    ['fails when a quantity is neither a string nor a number',
      m => { podSpecOf(m).containers[0].resources.limits.cpu = true; },
      ['/spec/template/spec/containers/0/resources/limits/cpu: expected a string or a number, got boolean true']],
    ['fails when a list is an object',
      m => { podSpecOf(m).containers[0].securityContext.capabilities.drop = { all: true }; },
      ['/spec/template/spec/containers/0/securityContext/capabilities/drop: expected an array, got an object']],
    ['fails when a map value has the wrong type, with the key escaped in the pointer',
      m => { m.spec.template.metadata.annotations = { 'example.com/a~b': 1 }; },
      ['/spec/template/metadata/annotations/example.com~1a~0b: expected a string, got number 1']],
    ['fails when an object is a string',
      m => { podSpecOf(m).securityContext = 'restricted'; },
      ['/spec/template/spec/securityContext: expected an object (PodSecurityContext), got string "restricted"']],
    ['fails when a required field is missing',
      m => { delete podSpecOf(m).containers[0].name; },
      ['/spec/template/spec/containers/0/name: missing required field of Container']],
    ['fails when the kind is not in Kubernetes 1.28',
      m => { m.apiVersion = 'apps/v2'; },
      [': Kubernetes 1.28 has no apiVersion "apps/v2" kind "Deployment"']],
  ])('%s', (_name, tweak, errors) => {
    // GIVEN a valid manifest, tweaked
    const manifest = deploymentManifest();
    tweak(manifest);

    // THEN the 1.28 schema reports exactly the problem
    expect(k8s128Schema().errors(manifest)).toEqual(errors);
  });
});

describe('schemaErrors picks the schema of the target version', () => {
  /** A SecureDeployment at 1.30 with pod and container AppArmor fields. */
  function appArmorAt130(): any[] {
    const chart = newChart();
    new SecureDeployment(chart, 'web', {
      kubernetesVersion: KubernetesVersion.V1_30,
      appArmorProfile: { type: AppArmorProfileType.RUNTIME_DEFAULT },
      containers: [{ name: 'app', image: IMAGE, appArmorProfile: { type: AppArmorProfileType.LOCALHOST, localhostProfile: 'k8s-app' } }],
    });
    return Testing.synth(chart);
  }

  test('output for 1.30 with the AppArmor fields passes when 1.30 is targeted', () => {
    expect(schemaErrors(appArmorAt130(), KubernetesVersion.V1_30)).toEqual([]);
  });

  test('fails when the same output is validated for a 1.28 target', () => {
    // GIVEN output with 1.30 fields
    const manifests = appArmorAt130();
    const name = manifestOf(manifests, 'Deployment').metadata.name;

    // WHEN validated as a 1.28 target
    const errors = schemaErrors(manifests, KubernetesVersion.V1_28);

    // THEN the 1.28 schema names both fields (the newer kubernetes-models schema has them)
    expect(errors).toEqual([
      `Kubernetes 1.28: #0 Deployment ${name}: /spec/template/spec/containers/0/securityContext/appArmorProfile: unknown field in Kubernetes 1.28 SecurityContext`,
      `Kubernetes 1.28: #0 Deployment ${name}: /spec/template/spec/securityContext/appArmorProfile: unknown field in Kubernetes 1.28 PodSecurityContext`,
    ]);
  });

  test('fails for every target when a field is unknown in every version', () => {
    // GIVEN a manifest with a misspelt field
    const manifest = deploymentManifest({ kubernetesVersion: KubernetesVersion.V1_31 });
    podSpecOf(manifest).containers[0].securityContext.privilegedd = false;

    // THEN kubernetes-models reports it for a 1.34 target, with the 1.33 schema for 1.31, and with the 1.28 schema for 1.28
    const where = `#0 Deployment ${manifest.metadata.name}: /spec/template/spec/containers/0/securityContext/privilegedd`;
    expect(schemaErrors([manifest], KubernetesVersion.of('1.34'))).toEqual([`kubernetes-models: ${where}: unknown field`]);
    expect(schemaErrors([manifest], KubernetesVersion.V1_31)).toEqual([
      `Kubernetes 1.33: ${where}: unknown field in Kubernetes 1.33 SecurityContext`,
      `kubernetes-models: ${where}: unknown field`,
    ]);
    expect(schemaErrors([manifest], KubernetesVersion.V1_28)).toEqual([
      `Kubernetes 1.28: ${where}: unknown field in Kubernetes 1.28 SecurityContext`,
      `kubernetes-models: ${where}: unknown field`,
    ]);
  });
});
