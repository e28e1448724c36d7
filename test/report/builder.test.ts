import * as fs from 'fs';
import * as path from 'path';
import { CLI_RESULT, GUARD_RESULT, RULE_ERROR_RESULT, SUPPRESSED_RESULT, WARNING_RESULT } from './_fixture';
import { PolicyEvaluator, PssLevel, Severity } from '../../src';
import { Packs } from '../../src/packs';
import { ReportBuilder } from '../../src/report';

describe('ReportBuilder', () => {
  test('counts violations, suppressed findings, and errors (inputs plus rule errors)', () => {
    // WHEN
    const summary = ReportBuilder.summarize(
      [GUARD_RESULT, SUPPRESSED_RESULT, WARNING_RESULT, CLI_RESULT, RULE_ERROR_RESULT],
      7,
      [{ message: 'unreadable' }],
    );

    // THEN
    expect(summary).toEqual({ resources: 7, violations: 3, suppressed: 1, errors: 2 });
  });

  test('builds a report from the evaluator: level, versions, rules, and the given lists', () => {
    // GIVEN
    const evaluator = new PolicyEvaluator({ level: PssLevel.BASELINE, version: 'v1.24' });

    // WHEN
    const report = ReportBuilder.create({ evaluator, results: [GUARD_RESULT], resourceCount: 1 });

    // THEN
    expect(report).toMatchObject({
      level: PssLevel.BASELINE,
      version: 'v1.24',
      effectiveVersion: 'v1.24',
      summary: { resources: 1, violations: 1, suppressed: 0, errors: 0 },
      results: [GUARD_RESULT],
      errors: [],
      unusedSuppressions: [],
    });
    expect(report.toolVersion).toBe(JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')).version);
    expect(report.resources).toBeUndefined();
    expect(report.rules.map(r => r.ruleId)).toEqual(evaluator.ruleIds());
    expect(report.rules.every(r => r.severity === Severity.ERROR)).toBe(true);
  });

  test('rules take the severity the evaluator resolved for them', () => {
    // GIVEN
    const evaluator = new PolicyEvaluator({
      packs: [Packs.HARDENED],
      ruleParams: { imageRegistry: { allowed: ['registry.example.com'] } },
      severityOverrides: { imageDigest: Severity.ERROR },
      rules: [{ ruleId: 'secretEnv', severity: Severity.INFO }],
    });

    // WHEN
    const rules = ReportBuilder.rules(evaluator);

    // THEN
    const severity = (id: string) => rules.find(r => r.ruleId === id)?.severity;
    expect([severity('privileged'), severity('imageDigest'), severity('networkPolicy'), severity('secretEnv'), severity('imageTag')])
      .toEqual([Severity.ERROR, Severity.ERROR, Severity.WARNING, Severity.INFO, Severity.ERROR]);
    expect(rules.find(r => r.ruleId === 'imageDigest')).toMatchObject({ description: expect.any(String), message: expect.any(String), fix: expect.any(String) });
  });
});
