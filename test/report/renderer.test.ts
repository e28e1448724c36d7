import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { XMLValidator } from 'fast-xml-parser';
import { emptyReport, fullReport } from './_fixture';
import { Severity } from '../../src/engine';
import { GuardReport, ReportFormat, ReportRenderer, ReportResource } from '../../src/report';

describe('ReportRenderer', () => {
  test.each([
    [ReportFormat.JSON, 'guard-report.json'],
    [ReportFormat.SARIF, 'guard-report.sarif'],
    [ReportFormat.JUNIT, 'guard-report.junit.xml'],
    [ReportFormat.MARKDOWN, 'guard-report.md'],
    [ReportFormat.TEXT, 'guard-report.txt'],
  ])('names the %s file %s', (format, name) => {
    expect(ReportRenderer.fileName(format)).toBe(name);
  });

  test('takes another base name', () => {
    expect(ReportRenderer.fileName(ReportFormat.SARIF, 'results')).toBe('results.sarif');
  });

  test.each(ReportRenderer.FORMATS)('renders %s ending with a line break', format => {
    expect(ReportRenderer.render(emptyReport(), format).endsWith('\n')).toBe(true);
  });

  test('fails on an unknown format', () => {
    expect(() => ReportRenderer.render(emptyReport(), 'html' as ReportFormat)).toThrow('unknown report format "html", expecting one of json, sarif, junit, markdown, text');
    expect(() => ReportRenderer.fileName('html' as ReportFormat)).toThrow('unknown report format "html", expecting one of json, sarif, junit, markdown, text');
  });
});

describe('ReportRenderer.writeFile', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guard-write-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A report of many compliant resources (one JUnit case per resource and rule), some with non-ASCII names. */
  function largeReport(): GuardReport {
    const base = fullReport();
    const resources: ReportResource[] = [...base.resources!];
    for (let i = 0; i < 3000; i++) {
      resources.push({ resource: { apiVersion: 'v1', kind: 'ConfigMap', name: `settings-${i}` }, constructPath: `shop/ünïcødé-✓-${i}` });
    }
    return { ...base, resources };
  }

  test.each(ReportRenderer.FORMATS)('writes the same bytes as render returns (%s)', format => {
    // GIVEN
    const report = largeReport();
    const file = path.join(dir, ReportRenderer.fileName(format));

    // WHEN
    ReportRenderer.writeFile(report, format, file, { failOn: Severity.WARNING });

    // THEN
    const expected = ReportRenderer.render(report, format, { failOn: Severity.WARNING });
    expect(fs.readFileSync(file, 'utf8')).toBe(expected);
  });

  test('a JUnit file larger than one write block is whole and parses', () => {
    // GIVEN
    const file = path.join(dir, 'guard-report.junit.xml');

    // WHEN
    ReportRenderer.writeFile(largeReport(), ReportFormat.JUNIT, file);

    // THEN
    const xml = fs.readFileSync(file, 'utf8');
    expect(Buffer.byteLength(xml)).toBeGreaterThan(3 * 65536);
    expect(XMLValidator.validate(xml)).toBe(true);
    // a case per resource, one input error, two unused suppressions
    expect(xml.match(/<testcase /g)).toHaveLength(3003 + 1 + 2);
    expect(xml).toContain('<testcase classname="shop/ünïcødé-✓-2999" name="ConfigMap settings-2999"/>');
  });

  test('replaces a longer file entirely', () => {
    // GIVEN
    const file = path.join(dir, 'guard-report.json');
    fs.writeFileSync(file, 'x'.repeat(1_000_000));

    // WHEN
    ReportRenderer.writeFile(emptyReport(), ReportFormat.JSON, file);

    // THEN
    expect(fs.readFileSync(file, 'utf8')).toBe(ReportRenderer.render(emptyReport(), ReportFormat.JSON));
  });

  test('fails on an unknown format without creating the file', () => {
    // GIVEN
    const file = path.join(dir, 'report.html');

    // THEN
    expect(() => ReportRenderer.writeFile(emptyReport(), 'html' as ReportFormat, file)).toThrow('unknown report format "html", expecting one of json, sarif, junit, markdown, text');
    expect(fs.existsSync(file)).toBe(false);
  });

  test('fails when the directory does not exist', () => {
    expect(() => ReportRenderer.writeFile(emptyReport(), ReportFormat.JSON, path.join(dir, 'missing', 'guard-report.json'))).toThrow(/ENOENT/);
  });
});
