/**
 * Every prop of every golden construct documents this library's default (`@default`, which jsii
 * turns into API.md and IDE hovers), and each documented default is what a synth produces with the
 * prop left out. The docs are read from the TypeScript sources with the compiler API, which sees
 * every prop of a props interface, inherited ones included, and where each is declared.
 */
import * as path from 'path';
import { Chart, Cron, Testing } from 'cdk8s';
import * as ts from 'typescript';
import { IMAGE } from './_helpers';
import {
  SecureCronJob, SecureDaemonSet, SecureDefaults, SecureDeployment, SecureJob, SecureNamespace, SecurePod, SecureStatefulSet,
} from '../../src/constructs';

const CONSTRUCTS_DIR = path.resolve(__dirname, '..', '..', 'src', 'constructs');

/** The props interfaces of the golden constructs. */
const PROPS = [
  'HardenedContainerProps', 'SecurePodProps', 'SecureDeploymentProps', 'SecureStatefulSetProps', 'SecureDaemonSetProps',
  'SecureJobProps', 'SecureCronJobProps', 'SecureNamespaceProps',
];

interface DocumentedProp {
  /** `<declaring interface>.<prop>`. */
  readonly key: string;
  /** The file that declares it. */
  readonly file: string;
  readonly optional: boolean;
  /** The `@default` text, if any. */
  readonly default?: string;
}

/** Every prop of every interface in PROPS (inherited ones included), from the sources. */
function documentedProps(): Map<string, DocumentedProp[]> {
  const index = path.join(CONSTRUCTS_DIR, 'index.ts');
  const program = ts.createProgram([index], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const exports = checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(index)!)!);
  const result = new Map<string, DocumentedProp[]>();
  for (const name of PROPS) {
    let symbol = exports.find(s => s.name === name);
    if (!symbol) throw new Error(`src/constructs does not export ${name}`);
    if ((symbol.flags & ts.SymbolFlags.Alias) !== 0) symbol = checker.getAliasedSymbol(symbol); // eslint-disable-line no-bitwise
    const props = checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(symbol)).map(p => {
      const decl = p.declarations![0] as ts.PropertySignature;
      const owner = decl.parent as ts.InterfaceDeclaration;
      const tag = ts.getJSDocTags(decl).find(t => t.tagName.text === 'default');
      return {
        key: `${owner.name.text}.${p.name}`,
        file: path.relative(CONSTRUCTS_DIR, decl.getSourceFile().fileName),
        optional: decl.questionToken !== undefined,
        default: tag ? (ts.getTextOfJSDocComment(tag.comment) ?? '').replace(/\s+/g, ' ').trim() : undefined,
      };
    });
    result.set(name, props);
  }
  return result;
}

/** The default output of every golden construct, by kind, and the constructs. */
function synthesizeDefaults() {
  const chart = new Chart(Testing.app(), 'test', { namespace: 'apps' });
  const constructs = {
    deployment: new SecureDeployment(chart, 'd', { containers: [{ image: IMAGE }] }),
    statefulSet: new SecureStatefulSet(chart, 's', { containers: [{ image: IMAGE, portNumber: 8080 }] }),
    job: new SecureJob(chart, 'j', { containers: [{ image: IMAGE }] }),
    cronJob: new SecureCronJob(chart, 'c', { schedule: Cron.daily(), containers: [{ image: IMAGE }] }),
    daemonSet: new SecureDaemonSet(chart, 'ds', { containers: [{ image: IMAGE }] }),
    pod: new SecurePod(chart, 'p', { containers: [{ image: IMAGE }] }),
    empty: new SecureDeployment(chart, 'empty-never-synthesized'),
  };
  chart.node.tryRemoveChild('empty-never-synthesized'); // kept only to read its containers
  const nsChart = new Chart(Testing.app(), 'nsTest');
  const namespace = new SecureNamespace(nsChart, 'ns');
  const manifests = [...Testing.synth(chart), ...Testing.synth(nsChart)];
  const byKind = (kind: string) => {
    const found = manifests.filter(m => m.kind === kind);
    if (found.length !== 1) throw new Error(`expected one ${kind}, got ${found.length}`);
    return found[0];
  };
  return { manifests, byKind, constructs: { ...constructs, namespace } };
}

