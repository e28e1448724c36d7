import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { emptyReport, fullReport } from './_fixture';
import { Severity } from '../../src/engine';
import { ReportFormat, ReportRenderer } from '../../src/report';

function parse(xml: string): any {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: name => ['testsuite', 'testcase'].includes(name) });
  return parser.parse(xml);
}

function cases(doc: any, suite: number): Array<[string, string]> {
  return doc.testsuites.testsuite[suite].testcase.map((c: any) => {
    const outcome = c.failure !== undefined ? 'failure' : c.error !== undefined ? 'error' : c.skipped !== undefined ? 'skipped' : 'pass';
    return [c.name, outcome];
  });
}

describe('JUnit report', () => {
  test.each([
    ['a full report', fullReport()],
    ['an empty report', emptyReport()],
  ])('%s is well-formed XML', (_name, report) => {
    // WHEN
    const xml = ReportRenderer.render(report, ReportFormat.JUNIT);

    // THEN
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="cdk8s-guard"')).toBe(true);
  });

  test('has one suite per manifest file and one case per resource (compliant ones too), not one per rule', () => {
    // WHEN
    const doc = parse(ReportRenderer.render(fullReport(), ReportFormat.JUNIT));

    // THEN
    const suites = doc.testsuites.testsuite.map((s: any) => s.name);
    expect(suites).toEqual(['dist/shop.k8s.yaml', 'manifests/debug pod.yaml', 'input errors', 'unused suppressions']);
    expect(cases(doc, 0)).toEqual([['ConfigMap shop/settings', 'pass'], ['Deployment shop/web', 'failure']]);
    expect(cases(doc, 1)).toEqual([['Pod debug', 'error']]);
    expect(cases(doc, 2)).toEqual([['manifests/broken.yaml:2', 'error']]);
    expect(cases(doc, 3)).toEqual([['runAsNonRoot at shop', 'skipped'], ['privileged at config:guard.yaml', 'skipped']]);
  });

  test('names the class of every case by where the resource is: construct path, or file, line and document', () => {
    // WHEN
    const doc = parse(ReportRenderer.render(fullReport(), ReportFormat.JUNIT));

    // THEN
    const classNames = (suite: number) => doc.testsuites.testsuite[suite].testcase.map((c: any) => c.classname);
    expect(classNames(0)).toEqual(['shop/settings', 'shop/web/Resource']);
    expect(classNames(1)).toEqual(['manifests/debug pod.yaml:1 document 1']);
  });

  test('a resource known by neither construct path nor file is its own class name, in a suite of resources', () => {
    // GIVEN
    const report = { ...emptyReport(), resources: [{ resource: { apiVersion: 'v1', kind: 'Pod', name: 'a&b' } }] };

    // WHEN
    const xml = ReportRenderer.render(report, ReportFormat.JUNIT);

    // THEN
    expect(xml).toContain('<testsuite name="resources" tests="1" failures="0" errors="0" skipped="0">\n'
      + '    <testcase classname="Pod a&amp;b" name="Pod a&amp;b"/>\n  </testsuite>\n');
  });

  test('counts tests, failures, errors and skipped cases on every level', () => {
    // WHEN
    const doc = parse(ReportRenderer.render(fullReport(), ReportFormat.JUNIT));

    // THEN
    const root = doc.testsuites;
    expect([root.tests, root.failures, root.errors, root.skipped]).toEqual(['6', '1', '2', '2']);
    const shop = root.testsuite[0];
    expect([shop.tests, shop.failures, shop.errors, shop.skipped]).toEqual(['2', '1', '0', '0']);
  });

  test('a failing resource carries each failing finding with its rule, message, detail, field and fix', () => {
    // WHEN
    const doc = parse(ReportRenderer.render(fullReport(), ReportFormat.JUNIT));

    // THEN
    const web = doc.testsuites.testsuite[0].testcase[1];
    expect(web.failure.type).toBe('capabilities_restricted');
    expect(web.failure.message).toBe('capabilities_restricted: unrestricted capabilities: container "main" must set securityContext.capabilities.drop=["ALL"]');
    expect(web.failure['#text']).toBe([
      'capabilities_restricted (error): unrestricted capabilities: container "main" must set securityContext.capabilities.drop=["ALL"]',
      '  at /spec/template/spec/containers/0/securityContext/capabilities/drop',
      '  container: main',
      '  fix: drop ALL',
    ].join('\n'));
  });

  test('suppressed findings and findings below failOn stay in the output, escaped, control characters dropped', () => {
    // WHEN
    const xml = ReportRenderer.render(fullReport(), ReportFormat.JUNIT);

    // THEN
    expect(xml).not.toContain('\u0001');
    const decoded = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', processEntities: true, htmlEntities: true, isArray: name => ['testsuite', 'testcase'].includes(name) }).parse(xml);
    const out = decoded.testsuites.testsuite[0].testcase[1]['system-out'];
    expect(out).toContain('suppressed: needs <raw> device access | ticket "OPS-1" & \'more\'\nsecond line');
    expect(out).toContain('teamLabel (warning): missing team label: no team label');
  });

  test('a resource fails on findings below error only when failOn is lowered', () => {
    // GIVEN a report whose Deployment has only the warning
    const report = fullReport();
    const onlyWarning = { ...report, results: report.results.filter(r => r.ruleId === 'teamLabel' && !r.ruleError) };

    // WHEN
    const atError = parse(ReportRenderer.render(onlyWarning, ReportFormat.JUNIT));
    const atWarning = parse(ReportRenderer.render(onlyWarning, ReportFormat.JUNIT, { failOn: Severity.WARNING }));

    // THEN
    const web = (doc: any) => doc.testsuites.testsuite[0].testcase[1];
    expect(web(atError).failure).toBeUndefined();
    expect(web(atError)['system-out']).toContain('missing team label: no team label');
    expect(web(atWarning).failure.type).toBe('teamLabel');
  });

  test('a resource whose findings are all suppressed passes, with them as output', () => {
    // GIVEN
    const report = fullReport();
    const suppressedOnly = { ...report, results: report.results.filter(r => r.suppressed) };

    // WHEN
    const doc = parse(ReportRenderer.render(suppressedOnly, ReportFormat.JUNIT));

    // THEN
    const web = doc.testsuites.testsuite[0].testcase[1];
    expect([web.failure, web.error, web.skipped]).toEqual([undefined, undefined, undefined]);
    expect(web['system-out']).toContain('privileged (error)');
  });

  test('without a resource list, cases come from the results', () => {
    // GIVEN
    const { resources: _all, ...report } = fullReport();

    // WHEN
    const doc = parse(ReportRenderer.render(report, ReportFormat.JUNIT));

    // THEN
    expect(doc.testsuites.testsuite.map((s: any) => [s.name, s.testcase.map((c: any) => c.name)])).toEqual([
      ['dist/shop.k8s.yaml', ['Deployment shop/web']],
      ['manifests/debug pod.yaml', ['Pod debug']],
      ['input errors', ['manifests/broken.yaml:2']],
      ['unused suppressions', ['runAsNonRoot at shop', 'privileged at config:guard.yaml']],
    ]);
  });
});
