import { Severity } from '../engine/types';

/**
 * The formats a `GuardReport` renders to.
 */
export enum ReportFormat {
  /** The stable JSON document described in docs/reports.md (`schemaVersion` 1). */
  JSON = 'json',
  /** SARIF 2.1.0, for code-scanning tools. */
  SARIF = 'sarif',
  /** JUnit XML: one test suite per manifest file, one test case per resource holding its failures. */
  JUNIT = 'junit',
  /** A Markdown summary with tables, for a pull-request comment. */
  MARKDOWN = 'markdown',
  /** Human-readable console text: one line per finding, grouped by resource, then per-rule totals. */
  TEXT = 'text',
}

/**
 * Options of `ReportRenderer.render`.
 */
export interface RenderOptions {
  /**
   * Colour the text output with ANSI escape codes. Only the text format uses it.
   * @default false
   */
  readonly color?: boolean;
  /**
   * Unsuppressed findings at or above this severity count as failures: JUnit failures, and the
   * failing count in the text and Markdown headlines. Lower findings are still listed.
   * @default Severity.ERROR
   */
  readonly failOn?: Severity;
  /**
   * Markdown only: the most finding rows per table; the rest are counted in a note.
   * @default - every row
   */
  readonly maxRows?: number;
  /**
   * Text only: below each finding's line, its detail, its JSON pointer and its fix (a fix shared
   * by several findings of one resource, once).
   * @default false
   */
  readonly verbose?: boolean;
}
