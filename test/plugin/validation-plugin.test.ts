import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { PssLevel, Severity } from '../../src/engine/types';
import { GuardValidationPlugin, GuardValidationPluginProps } from '../../src/plugin';
import { ReportFormat } from '../../src/report/format';
import { COMPLIANT_POD, PRIVILEGED_DEPLOYMENT, ROOT, TempDir } from '../cli/helpers';

jest.setTimeout(120_000);

let tmp: TempDir;

beforeEach(() => {
  tmp = new TempDir();
});

afterEach(() => {
  tmp.cleanup();
});

/** A stand-in for the cdk8s CLI's ValidationContext that records what the plugin reports. */
class FakeContext {
  public readonly violations: any[] = [];
  public submitted?: { status: string; metadata?: { [key: string]: string } };
  public readonly report = {
    addViolation: (v: any) => {
      if (this.submitted) throw new Error('violation added after submit');
      this.violations.push(v);
    },
    submit: (status: string, metadata?: { [key: string]: string }) => {
      this.submitted = { status, metadata };
    },
  };
  public readonly logger = { log: (_message: string) => undefined };
  constructor(public readonly manifests: string[], public readonly metadata: { [name: string]: { path: string } } = {}) {}
}

describe('GuardValidationPlugin properties', () => {
  test.each<[string, unknown, string]>([
    ['an unknown property', { levle: 'baseline' }, 'unknown property "levle", expecting one of: level, version, packs, config, allowRegistries, disallowAnnotationExemptions, failOn, reportFile, reportFormat, vulnerabilities'],
    ['an unknown level', { level: 'privileged' }, 'invalid level "privileged", expecting one of: baseline, restricted'],
    ['a bad version', { version: 'v1.05' }, 'invalid policy version "v1.05", expecting "latest" or "v1.<minor>" such as "v1.30"'],
    ['a version that is a number', { version: 1.3 }, 'invalid policy version 1.3, expecting "latest" or "v1.<minor>" such as "v1.30"'],
    ['packs that are not a list', { packs: 'hardened' }, 'packs must be a list of pack names such as ["hardened"], found "hardened"'],
    ['an empty config path', { config: '' }, 'config must be a file path, found ""'],
    ['an unknown failOn', { failOn: 'fatal' }, 'invalid failOn "fatal", expecting one of: error, warning, info'],
    ['an empty reportFile', { reportFile: '' }, 'reportFile must be a file path, found ""'],
    ['an unknown reportFormat', { reportFormat: 'xml' }, 'invalid reportFormat "xml", expecting one of: json, sarif, junit, markdown, text'],
  ])('fails for %s', (_name, props, message) => {
    expect(() => new GuardValidationPlugin(props as GuardValidationPluginProps)).toThrow(`cdk8s-guard validation plugin: ${message}`);
    expect(() => new GuardValidationPlugin(props as GuardValidationPluginProps)).toThrow(new Error(`cdk8s-guard validation plugin: ${message}`));
  });

  test('accepts no properties', () => {
    expect(new GuardValidationPlugin().props).toEqual({});
  });
});

