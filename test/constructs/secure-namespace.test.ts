import { Testing } from 'cdk8s';
import { manifestOf, newChart, schemaErrors } from './_helpers';
import { KubernetesVersion, SecureNamespace, SecureNamespaceProps } from '../../src/constructs';
import { PssLevel } from '../../src/engine/types';

function synth(props: SecureNamespaceProps = {}): any[] {
  const chart = newChart();
  new SecureNamespace(chart, 'ns', { name: 'apps', ...props });
  return Testing.synth(chart);
}

describe('SecureNamespace', () => {
  test('default output: restricted at latest for enforce, audit and warn, and a default-deny policy', () => {
    // WHEN a namespace with no options is synthesized
    const manifests = synth();

    // THEN the PSA labels and the network policy are there, and nothing else
    expect(manifests.map(m => m.kind)).toEqual(['Namespace', 'NetworkPolicy']);
    expect(manifestOf(manifests, 'Namespace').metadata.labels).toEqual({
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/enforce-version': 'latest',
      'pod-security.kubernetes.io/audit': 'restricted',
      'pod-security.kubernetes.io/audit-version': 'latest',
      'pod-security.kubernetes.io/warn': 'restricted',
      'pod-security.kubernetes.io/warn-version': 'latest',
    });
    expect(manifestOf(manifests, 'NetworkPolicy')).toEqual({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'default-deny', namespace: 'apps' },
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    });
  });

  test('levels, versions and extra labels are configurable', () => {
    const labels = manifestOf(synth({
      enforce: PssLevel.BASELINE, enforceVersion: 'v1.30', audit: PssLevel.RESTRICTED, auditVersion: 'v1.31', warn: PssLevel.RESTRICTED, labels: { team: 'web' },
    }), 'Namespace').metadata.labels;
    expect(labels).toEqual({
      'team': 'web',
      'pod-security.kubernetes.io/enforce': 'baseline',
      'pod-security.kubernetes.io/enforce-version': 'v1.30',
      'pod-security.kubernetes.io/audit': 'restricted',
      'pod-security.kubernetes.io/audit-version': 'v1.31',
      'pod-security.kubernetes.io/warn': 'restricted',
      'pod-security.kubernetes.io/warn-version': 'latest',
    });
  });

  test('allowDnsEgress adds an egress rule to kube-dns only', () => {
    expect(manifestOf(synth({ allowDnsEgress: true }), 'NetworkPolicy').spec).toEqual({
      podSelector: {},
      policyTypes: ['Ingress', 'Egress'],
      egress: [{
        to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
        ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
      }],
    });
  });

  test('the default-deny policy can be left out', () => {
    expect(synth({ defaultDenyNetworkPolicy: false }).map(m => m.kind)).toEqual(['Namespace']);
  });

  test('a resource quota and a limit range are created when given', () => {
    // GIVEN a quota and a limit range
    const manifests = synth({
      resourceQuota: { hard: { 'pods': '20', 'requests.cpu': '4' } },
      limitRange: { defaultLimits: { cpu: '500m' }, defaultRequests: { cpu: '100m' }, max: { memory: '1Gi' }, min: { memory: '16Mi' } },
    });
    // THEN
    expect(manifestOf(manifests, 'ResourceQuota')).toEqual({
      apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'quota', namespace: 'apps' }, spec: { hard: { 'pods': '20', 'requests.cpu': '4' } },
    });
    expect(manifestOf(manifests, 'LimitRange')).toEqual({
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: { name: 'limits', namespace: 'apps' },
      spec: { limits: [{ type: 'Container', default: { cpu: '500m' }, defaultRequest: { cpu: '100m' }, max: { memory: '1Gi' }, min: { memory: '16Mi' } }] },
    });
    expect(schemaErrors(manifests, KubernetesVersion.V1_28)).toEqual([]);
  });

  test('restrictedPolicy: baseline enforced, restricted warned and audited, and a restricted policy bound to the namespace', () => {
    // GIVEN the restricted-by-policy mode with an exemption for the log agent
    const manifests = synth({
      enforceVersion: 'v1.30',
      restrictedPolicy: {
        exemptions: [{ ruleId: 'restrictedVolumes', reason: 'the log agent reads /var/log', resource: { kind: 'DaemonSet', namespace: 'apps', name: 'agent' } }],
      },
    });
    // THEN pod-security admission enforces baseline and warns and audits restricted
    expect(manifestOf(manifests, 'Namespace').metadata.labels).toEqual({
      'pod-security.kubernetes.io/enforce': 'baseline',
      'pod-security.kubernetes.io/enforce-version': 'v1.30',
      'pod-security.kubernetes.io/audit': 'restricted',
      'pod-security.kubernetes.io/audit-version': 'latest',
      'pod-security.kubernetes.io/warn': 'restricted',
      'pod-security.kubernetes.io/warn-version': 'latest',
    });
    // AND the restricted policy at the enforced version, with the exemption, binds to this namespace only
    const policy = manifestOf(manifests, 'ValidatingAdmissionPolicy');
    expect(policy.metadata.name).toBe('cdk8s-guard-restricted-apps');
    expect(policy.metadata.annotations['cdk8s-guard/policy']).toBe('level=restricted, version=v1.30');
    expect(JSON.parse(policy.metadata.annotations['cdk8s-guard/exemptions'])).toEqual([
      { ruleId: 'restrictedVolumes', kind: 'DaemonSet', namespace: 'apps', name: 'agent', reason: 'the log agent reads /var/log' },
    ]);
    expect(manifestOf(manifests, 'ValidatingAdmissionPolicyBinding').spec).toEqual({
      policyName: 'cdk8s-guard-restricted-apps',
      validationActions: ['Deny'],
      matchResources: { namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['apps'] }] } },
    });
  });

  test('a namespace without a name gets one from its path, and its policy follows it', () => {
    const chart = newChart();
    const ns = new SecureNamespace(chart, 'ns');
    const manifests = Testing.synth(chart);
    expect(manifestOf(manifests, 'NetworkPolicy').metadata.namespace).toBe(ns.name);
    expect(manifestOf(manifests, 'Namespace').metadata.name).toBe(ns.name);
  });

  test.each<[string, SecureNamespaceProps, string]>([
    ['fails when a level is unknown', { enforce: 'strict' as PssLevel }, 'SecureNamespace "test/ns" has enforce level "strict", expecting one of: privileged, baseline, restricted'],
    ['fails when a version is malformed', { warnVersion: '1.30' }, 'SecureNamespace "test/ns" has warnVersion "1.30", expecting "latest" or "v1.<minor>" such as "v1.30"'],
    ['fails when labels set a PSA label', { labels: { 'pod-security.kubernetes.io/enforce': 'privileged' } }, 'SecureNamespace "test/ns" sets label "pod-security.kubernetes.io/enforce" in labels, use the enforce, audit and warn props instead'],
    ['fails when DNS egress is asked without the default-deny policy', { defaultDenyNetworkPolicy: false, allowDnsEgress: true }, 'SecureNamespace "test/ns" sets allowDnsEgress without the default-deny network policy, remove allowDnsEgress or keep defaultDenyNetworkPolicy'],
    ['fails when the quota has no limits', { resourceQuota: { hard: {} } }, 'SecureNamespace "test/ns" has a resourceQuota without hard limits, give at least one such as { pods: "20" }'],
    ['fails when the limit range has no limits', { limitRange: {} }, 'SecureNamespace "test/ns" has a limitRange without limits, give defaultLimits, defaultRequests, max or min'],
    ['fails when restrictedPolicy comes with enforce restricted', { enforce: PssLevel.RESTRICTED, restrictedPolicy: {} }, 'SecureNamespace "test/ns" has enforce level "restricted" with restrictedPolicy, which enforces baseline with pod-security admission: remove enforce or set it to baseline'],
    ['fails when a restrictedPolicy exemption names another namespace', { restrictedPolicy: { exemptions: [{ ruleId: 'runAsNonRoot', reason: 'the agent runs as root', resource: { kind: 'DaemonSet', namespace: 'other', name: 'agent' } }] } }, 'SecureNamespace "test/ns" has an exemption from "runAsNonRoot" for namespace "other", set resource.namespace to "apps"'],
  ])('%s', (_name, props, error) => {
    expect(() => synth(props)).toThrow(new Error(error));
  });
});
