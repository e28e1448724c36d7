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

  test('has one suite per resource (compliant ones too) and one case per rule', () => {
    // WHEN
    const doc = parse(ReportRenderer.render(fullReport(), ReportFormat.JUNIT));

    // THEN
    const suites = doc.testsuites.testsuite.map((s: any) => s.name);
    expect(suites).toEqual([
      'shop/settings (ConfigMap shop/settings)',
      'shop/web/Resource (Deployment shop/web)',
      'manifests/debug pod.yaml:1 document 1 (Pod debug)',
      'input errors',
      'unused suppressions',
    ]);
    expect(cases(doc, 0)).toEqual([['privileged', 'pass'], ['capabilities_restricted', 'pass'], ['teamLabel', 'pass']]);
    expect(cases(doc, 1)).toEqual([['privileged', 'skipped'], ['capabilities_restricted', 'failure'], ['teamLabel', 'pass']]);
    expect(cases(doc, 2)).toEqual([['privileged', 'failure'], ['capabilities_restricted', 'pass'], ['teamLabel', 'error'], ['invalidInput', 'failure']]);
    expect(cases(doc, 3)).toEqual([['manifests/broken.yaml:2', 'error']]);
    expect(cases(doc, 4)).toEqual([['runAsNonRoot at shop', 'skipped'], ['privileged at config:guard.yaml', 'skipped']]);
  });

  test('names the class of every case by where the resource is: construct path, or file, line and document', () => {
    // WHEN
    const doc = parse(ReportRenderer.render(fullReport(), ReportFormat.JUNIT));

    // THEN
    const classNames = (suite: number) => [...new Set(doc.testsuites.testsuite[suite].testcase.map((c: any) => c.classname))];
    expect(classNames(0)).toEqual(['shop/settings']);
    expect(classNames(1)).toEqual(['shop/web/Resource']);
    expect(classNames(2)).toEqual(['manifests/debug pod.yaml:1 document 1']);
    expect(classNames(3)).toEqual(['input errors']);
    expect(classNames(4)).toEqual(['unused suppressions']);
  });

  test('a resource known by neither construct path nor file is its own class name', () => {
    // GIVEN
    const report = { ...emptyReport(), resources: [{ resource: { apiVersion: 'v1', kind: 'Pod', name: 'a&b' } }] };

    // WHEN
    const xml = ReportRenderer.render(report, ReportFormat.JUNIT);

    // THEN
    expect(xml).toContain('<testsuite name="Pod a&amp;b" tests="1" failures="0" errors="0" skipped="0">\n'
      + '    <testcase classname="Pod a&amp;b" name="privileged"/>\n  </testsuite>\n');
  });

  test('counts tests, failures, errors and skipped cases on every level', () => {
    // WHEN
    const doc = parse(ReportRenderer.render(fullReport(), ReportFormat.JUNIT));

    // THEN
    const root = doc.testsuites;
    expect([root.tests, root.failures, root.errors, root.skipped]).toEqual(['13', '3', '2', '3']);
    const web = root.testsuite[1];
    expect([web.tests, web.failures, web.errors, web.skipped]).toEqual(['3', '1', '0', '1']);
  });

  test('a failure carries the message, detail, field and fix', () => {
    // WHEN
    const doc = parse(ReportRenderer.render(fullReport(), ReportFormat.JUNIT));

    // THEN
    const failure = doc.testsuites.testsuite[1].testcase[1].failure;
    expect(failure.type).toBe('capabilities_restricted');
    expect(failure.message).toBe('unrestricted capabilities: container "main" must set securityContext.capabilities.drop=["ALL"]');
    expect(failure['#text']).toBe([
      'unrestricted capabilities: container "main" must set securityContext.capabilities.drop=["ALL"]',
      '  at /spec/template/spec/containers/0/securityContext/capabilities/drop',
      '  container: main',
      '  fix: drop ALL',
    ].join('\n'));
  });

  test('a suppressed case is skipped with its reason, escaped, control characters dropped', () => {
    // WHEN
    const xml = ReportRenderer.render(fullReport(), ReportFormat.JUNIT);

    // THEN
    expect(xml).not.toContain('\u0001');
    expect(xml).toContain('<skipped message="suppressed: needs &lt;raw&gt; device access | ticket &quot;OPS-1&quot; &amp; &apos;more&apos;&#10;second line"/>');
    const decoded = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', processEntities: true, htmlEntities: true, isArray: name => ['testsuite', 'testcase'].includes(name) }).parse(xml);
    expect(decoded.testsuites.testsuite[1].testcase[0].skipped.message).toBe('suppressed: needs <raw> device access | ticket "OPS-1" & \'more\'\nsecond line');
  });

  test('findings below failOn pass, with the finding kept as output', () => {
    // WHEN
    const atError = parse(ReportRenderer.render(fullReport(), ReportFormat.JUNIT));
    const atWarning = parse(ReportRenderer.render(fullReport(), ReportFormat.JUNIT, { failOn: Severity.WARNING }));

    // THEN
    const team = (doc: any) => doc.testsuites.testsuite[1].testcase[2];
    expect(team(atError).failure).toBeUndefined();
    expect(team(atError)['system-out']).toContain('missing team label: no team label');
    expect(team(atWarning).failure.type).toBe('teamLabel');
  });

  test('without a resource list, suites come from the results', () => {
    // GIVEN
    const { resources: _all, ...report } = fullReport();

    // WHEN
    const doc = parse(ReportRenderer.render(report, ReportFormat.JUNIT));

    // THEN
    expect(doc.testsuites.testsuite.map((s: any) => s.name)).toEqual([
      'shop/web/Resource (Deployment shop/web)',
      'manifests/debug pod.yaml document 1 (Pod debug)',
      'input errors',
      'unused suppressions',
    ]);
  });
});
