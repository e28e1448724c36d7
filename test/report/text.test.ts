import { CLI_RESULT, emptyReport, fullReport, GUARD_RESULT, SUPPRESSED_RESULT, WARNING_RESULT } from './_fixture';
import { Severity } from '../../src/engine';
import { ReportFormat, ReportRenderer } from '../../src/report';

function render(report = fullReport(), options = {}): string {
  return ReportRenderer.render(report, ReportFormat.TEXT, options);
}

describe('text report', () => {
  test('groups guard findings by file, then resource with its construct path', () => {
    // GIVEN
    const report = {
      ...emptyReport(),
      summary: { resources: 1, violations: 2, suppressed: 1, errors: 0 },
      results: [GUARD_RESULT, SUPPRESSED_RESULT, WARNING_RESULT],
    };

    // WHEN
    const text = render(report);

    // THEN
    expect(text).toBe([
      'dist/shop.k8s.yaml',
      '  Deployment shop/web (shop/web/Resource)',
      '    error   capabilities_restricted [container main]: unrestricted capabilities',
      '            container "main" must set securityContext.capabilities.drop=["ALL"]',
      '            at /spec/template/spec/containers/0/securityContext/capabilities/drop',
      '            fix: drop ALL',
      '    suppressed privileged [container main]: privileged',
      '            reason: needs <raw> device access | ticket "OPS-1" & \'more\'?',
      '            second line (shop/web)',
      '    warning teamLabel: missing team label',
      '            no team label',
      '            at /metadata/labels',
      '            fix: add the team label',
      '',
      '✖ 2 violations (error 1, warning 1), 1 suppressed, 0 errors, 1 resource checked',
      '',
    ].join('\n'));
  });

  test('puts line numbers first for file-based findings', () => {
    // GIVEN
    const report = { ...emptyReport(), summary: { resources: 1, violations: 1, suppressed: 0, errors: 0 }, results: [CLI_RESULT] };

    // WHEN
    const text = render(report);

    // THEN
    expect(text.split('\n').slice(0, 6)).toEqual([
      'manifests/debug pod.yaml',
      '  Pod debug [document 1]',
      '    14  error   privileged [container debug]: privileged',
      '                container "debug" must not set securityContext.privileged=true',
      '                at /spec/containers/0/securityContext/privileged',
      '                fix: remove securityContext.privileged or set it to false',
    ]);
  });

  test('lists unused suppressions and errors, and ends with a one-line summary', () => {
    // WHEN
    const lines = render().trimEnd().split('\n');

    // THEN
    expect(lines.slice(-8)).toEqual([
      'unused suppressions (2):',
      '  runAsNonRoot at shop [containers main]: images run as nobody (matched no finding)',
      '  privileged at config:guard.yaml: kept for the migration (rule "privileged" is unsuppressible)',
      '',
      'errors (1):',
      '  manifests/broken.yaml:2 [document 0]: invalid YAML: bad indentation',
      '',
      '✖ 4 violations (error 3, warning 1), 1 suppressed, 2 errors, 3 resources checked',
    ]);
  });

  test('a clean report is a single passing line', () => {
    expect(render(emptyReport())).toBe('✔ 0 violations, 0 suppressed, 0 errors, 0 resources checked\n');
  });

  test('passes when every unsuppressed finding is below the threshold', () => {
    // GIVEN
    const report = { ...emptyReport(), summary: { resources: 1, violations: 1, suppressed: 0, errors: 0 }, results: [WARNING_RESULT] };

    // THEN
    expect(render(report).trimEnd().split('\n').pop()).toBe('✔ 1 violation, 0 suppressed, 0 errors, 1 resource checked');
    expect(render(report, { failOn: Severity.WARNING }).trimEnd().split('\n').pop()).toBe('✖ 1 violation, 0 suppressed, 0 errors, 1 resource checked');
  });

  test('colours only when asked', () => {
    // WHEN
    const plain = render();
    const coloured = render(fullReport(), { color: true });

    // THEN
    expect(plain).not.toContain('\u001b[');
    expect(coloured).toContain('\u001b[31merror  \u001b[39m');
    expect(coloured.replace(/\u001b\[[0-9]+m/g, '')).toBe(plain);
  });

  test('never prints control characters from the input', () => {
    // GIVEN
    const report = { ...emptyReport(), results: [{ ...GUARD_RESULT, detail: 'evil \u001b[2J clear' }] };

    // THEN
    expect(render(report)).toContain('evil ?[2J clear');
  });
});
