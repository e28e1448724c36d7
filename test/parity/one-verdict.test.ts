import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';

/**
 * One app, one verdict: the same app and config file give the same findings, suppressed findings,
 * reasons and unused suppressions under PolicyGuard, under `cdk8s-guard validate` on the app's
 * synthesized output, and under `cdk8s synth` with the GuardValidationPlugin.
 */

const ROOT = path.resolve(__dirname, '..', '..');
const APP = path.join(ROOT, 'test', 'fixtures', 'parity-app', 'app.js');
const CLI = path.join(ROOT, 'lib', 'cli', 'main.js');
const CDK8S = path.join(ROOT, 'node_modules', '.bin', 'cdk8s');
const PLUGIN = path.join(ROOT, 'lib', 'plugin');

interface Verdict {
  readonly findings: string[];
  readonly unused: string[];
}

/** The parts of a JSON report that make the verdict, as sorted one-line labels. */
function verdictOf(report: any): Verdict {
  const findings = report.results.map((r: any) => [
    r.ruleId, `${r.resource.kind}/${r.resource.name}`, r.container ?? '-',
    r.suppressed ? `suppressed by ${r.suppressedBy}: ${r.suppressionReason}` : r.severity,
  ].join(' '));
  const unused = report.unusedSuppressions.map((u: any) => [u.ruleId, u.scope, u.reason, ...(u.note ? [u.note] : [])].join(' | '));
  return { findings: findings.sort(), unused: unused.sort() };
}

function run(command: string, args: string[], cwd: string, env: { [key: string]: string } = {}) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 120_000, env: { ...process.env, NO_COLOR: '1', ...env } });
  if (result.error) throw result.error;
  return result;
}

/** Runs the app under the guard, the CLI on its output and the cdk8s CLI with the plugin, in a fresh directory. */
function threeFrontEnds(config: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guard-parity-'));
  fs.writeFileSync(path.join(dir, 'guard.yaml'), config);

  // the guard, synthesizing into dir/guarded
  const synth = run(process.execPath, [APP], dir, { GUARD_CONFIG: 'guard.yaml', OUTDIR: 'guarded', REPORT_DIR: 'guard-reports' });
  expect(synth.stderr).toBe('');
  expect(synth.status).toBe(0);
  const guard = JSON.parse(fs.readFileSync(path.join(dir, 'guard-reports', 'guard-report.json'), 'utf8'));

  // the CLI on the guard's outdir
  const cli = run(process.execPath, [CLI, 'validate', '--config', 'guard.yaml', '--format', 'json', 'guarded'], dir);
  expect(cli.stderr).toBe('');
  const validate = JSON.parse(cli.stdout);

  // the cdk8s CLI with the plugin, on the same app without a guard
  fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), [
    `app: ${JSON.stringify(`${process.execPath} ${APP}`)}`,
    'validations:',
    `  - package: ${JSON.stringify(PLUGIN)}`,
    '    version: 0.0.0',
    '    class: GuardValidationPlugin',
    '    properties:',
    '      config: guard.yaml',
    '      reportFile: plugin-report.json',
    '      reportFormat: json',
    '',
  ].join('\n'));
  const cdk8s = run(CDK8S, ['synth', '--no-check-upgrade', '--output', 'plugin-dist', '--plugins-dir', 'plugins'], dir);
  const plugin = JSON.parse(fs.readFileSync(path.join(dir, 'plugin-report.json'), 'utf8'));
  return { dir, guard, validate, cli, plugin, cdk8s };
}

const CASES: Array<{ name: string; config: string; expected: Verdict }> = [
  {
    name: 'code suppressions, a typed exception, and config suppressions used and unused',
    config: [
      'suppressions:',
      '  - ruleId: allowPrivilegeEscalation',
      '    reason: the debug shell is removed before release',
      '    resource: { kind: Pod, name: debug }',
      // not run at the restricted level without the hardened pack: it cannot be judged, so it is not listed
      '  - ruleId: imageDigest',
      '    reason: tags are pinned by the release process',
      // runs, matches nothing: unused everywhere
      '  - ruleId: runAsUser',
      '    reason: kept for the migration of the batch jobs',
      '',
    ].join('\n'),
    expected: {
      findings: [
        'allowPrivilegeEscalation Pod/debug shell suppressed by config:guard.yaml: the debug shell is removed before release',
        'capabilities_restricted Deployment/shop-legacy-c889ed9d web error',
        'runAsNonRoot Deployment/shop-agent-c8fcec0c agent suppressed by shop/agent: the agent reads root-owned files of the node',
        'seccompProfile_restricted Deployment/shop-legacy-c889ed9d web suppressed by shop/legacy: the node runtime applies its default seccomp profile',
      ],
      unused: ['runAsUser | config:guard.yaml | kept for the migration of the batch jobs'],
    },
  },
  {
    name: 'an unsuppressible rule wins over a code suppression',
    config: 'unsuppressible: [seccompProfile_restricted]\n',
    expected: {
      findings: [
        'allowPrivilegeEscalation Pod/debug shell error',
        'capabilities_restricted Deployment/shop-legacy-c889ed9d web error',
        'runAsNonRoot Deployment/shop-agent-c8fcec0c agent suppressed by shop/agent: the agent reads root-owned files of the node',
        'seccompProfile_restricted Deployment/shop-legacy-c889ed9d web error',
      ],
      unused: ['seccompProfile_restricted | shop/legacy | the node runtime applies its default seccomp profile | rule "seccompProfile_restricted" is unsuppressible'],
    },
  },
  {
    name: 'a pipeline that disallows annotation exemptions ignores every decision made in code',
    config: 'disallowAnnotationExemptions: true\n',
    expected: {
      findings: [
        'allowPrivilegeEscalation Pod/debug shell error',
        'capabilities_restricted Deployment/shop-legacy-c889ed9d web error',
        'runAsNonRoot Deployment/shop-agent-c8fcec0c agent error',
        'seccompProfile_restricted Deployment/shop-legacy-c889ed9d web error',
      ],
      unused: [],
    },
  },
];

describe.each(CASES)('$name', ({ config, expected }) => {
  let outcome: ReturnType<typeof threeFrontEnds>;
  beforeAll(() => {
    outcome = threeFrontEnds(config);
  });
  afterAll(() => fs.rmSync(outcome.dir, { recursive: true, force: true }));

  test('PolicyGuard gives the expected verdict', () => {
    expect(verdictOf(outcome.guard)).toEqual(expected);
  });

  test('cdk8s-guard validate on the synthesized output gives the same verdict', () => {
    expect(verdictOf(outcome.validate)).toEqual(expected);
    expect(outcome.cli.status).toBe(1);
  });

  test('cdk8s synth with the plugin gives the same verdict', () => {
    expect(verdictOf(outcome.plugin)).toEqual(expected);
    expect(outcome.cdk8s.status).toBe(2);
  });

  test('the outdir holds only Kubernetes objects, and the CLI reads every file without an input error', () => {
    const files = fs.readdirSync(path.join(outcome.dir, 'guarded'));
    expect(files.sort()).toEqual(['shop.k8s.yaml']);
    for (const file of files) {
      const docs = parseAllDocuments(fs.readFileSync(path.join(outcome.dir, 'guarded', file), 'utf8'));
      for (const doc of Array.isArray(docs) ? docs : [docs]) {
        const object = doc.toJS();
        expect(typeof object.apiVersion).toBe('string');
        expect(typeof object.kind).toBe('string');
      }
    }
    expect(outcome.validate.errors).toEqual([]);
  });
});
