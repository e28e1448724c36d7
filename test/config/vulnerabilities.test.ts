import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { GuardConfig } from '../../src/config';
import { VulnerabilitySeverity } from '../../src/vulnerabilities/types';

describe('the vulnerabilities section of a config file', () => {
  test('reads every key, with report and VEX paths relative to the config file', () => {
    // GIVEN a config file in a directory of its own
    const text = [
      'vulnerabilities:',
      '  reports: [scans/api.trivy.json, /abs/grype.json]',
      '  vex: [vex/openvex.json]',
      '  minSeverity: medium',
      '  ignoreUnfixed: true',
      '  maxReportAge: 7d',
      '  accept:',
      '    - id: CVE-2019-14697',
      '      reason: musl is not reachable from the app',
      '      expires: 2027-01-31',
      '      images: [ghcr.io/acme/]',
      '      packages: [musl]',
      '',
    ].join('\n');
    // WHEN it is parsed
    const config = GuardConfig.parse(text, join('ci', 'guard.yaml'));
    // THEN
    expect(config.vulnerabilities).toEqual({
      reports: [join('ci', 'scans', 'api.trivy.json'), '/abs/grype.json'],
      vex: [join('ci', 'vex', 'openvex.json')],
      minSeverity: VulnerabilitySeverity.MEDIUM,
      ignoreUnfixed: true,
      maxReportAge: '7d',
      accept: [{ id: 'CVE-2019-14697', reason: 'musl is not reachable from the app', expires: '2027-01-31', images: ['ghcr.io/acme/'], packages: ['musl'] }],
    });
  });

  test('is absent when the config has no section', () => {
    expect(GuardConfig.parse('level: baseline\n').vulnerabilities).toBeUndefined();
  });

  test('keeps the paths as written in a config built in code', () => {
    expect(GuardConfig.fromProps({ vulnerabilities: { reports: ['scan.json'] } }).vulnerabilities).toEqual({ reports: ['scan.json'] });
  });

  test.each<[string, string, string]>([
    ['an unknown key', 'vulnerabilities:\n  report: [a.json]\n', 'guard.yaml:2:3: unknown key "report" in vulnerabilities, expecting one of: reports, vex, minSeverity, ignoreUnfixed, accept, maxReportAge'],
    ['a section that is not a map', 'vulnerabilities: [a.json]\n', 'guard.yaml:1:18: vulnerabilities must be a map with keys such as reports, minSeverity and accept, found a list'],
    ['reports that are not a list', 'vulnerabilities:\n  reports: a.json\n', 'guard.yaml:2:12: reports must be a list of Trivy or Grype JSON report files, found string "a.json"'],
    ['an empty report path', 'vulnerabilities:\n  reports: [a.json, ""]\n', 'guard.yaml:2:21: reports[1] must be a non-empty string (Trivy or Grype JSON report files), found string ""'],
    ['an unknown minimum severity', 'vulnerabilities:\n  minSeverity: severe\n', 'guard.yaml:2:16: invalid minSeverity "severe", expecting one of: critical, high, medium, low, unknown'],
    ['an uppercase minimum severity', 'vulnerabilities:\n  minSeverity: HIGH\n', 'guard.yaml:2:16: invalid minSeverity "HIGH", expecting one of: critical, high, medium, low, unknown'],
    ['ignoreUnfixed that is a string', 'vulnerabilities:\n  ignoreUnfixed: "yes"\n', 'guard.yaml:2:18: ignoreUnfixed must be true or false, found string "yes"'],
    ['a bad maxReportAge', 'vulnerabilities:\n  maxReportAge: 1 week\n', 'guard.yaml:2:17: invalid maxReportAge "1 week", expecting a whole number of days or hours such as "7d" or "12h"'],
    ['an acceptance without an id', 'vulnerabilities:\n  accept:\n    - reason: musl is not reachable\n      expires: 2027-01-31\n',
      'guard.yaml:3:7: an acceptance needs an id such as "CVE-2019-14697", found none'],
    ['an acceptance with a short reason', 'vulnerabilities:\n  accept:\n    - id: CVE-1\n      reason: later\n      expires: 2027-01-31\n',
      'guard.yaml:4:15: acceptance of "CVE-1" needs a reason of at least 10 characters saying why the risk is accepted, found "later"'],
    ['an acceptance without an expiry', 'vulnerabilities:\n  accept:\n    - id: CVE-1\n      reason: musl is not reachable\n',
      'guard.yaml:3:7: acceptance of "CVE-1" needs an expires date written YYYY-MM-DD such as "2027-01-31", found none'],
    ['an acceptance that expires on no real day', 'vulnerabilities:\n  accept:\n    - id: CVE-1\n      reason: musl is not reachable\n      expires: 2027-02-30\n',
      'guard.yaml:5:16: acceptance of "CVE-1" needs an expires date written YYYY-MM-DD such as "2027-01-31", found "2027-02-30"'],
    ['an acceptance with an unknown key', 'vulnerabilities:\n  accept:\n    - id: CVE-1\n      reason: musl is not reachable\n      expires: 2027-01-31\n      until: 2028-01-01\n',
      'guard.yaml:6:7: unknown key "until" in acceptance, expecting one of: id, reason, expires, images, packages'],
  ])('fails for %s, with the position', (_name, text, message) => {
    expect(() => GuardConfig.parse(text, 'guard.yaml')).toThrow(new Error(message));
  });

  test('lists every problem of the section', () => {
    expect(() => GuardConfig.parse('vulnerabilities:\n  minSeverity: severe\n  ignoreUnfixed: 1\n', 'guard.yaml')).toThrow(new Error([
      'guard.yaml:2:16: invalid minSeverity "severe", expecting one of: critical, high, medium, low, unknown',
      'guard.yaml:3:18: ignoreUnfixed must be true or false, found number 1',
    ].join('\n')));
  });

  test('reads a config file from disk with paths relative to it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'guard-vuln-config-'));
    try {
      const file = join(dir, 'guard.yaml');
      writeFileSync(file, 'vulnerabilities:\n  reports: [trivy.json]\n');
      expect(GuardConfig.fromFile(file).vulnerabilities).toEqual({ reports: [join(dir, 'trivy.json')] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
