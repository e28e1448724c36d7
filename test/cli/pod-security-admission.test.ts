/**
 * podSecurityAdmission in the CLI and the cdk8s CLI plugin: a Namespace among the inputs counts,
 * and so does the config key, and no suppression hides it.
 */
import * as path from 'path';
import { PRIVILEGED_DEPLOYMENT, runMain, TempDir } from './helpers';
import { PssLevel } from '../../src/engine/types';
import { GuardValidationPlugin } from '../../src/plugin';

const NAMESPACE = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    pod-security.kubernetes.io/enforce: baseline
`;

const SUPPRESSION = `suppressions:
  - ruleId: privileged
    reason: the nginx sidecar tunes the node network
    resource: {kind: Deployment, namespace: shop, name: web}
`;

const DETAIL = 'pod-security admission of namespace "shop" (SOURCE) rejects the pods of Deployment "web": baseline:latest fails privileged';

let tmp: TempDir;
beforeEach(() => { tmp = new TempDir(); });
afterEach(() => tmp.cleanup());

/** The podSecurityAdmission results of a JSON report, and whether privileged was suppressed. */
function summary(stdout: string) {
  const results = JSON.parse(stdout).results;
  return {
    privilegedSuppressed: results.filter((r: any) => r.ruleId === 'privileged').map((r: any) => r.suppressed),
    admission: results.filter((r: any) => r.ruleId === 'podSecurityAdmission').map((r: any) => [r.severity, r.suppressed ?? false, r.detail]),
  };
}

describe('podSecurityAdmission in the CLI', () => {
  test.each<[string, string[], string | undefined, string]>([
    ['fails when a Namespace among the inputs enforces baseline', [NAMESPACE, PRIVILEGED_DEPLOYMENT], SUPPRESSION, 'label pod-security.kubernetes.io/enforce=baseline'],
    ['fails when the config declares the namespace', [PRIVILEGED_DEPLOYMENT], `${SUPPRESSION}namespaces:\n  shop: {enforce: baseline}\n`, 'config namespaces enforce=baseline, enforce-version=latest'],
    ['fails when the cluster default enforces baseline', [PRIVILEGED_DEPLOYMENT], `${SUPPRESSION}podSecurityDefaults: {enforce: baseline}\n`, 'the cluster default enforce=baseline, enforce-version=latest'],
  ])('%s, whatever the suppressions', async (_name, documents, config, source) => {
    // GIVEN the privileged Deployment, suppressed by the config, in a namespace that enforces baseline
    const files = documents.map((d, i) => tmp.write(`m${i}.yaml`, d));
    const args = config !== undefined ? ['--config', tmp.write('guard.yaml', config)] : [];
    // WHEN validating
    const run = await runMain(['validate', '--level', 'baseline', '--format', 'json', ...args, ...files]);
    // THEN privileged is suppressed, but podSecurityAdmission is an unsuppressed error naming the
    // suppression that hides the check here, and the run fails
    const hidden = `; suppressed here but not in the cluster: privileged (by config:${path.join(tmp.dir, 'guard.yaml')}: the nginx sidecar tunes the node network)`;
    expect(summary(run.stdout)).toEqual({ privilegedSuppressed: [true], admission: [['error', false, DETAIL.replace('SOURCE', source) + hidden]] });
    expect(run.code).toBe(1);
  });

  test('an unlabelled namespace follows the privileged cluster default', async () => {
    // GIVEN the suppressed Deployment without a Namespace or config namespaces
    const run = await runMain(['validate', '--level', 'baseline', '--format', 'json', '--config', tmp.write('guard.yaml', SUPPRESSION), tmp.write('d.yaml', PRIVILEGED_DEPLOYMENT)]);
    // WHEN validating THEN nothing is left
    expect(summary(run.stdout)).toEqual({ privilegedSuppressed: [true], admission: [] });
    expect(run.code).toBe(0);
  });
});

/** A stand-in for the cdk8s CLI's ValidationContext. */
class FakeContext {
  public readonly violations: any[] = [];
  public submitted?: { status: string };
  public readonly report = {
    addViolation: (v: any) => { this.violations.push(v); },
    submit: (status: string) => { this.submitted = { status }; },
  };
  public readonly logger = { log: (_message: string) => undefined };
  constructor(public readonly manifests: string[]) {}
}

describe('podSecurityAdmission in the plugin', () => {
  test('fails when a Namespace among the manifests enforces baseline, whatever the suppressions', async () => {
    // GIVEN the suppressed Deployment and its baseline Namespace in the synthesized manifests
    const ctx = new FakeContext([tmp.write('dist/app.k8s.yaml', `${NAMESPACE}---\n${PRIVILEGED_DEPLOYMENT}`)]);
    // WHEN the plugin validates them
    await new GuardValidationPlugin({ level: PssLevel.BASELINE, config: tmp.write('guard.yaml', SUPPRESSION) }).validate(ctx);
    // THEN podSecurityAdmission is the one violation, and the validation fails
    expect(ctx.violations.map(v => [v.ruleName, v.recommendation])).toEqual([
      ['podSecurityAdmission', 'error: pod-security admission of the namespace rejects the pods'],
    ]);
    expect(ctx.submitted?.status).toBe('failure');
  });
});