const OUT = synthesizeDefaults();
const ABSENT = Symbol('absent');

/** The value at a JSON pointer of the default manifest of a kind, or ABSENT when a step is missing. */
function at(kind: string, pointer: string): unknown {
  let value: any = OUT.byKind(kind);
  for (const step of pointer.split('/').slice(1).map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'))) {
    if (value === null || typeof value !== 'object' || !(step in value)) return ABSENT;
    value = value[step];
  }
  return value;
}

const C = '/spec/template/spec/containers/0';
const P = '/spec/template/spec';

/**
 * What each documented default must say (every listed text, e.g. the SecureDefaults constant and
 * its value) and what the output holds when the prop is left out.
 */
const EXPECTED: { [key: string]: [mentions: string[], check: () => void] } = {
  // HardenedContainerProps
  'HardenedContainerProps.name': [["'main'", 'init-<index>'], () => expect(at('Deployment', `${C}/name`)).toBe('main')],
  'HardenedContainerProps.port': [['no port'], () => expect(at('Deployment', `${C}/ports`)).toBe(ABSENT)],
  'HardenedContainerProps.portNumber': [['no port'], () => expect(at('Deployment', `${C}/ports`)).toBe(ABSENT)],
  'HardenedContainerProps.ports': [['no port'], () => expect(at('Deployment', `${C}/ports`)).toBe(ABSENT)],
  'HardenedContainerProps.command': [['ENTRYPOINT'], () => expect(at('Deployment', `${C}/command`)).toBe(ABSENT)],
  'HardenedContainerProps.args': [['CMD'], () => expect(at('Deployment', `${C}/args`)).toBe(ABSENT)],
  'HardenedContainerProps.workingDir': [["image's working directory"], () => expect(at('Deployment', `${C}/workingDir`)).toBe(ABSENT)],
  'HardenedContainerProps.envVariables': [['none'], () => expect(at('Deployment', `${C}/env`)).toBe(ABSENT)],
  'HardenedContainerProps.envFrom': [['none'], () => expect(at('Deployment', `${C}/envFrom`)).toBe(ABSENT)],
  'HardenedContainerProps.volumeMounts': [['none', 'writablePaths'], () => expect(at('Deployment', `${C}/volumeMounts`)).toBe(ABSENT)],
  'HardenedContainerProps.imagePullPolicy': [
    ['SecureDefaults.IMAGE_PULL_POLICY_TAG', `"${SecureDefaults.IMAGE_PULL_POLICY_TAG}"`, 'SecureDefaults.IMAGE_PULL_POLICY_DIGEST', `"${SecureDefaults.IMAGE_PULL_POLICY_DIGEST}"`],
    () => expect(at('Deployment', `${C}/imagePullPolicy`)).toBe(SecureDefaults.IMAGE_PULL_POLICY_TAG),
  ],
  'HardenedContainerProps.readiness': [['none'], () => expect(at('Deployment', `${C}/readinessProbe`)).toBe(ABSENT)],
  'HardenedContainerProps.liveness': [['none'], () => expect(at('Deployment', `${C}/livenessProbe`)).toBe(ABSENT)],
  'HardenedContainerProps.startup': [['TCP probe on `portNumber`', 'otherwise none'], () => {
    expect(at('Deployment', `${C}/startupProbe`)).toBe(ABSENT);
    expect(at('StatefulSet', `${C}/startupProbe`)).toEqual({ failureThreshold: 3, tcpSocket: { port: 8080 } });
  }],
  'HardenedContainerProps.lifecycle': [['none'], () => expect(at('Deployment', `${C}/lifecycle`)).toBe(ABSENT)],
  'HardenedContainerProps.resources': [
    [`CPU request ${SecureDefaults.CPU_REQUEST_MILLIS}m and limit ${SecureDefaults.CPU_LIMIT_MILLIS}m`,
      `memory request ${SecureDefaults.MEMORY_REQUEST_MEBIBYTES}Mi and limit ${SecureDefaults.MEMORY_LIMIT_MEBIBYTES}Mi`,
      'SecureDefaults.CPU_REQUEST_MILLIS', 'CPU_LIMIT_MILLIS', 'MEMORY_REQUEST_MEBIBYTES', 'MEMORY_LIMIT_MEBIBYTES'],
    () => expect(at('Deployment', `${C}/resources`)).toEqual({
      requests: { cpu: `${SecureDefaults.CPU_REQUEST_MILLIS}m`, memory: `${SecureDefaults.MEMORY_REQUEST_MEBIBYTES}Mi` },
      limits: { cpu: `${SecureDefaults.CPU_LIMIT_MILLIS}m`, memory: `${SecureDefaults.MEMORY_LIMIT_MEBIBYTES}Mi` },
    }),
  ],
  'HardenedContainerProps.securityContext': [
    [`runAsNonRoot ${SecureDefaults.RUN_AS_NON_ROOT} with no UID or GID forced`, `privileged ${SecureDefaults.PRIVILEGED}`,
      `allowPrivilegeEscalation ${SecureDefaults.ALLOW_PRIVILEGE_ESCALATION}`, `readOnlyRootFilesystem ${SecureDefaults.READ_ONLY_ROOT_FILESYSTEM}`,
      `capabilities drop ${SecureDefaults.DROP_CAPABILITIES.join(', ')}`, `seccompProfile ${SecureDefaults.SECCOMP_PROFILE_TYPE}`, '(SecureDefaults)'],
    () => expect(at('Deployment', `${C}/securityContext`)).toEqual({
      runAsNonRoot: SecureDefaults.RUN_AS_NON_ROOT,
      privileged: SecureDefaults.PRIVILEGED,
      allowPrivilegeEscalation: SecureDefaults.ALLOW_PRIVILEGE_ESCALATION,
      readOnlyRootFilesystem: SecureDefaults.READ_ONLY_ROOT_FILESYSTEM,
      capabilities: { drop: SecureDefaults.DROP_CAPABILITIES },
      seccompProfile: { type: SecureDefaults.SECCOMP_PROFILE_TYPE },
    }),
  ],
  'HardenedContainerProps.restartPolicy': [["the pod's restart policy applies"], () => expect(at('Deployment', `${C}/restartPolicy`)).toBe(ABSENT)],
  'HardenedContainerProps.writablePaths': [['none'], () => expect(at('Deployment', `${P}/volumes`)).toBe(ABSENT)],
  'HardenedContainerProps.exceptions': [['every hardened default applies'], () => {
    expect(at('Deployment', `${C}/securityContext/privileged`)).toBe(SecureDefaults.PRIVILEGED);
    expect(at('Deployment', `${C}/securityContext/capabilities`)).toEqual({ drop: SecureDefaults.DROP_CAPABILITIES });
  }],
  'HardenedContainerProps.seLinuxOptions': [['none'], () => expect(at('Deployment', `${C}/securityContext/seLinuxOptions`)).toBe(ABSENT)],
  'HardenedContainerProps.appArmorProfile': [['none'], () => {
    expect(at('Deployment', `${C}/securityContext/appArmorProfile`)).toBe(ABSENT);
    expect(at('Deployment', '/spec/template/metadata/annotations')).toBe(ABSENT);
  }],
  'HardenedContainerProps.kubernetesVersion': [["the workload's version", `SecureDefaults.KUBERNETES_VERSION (${SecureDefaults.KUBERNETES_VERSION})`],
    () => expect((OUT.constructs.deployment.containers[0] as any).kubernetesVersion.toString()).toBe(SecureDefaults.KUBERNETES_VERSION)],
  'HardenedContainerProps.imagePolicy': [['ImagePolicy.apply'], () => expect(at('Deployment', `${C}/image`)).toBe(IMAGE)],

  // SecurePodOptions
  'SecurePodOptions.containers': [['none', 'addContainer'], () => expect(OUT.constructs.empty.containers).toEqual([])],
  'SecurePodOptions.initContainers': [['none'], () => expect(at('Deployment', `${P}/initContainers`)).toBe(ABSENT)],
  'SecurePodOptions.exceptions': [['every hardened default applies'], () => {
    expect(at('Deployment', `${P}/hostNetwork`)).toBe(SecureDefaults.HOST_NETWORK);
    expect(at('Deployment', `${P}/automountServiceAccountToken`)).toBe(SecureDefaults.AUTOMOUNT_SERVICE_ACCOUNT_TOKEN);
  }],
  'SecurePodOptions.kubernetesVersion': [[`SecureDefaults.KUBERNETES_VERSION (${SecureDefaults.KUBERNETES_VERSION})`],
    () => expect(OUT.constructs.deployment.kubernetesVersion.toString()).toBe(SecureDefaults.KUBERNETES_VERSION)],
  'SecurePodOptions.seccompProfile': [[`{ type: ${SecureDefaults.SECCOMP_PROFILE_TYPE} }`, 'SecureDefaults.SECCOMP_PROFILE_TYPE'],
    () => expect(at('Deployment', `${P}/securityContext/seccompProfile`)).toEqual({ type: SecureDefaults.SECCOMP_PROFILE_TYPE })],
  'SecurePodOptions.appArmorProfile': [['none'], () => expect(at('Deployment', `${P}/securityContext/appArmorProfile`)).toBe(ABSENT)],
  'SecurePodOptions.seLinuxOptions': [['none'], () => expect(at('Deployment', `${P}/securityContext/seLinuxOptions`)).toBe(ABSENT)],
  'SecurePodOptions.supplementalGroups': [['none'], () => expect(at('Deployment', `${P}/securityContext/supplementalGroups`)).toBe(ABSENT)],
  'SecurePodOptions.hostUsers': [['not set'], () => expect(at('Deployment', `${P}/hostUsers`)).toBe(ABSENT)],
  'SecurePodOptions.imagePolicy': [['ImagePolicy.apply'], () => expect(at('Deployment', `${C}/image`)).toBe(IMAGE)],

  // SecureAbstractPodProps
  'SecureAbstractPodProps.metadata': [['a name generated from the construct path', "the chart's namespace"],
    () => expect(at('Deployment', '/metadata')).toEqual({ name: OUT.constructs.deployment.name, namespace: 'apps' })],
  'SecureAbstractPodProps.volumes': [['none'], () => expect(at('Deployment', `${P}/volumes`)).toBe(ABSENT)],
  'SecureAbstractPodProps.restartPolicy': [['RestartPolicy.ALWAYS', 'RestartPolicy.NEVER for `SecureJob` and `SecureCronJob`'], () => {
    expect(at('Deployment', `${P}/restartPolicy`)).toBe('Always');
    expect(at('Job', `${P}/restartPolicy`)).toBe('Never');
    expect(at('CronJob', `/spec/jobTemplate${P}/restartPolicy`)).toBe('Never');
  }],
  'SecureAbstractPodProps.serviceAccount': [['none', '`default` service account'], () => expect(at('Deployment', `${P}/serviceAccountName`)).toBe(ABSENT)],
  'SecureAbstractPodProps.securityContext': [['ensureNonRoot true (SecureDefaults.RUN_AS_NON_ROOT)', 'FsGroupChangePolicy.ALWAYS', 'no user, group, fsGroup or sysctls'],
    () => expect(at('Deployment', `${P}/securityContext`)).toEqual({
      runAsNonRoot: SecureDefaults.RUN_AS_NON_ROOT, fsGroupChangePolicy: 'Always', seccompProfile: { type: SecureDefaults.SECCOMP_PROFILE_TYPE },
    })],
  'SecureAbstractPodProps.hostAliases': [['none'], () => expect(at('Deployment', `${P}/hostAliases`)).toBe(ABSENT)],
  'SecureAbstractPodProps.dns': [['DnsPolicy.CLUSTER_FIRST', 'hostnameAsFQDN false', 'no extra nameservers'], () => {
    expect(at('Deployment', `${P}/dnsPolicy`)).toBe('ClusterFirst');
    expect(at('Deployment', `${P}/setHostnameAsFQDN`)).toBe(false);
    expect(at('Deployment', `${P}/dnsConfig`)).toBe(ABSENT);
  }],
  'SecureAbstractPodProps.dockerRegistryAuth': [['none'], () => expect(at('Deployment', `${P}/imagePullSecrets`)).toBe(ABSENT)],
  'SecureAbstractPodProps.automountServiceAccountToken': [[`${SecureDefaults.AUTOMOUNT_SERVICE_ACCOUNT_TOKEN} (SecureDefaults.AUTOMOUNT_SERVICE_ACCOUNT_TOKEN)`],
    () => expect(at('Deployment', `${P}/automountServiceAccountToken`)).toBe(SecureDefaults.AUTOMOUNT_SERVICE_ACCOUNT_TOKEN)],
  'SecureAbstractPodProps.isolate': [['false'], () => expect(OUT.manifests.filter(m => m.kind === 'NetworkPolicy').map(m => m.metadata.name)).toEqual(['default-deny'])],
  'SecureAbstractPodProps.hostNetwork': [[`${SecureDefaults.HOST_NETWORK} (SecureDefaults.HOST_NETWORK)`],
    () => expect(at('Deployment', `${P}/hostNetwork`)).toBe(SecureDefaults.HOST_NETWORK)],
  'SecureAbstractPodProps.terminationGracePeriod': [['Duration.seconds(30)'], () => expect(at('Deployment', `${P}/terminationGracePeriodSeconds`)).toBe(30)],

  // SecureWorkloadProps
  'SecureWorkloadProps.podMetadata': [['only the label cdk8s-plus adds to match the pods'],
    () => expect(Object.keys(at('Deployment', '/spec/template/metadata') as object)).toEqual(['labels'])],
  'SecureWorkloadProps.select': [['true', 'false for `SecureJob` and `SecureCronJob`'], () => {
    expect(at('Deployment', '/spec/selector')).toEqual({ matchLabels: (at('Deployment', '/spec/template/metadata') as any).labels });
    expect(at('Job', '/spec/selector')).toBe(ABSENT);
  }],
  'SecureWorkloadProps.spread': [['false'], () => expect(at('Deployment', `${P}/topologySpreadConstraints`)).toBe(ABSENT)],

  // The workloads
  'SecureDeploymentProps.replicas': [['2'], () => expect(at('Deployment', '/spec/replicas')).toBe(2)],
  'SecureDeploymentProps.strategy': [['maxSurge and maxUnavailable 25%'],
    () => expect(at('Deployment', '/spec/strategy')).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } })],
  'SecureDeploymentProps.minReady': [['Duration.seconds(0)'], () => expect(at('Deployment', '/spec/minReadySeconds')).toBe(0)],
  'SecureDeploymentProps.progressDeadline': [['Duration.seconds(600)'], () => expect(at('Deployment', '/spec/progressDeadlineSeconds')).toBe(600)],
  'SecureStatefulSetProps.service': [['a new headless service'], () => {
    expect(at('StatefulSet', '/spec/serviceName')).toBe(at('Service', '/metadata/name'));
    expect(at('Service', '/spec/clusterIP')).toBe('None');
  }],
  'SecureStatefulSetProps.replicas': [['1'], () => expect(at('StatefulSet', '/spec/replicas')).toBe(1)],
  'SecureStatefulSetProps.podManagementPolicy': [['PodManagementPolicy.ORDERED_READY'], () => expect(at('StatefulSet', '/spec/podManagementPolicy')).toBe('OrderedReady')],
  'SecureStatefulSetProps.strategy': [['partition 0'],
    () => expect(at('StatefulSet', '/spec/updateStrategy')).toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 0 } })],
  'SecureStatefulSetProps.minReady': [['Duration.seconds(0)'], () => expect(at('StatefulSet', '/spec/minReadySeconds')).toBe(0)],
  'SecureStatefulSetProps.volumeClaimTemplates': [['none'], () => expect(at('StatefulSet', '/spec/volumeClaimTemplates')).toBe(ABSENT)],
  'SecureDaemonSetProps.minReadySeconds': [['0'], () => expect(at('DaemonSet', '/spec/minReadySeconds')).toBe(0)],
  'SecureJobProps.activeDeadline': [['no deadline'], () => expect(at('Job', '/spec/activeDeadlineSeconds')).toBe(ABSENT)],
  'SecureJobProps.backoffLimit': [['not set', 'retries 6 times'], () => expect(at('Job', '/spec/backoffLimit')).toBe(ABSENT)],
  'SecureJobProps.ttlAfterFinished': [['not set', 'finished jobs are kept'], () => expect(at('Job', '/spec/ttlSecondsAfterFinished')).toBe(ABSENT)],
  'SecureCronJobProps.timeZone': [['kube-controller-manager'], () => expect(at('CronJob', '/spec/timeZone')).toBe(ABSENT)],
  'SecureCronJobProps.concurrencyPolicy': [['ConcurrencyPolicy.FORBID'], () => expect(at('CronJob', '/spec/concurrencyPolicy')).toBe('Forbid')],
  'SecureCronJobProps.startingDeadline': [['Duration.seconds(10)'], () => expect(at('CronJob', '/spec/startingDeadlineSeconds')).toBe(10)],
  'SecureCronJobProps.suspend': [['false'], () => expect(at('CronJob', '/spec/suspend')).toBe(false)],
  'SecureCronJobProps.successfulJobsRetained': [['3'], () => expect(at('CronJob', '/spec/successfulJobsHistoryLimit')).toBe(3)],
  'SecureCronJobProps.failedJobsRetained': [['1'], () => expect(at('CronJob', '/spec/failedJobsHistoryLimit')).toBe(1)],

  // SecureNamespaceProps
  'SecureNamespaceProps.name': [['a name generated from the construct path'], () => expect(at('Namespace', '/metadata/name')).toBe(OUT.constructs.namespace.name)],
  'SecureNamespaceProps.labels': [['none'], () => expect(Object.keys(at('Namespace', '/metadata/labels') as object).every(k => k.startsWith('pod-security.kubernetes.io/'))).toBe(true)],
  ...Object.fromEntries(['enforce', 'audit', 'warn'].flatMap(mode => [
    [`SecureNamespaceProps.${mode}`, [[`SecureDefaults.PSA_LEVEL ("${SecureDefaults.PSA_LEVEL}")`],
      () => expect(at('Namespace', `/metadata/labels/pod-security.kubernetes.io~1${mode}`)).toBe(SecureDefaults.PSA_LEVEL)]],
    [`SecureNamespaceProps.${mode}Version`, [[`SecureDefaults.PSA_VERSION ("${SecureDefaults.PSA_VERSION}")`],
      () => expect(at('Namespace', `/metadata/labels/pod-security.kubernetes.io~1${mode}-version`)).toBe(SecureDefaults.PSA_VERSION)]],
  ])),
  'SecureNamespaceProps.defaultDenyNetworkPolicy': [['true'],
    () => expect(at('NetworkPolicy', '/spec')).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] })],
  'SecureNamespaceProps.allowDnsEgress': [['false'], () => expect(at('NetworkPolicy', '/spec/egress')).toBe(ABSENT)],
  'SecureNamespaceProps.resourceQuota': [['none'], () => expect(OUT.manifests.some(m => m.kind === 'ResourceQuota')).toBe(false)],
  'SecureNamespaceProps.limitRange': [['none'], () => expect(OUT.manifests.some(m => m.kind === 'LimitRange')).toBe(false)],
  'SecureNamespaceProps.restrictedPolicy': [['none', 'enforces `enforce`'], () => expect(OUT.manifests.some(m => m.kind === 'ValidatingAdmissionPolicy')).toBe(false)],
};

