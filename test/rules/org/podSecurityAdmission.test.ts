import { deployment, evaluateRule } from './helpers';
import { PolicyEvaluator } from '../../../src/evaluator';

/** A Namespace object with pod-security labels. */
function namespace(name: string, labels: { [key: string]: string }): any {
  const prefixed: { [key: string]: string } = {};
  for (const key of Object.keys(labels)) prefixed[`pod-security.kubernetes.io/${key}`] = labels[key];
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: prefixed } };
}

/** A Deployment whose container runs privileged (baseline fails) and is otherwise restricted-clean. */
const PRIVILEGED = () => deployment({
  securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
  containers: [{ name: 'app', image: 'app:1', securityContext: { privileged: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }],
}, 'payments');

/** A Deployment that passes baseline but not restricted (no runAsNonRoot). */
const ROOT = () => deployment({ containers: [{ name: 'app', image: 'app:1' }] }, 'payments');

type Row = [string, any[], { [key: string]: any } | undefined, Array<[string, string]>];

describe('podSecurityAdmission', () => {
  test.each<Row>([
    ['passes when the namespace is unlabelled (the cluster default is privileged)', [PRIVILEGED()], undefined, []],
    ['fails when a Namespace object enforces baseline', [namespace('payments', { enforce: 'baseline' }), PRIVILEGED()], undefined,
      [['error', 'pod-security admission of namespace "payments" (label pod-security.kubernetes.io/enforce=baseline) rejects the pods of Deployment "web": baseline:latest fails privileged']]],
    ['passes when the Namespace object enforces baseline and the pod meets it', [namespace('payments', { enforce: 'baseline' }), ROOT()], undefined, []],
    ['warns when the Namespace object warns restricted', [namespace('payments', { 'enforce': 'baseline', 'warn': 'restricted', 'warn-version': 'v1.30' }), ROOT()], undefined,
      [['warning', 'pod-security admission of namespace "payments" (label pod-security.kubernetes.io/warn=restricted, warn-version=v1.30) warns about the pods of Deployment "web": restricted:v1.30 fails allowPrivilegeEscalation, capabilities_restricted, runAsNonRoot, seccompProfile_restricted']]],
    ['fails when a label is invalid: restricted at latest, as pod-security admission does', [namespace('payments', { enforce: 'strict' }), ROOT()], undefined,
      [['error', 'pod-security admission of namespace "payments" (label pod-security.kubernetes.io/enforce=strict (invalid, so restricted at latest)) rejects the pods of Deployment "web": restricted:latest fails allowPrivilegeEscalation, capabilities_restricted, runAsNonRoot, seccompProfile_restricted']]],
    ['fails when the config declares the namespace', [PRIVILEGED()], { namespaces: { payments: { enforce: 'baseline', enforceVersion: 'v1.30' } } },
      [['error', 'pod-security admission of namespace "payments" (config namespaces enforce=baseline, enforce-version=v1.30) rejects the pods of Deployment "web": baseline:v1.30 fails privileged']]],
    ['fails when the cluster default enforces baseline', [PRIVILEGED()], { defaults: { enforce: 'baseline' } },
      [['error', 'pod-security admission of namespace "payments" (the cluster default enforce=baseline, enforce-version=latest) rejects the pods of Deployment "web": baseline:latest fails privileged']]],
    ['a Namespace object wins over the config', [namespace('payments', { enforce: 'privileged' }), PRIVILEGED()], { namespaces: { payments: { enforce: 'baseline' } } }, []],
    ['an object without a namespace is in the default namespace', [namespace('default', { enforce: 'baseline' }), deployment({ containers: [{ name: 'app', image: 'app:1', securityContext: { privileged: true } }] })], undefined,
      [['error', 'pod-security admission of namespace "default" (label pod-security.kubernetes.io/enforce=baseline) rejects the pods of Deployment "web": baseline:latest fails privileged']]],
  ])('%s', (_name, manifests, params, expected) => {
    // GIVEN the manifests WHEN the rule runs alone
    const findings = evaluateRule('podSecurityAdmission', manifests, params);
    // THEN each failing mode is one finding with its severity and detail
    expect(findings.map(f => [f.severity, f.detail])).toEqual(expected);
  });

  test('the finding points at the first failing field of the List item', () => {
    // GIVEN a List holding the namespace and the workload WHEN the rule runs
    const findings = evaluateRule('podSecurityAdmission', [{ apiVersion: 'v1', kind: 'List', items: [namespace('payments', { enforce: 'baseline' }), PRIVILEGED()] }]);
    // THEN the path is absolute in the List
    expect(findings.map(f => f.path)).toEqual(['/items/1/spec/template/spec/containers/0/securityContext/privileged']);
  });

  test.each([
    ['an unknown key', { namespaces: { payments: { enforced: 'baseline' } } }, 'namespace "payments" has unknown key "enforced", expecting one of: enforce, enforceVersion, warn, warnVersion, audit, auditVersion'],
    ['an unknown level', { namespaces: { payments: { enforce: 'strict' } } }, 'namespace "payments" has enforce "strict", expecting one of: privileged, baseline, restricted'],
    ['a bad version', { defaults: { enforceVersion: 1.3 } }, 'defaults has enforceVersion number 1.3, expecting "latest" or "v1.<minor>" such as "v1.30" (quote it)'],
    ['namespaces that are no map', { namespaces: ['payments'] }, 'namespaces must be a map from namespace name to labels, found a list'],
  ])('fails when the parameters have %s', (_name, params, problem) => {
    // GIVEN bad parameters WHEN building the evaluator THEN the error names the value and the fix
    expect(() => new PolicyEvaluator({ rules: [{ ruleId: 'podSecurityAdmission', params }] }))
      .toThrow(new Error(`invalid parameters for rule "podSecurityAdmission": ${problem}`));
  });
});
