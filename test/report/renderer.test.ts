import { emptyReport } from './_fixture';
import { ReportFormat, ReportRenderer } from '../../src/report';

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
