/**
 * Runs cdk8s-guard's rules on kube-linter's own test files for the matching checks, and compares
 * with kube-linter's expected results, read from its e2e test script (vendored with the files).
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { PssLevel } from '../../src/engine/types';
import { PolicyEvaluator } from '../../src/evaluator';

const DIR = path.join(__dirname, '..', 'fixtures', 'kube-linter');

/** kube-linter's expected reports for a check: `Kind: message`, from bats-tests.sh. */
function expectedReports(check: string): string[] {
  const script = fs.readFileSync(path.join(DIR, 'bats-tests.sh'), 'utf8');
  const start = script.indexOf(`@test "${check}" {`);
  if (start < 0) throw new Error(`bats-tests.sh has no test "${check}"`);
  const block = script.slice(start, script.indexOf('\n}\n', start));
  const count = Number(/\[\[ "\$\{count\}" == "(\d+)" \]\]/.exec(block)![1]);
  const messages = [...block.matchAll(/\[\[ "\$\{message\d\}" == "(.*)" \]\]/g)].map(m => m[1].replace(/\\"/g, '"'));
  expect(messages).toHaveLength(count);
  return messages;
}

function load(check: string): any[] {
  return parseAllDocuments(fs.readFileSync(path.join(DIR, `${check}.yml`), 'utf8')).map(d => d.toJS());
}

/** The findings of one rule, as `Kind/name: detail`. */
function ours(ruleId: string, manifests: any[]): string[] {
  const evaluator = new PolicyEvaluator({ level: PssLevel.PRIVILEGED, rules: [{ ruleId }] });
  return evaluator.evaluateAll(manifests).filter(f => f.ruleId === ruleId).map(f => `${f.resource.kind}/${f.resource.name}: ${f.detail}`);
}

/**
 * Each kube-linter check, the cdk8s-guard rule that covers it, what kube-linter expects, what
 * cdk8s-guard reports, and why they differ where they do.
 */
const CASES: Array<{ check: string; ruleId: string; ours: string[]; difference?: string }> = [
  {
    check: 'access-to-secrets',
    ruleId: 'rbacSecretsAccess',
    ours: ['Role/role1: Role "role1" in namespace "namespace-dev" grants get on secrets in rules[0]'],
    difference: 'by design: kube-linter reports the RoleBinding to the role, cdk8s-guard the Role that grants the access (the same permission, '
      + 'once); the workloads whose tokens hold it are reported by workloadPrivileges',
  },
  {
    check: 'access-to-create-pods',
    ruleId: 'rbacWorkloadCreate',
    ours: ['Role/role1: Role "role1" in namespace "namespace-dev" grants create on pods in rules[0]'],
    difference: 'by design: kube-linter reports the RoleBinding to the role, cdk8s-guard the Role that grants the access',
  },
  {
    check: 'cluster-admin-role-binding',
    ruleId: 'rbacClusterAdmin',
    ours: ['ClusterRoleBinding/role-binding1: ClusterRoleBinding "role-binding1" grants ClusterRole "cluster-admin" cluster-wide to ServiceAccount:namespace-dev/account1'],
  },
  {
    check: 'wildcard-in-rules',
    ruleId: 'rbacWildcard',
    ours: ['Role/role1: Role "role1" in namespace "namespace-dev" uses "*" in verbs in rules[0]'],
  },
  {
    check: 'env-var-secret',
    ruleId: 'envSecretValue',
    // the engine evaluates OpenShift's DeploymentConfig as a built-in well-known kind, as kube-linter does
    ours: [
      'Deployment/app: container "app" sets environment variable "SECRET_BLAH" to a literal value',
      'DeploymentConfig/app: container "app" sets environment variable "SECRET_BLAH" to a literal value',
    ],
  },
  {
    check: 'read-secret-from-env-var',
    ruleId: 'secretEnv',
    ours: [
      'Deployment/app1: container "app" reads key "token" of secret "my-secret" into environment variable "TOKEN"',
      'DeploymentConfig/app2: container "app" reads key "token" of secret "my-secret" into environment variable "TOKEN"',
    ],
  },
];

/** kube-linter's reports as `Kind`, our findings as `Kind` and the object they are on. */
function kinds(reports: readonly string[]): string[] {
  return reports.map(r => r.slice(0, r.search(/[:/]/)));
}

describe('kube-linter checks', () => {
  test.each(CASES)('$check: $ruleId reports what is recorded, and differs from kube-linter only where explained', c => {
    // GIVEN kube-linter's file and its expected reports
    const manifests = load(c.check);
    const expected = expectedReports(c.check);
    // WHEN
    const found = ours(c.ruleId, manifests);
    // THEN
    expect(found).toEqual(c.ours);
    const agrees = JSON.stringify(kinds(found)) === JSON.stringify(kinds(expected));
    expect({ agrees, explained: c.difference !== undefined }).toEqual({ agrees: c.difference === undefined, explained: !agrees });
  });

  test('kube-linter\'s expectations are the ones the differences explain', () => {
    expect(expectedReports('access-to-secrets')).toEqual(['RoleBinding: binding to "role1" role that has [get] access to [secrets]']);
    expect(expectedReports('access-to-create-pods')).toEqual(['RoleBinding: binding to "role1" role that has [create] access to [pods]']);
    expect(expectedReports('env-var-secret')).toEqual([
      'Deployment: environment variable SECRET_BLAH in container "app" found',
      'DeploymentConfig: environment variable SECRET_BLAH in container "app" found',
    ]);
  });

  test('agreement: of kube-linter\'s 8 reports, 6 on the same object and 2 on the role instead of its binding', () => {
    // GIVEN kube-linter's reports and ours, as kinds
    const tally = { kubeLinter: 0, cdk8sGuard: 0, sameObject: 0, roleForBinding: 0, unmatched: 0 };
    for (const c of CASES) {
      const theirs = kinds(expectedReports(c.check));
      const left = kinds(ours(c.ruleId, load(c.check)));
      tally.kubeLinter += theirs.length;
      tally.cdk8sGuard += left.length;
      // WHEN each of kube-linter's reports is matched with one of ours on the same kind, else on the role it binds
      for (const kind of theirs) {
        const same = left.indexOf(kind);
        const role = kind === 'RoleBinding' ? left.indexOf('Role') : -1;
        if (same >= 0) {
          tally.sameObject++;
          left.splice(same, 1);
        } else if (role >= 0) {
          tally.roleForBinding++;
          left.splice(role, 1);
        } else {
          tally.unmatched++;
        }
      }
      // THEN cdk8s-guard reports nothing kube-linter does not
      expect(left).toEqual([]);
    }
    expect(tally).toEqual({ kubeLinter: 8, cdk8sGuard: 8, sameObject: 6, roleForBinding: 2, unmatched: 0 });
  });
});