describe('documented defaults of the golden constructs', () => {
  const documented = documentedProps();
  const all = [...new Map([...documented.values()].flat().map(p => [p.key, p])).values()];

  test('every prop is declared by this library, so its docs are ours and not cdk8s-plus\'s', () => {
    // GIVEN every prop of every golden props interface, inherited ones included
    // THEN each is declared in src/constructs
    expect(all.filter(p => p.file.startsWith('..')).map(p => `${p.key} (${p.file})`)).toEqual([]);
    expect(all.length).toBeGreaterThan(70);
  });

  test('every optional prop documents a default, and each is checked here', () => {
    const optional = all.filter(p => p.optional);
    expect(optional.filter(p => p.default === undefined || p.default === '').map(p => p.key)).toEqual([]);
    // AND the table below covers exactly the optional props
    expect(Object.keys(EXPECTED).sort()).toEqual(optional.map(p => p.key).sort());
  });

  test.each(Object.keys(EXPECTED).sort())('%s: the documented default is the SecureDefaults value and the output', (key) => {
    // GIVEN the documented default of the prop
    const prop = all.find(p => p.key === key);
    expect(prop).toBeDefined();
    const [mentions, check] = EXPECTED[key];
    // THEN it names the default (and the SecureDefaults constant, where there is one)
    for (const text of mentions) expect(prop!.default).toContain(text);
    // AND the construct synthesized without the prop has it
    check();
  });
});
