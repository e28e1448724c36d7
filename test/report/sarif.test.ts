import * as fs from 'fs';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type * as sarif from 'sarif';
import { emptyReport, fullReport, SUPPRESSED_RESULT } from './_fixture';
import { ReportFormat, ReportRenderer } from '../../src/report';

/**
 * The official SARIF 2.1.0 schema declares JSON Schema draft-04, which Ajv 8 does not ship. The
 * only draft-04 keyword it uses that later drafts spell differently is the top-level `id`
 * (draft-06+ `$id`); it has no boolean exclusiveMinimum/Maximum. So it is validated with Ajv's
 * draft-07 class after renaming `id` and dropping the draft-04 `$schema`. Its `language` pattern
 * (`...{2}]?$`) is only valid without the regular-expression `u` flag, hence `unicodeRegExp: false`.
 */
function sarifValidator() {
  const schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
  expect(schema.$schema).toBe('http://json-schema.org/draft-04/schema#');
  const text = JSON.stringify(schema);
  expect(text).not.toMatch(/"exclusiveM(in|ax)imum":\s*(true|false)/);
  const { $schema: _draft, id, ...rest } = schema;
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile({ $id: id, ...rest });
}

function render(report = fullReport()): sarif.Log {
  return JSON.parse(ReportRenderer.render(report, ReportFormat.SARIF));
}

describe('SARIF report', () => {
  const validate = sarifValidator();

  test.each([
    ['a full report', fullReport()],
    ['an empty report', emptyReport()],
  ])('%s validates against the SARIF 2.1.0 schema', (_name, report) => {
    // WHEN
    const log = render(report);
    const valid = validate(log);

    // THEN
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(log.version).toBe('2.1.0');
  });

  test('the validator is not vacuous: it rejects a log with a wrong level', () => {
    // GIVEN
    const log: any = render();
    log.runs[0].results[0].level = 'fatal';

    // THEN
    expect(validate(log)).toBe(false);
  });

  test('has one rule entry per rule ID, with help text, including IDs only seen in results', () => {
    // WHEN
    const driver = render().runs[0].tool.driver;

    // THEN
    expect(driver.name).toBe('cdk8s-guard');
    expect(driver.version).toBe('1.2.3');
    expect(driver.rules!.map(r => r.id)).toEqual(['privileged', 'capabilities_restricted', 'teamLabel', 'invalidInput']);
    expect(driver.rules![0]).toMatchObject({
      shortDescription: { text: 'privileged' },
      fullDescription: { text: 'Containers must not run privileged.' },
      help: { text: 'Containers must not run privileged.\nFix: remove securityContext.privileged or set it to false' },
      helpUri: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
      defaultConfiguration: { level: 'error' },
    });
    expect(driver.rules![2].defaultConfiguration).toEqual({ level: 'warning' });
  });

  test('locates a guard finding by construct path and manifest file', () => {
    // WHEN
    const result = render().runs[0].results![0];

    // THEN
    expect(result).toMatchObject({
      ruleId: 'capabilities_restricted',
      ruleIndex: 1,
      level: 'error',
      message: { text: 'unrestricted capabilities: container "main" must set securityContext.capabilities.drop=["ALL"] (at /spec/template/spec/containers/0/securityContext/capabilities/drop; fix: drop ALL)' },
      locations: [{
        physicalLocation: { artifactLocation: { uri: 'dist/shop.k8s.yaml' } },
        logicalLocations: [{ name: 'Resource', fullyQualifiedName: 'shop/web/Resource', kind: 'resource' }],
      }],
    });
    expect(result.locations![0].physicalLocation!.region).toBeUndefined();
    expect(result.partialFingerprints!['cdk8sGuard/v1']).toMatch(/^[0-9a-f]{28}$/);
  });

  test('locates a CLI finding by file, line and resource, with the file name URI-encoded', () => {
    // WHEN
    const result = render().runs[0].results![3];

    // THEN
    expect(result.locations).toEqual([{
      physicalLocation: { artifactLocation: { uri: 'manifests/debug%20pod.yaml' }, region: { startLine: 14 } },
      logicalLocations: [{ name: 'Pod debug', fullyQualifiedName: 'Pod debug', kind: 'resource' }],
    }]);
  });

  test('turns absolute paths into file URIs', () => {
    // GIVEN
    const report = { ...emptyReport(), results: [{ ...fullReport().results[0], file: '/tmp/out dir/app.k8s.yaml' }] };

    // WHEN
    const result = render(report).runs[0].results![0];

    // THEN
    expect(result.locations![0].physicalLocation!.artifactLocation!.uri).toBe('file:///tmp/out%20dir/app.k8s.yaml');
  });

  test('carries a suppressed finding as a suppression with its justification', () => {
    // WHEN
    const results = render().runs[0].results!;

    // THEN
    expect(results[1].suppressions).toEqual([{
      kind: 'inSource',
      status: 'accepted',
      justification: SUPPRESSED_RESULT.suppressionReason,
      properties: { suppressedBy: 'shop/web' },
    }]);
    expect(results.filter(r => r.suppressions).length).toBe(1);
  });

  test('marks config-file suppressions as external', () => {
    // GIVEN
    const report = { ...emptyReport(), results: [{ ...SUPPRESSED_RESULT, suppressedBy: 'config:guard.yaml' }] };

    // THEN
    expect(render(report).runs[0].results![0].suppressions![0].kind).toBe('external');
  });

  test('maps severities to levels and rule errors to kind fail', () => {
    // WHEN
    const results = render().runs[0].results!;

    // THEN
    expect(results.map(r => [r.ruleId, r.level, r.kind])).toEqual([
      ['capabilities_restricted', 'error', undefined],
      ['privileged', 'error', undefined],
      ['teamLabel', 'warning', undefined],
      ['privileged', 'error', undefined],
      ['teamLabel', 'error', 'fail'],
      ['invalidInput', 'error', undefined],
    ]);
  });

  test('lists input errors, unused suppressions and skipped files as notifications', () => {
    // WHEN
    const run = render().runs[0];

    // THEN
    expect(run.invocations).toEqual([{
      executionSuccessful: false,
      toolExecutionNotifications: [
        {
          level: 'error',
          message: { text: 'invalid YAML: bad indentation' },
          descriptor: { id: 'inputError' },
          locations: [{ physicalLocation: { artifactLocation: { uri: 'manifests/broken.yaml' }, region: { startLine: 2 } } }],
        },
        { level: 'warning', message: { text: 'unused suppression of "runAsNonRoot" at shop (containers "main"): images run as nobody' }, descriptor: { id: 'unusedSuppression' } },
        { level: 'warning', message: { text: 'unused suppression of "privileged" at config:guard.yaml: kept for the migration; rule "privileged" is unsuppressible' }, descriptor: { id: 'unusedSuppression' } },
        {
          level: 'note',
          message: { text: 'skipped: holds no Kubernetes object: a Helm chart description (Chart.yaml)' },
          descriptor: { id: 'skippedFile' },
          locations: [{ physicalLocation: { artifactLocation: { uri: 'manifests/chart/Chart.yaml' } } }],
        },
      ],
    }]);
    expect(run.properties!.unusedSuppressions).toHaveLength(2);
    expect(run.properties!.summary).toEqual({ resources: 3, violations: 4, suppressed: 1, errors: 2, skipped: 1 });
  });

  test('an empty report has no results and a successful invocation', () => {
    // WHEN
    const run = render(emptyReport()).runs[0];

    // THEN
    expect(run.results).toEqual([]);
    expect(run.invocations).toEqual([{ executionSuccessful: true }]);
  });
});
