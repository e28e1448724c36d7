import { emptyReport, fullReport, GUARD_RESULT, HARDENING } from './_fixture';
import { Severity } from '../../src/engine';
import { ReportFormat, ReportRenderer } from '../../src/report';

function render(report = fullReport(), options = {}): string {
  return ReportRenderer.render(report, ReportFormat.MARKDOWN, options);
}

describe('Markdown report', () => {
  test('starts with a verdict, the counts, the policy and the threshold', () => {
    // WHEN
    const lines = render().split('\n');

    // THEN
    expect(lines[0]).toBe('## ❌ cdk8s-guard: 4 violations, 1 suppressed, 2 errors');
    expect(lines[2]).toBe('Pod Security Standards **restricted** at `latest` (checks as of `v1.33`) · 3 resources checked · 4 findings at or above **error** · cdk8s-guard 1.2.3');
  });

  test('a clean report says so', () => {
    // WHEN
    const md = render(emptyReport());

    // THEN
    expect(md.split('\n')[0]).toBe('## ✅ cdk8s-guard: 0 violations, 0 suppressed, 0 errors');
    expect(md).toContain('No unsuppressed findings.');
    expect(md).not.toContain('### ');
  });

  test('has a findings table row with resource, construct path, file, field, problem and fix', () => {
    // WHEN
    const md = render();

    // THEN
    expect(md).toContain('| Severity | Rule | Resource | Where | Field | Problem | Fix |\n|---|---|---|---|---|---|---|\n');
    expect(md).toContain('| 🔴 error | `capabilities_restricted` | Deployment shop/web<br>container `main` | `shop/web/Resource`<br>`dist/shop.k8s.yaml` | `/spec/template/spec/containers/0/securityContext/capabilities/drop` | unrestricted capabilities: container "main" must set securityContext.capabilities.drop=["ALL"] | drop ALL |');
    expect(md).toContain('| ⚠️ rule error | `teamLabel` | Pod debug | `manifests/debug pod.yaml:3` | `/` |');
  });

  test('lists suppressed findings with their escaped reasons and where they were declared', () => {
    // WHEN
    const md = render();

    // THEN
    expect(md).toContain('### Suppressed (1)');
    expect(md).toContain('| needs &lt;raw&gt; device access \\| ticket "OPS-1" &amp; \'more\'<br>second line | `shop/web` |');
  });

  test('lists unused suppressions and errors', () => {
    // WHEN
    const md = render();

    // THEN
    expect(md).toContain('### Unused suppressions (2)\n\n| Rule | Declared at | Containers | Reason | Note |\n|---|---|---|---|---|\n'
      + '| `runAsNonRoot` | `shop` | `main` | images run as nobody | matched no finding |\n'
      + '| `privileged` | `config:guard.yaml` | all | kept for the migration | rule "privileged" is unsuppressible |');
    expect(md).toContain('### Errors (1)\n\n| Where | Error |\n|---|---|\n| `manifests/broken.yaml:2` document 0 | invalid YAML: bad indentation |');
    expect(md).toContain('### Skipped files (1)\n\n| File | Reason |\n|---|---|\n| `manifests/chart/Chart.yaml` | holds no Kubernetes object: a Helm chart description (Chart.yaml) |');
  });

  test('every table row has as many cells as its header, whatever the content', () => {
    // GIVEN
    const nasty = { ...GUARD_RESULT, detail: 'a | b `c` | d\nnext', fix: 'x|y', path: '/a|b' };

    // WHEN
    const md = render({ ...emptyReport(), results: [nasty] });

    // THEN
    const rows = md.split('\n').filter(l => l.startsWith('| '));
    const cells = (row: string) => row.replace(/\\\|/g, '').split('|').length;
    expect(rows.length).toBe(2);
    expect(cells(rows[1])).toBe(cells(rows[0]));
  });

  test('maxRows caps each table and counts what is left out', () => {
    // WHEN
    const md = render(fullReport(), { maxRows: 2 });

    // THEN
    const findings = md.split('### Suppressed')[0];
    expect(findings.split('\n').filter(l => l.startsWith('| ') && !l.startsWith('| Severity')).length).toBe(2);
    expect(findings).toContain('_…and 3 more rows (see the JSON or SARIF report)._');
  });

  test('a hardening section lists each operation applied and each decision left', () => {
    // GIVEN a report with one hardened resource
    // WHEN it is rendered
    const text = render({ ...fullReport(), hardening: HARDENING });
    // THEN the section has one row per operation and per decision, naming the file and document
    expect(text).toContain([
      '### Hardening (1 operation applied, 1 decision left)',
      '',
      '| Resource | Where | Outcome | Rule | Operation or field | Value or problem |',
      '|---|---|---|---|---|---|',
      '| Deployment ingress/controller | `app/ingress/controller`<br>`vendor/ingress.yaml` document 14 | 🛠️ applied | `seccompProfile_restricted` | `add /spec/template/spec/securityContext` | `{"seccompProfile":{"type":"RuntimeDefault"}}` |',
      '| Deployment ingress/controller | `app/ingress/controller`<br>`vendor/ingress.yaml` document 14 | ⚖️ decision | `privileged` | `/spec/template/spec/containers/0/securityContext/privileged` | privileged: container "c" must not set securityContext.privileged=true |',
    ].join('\n'));
    expect(render()).not.toContain('### Hardening');
  });

  test('the threshold changes the failing count in the headline', () => {
    // THEN
    expect(render(fullReport(), { failOn: Severity.WARNING })).toContain('· 5 findings at or above **warning** ·');
  });
});
