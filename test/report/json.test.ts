import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import { CLI_RESULT, emptyReport, fullReport, HARDENING, SUPPRESSED_RESULT } from './_fixture';
import { ReportFormat, ReportRenderer } from '../../src/report';

/** The JSON schema documented in docs/reports.md (the first ```json block). */
function documentedSchema(): object {
  const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'reports.md'), 'utf8');
  const match = /```json\n([\s\S]*?)\n```/.exec(doc);
  if (!match) throw new Error('docs/reports.md has no json block');
  return JSON.parse(match[1]);
}

describe('JSON report', () => {
  const validate = new Ajv({ allErrors: true, strict: true }).compile(documentedSchema());

  test.each([
    ['a full report', fullReport()],
    ['an empty report', emptyReport()],
    ['a report with a hardening section', { ...fullReport(), hardening: HARDENING }],
  ])('%s validates against the schema documented in docs/reports.md', (_name, report) => {
    // WHEN
    const json = JSON.parse(ReportRenderer.render(report, ReportFormat.JSON));

    // THEN
    expect(validate.errors ?? []).toEqual([]);
    expect(validate(json)).toBe(true);
  });

  test('has the metadata, the summary and every list', () => {
    // WHEN
    const json = JSON.parse(ReportRenderer.render(fullReport(), ReportFormat.JSON));

    // THEN
    expect(Object.keys(json)).toEqual(['schemaVersion', 'tool', 'policy', 'summary', 'results', 'errors', 'skipped', 'unusedSuppressions', 'rules']);
    expect(json.schemaVersion).toBe(1);
    expect(json.tool).toEqual({ name: 'cdk8s-guard', version: '1.2.3' });
    expect(json.policy).toEqual({ level: 'restricted', version: 'latest', effectiveVersion: 'v1.33' });
    expect(json.summary).toEqual({ resources: 3, violations: 4, suppressed: 1, errors: 2, skipped: 1 });
    expect(json.skipped).toEqual([{ file: 'manifests/chart/Chart.yaml', reason: 'holds no Kubernetes object: a Helm chart description (Chart.yaml)' }]);
    expect(json.results).toHaveLength(6);
    expect(json.errors).toEqual([{ file: 'manifests/broken.yaml', documentIndex: 0, line: 2, message: 'invalid YAML: bad indentation' }]);
    expect(json.unusedSuppressions[1]).toEqual({ ruleId: 'privileged', reason: 'kept for the migration', scope: 'config:guard.yaml', note: 'rule "privileged" is unsuppressible' });
    expect(json.rules.map((r: any) => r.id)).toEqual(['privileged', 'capabilities_restricted', 'teamLabel']);
  });

  test('keeps a suppressed finding with its reason, in a fixed key order', () => {
    // WHEN
    const json = JSON.parse(ReportRenderer.render(fullReport(), ReportFormat.JSON));

    // THEN
    const suppressed = json.results[1];
    expect(Object.keys(suppressed)).toEqual([
      'ruleId', 'severity', 'level', 'message', 'detail', 'fix', 'path', 'container', 'resource',
      'constructPath', 'file', 'suppressed', 'suppressionReason', 'suppressedBy', 'helpUri',
    ]);
    expect(suppressed.suppressionReason).toBe(SUPPRESSED_RESULT.suppressionReason);
  });

  test('omits fields without a value and keeps CLI locations', () => {
    // WHEN
    const json = JSON.parse(ReportRenderer.render(fullReport(), ReportFormat.JSON));

    // THEN
    expect(json.results[3]).toEqual({
      ruleId: 'privileged',
      severity: 'error',
      level: 'baseline',
      message: 'privileged',
      detail: CLI_RESULT.detail,
      fix: CLI_RESULT.fix,
      path: '/spec/containers/0/securityContext/privileged',
      container: 'debug',
      resource: { apiVersion: 'v1', kind: 'Pod', name: 'debug' },
      file: 'manifests/debug pod.yaml',
      documentIndex: 1,
      line: 14,
      suppressed: false,
    });
  });

  test('adds the hardening section only when hardening ran, keys in a fixed order', () => {
    // GIVEN a report without and with hardening
    // WHEN both are rendered
    const without = JSON.parse(ReportRenderer.render(fullReport(), ReportFormat.JSON));
    const withIt = JSON.parse(ReportRenderer.render({ ...fullReport(), hardening: HARDENING }, ReportFormat.JSON));
    // THEN the section is additive: absent without hardening, and every other key unchanged
    expect('hardening' in without).toBe(false);
    expect(Object.keys(withIt)).toEqual([...Object.keys(without), 'hardening']);
    expect(withIt.hardening).toEqual([{
      resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'ingress', name: 'controller' },
      constructPath: 'app/ingress/controller',
      file: 'vendor/ingress.yaml',
      documentIndex: 14,
      operations: [{ op: 'add', path: '/spec/template/spec/securityContext', value: { seccompProfile: { type: 'RuntimeDefault' } }, ruleId: 'seccompProfile_restricted' }],
      decisions: [{ ruleId: 'privileged', severity: 'error', message: 'privileged', detail: 'container "c" must not set securityContext.privileged=true', path: '/spec/template/spec/containers/0/securityContext/privileged', container: 'c' }],
    }]);
  });

  test('ends with a line break', () => {
    expect(ReportRenderer.render(emptyReport(), ReportFormat.JSON).endsWith('}\n')).toBe(true);
  });
});
