/**
 * The CEL of the organization rules gives the engine's verdict: for each pod of the table, the
 * rules whose validations fail (with both CEL engines) are exactly the rules the evaluator reports.
 */
import { defaulted, defaultVolumes, ENGINES, evaluateAll, Verdict } from './_vap';
import { Packs, PolicyEvaluator } from '../../src';
import { AdmissionAction, emitAdmissionPolicies } from '../../src/admission/emit';

jest.setTimeout(60_000);

const DIGEST = 'a'.repeat(64);
const IMAGE = `registry.example.com/app:1.0@sha256:${DIGEST}`;

function container(name: string, extra: any = {}): any {
  return {
    name,
    image: IMAGE,
    imagePullPolicy: 'Always',
    resources: { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1', memory: '1Gi' } },
    ...extra,
    securityContext: {
      allowPrivilegeEscalation: false,
      runAsNonRoot: true,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
      ...extra.securityContext,
    },
  };
}

function deployment(spec: any = {}, namespace = 'apps'): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace },
    spec: {
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { serviceAccountName: 'web', automountServiceAccountToken: false, containers: [container('app')], ...spec },
      },
    },
  };
}

const CASES: Array<[string, any]> = [
  ['a compliant pod', deployment()],
  ['fails when readOnlyRootFilesystem is unset', deployment({ containers: [container('app', { securityContext: { readOnlyRootFilesystem: undefined } })] })],
  ['a Windows pod without readOnlyRootFilesystem', deployment({ os: { name: 'windows' }, containers: [container('app', { securityContext: { readOnlyRootFilesystem: false } })] })],
  // serviceAccountToken also reads the pod's ServiceAccount (cross-object), so no CEL form checks it
  ['fails when serviceAccountName is default', deployment({ serviceAccountName: 'default' })],
  ['fails when no service account is named', deployment({ serviceAccountName: undefined })],
  ['the serviceAccount alias names one', deployment({ serviceAccountName: undefined, serviceAccount: 'web' })],
  ['fails when the serviceAccount alias is default', deployment({ serviceAccountName: undefined, serviceAccount: 'default' })],
  ['fails when an env var reads a secret', deployment({ containers: [container('app', { env: [{ name: 'A', value: 'x' }, { name: 'B', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }] })] })],
  ['fails when envFrom reads a secret', deployment({ containers: [container('app', { envFrom: [{ configMapRef: { name: 'c' } }, { secretRef: { name: 's' } }] })] })],
  ['fails when the pod runs as group 0', deployment({ securityContext: { runAsGroup: 0 } })],
  ['fails when fsGroup is 0', deployment({ securityContext: { fsGroup: 0 } })],
  ['fails when supplementalGroups has 0', deployment({ securityContext: { supplementalGroups: [1000, 0] } })],
  ['fails when a container runs as group 0', deployment({ initContainers: [container('init', { securityContext: { runAsGroup: 0 } })] })],
  ['fails when the image has no digest', deployment({ containers: [container('app', { image: 'registry.example.com/app:1.0' })] })],
  ['fails when the cpu limit is missing', deployment({ containers: [container('app', { resources: { limits: { memory: '1Gi' }, requests: { cpu: '1', memory: '1Gi' } } })] })],
  ['limits count as requests', deployment({ containers: [container('app', { resources: { limits: { cpu: '1', memory: '1Gi' } } })] })],
  ['fails when the requests are missing', deployment({ containers: [container('app', { resources: { limits: { cpu: '1' } } })] })],
  ['fails when the namespace is default', deployment({}, 'default')],
  ['fails when the namespace is kube-system', deployment({}, 'kube-system')],
];

describe('organization rules in CEL', () => {
  const evaluator = new PolicyEvaluator({ packs: [Packs.HARDENED], ruleParams: { imageRegistry: { allowed: ['registry.example.com/'] } } });
  const emitted = emitAdmissionPolicies({ evaluator, action: AdmissionAction.DENY });
  const expressed = new Set(emitted.policies.flatMap(p => p.policy.spec.validations.map((v: any) => v.message.split(':')[0])));
  const objects = CASES.map(([, object]) => {
    const out = defaulted(object);
    defaultVolumes(out.spec.template.spec);
    return out;
  });
  let verdicts: { [engine: string]: Verdict[] };

  beforeAll(async () => {
    verdicts = await evaluateAll([emitted.policies], objects.map(object => ({ object, namespace: object.metadata.namespace })));
  });

  test('the pod-scoped rules without a CEL form, and the cross-object ones, are listed', () => {
    // GIVEN the hardened pack WHEN emitting THEN the rules left out are named with their reason
    expect(emitted.unexpressed).toEqual([
      { ruleId: 'envSecretValue', reason: 'it has no CEL form' },
      { ruleId: 'hostPathReadOnly', reason: 'it has no CEL form' },
      { ruleId: 'imagePullPolicy', reason: 'it has no CEL form' },
      { ruleId: 'imageRegistry', reason: 'it has no CEL form' },
      { ruleId: 'imageTag', reason: 'it has no CEL form' },
      { ruleId: 'invalidImageReference', reason: 'it has no CEL form' },
      { ruleId: 'networkPolicy', reason: 'cross-object rule: it reads other objects than the one admitted' },
      { ruleId: 'rbacClusterAdmin', reason: 'manifest rule: it has no CEL form' },
      { ruleId: 'rbacEscalation', reason: 'manifest rule: it has no CEL form' },
      { ruleId: 'rbacExecAttach', reason: 'manifest rule: it has no CEL form' },
      { ruleId: 'rbacSecretsAccess', reason: 'manifest rule: it has no CEL form' },
      { ruleId: 'rbacWildcard', reason: 'manifest rule: it has no CEL form' },
      { ruleId: 'rbacWorkloadCreate', reason: 'manifest rule: it has no CEL form' },
      { ruleId: 'secretInManifest', reason: 'manifest rule: it has no CEL form' },
      { ruleId: 'serviceAccountToken', reason: 'cross-object rule: it reads other objects than the one admitted' },
      { ruleId: 'workloadPrivileges', reason: 'cross-object rule: it reads other objects than the one admitted' },
    ]);
    expect(JSON.parse(emitted.policies[0].policy.metadata.annotations['cdk8s-guard/unexpressed-rules'])).toEqual(emitted.unexpressed);
  });

  test('warning rules go to a policy whose binding warns and audits', () => {
    // GIVEN the hardened pack WHEN emitting THEN errors deny and warnings warn
    expect(emitted.policies.map(p => [p.policy.metadata.name, p.binding.spec.validationActions])).toEqual([
      ['cdk8s-guard', ['Deny']],
      ['cdk8s-guard-warnings', ['Warn', 'Audit']],
    ]);
  });

  test.each(CASES.map((c, i) => [c[0], i] as const))('%s', (_name, index) => {
    // GIVEN the rules the evaluator reports for the object (those in the policy)
    const expected = [...new Set(evaluator.evaluate(objects[index]).map(f => f.ruleId).filter(id => expressed.has(id)))].sort();
    for (const engine of ENGINES) {
      // WHEN the policies admit it THEN the failing validations are those rules, without errors
      const verdict = verdicts[engine][index];
      expect({ engine, errors: verdict.errors, rules: verdict.failures.map(m => m.split(':')[0]).sort() })
        .toEqual({ engine, errors: [], rules: expected });
    }
    if (index > 0 && !CASES[index][0].startsWith('fails when')) expect(expected).toEqual([]);
    if (CASES[index][0].startsWith('fails when')) expect(expected).not.toEqual([]);
  });
});
