import * as path from 'path';
import { json, runCli, TempDir } from './helpers';
import { ACCEPTANCE, IMAGES, VERDICT, verdictOf, writeScenario } from '../vulnerabilities/_scenario';

// These tests run the built CLI (lib/): run `npx projen compile` first.
jest.setTimeout(120_000);

let tmp: TempDir;
let files: ReturnType<typeof writeScenario>;

beforeEach(() => {
  tmp = new TempDir();
  files = writeScenario(tmp.dir);
});

afterEach(() => {
  tmp.cleanup();
});

const acceptConfig = () => [
  'vulnerabilities:',
  '  accept:',
  `    - id: ${ACCEPTANCE.id}`,
  `      reason: ${ACCEPTANCE.reason}`,
  `      expires: ${ACCEPTANCE.expires}`,
  '',
].join('\n');

describe('cdk8s-guard validate with scanner reports', () => {
  test('flags: --scan-report and --vex give the one verdict, and the run fails', () => {
    // GIVEN the scenario, with the acceptance in a config file
    tmp.write('guard.yaml', acceptConfig());
    // WHEN the CLI runs from the scenario's directory with relative flags
    const run = runCli(['validate', '--format', 'json', '--config', 'guard.yaml',
      '--scan-report', 'reports/alpine.json', '--scan-report', 'reports/grype.json', '--vex', 'vex/musl.json', 'manifests/pod.json'], { cwd: tmp.dir });
    // THEN
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const report = json(run);
    expect(verdictOf(report.results)).toEqual(VERDICT);
    const vulns = report.results.filter((r: any) => r.ruleId === 'imageVulnerabilities');
    expect(vulns[1].detail).toBe(`container "app" image "${IMAGES.alpine}": CVE-2019-14697 (critical) in musl-utils 1.1.20-r4, fixed in 1.1.20-r5 (scan report "reports/alpine.json")`);
    expect(vulns[1].fix).toBe('upgrade musl-utils to 1.1.20-r5');
    expect(vulns[0].suppressedBy).toBe('vex:vex/musl.json');
  });

  test('config file: the vulnerabilities section, paths relative to the config file, gives the same verdict', () => {
    // GIVEN a config file in ci/ naming the files relative to itself
    tmp.write('ci/guard.yaml', [
      'vulnerabilities:',
      '  reports: [../reports/alpine.json, ../reports/grype.json]',
      '  vex: [../vex/musl.json]',
      '  minSeverity: high',
      acceptConfig().split('\n').slice(1).join('\n'),
    ].join('\n'));
    // WHEN
    const run = runCli(['validate', '--format', 'json', '--config', path.join('ci', 'guard.yaml'), 'manifests/pod.json'], { cwd: tmp.dir });
    // THEN
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(verdictOf(json(run).results)).toEqual(VERDICT);
    expect(json(run).results.find((r: any) => r.container === 'app' && !r.suppressed).detail).toContain('(scan report "reports/alpine.json")');
  });

  test('--vuln-severity low and --ignore-unfixed change what is reported', () => {
    const run = runCli(['validate', '--format', 'json', '--scan-report', files.grype, '--vuln-severity', 'low', '--ignore-unfixed', files.manifest], { cwd: tmp.dir });
    const worker = json(run).results.filter((r: any) => r.ruleId === 'imageVulnerabilities' && r.container === 'worker');
    // CVE-1999-0002 has no fix and is skipped; the low CVE-1999-0001 is reported
    expect(worker.map((r: any) => [r.message, r.fix])).toEqual([['low vulnerability CVE-1999-0001', 'upgrade package-1 to 1.2.1']]);
    // the alpine image is covered by no report given here
    expect(json(run).results.find((r: any) => r.container === 'app').detail).toBe(`no scan report covers image "${IMAGES.alpine}" of container "app"`);
  });

  test('a broken report is an input error naming the file and line (exit 2), and the manifests are still checked', () => {
    // GIVEN a report that breaks off on line 3
    tmp.write('reports/broken.json', '{\n  "SchemaVersion": 2,\n  "Results": [\n');
    // WHEN
    const run = runCli(['validate', '--format', 'json', '--scan-report', 'reports/broken.json', '--scan-report', 'reports/alpine.json', 'manifests/pod.json'], { cwd: tmp.dir });
    // THEN
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('cdk8s-guard: reports/broken.json:4: scan report "reports/broken.json" cannot be read: it is not valid JSON: the text ends too early, regenerate it with "trivy image -f json" or "grype -o json"\n');
    const report = json(run);
    expect(report.errors).toEqual([{
      file: 'reports/broken.json',
      line: 4,
      message: 'scan report "reports/broken.json" cannot be read: it is not valid JSON: the text ends too early, regenerate it with "trivy image -f json" or "grype -o json"',
    }]);
    expect(verdictOf(report.results).map(v => v.container)).toEqual(['app', 'app', 'worker', 'tools']);
  });

  test('an unknown file and a missing file are input errors, and the text report lists them', () => {
    tmp.write('reports/other.json', '{"bomFormat": "CycloneDX", "specVersion": "1.5"}');
    const run = runCli(['validate', '--scan-report', 'reports/other.json', '--vex', 'vex/missing.json', 'manifests/pod.json'], { cwd: tmp.dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('scan report "reports/other.json" is neither Trivy JSON (SchemaVersion 2) nor Grype JSON (matches and source), regenerate it with "trivy image -f json" or "grype -o json"');
    expect(run.stdout).toContain('cannot read VEX document "vex/missing.json" (ENOENT), check the path');
    expect(run.stdout).toContain('no scan report covers the image');
  });

  test('an expired acceptance warns on stderr and no longer suppresses', () => {
    tmp.write('guard.yaml', acceptConfig().replace(ACCEPTANCE.expires, '2020-01-31'));
    const run = runCli(['validate', '--format', 'json', '--config', 'guard.yaml', '--scan-report', 'reports/grype.json', 'manifests/pod.json'], { cwd: tmp.dir });
    expect(run.stderr).toBe('cdk8s-guard: warning: acceptance of "CVE-1999-0002" expired on 2020-01-31 and no longer suppresses it: fix the vulnerability, or renew the acceptance with a later expires date\n');
    const worker = json(run).results.filter((r: any) => r.container === 'worker');
    expect(worker.map((r: any) => r.suppressed)).toEqual([false]);
  });

  test('SARIF results of the rule carry properties.security-severity', () => {
    const run = runCli(['validate', '--format', 'sarif', '--scan-report', 'reports/alpine.json', 'manifests/pod.json'], { cwd: tmp.dir });
    const results = JSON.parse(run.stdout).runs[0].results.filter((r: any) => r.ruleId === 'imageVulnerabilities');
    expect(results.map((r: any) => [r.properties.container, r.properties['security-severity']])).toEqual([
      ['app', '9.5'],
      ['app', '9.5'],
      ['worker', undefined],
      ['tools', undefined],
    ]);
  });

  test('--vuln-severity refuses an unknown level', () => {
    const run = runCli(['validate', '--vuln-severity', 'severe', 'manifests/pod.json'], { cwd: tmp.dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("error: option '--vuln-severity <level>' argument 'severe' is invalid. Allowed choices are critical, high, medium, low, unknown.");
  });

  test('without vulnerability settings the rule does not run', () => {
    const run = runCli(['validate', '--format', 'json', 'manifests/pod.json'], { cwd: tmp.dir });
    expect(run.code).toBe(0);
    expect(json(run).results).toEqual([]);
  });
});
