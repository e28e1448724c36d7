import { renderJson } from './_json';
import { renderJunit } from './_junit';
import { renderMarkdown } from './_markdown';
import { renderSarif } from './_sarif';
import { renderText } from './_text';
import { RenderOptions, ReportFormat } from './format';
import { GuardReport } from './model';
import { Severity } from '../engine/types';

/**
 * Renders a `GuardReport` to every report format. Rendering is a pure function of the report:
 * the guard and the CLI render the same model, so the console, JSON, SARIF, JUnit and Markdown
 * outputs always agree.
 */
export class ReportRenderer {
  /** Every format, in the order the guard writes them. */
  public static readonly FORMATS: ReportFormat[] = [
    ReportFormat.JSON, ReportFormat.SARIF, ReportFormat.JUNIT, ReportFormat.MARKDOWN, ReportFormat.TEXT,
  ];

  /**
   * Renders a report.
   * @param report the report
   * @param format the output format
   * @param options rendering options
   * @returns the rendered document, ending with a line break
   */
  public static render(report: GuardReport, format: ReportFormat, options: RenderOptions = {}): string {
    const failOn = options.failOn ?? Severity.ERROR;
    switch (format) {
      case ReportFormat.JSON: return renderJson(report);
      case ReportFormat.SARIF: return renderSarif(report);
      case ReportFormat.JUNIT: return renderJunit(report, failOn);
      case ReportFormat.MARKDOWN: return renderMarkdown(report, failOn, options.maxRows);
      case ReportFormat.TEXT: return renderText(report, failOn, options.color ?? false);
      default:
        throw new Error(`unknown report format "${format}", expecting one of ${ReportRenderer.FORMATS.join(', ')}`);
    }
  }

  /**
   * The conventional file name of a report: `<baseName>.json`, `.sarif`, `.junit.xml`, `.md` or `.txt`.
   * @param format the format
   * @param baseName the name without extension
   */
  public static fileName(format: ReportFormat, baseName: string = 'guard-report'): string {
    switch (format) {
      case ReportFormat.JSON: return `${baseName}.json`;
      case ReportFormat.SARIF: return `${baseName}.sarif`;
      case ReportFormat.JUNIT: return `${baseName}.junit.xml`;
      case ReportFormat.MARKDOWN: return `${baseName}.md`;
      case ReportFormat.TEXT: return `${baseName}.txt`;
      default:
        throw new Error(`unknown report format "${format}", expecting one of ${ReportRenderer.FORMATS.join(', ')}`);
    }
  }

  private constructor() {}
}
