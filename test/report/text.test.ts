import { CLI_RESULT, emptyReport, fullReport, GUARD_RESULT, SUPPRESSED_RESULT, WARNING_RESULT } from './_fixture';
import { Severity } from '../../src/engine';
import { ReportFormat, ReportRenderer, ReportResult } from '../../src/report';

function render(report = fullReport(), options = {}): string {
  return ReportRenderer.render(report, ReportFormat.TEXT, options);
}

/** The CLI finding of the fixture for another container, at another line. */
function containerResult(container: string, line: number): ReportResult {
  return {
    ...CLI_RESULT,
    ruleId: 'runAsNonRoot',
    message: 'runAsNonRoot != true',
    detail: `container "${container}" must set securityContext.runAsNonRoot=true`,
    fix: 'set spec.securityContext.runAsNonRoot=true',
    container,
    line,
  };
}

describe('text report', () => {
  test('prints one line per finding: location, severity, rule, resource and container, message', () => {
    // GIVEN
    const report = {
      ...emptyReport(),
      summary: { resources: 1, violations: 2, suppressed: 1, errors: 0 },
      results: [GUARD_RESULT, SUPPRESSED_RESULT, WARNING_RESULT],
    };

    // WHEN
    const text = render(report);

    // THEN a guard finding without a line is located by its construct path; a suppressed one says why
    expect(text).toBe([
      'shop/web/Resource  error       capabilities_restricted  Deployment/web/main  unrestricted capabilities',
      'shop/web/Resource  suppressed  privileged               Deployment/web/main  privileged (suppressed: needs <raw> device access | ticket "OPS-1" & \'more\'? second line, by shop/web)',
      'shop/web/Resource  warning     teamLabel                Deployment/web       missing team label',
      '',
      'per rule:',
      '  capabilities_restricted  1',
      '  teamLabel                1',
      '  privileged               0 (1 suppressed)',
      '',
      '✖ 2 violations (error 1, warning 1), 1 suppressed, 0 errors, 1 resource checked',
      '',
    ].join('\n'));
  });

  test('groups findings by resource, with file:line first', () => {
    // WHEN
    const lines = render().split('\n');

    // THEN a blank line separates the Deployment's findings from the Pod's
    expect(lines.slice(0, 7)).toEqual([
      'shop/web/Resource            error       capabilities_restricted  Deployment/web/main  unrestricted capabilities',
      'shop/web/Resource            suppressed  privileged               Deployment/web/main  privileged (suppressed: needs <raw> device access | ticket "OPS-1" & \'more\'? second line, by shop/web)',
      'shop/web/Resource            warning     teamLabel                Deployment/web       missing team label',
      '',
      'manifests/debug pod.yaml:14  error       privileged               Pod/debug/debug      privileged',
      'manifests/debug pod.yaml:3   rule error  teamLabel                Pod/debug            rule failed to run',
      'manifests/debug pod.yaml:9   error       invalidInput             Pod/debug            invalid manifest',
    ]);
  });

  test('--verbose adds the detail, the pointer and the fix at a fixed indent', () => {
    // GIVEN findings at lines of 1, 2 and 3 digits
    const report = { ...emptyReport(), results: [{ ...CLI_RESULT, line: 9 }, { ...CLI_RESULT, line: 14, ruleId: 'hostPorts' }, { ...CLI_RESULT, line: 140, ruleId: 'procMount' }] };

    // WHEN
    const text = render(report, { verbose: true });

    // THEN the detail lines line up whatever the width of the line numbers
    expect(text.split('\n').slice(0, 9)).toEqual([
      'manifests/debug pod.yaml:9    error  privileged  Pod/debug/debug  privileged',
      '    container "debug" must not set securityContext.privileged=true',
      '    at /spec/containers/0/securityContext/privileged',
      '    fix: remove securityContext.privileged or set it to false',
      'manifests/debug pod.yaml:14   error  hostPorts   Pod/debug/debug  privileged',
      '    container "debug" must not set securityContext.privileged=true',
      '    at /spec/containers/0/securityContext/privileged',
      'manifests/debug pod.yaml:140  error  procMount   Pod/debug/debug  privileged',
      '    container "debug" must not set securityContext.privileged=true',
    ]);
  });

  test('prints a fix shared by the containers of one pod once', () => {
    // GIVEN the same pod-level fix for two containers
    const report = { ...emptyReport(), results: [containerResult('app', 20), containerResult('sidecar', 30)] };

    // WHEN
    const text = render(report, { verbose: true });

    // THEN
    expect(text.split('\n').slice(0, 7)).toEqual([
      'manifests/debug pod.yaml:20  error  runAsNonRoot  Pod/debug/app      runAsNonRoot != true',
      '    container "app" must set securityContext.runAsNonRoot=true',
      '    at /spec/containers/0/securityContext/privileged',
      '    fix: set spec.securityContext.runAsNonRoot=true',
      'manifests/debug pod.yaml:30  error  runAsNonRoot  Pod/debug/sidecar  runAsNonRoot != true',
      '    container "sidecar" must set securityContext.runAsNonRoot=true',
      '    at /spec/containers/0/securityContext/privileged',
    ]);
    expect(text.match(/fix: /g)).toHaveLength(1);
  });

  test('shows the construct path of a guard finding located in a file', () => {
    // GIVEN a guard finding with a line
    const report = { ...emptyReport(), results: [{ ...GUARD_RESULT, line: 30 }] };

    // THEN
    expect(render(report, { verbose: true }).split('\n').slice(0, 5)).toEqual([
      'dist/shop.k8s.yaml:30  error  capabilities_restricted  Deployment/web/main  unrestricted capabilities',
      '    container "main" must set securityContext.capabilities.drop=["ALL"]',
      '    at /spec/template/spec/containers/0/securityContext/capabilities/drop',
      '    construct shop/web/Resource',
      '    fix: drop ALL',
    ]);
  });

  test('shows an unnamed container by its place', () => {
    // GIVEN the engine's name for the first unnamed container
    const report = { ...emptyReport(), results: [{ ...CLI_RESULT, container: 'containers[0]' }] };

    // THEN
    expect(render(report).split('\n')[0]).toBe('manifests/debug pod.yaml:14  error  privileged  Pod/debug/containers[0]  privileged');
  });

  test('ends with the per-rule totals, unused suppressions, errors, skipped files and a one-line summary', () => {
    // WHEN
    const lines = render().trimEnd().split('\n');

    // THEN
    expect(lines.slice(8)).toEqual([
      'per rule:',
      '  teamLabel                2',
      '  capabilities_restricted  1',
      '  invalidInput             1',
      '  privileged               1 (1 suppressed)',
      '',
      'unused suppressions (2):',
      '  runAsNonRoot at shop [containers main]: images run as nobody (matched no finding)',
      '  privileged at config:guard.yaml: kept for the migration (rule "privileged" is unsuppressible)',
      '',
      'errors (1):',
      '  manifests/broken.yaml:2 [document 0]: invalid YAML: bad indentation',
      '',
      'skipped (1):',
      '  manifests/chart/Chart.yaml: holds no Kubernetes object: a Helm chart description (Chart.yaml)',
      '',
      '✖ 4 violations (error 3, warning 1), 1 suppressed, 2 errors, 3 resources checked, 1 file skipped',
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
    const plain = render(fullReport(), { verbose: true });
    const coloured = render(fullReport(), { color: true, verbose: true });

    // THEN
    expect(plain).not.toContain('\u001b[');
    expect(coloured).toContain('\u001b[31merror     \u001b[39m');
    expect(coloured.replace(/\u001b\[[0-9]+m/g, '')).toBe(plain);
  });

  test('never prints control characters from the input', () => {
    // GIVEN
    const report = { ...emptyReport(), results: [{ ...GUARD_RESULT, message: 'bad \u001b[2J msg', detail: 'evil \u001b[2J clear' }] };

    // THEN
    const text = render(report, { verbose: true });
    expect(text).toContain('bad ?[2J msg');
    expect(text).toContain('evil ?[2J clear');
  });
});