describe('GuardValidationPlugin.validate', () => {
  test('reports each finding with its construct path, line and detail, and fails', async () => {
    // GIVEN a synthesized manifest and the construct metadata the cdk8s CLI passes
    const manifest = tmp.write('dist/web.k8s.yaml', PRIVILEGED_DEPLOYMENT);
    const ctx = new FakeContext([manifest], { web: { path: 'app/web/Deployment' } });

    // WHEN
    await new GuardValidationPlugin({ level: PssLevel.BASELINE }).validate(ctx);

    // THEN
    expect(ctx.violations).toEqual([{
      ruleName: 'privileged',
      recommendation: 'error: privileged',
      fix: 'remove securityContext.privileged or set it to false',
      violatingResources: [{
        resourceName: 'web',
        manifestPath: manifest,
        locations: ['spec.template.spec.containers[0].securityContext.privileged (line 12): container "nginx" must not set securityContext.privileged=true'],
      }],
    }]);
    expect(ctx.submitted).toEqual({
      status: 'failure',
      metadata: { 'Level': 'baseline', 'PSS version': expect.stringMatching(/^v1\.\d+$/), 'Resources': '1', 'Violations': '1', 'Suppressed': '0', 'Errors': '0' },
    });
  });

  test('succeeds when every resource complies', async () => {
    const ctx = new FakeContext([tmp.write('ok.k8s.yaml', COMPLIANT_POD)]);
    await new GuardValidationPlugin().validate(ctx);
    expect(ctx.violations).toEqual([]);
    expect(ctx.submitted?.status).toBe('success');
  });

  test('reports findings below failOn without failing', async () => {
    // GIVEN imageDigest as a warning on a compliant pod
    const config = tmp.write('guard.yaml', 'rules:\n  imageDigest:\n    severity: warning\n');
    const manifest = tmp.write('ok.k8s.yaml', COMPLIANT_POD);

    const relaxed = new FakeContext([manifest]);
    await new GuardValidationPlugin({ config }).validate(relaxed);
    expect(relaxed.violations.map(v => [v.ruleName, v.recommendation])).toEqual([['imageDigest', 'warning: image not pinned by digest']]);
    expect(relaxed.submitted?.status).toBe('success');

    const strict = new FakeContext([manifest]);
    await new GuardValidationPlugin({ config, failOn: Severity.WARNING }).validate(strict);
    expect(strict.submitted?.status).toBe('failure');
  });

  test('leaves out suppressed findings and counts them', async () => {
    const config = tmp.write('guard.yaml', 'suppressions:\n  - ruleId: privileged\n    reason: the node agent needs the host devices\n');
    const ctx = new FakeContext([tmp.write('web.k8s.yaml', PRIVILEGED_DEPLOYMENT)]);
    await new GuardValidationPlugin({ config, level: PssLevel.BASELINE }).validate(ctx);
    expect(ctx.violations).toEqual([]);
    expect(ctx.submitted?.status).toBe('success');
    expect(ctx.submitted?.metadata?.Suppressed).toBe('1');
  });

  test('fails with the reason when the settings are wrong', async () => {
    const ctx = new FakeContext([tmp.write('ok.k8s.yaml', COMPLIANT_POD)]);
    await new GuardValidationPlugin({ packs: ['nope'] }).validate(ctx);
    const message = 'unknown pack "nope", expecting one of: hardened, pss-baseline, pss-restricted, rbac';
    expect(ctx.violations).toEqual([{ ruleName: 'configuration', recommendation: message, fix: 'fix the cdk8s-guard plugin properties or config file', violatingResources: [] }]);
    expect(ctx.submitted).toEqual({ status: 'failure', metadata: { error: message } });
  });

  test('fails when a manifest cannot be read', async () => {
    const broken = tmp.write('broken.k8s.yaml', 'kind: Pod\nmetadata: {name: [x}\n');
    const ctx = new FakeContext([broken]);
    await new GuardValidationPlugin().validate(ctx);
    expect(ctx.violations).toHaveLength(1);
    expect(ctx.violations[0]).toMatchObject({
      ruleName: 'unreadableManifest',
      violatingResources: [{ resourceName: '', manifestPath: broken, locations: ['document 0 (line 2)'] }],
    });
    expect(ctx.submitted?.status).toBe('failure');
  });

  test('writes the full report when reportFile is set', async () => {
    const out = tmp.path('reports/guard.sarif');
    const ctx = new FakeContext([tmp.write('web.k8s.yaml', PRIVILEGED_DEPLOYMENT)], { web: { path: 'app/web/Deployment' } });
    await new GuardValidationPlugin({ reportFile: out, reportFormat: ReportFormat.SARIF }).validate(ctx);
    const sarif = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results.length).toBe(5);
  });
});

describe('cdk8s synth with the plugin (integration)', () => {
  test('runs the plugin on the synthesized manifests and fails the synth, naming constructs', () => {
    // GIVEN the example app in test/fixtures/plugin-app, whose cdk8s.yaml loads lib/plugin by path
    const app = path.join(ROOT, 'test', 'fixtures', 'plugin-app');
    const reports = tmp.path('reports.json');

    // WHEN the real cdk8s CLI synthesizes it
    const result = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'cdk8s'), [
      'synth', '--no-check-upgrade',
      '--output', tmp.path('dist'),
      '--plugins-dir', tmp.path('plugins'),
      '--validation-reports-output-file', reports,
    ], { cwd: app, encoding: 'utf8', timeout: 100_000, env: { ...process.env, NO_COLOR: '1' } });

    // THEN the synth fails with the cdk8s CLI's validation exit status
    expect(result.stderr).toContain('Validation failed. See above reports for details');
    expect(result.status).toBe(2);
    const [report] = JSON.parse(fs.readFileSync(reports, 'utf8')).reports;
    expect(report.summary).toMatchObject({ status: 'failure', metadata: { Level: 'restricted', Resources: '2', Violations: '4', Suppressed: '1', Errors: '0' } });
    // AND every violation is about the insecure Deployment, with its construct path; the config
    // file's suppression took seccompProfile_restricted out, and the compliant Pod has none
    expect(report.violations.map((v: any) => v.ruleName)).toEqual(['privileged', 'allowPrivilegeEscalation', 'capabilities_restricted', 'runAsNonRoot']);
    for (const v of report.violations) {
      expect(v.violatingConstructs).toEqual([expect.objectContaining({
        constructPath: 'web/Deployment',
        resourceName: 'web',
        manifestPath: tmp.path('dist/web.k8s.yaml'),
      })]);
    }
    expect(report.violations[0].violatingConstructs[0].locations).toEqual([
      'spec.template.spec.containers[0].securityContext.privileged (line 18): container "nginx" must not set securityContext.privileged=true',
    ]);
    // AND nothing was written into the fixture
    expect(fs.existsSync(path.join(app, 'dist'))).toBe(false);
  });
});
