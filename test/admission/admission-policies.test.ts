/**
 * AdmissionPolicies adds the emitted policies to a chart, so an app ships its own enforcement.
 */
import { Chart, Testing } from 'cdk8s';
import { ENGINES, evaluateAll } from './_vap';
import { AdmissionAction, AdmissionPolicies, ConfigSuppression, Packs, PolicyEvaluator, PssLevel } from '../../src';
import { emitAdmissionPolicies } from '../../src/admission/emit';

describe('AdmissionPolicies', () => {
  test('adds the same objects as the CLI emits', () => {
    // GIVEN a chart with the policies of the baseline level at v1.30
    const chart = new Chart(Testing.app(), 'chart');
    const evaluator = new PolicyEvaluator({ level: PssLevel.BASELINE, version: 'v1.30' });
    const policies = new AdmissionPolicies(chart, 'policies', { evaluator, action: AdmissionAction.AUDIT });
    // WHEN it is synthesized
    const manifests = Testing.synth(chart);
    // THEN the chart holds exactly the emitted objects
    const expected = emitAdmissionPolicies({ evaluator, action: AdmissionAction.AUDIT }).manifests;
    expect(manifests).toEqual(expected);
    expect(manifests.map(m => m.kind)).toEqual(['ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding']);
    expect(manifests[1].spec.validationActions).toEqual(['Audit']);
    expect(policies.unexpressedRules).toEqual([]);
  });

  test('turns the suppressions that name a workload into exemptions and lists the others', () => {
    // GIVEN the hardened pack and two suppressions, one of them for a whole namespace
    const chart = new Chart(Testing.app(), 'chart');
    const policies = new AdmissionPolicies(chart, 'policies', {
      evaluator: new PolicyEvaluator({ packs: [Packs.HARDENED], ruleParams: { imageRegistry: { allowed: ['registry.example.com/'] } } }),
      suppressions: [
        new ConfigSuppression({ ruleId: 'readOnlyRootFilesystem', reason: 'the cache writes to its root', resource: { kind: 'StatefulSet', namespace: 'cache', name: 'redis' } }),
        new ConfigSuppression({ ruleId: 'secretEnv', reason: 'legacy apps read secrets from env', resource: { namespace: 'legacy' } }),
      ],
    });
    // WHEN it is synthesized
    const manifests = Testing.synth(chart);
    // THEN the workload suppression is an exemption and the rest is listed
    expect(JSON.parse(manifests[0].metadata.annotations['cdk8s-guard/exemptions'])).toEqual([
      { ruleId: 'readOnlyRootFilesystem', kind: 'StatefulSet', namespace: 'cache', name: 'redis', reason: 'the cache writes to its root' },
    ]);
    expect(policies.notExempted).toEqual([
      'secretEnv (legacy apps read secrets from env): it does not name the kind, namespace and name of one workload, so the cluster cannot scope it',
    ]);
    expect(policies.unexpressedRules).toEqual([
      'envSecretValue: it has no CEL form',
      'hostPathReadOnly: it has no CEL form',
      'imagePullPolicy: it has no CEL form',
      'imageRegistry: it has no CEL form',
      'imageTag: it has no CEL form',
      'invalidImageReference: it has no CEL form',
      'networkPolicy: cross-object rule: it reads other objects than the one admitted',
      'rbacClusterAdmin: manifest rule: it has no CEL form',
      'rbacEscalation: manifest rule: it has no CEL form',
      'rbacExecAttach: manifest rule: it has no CEL form',
      'rbacSecretsAccess: manifest rule: it has no CEL form',
      'rbacWildcard: manifest rule: it has no CEL form',
      'rbacWorkloadCreate: manifest rule: it has no CEL form',
      'secretInManifest: manifest rule: it has no CEL form',
      'serviceAccountToken: cross-object rule: it reads other objects than the one admitted',
      'workloadPrivileges: cross-object rule: it reads other objects than the one admitted',
    ]);
    expect(manifests.map(m => m.metadata.name)).toEqual(['cdk8s-guard', 'cdk8s-guard', 'cdk8s-guard-warnings', 'cdk8s-guard-warnings']);
  });

  test('fails when an exemption names a rule the policy does not check', () => {
    // GIVEN the restricted level WHEN exempting from an organization rule it does not run
    const chart = new Chart(Testing.app(), 'chart');
    // THEN the error names the construct, the rule and the choices
    expect(() => new AdmissionPolicies(chart, 'policies', {
      evaluator: new PolicyEvaluator({ level: PssLevel.BASELINE, version: 'v1.30' }),
      exemptions: [{ ruleId: 'secretEnv', reason: 'legacy apps read secrets', resource: { kind: 'Deployment', namespace: 'a', name: 'b' } }],
    })).toThrow(new Error('AdmissionPolicies "chart/policies": exemption from rule "secretEnv" for Deployment a/b: the policy has no such rule, expecting one of: appArmorProfile, capabilities_baseline, hostNamespaces, hostPathVolumes, hostPorts, privileged, procMount, seLinuxOptions, seccompProfile_baseline, sysctls, windowsHostProcess'));
  });
});

describe('AdmissionPolicies in a cluster', () => {
  jest.setTimeout(60_000);

  test('the synthesized exemption passes its workload and denies the others, with both engines', async () => {
    // GIVEN a chart's restricted policy with a container-scoped exemption for DaemonSet logging/agent
    const chart = new Chart(Testing.app(), 'chart');
    new AdmissionPolicies(chart, 'policies', {
      exemptions: [{ ruleId: 'privileged', reason: 'the agent manages the node', resource: { kind: 'DaemonSet', namespace: 'logging', name: 'agent' }, containers: ['agent'] }],
      evaluator: new PolicyEvaluator({ level: PssLevel.BASELINE }),
    });
    const [policy, binding] = Testing.synth(chart);
    const pod = (ownerName: string, namespace: string, container: string) => ({
      object: {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: `${ownerName}-x`, namespace, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: ownerName, uid: 'u', controller: true }] },
        spec: { containers: [{ name: container, image: 'agent', securityContext: { privileged: true } }] },
      },
      namespace,
    });
    // WHEN the agent's pod, another container, another namespace and another DaemonSet are admitted
    const verdicts = await evaluateAll([[{ policy, binding }]], [
      pod('agent', 'logging', 'agent'), pod('agent', 'logging', 'other'), pod('agent', 'default', 'agent'), pod('agent2', 'logging', 'agent'),
    ]);
    // THEN only the agent's pod passes
    for (const engine of ENGINES) {
      expect(verdicts[engine].map(v => v.denied)).toEqual([false, true, true, true]);
    }
  });
});
