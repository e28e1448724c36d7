import * as fs from 'fs';
import { CLI, json, runCli, runMain, TempDir } from './helpers';

let tmp: TempDir;
beforeEach(() => {
  tmp = new TempDir();
});
afterEach(() => {
  tmp.cleanup();
});

const RBAC = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: secret-reader
  namespace: shop
rules:
  - apiGroups: [""]
    resources: [secrets]
    verbs: [get, list]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: web-reads-secrets
  namespace: shop
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: secret-reader
subjects:
  - kind: ServiceAccount
    name: web
`;

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      serviceAccountName: web
      containers:
        - name: app
          image: registry.example.com/web:1.0
`;

const SERVICE_ACCOUNT = (automount: boolean) => `apiVersion: v1
kind: ServiceAccount
metadata:
  name: web
  namespace: shop
automountServiceAccountToken: ${automount}
`;

const WORKLOAD_DETAIL = 'Deployment "web" in namespace "shop" mounts the token of service account "web", and RoleBinding "web-reads-secrets" grants it '
  + 'Role "secret-reader" in namespace "shop", which in rules[0] grants get, list on secrets (rbacSecretsAccess)';

describe('the privileges behind each workload, in the CLI', () => {
  test('joins the binding, the role and the workload across files, with each finding at its own file and line', async () => {
    // GIVEN the RBAC objects in one file, the workload in another
    const rbac = tmp.write('m/rbac.yaml', RBAC);
    const deployment = tmp.write('m/web.yaml', DEPLOYMENT);
    // WHEN
    const run = await runMain(['validate', '--format', 'json', '--level', 'baseline', '--pack', 'rbac', tmp.path('m')]);
    // THEN
    expect(run.code).toBe(0);
    expect(json(run).results.map((r: any) => [r.ruleId, r.severity, r.file, r.documentIndex, r.line, r.detail])).toEqual([
      ['rbacSecretsAccess', 'warning', rbac, 0, 7, 'Role "secret-reader" in namespace "shop" grants get, list on secrets in rules[0]'],
      ['workloadPrivileges', 'warning', deployment, 0, 13, WORKLOAD_DETAIL],
    ]);
  });

  test('fails the run on the workload with --fail-on warning', async () => {
    tmp.write('m/rbac.yaml', RBAC);
    tmp.write('m/web.yaml', DEPLOYMENT);
    const run = await runMain(['validate', '--format', 'json', '--level', 'baseline', '--pack', 'rbac', '--fail-on', 'warning', tmp.path('m')]);
    expect(run.code).toBe(1);
  });

  test.each([
    ['does not report the workload when its ServiceAccount in a third file does not mount the token', false, []],
    ['reports the workload when its ServiceAccount mounts the token', true, ['workloadPrivileges']],
  ])('%s', async (_name, automount, workloadRules) => {
    // GIVEN
    tmp.write('m/rbac.yaml', RBAC);
    tmp.write('m/web.yaml', DEPLOYMENT);
    tmp.write('m/sa.yaml', SERVICE_ACCOUNT(automount));
    // WHEN
    const run = await runMain(['validate', '--format', 'json', '--level', 'baseline', '--pack', 'rbac', tmp.path('m')]);
    // THEN
    expect(json(run).results.map((r: any) => r.ruleId)).toEqual(['rbacSecretsAccess', ...workloadRules]);
  });

  test('serviceAccountToken takes the ServiceAccount of another file into account', async () => {
    // GIVEN a config that runs serviceAccountToken, the workload leaving the field unset
    const config = tmp.write('guard.yaml', 'level: baseline\nrules:\n  serviceAccountToken: {}\n');
    tmp.write('m/web.yaml', DEPLOYMENT);
    const alone = await runMain(['validate', '--format', 'json', '--config', config, tmp.path('m')]);
    expect(json(alone).results.map((r: any) => [r.ruleId, r.line])).toEqual([['serviceAccountToken', 12]]);
    // WHEN its ServiceAccount, which opts out, is in another file
    tmp.write('m/sa.yaml', SERVICE_ACCOUNT(false));
    const covered = await runMain(['validate', '--format', 'json', '--config', config, tmp.path('m')]);
    // THEN
    expect(json(covered).results).toEqual([]);
  });

  test('the built CLI reports the same on YAML (run `npx projen compile` first)', () => {
    // GIVEN
    expect(fs.existsSync(CLI)).toBe(true);
    tmp.write('m/rbac.yaml', RBAC);
    const deployment = tmp.write('m/web.yaml', DEPLOYMENT);
    // WHEN
    const run = runCli(['validate', '--format', 'json', '--level', 'baseline', '--pack', 'rbac', tmp.path('m')]);
    // THEN
    expect(run.stderr).toBe('');
    expect(json(run).results.filter((r: any) => r.ruleId === 'workloadPrivileges').map((r: any) => [r.file, r.line, r.detail])).toEqual([[deployment, 13, WORKLOAD_DETAIL]]);
  });
});
