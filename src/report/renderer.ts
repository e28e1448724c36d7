import { renderJson } from './_json';
import { renderJunit } from './_junit';
import { renderMarkdown } from './_markdown';
import { renderSarif } from './_sarif';
import { StringSink, TextSink, writeFileThrough } from './_sink';
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
    const sink = new StringSink();
    renderTo(sink, report, format, options);
    return sink.text();
  }

  /**
   * Renders a report into a file, replacing it. The text is written in blocks as it is rendered,
   * so a large report (a JUnit file holds a test case per resource and rule) is never held whole
   * in memory. The file holds the same text as `render` returns. It is written beside the file
   * and then renamed over it, so a reader never sees half a report, and a failure leaves the
   * file as it was.
   * @param report the report
   * @param format the output format
   * @param file the file to write (its directory must exist)
   * @param options rendering options
   * @throws when the format is unknown or the file cannot be written
   */
  public static writeFile(report: GuardReport, format: ReportFormat, file: string, options: RenderOptions = {}): void {
    checkFormat(format);
    writeFileThrough(file, sink => renderTo(sink, report, format, options));
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

function checkFormat(format: ReportFormat): void {
  if (!ReportRenderer.FORMATS.includes(format)) {
    throw new Error(`unknown report format "${format}", expecting one of ${ReportRenderer.FORMATS.join(', ')}`);
  }
}

function renderTo(sink: TextSink, report: GuardReport, format: ReportFormat, options: RenderOptions): void {
  const failOn = options.failOn ?? Severity.ERROR;
  switch (format) {
    case ReportFormat.JSON: return sink.write(renderJson(report));
    case ReportFormat.SARIF: return sink.write(renderSarif(report));
    case ReportFormat.JUNIT: return renderJunit(report, failOn, sink);
    case ReportFormat.MARKDOWN: return sink.write(renderMarkdown(report, failOn, options.maxRows));
    case ReportFormat.TEXT: return sink.write(renderText(report, failOn, options.color ?? false, options.verbose ?? false));
    default:
      checkFormat(format);
  }
}
