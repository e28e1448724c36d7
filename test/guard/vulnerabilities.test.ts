import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, Chart, Testing } from 'cdk8s';
import { MemoryLogger, tempDir } from './_helpers';
import { GuardMode, PolicyGuard, PolicyGuardProps } from '../../src/guard';
import { VulnerabilitySeverity } from '../../src/vulnerabilities/types';
import { ACCEPTANCE, POD, VERDICT, verdictOf, writeScenario } from '../vulnerabilities/_scenario';

let dir: string;
let files: ReturnType<typeof writeScenario>;

beforeEach(() => {
  dir = tempDir('guard-vuln-');
  files = writeScenario(dir);
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function guarded(props: PolicyGuardProps): { app: ReturnType<typeof Testing.app>; guard: PolicyGuard; logger: MemoryLogger } {
  const app = Testing.app();
  const chart = new Chart(app, 'shop');
  new ApiObject(chart, 'pod', JSON.parse(JSON.stringify(POD)));
  const logger = new MemoryLogger();
  const guard = PolicyGuard.of(app, { reportFormats: [], logger, ...props });
  return { app, guard, logger };
}

describe('PolicyGuard with the vulnerability gate', () => {
  test('the vulnerabilities property gives the one verdict at the construct path', () => {
    // GIVEN the scenario's reports, VEX and acceptance as guard properties
    const { guard } = guarded({ vulnerabilities: { reports: [files.alpine, files.grype], vex: [files.vex], accept: [ACCEPTANCE] } });
    // WHEN
    const findings = guard.findings();
    // THEN
    expect(verdictOf(findings)).toEqual(VERDICT);
    expect(findings.filter(f => f.ruleId === 'imageVulnerabilities').map(f => f.constructPath)).toEqual(['shop/pod', 'shop/pod', 'shop/pod', 'shop/pod']);
  });

  test('the config file\'s section gives the same verdict', () => {
    const config = path.join(dir, 'guard.yaml');
    fs.writeFileSync(config, [
      'vulnerabilities:',
      '  reports: [reports/alpine.json, reports/grype.json]',
      '  vex: [vex/musl.json]',
      '  accept:',
      `    - { id: ${ACCEPTANCE.id}, reason: ${ACCEPTANCE.reason}, expires: ${ACCEPTANCE.expires} }`,
      '',
    ].join('\n'));
    const { guard } = guarded({ configFile: config });
    expect(verdictOf(guard.findings())).toEqual(VERDICT);
  });

  test('an unsuppressed vulnerability fails the synth in enforce mode', () => {
    const { app } = guarded({ vulnerabilities: { reports: [files.alpine, files.grype], vex: [files.vex], accept: [ACCEPTANCE] } });
    expect(() => app.synth()).toThrow(/cdk8s-guard: 2 findings at or above "error"/);
  });

  test('a broken report fails the synth in enforce mode, naming the file, and the manifests are still checked', () => {
    // GIVEN a report that is not JSON
    const broken = path.join(dir, 'reports', 'broken.json');
    fs.writeFileSync(broken, '{\n  "SchemaVersion": 2,\n  "Results": [}\n}\n');
    const { app, guard } = guarded({ vulnerabilities: { reports: [broken, files.alpine], minSeverity: VulnerabilitySeverity.CRITICAL } });
    // THEN the report lists the error, and the findings are there
    const message = `scan report "${broken}" cannot be read: it is not valid JSON, regenerate it with "trivy image -f json" or "grype -o json"`;
    expect(guard.report().errors).toEqual([{ file: broken, line: 3, message }]);
    expect(verdictOf(guard.findings()).map(v => v.container)).toEqual(['app', 'app', 'worker', 'tools']);
    expect(() => app.synth()).toThrow(`${broken}:3: ${message}`);
  });

  test('a broken report is printed in warn mode and the synth continues', () => {
    const broken = path.join(dir, 'reports', 'broken.json');
    fs.writeFileSync(broken, '');
    const { app, logger } = guarded({ mode: GuardMode.WARN, vulnerabilities: { reports: [broken] } });
    app.synth();
    expect(logger.messages[0].split('\n').slice(0, 2).join('\n')).toBe(`cdk8s-guard (warn): 1 unreadable input, the synth continues\n${broken}: scan report "${broken}" cannot be read: it is empty, regenerate it with "trivy image -f json" or "grype -o json"`);
  });

  test('an expired acceptance is logged once, at the call', () => {
    const { logger } = guarded({ vulnerabilities: { reports: [files.grype], accept: [{ ...ACCEPTANCE, expires: '2020-01-31' }] } });
    expect(logger.messages).toEqual(['cdk8s-guard: warning: acceptance of "CVE-1999-0002" expired on 2020-01-31 and no longer suppresses it: fix the vulnerability, or renew the acceptance with a later expires date']);
  });

  test('an unsuppressible imageVulnerabilities ignores VEX and acceptances', () => {
    const { guard } = guarded({
      vulnerabilities: { reports: [files.alpine, files.grype], vex: [files.vex], accept: [ACCEPTANCE] },
      unsuppressibleRules: ['imageVulnerabilities'],
    });
    expect(verdictOf(guard.findings()).map(v => v.suppressed)).toEqual([false, false, false, false]);
  });

  test('fails for a bad vulnerabilities property', () => {
    expect(() => guarded({ vulnerabilities: { maxReportAge: 'a week' } })).toThrow(new Error(
      'invalid policy guard property vulnerabilities.maxReportAge: invalid maxReportAge "a week", expecting a whole number of days or hours such as "7d" or "12h"'));
  });
});
