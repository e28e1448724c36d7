import * as fs from 'fs';
import * as path from 'path';
import { GuardValidationPlugin, GuardValidationPluginProps } from '../../src/plugin';
import { ReportFormat } from '../../src/report/format';
import { VulnerabilitySeverity } from '../../src/vulnerabilities/types';
import { TempDir } from '../cli/helpers';
import { ACCEPTANCE, VERDICT, verdictOf, writeScenario } from '../vulnerabilities/_scenario';

let tmp: TempDir;
let files: ReturnType<typeof writeScenario>;

beforeEach(() => {
  tmp = new TempDir();
  files = writeScenario(tmp.dir);
});

afterEach(() => {
  tmp.cleanup();
});

/** A stand-in for the cdk8s CLI's ValidationContext that records what the plugin reports. */
class FakeContext {
  public readonly violations: any[] = [];
  public readonly logged: string[] = [];
  public submitted?: { status: string; metadata?: { [key: string]: string } };
  public readonly report = {
    addViolation: (v: any) => { this.violations.push(v); },
    submit: (status: string, metadata?: { [key: string]: string }) => { this.submitted = { status, metadata }; },
  };
  public readonly logger = { log: (message: string) => { this.logged.push(message); } };
  constructor(public readonly manifests: string[]) {}
}

async function validate(props: GuardValidationPluginProps): Promise<{ ctx: FakeContext; report: any }> {
  const reportFile = path.join(tmp.dir, 'out', 'report.json');
  const ctx = new FakeContext([files.manifest]);
  await new GuardValidationPlugin({ ...props, reportFile, reportFormat: ReportFormat.JSON }).validate(ctx);
  return { ctx, report: JSON.parse(fs.readFileSync(reportFile, 'utf8')) };
}

describe('GuardValidationPlugin with the vulnerability gate', () => {
  test('the vulnerabilities property gives the one verdict, and the validation fails', async () => {
    // WHEN the plugin runs with the scenario's reports, VEX and acceptance as properties
    const { ctx, report } = await validate({
      vulnerabilities: { reports: [files.alpine, files.grype], vex: [files.vex], accept: [ACCEPTANCE] },
    });
    // THEN
    expect(verdictOf(report.results)).toEqual(VERDICT);
    expect(ctx.submitted?.status).toBe('failure');
    expect(ctx.violations.filter(v => v.ruleName === 'imageVulnerabilities').map(v => v.recommendation)).toEqual([
      'error: critical vulnerability CVE-2019-14697',
      'error: image not pinned by digest',
    ]);
  });

  test('the config file\'s section gives the same verdict', async () => {
    const config = tmp.write('guard.yaml', [
      'vulnerabilities:',
      '  reports: [reports/alpine.json, reports/grype.json]',
      '  vex: [vex/musl.json]',
      '  accept:',
      `    - { id: ${ACCEPTANCE.id}, reason: ${ACCEPTANCE.reason}, expires: ${ACCEPTANCE.expires} }`,
      '',
    ].join('\n'));
    const { report } = await validate({ config });
    expect(verdictOf(report.results)).toEqual(VERDICT);
  });

  test('a broken report is a violation naming the file, and the manifests are still checked', async () => {
    const broken = tmp.write('reports/broken.json', 'not json');
    const { ctx, report } = await validate({ vulnerabilities: { reports: [broken, files.alpine], minSeverity: VulnerabilitySeverity.CRITICAL } });
    expect(ctx.violations.find(v => v.ruleName === 'unreadableScanInput')).toEqual({
      ruleName: 'unreadableScanInput',
      recommendation: `scan report "${broken}" cannot be read: it is not valid JSON, regenerate it with "trivy image -f json" or "grype -o json"`,
      fix: 'fix or regenerate the scanner report or VEX document',
      violatingResources: [{ resourceName: '', locations: ['file'], manifestPath: broken }],
    });
    expect(ctx.submitted?.status).toBe('failure');
    expect(verdictOf(report.results).map(v => v.container)).toEqual(['app', 'app', 'worker', 'tools']);
  });

  test('an expired acceptance is logged as a warning', async () => {
    const { ctx } = await validate({ vulnerabilities: { reports: [files.grype], accept: [{ ...ACCEPTANCE, expires: '2020-01-31' }] } });
    expect(ctx.logged).toEqual(['cdk8s-guard: warning: acceptance of "CVE-1999-0002" expired on 2020-01-31 and no longer suppresses it: fix the vulnerability, or renew the acceptance with a later expires date']);
  });

  test.each<[string, unknown, string]>([
    ['an unknown key', { report: ['a.json'] }, 'vulnerabilities.report: unknown key "report" in vulnerabilities, expecting one of: reports, vex, minSeverity, ignoreUnfixed, accept, maxReportAge'],
    ['a short acceptance reason', { accept: [{ id: 'CVE-1', reason: 'later', expires: '2027-01-31' }] },
      'vulnerabilities.accept[0].reason: acceptance of "CVE-1" needs a reason of at least 10 characters saying why the risk is accepted, found "later"'],
    ['an unknown minimum severity', { minSeverity: 'severe' }, 'vulnerabilities.minSeverity: invalid minSeverity "severe", expecting one of: critical, high, medium, low, unknown'],
  ])('fails for %s in the vulnerabilities property', (_name, vulnerabilities, message) => {
    expect(() => new GuardValidationPlugin({ vulnerabilities } as GuardValidationPluginProps)).toThrow(new Error(`cdk8s-guard validation plugin: ${message}`));
  });
});
