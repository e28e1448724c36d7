import * as fs from 'fs';
import * as path from 'path';
import { ACCEPTANCE, POD, writeScenario } from './_scenario';
import { GuardConfig } from '../../src/config';
import { Severity } from '../../src/engine/types';
import { PolicyEvaluator } from '../../src/evaluator';
import { mergeVulnerabilityOptions, resolveVulnerabilities, withVulnerabilityRule } from '../../src/vulnerabilities/resolve';
import { VulnerabilitySeverity } from '../../src/vulnerabilities/types';
import { TempDir } from '../cli/helpers';

let tmp: TempDir;
let files: ReturnType<typeof writeScenario>;

beforeEach(() => {
  tmp = new TempDir();
  files = writeScenario(tmp.dir);
});

afterEach(() => {
  tmp.cleanup();
});

describe('mergeVulnerabilityOptions', () => {
  test('joins lists in order and lets a later value win', () => {
    expect(mergeVulnerabilityOptions(
      { reports: ['a.json'], minSeverity: VulnerabilitySeverity.LOW, accept: [ACCEPTANCE] },
      undefined,
      { reports: ['b.json'], vex: ['v.json'], minSeverity: VulnerabilitySeverity.CRITICAL, ignoreUnfixed: true },
    )).toEqual({ reports: ['a.json', 'b.json'], vex: ['v.json'], minSeverity: VulnerabilitySeverity.CRITICAL, ignoreUnfixed: true, accept: [ACCEPTANCE] });
  });

  test('is undefined when nothing is given, so that the rule does not run', () => {
    expect(mergeVulnerabilityOptions(undefined, undefined)).toBeUndefined();
    expect(resolveVulnerabilities(undefined, tmp.dir)).toEqual({ errors: [], warnings: [] });
  });
});

describe('resolveVulnerabilities', () => {
  test('names files below the base directory by their relative path, others by their absolute path', () => {
    // GIVEN a report below the base directory and a missing one elsewhere
    const elsewhere = path.join(path.dirname(tmp.dir), 'nowhere', 'scan.json');
    // WHEN
    const resolved = resolveVulnerabilities({ reports: [files.alpine, elsewhere, 'reports/missing.json'] }, tmp.dir);
    // THEN
    expect(resolved.errors).toEqual([
      { file: elsewhere, message: `cannot read scan report "${elsewhere}" (ENOENT), check the path` },
      { file: path.join('reports', 'missing.json'), message: `cannot read scan report "${path.join('reports', 'missing.json')}" (ENOENT), check the path` },
    ]);
    const evaluator = new PolicyEvaluator(withVulnerabilityRule({}, resolved.rule));
    const details = evaluator.evaluate(POD).filter(f => f.ruleId === 'imageVulnerabilities').map(f => f.detail);
    expect(details[0]).toMatch(/\(scan report "reports\/alpine\.json"\)$/);
  });

  test('keeps the severity a config file gives the rule', () => {
    // GIVEN a config that makes the rule a warning, and the gate
    const config = GuardConfig.parse('rules:\n  imageVulnerabilities:\n    severity: warning\n');
    const resolved = resolveVulnerabilities({ reports: [files.alpine] }, tmp.dir);
    // WHEN
    const evaluator = new PolicyEvaluator(withVulnerabilityRule(config.evaluatorProps(), resolved.rule));
    // THEN
    const severities = evaluator.evaluate(POD).filter(f => f.ruleId === 'imageVulnerabilities').map(f => f.severity);
    expect(severities.length).toBeGreaterThan(0);
    expect(new Set(severities)).toEqual(new Set([Severity.WARNING]));
  });

  test('refuses a config that turns the rule on without vulnerability settings', () => {
    const config = GuardConfig.parse('rules:\n  imageVulnerabilities: {}\n');
    expect(() => new PolicyEvaluator(withVulnerabilityRule(config.evaluatorProps(), undefined))).toThrow(new Error(
      'invalid parameters for rule "imageVulnerabilities": imageVulnerabilities reads scanner reports, which cannot be written as parameters: set the vulnerabilities section of the config file, --scan-report on the command line, or the vulnerabilities property of the guard or the plugin'));
  });

  test('reads nothing from the network: a URL is a file path that cannot be read', () => {
    const resolved = resolveVulnerabilities({ reports: ['https://example.com/scan.json'] }, tmp.dir);
    expect(resolved.errors.map(e => e.message)).toEqual([`cannot read scan report "${path.join('https:', 'example.com', 'scan.json')}" (ENOENT), check the path`]);
    expect(fs.existsSync(path.join(tmp.dir, 'https:'))).toBe(false);
  });
});
