import { PolicyEvaluator } from '../evaluator';
import { packageVersion } from './_common';
import { rulesOf } from './_rules';
import { GuardReport, HardeningResourceReport, ReportError, ReportResource, ReportResult, ReportSkipped, ReportSummary, UnusedSuppression } from './model';
import { RuleInfo } from '../engine/types';

/**
 * Inputs of `ReportBuilder.create`.
 */
export interface ReportBuildProps {
  /** The evaluator that produced the results: it gives the level, versions and rules. */
  readonly evaluator: PolicyEvaluator;
  /** Every finding, suppressed or not, in the order the report lists them. */
  readonly results: ReportResult[];
  /** How many resources were evaluated. */
  readonly resourceCount: number;
  /**
   * The resources evaluated (JUnit lists one test suite per resource).
   * @default - only the resources named by results
   */
  readonly resources?: ReportResource[];
  /**
   * Inputs that could not be read.
   * @default - none
   */
  readonly errors?: ReportError[];
  /**
   * Suppressions that matched nothing.
   * @default - none
   */
  readonly unusedSuppressions?: UnusedSuppression[];
  /**
   * What hardening patched and left for a decision.
   * @default - no hardening section
   */
  readonly hardening?: HardeningResourceReport[];
  /**
   * Files of directory walks that were skipped.
   * @default - none
   */
  readonly skipped?: ReportSkipped[];
}

/**
 * Builds the `GuardReport` that every renderer reads, from an evaluator and its results. The
 * guard and the CLI both use it, so their summaries are counted the same way.
 */
export class ReportBuilder {
  /**
   * Builds a report. Counts: `violations` are unsuppressed findings that are not rule errors;
   * `suppressed` are suppressed findings; `errors` are unreadable inputs plus unsuppressed rule errors.
   */
  public static create(props: ReportBuildProps): GuardReport {
    return {
      toolVersion: packageVersion(),
      level: props.evaluator.level,
      version: props.evaluator.version,
      effectiveVersion: props.evaluator.effectiveVersion,
      summary: {
        ...ReportBuilder.summarize(props.results, props.resourceCount, props.errors ?? []),
        ...(props.skipped && props.skipped.length > 0 ? { skipped: props.skipped.length } : {}),
      },
      results: props.results,
      errors: props.errors ?? [],
      ...(props.skipped && props.skipped.length > 0 ? { skipped: props.skipped } : {}),
      unusedSuppressions: props.unusedSuppressions ?? [],
      rules: ReportBuilder.rules(props.evaluator),
      ...(props.resources ? { resources: props.resources } : {}),
      ...(props.hardening ? { hardening: props.hardening } : {}),
    };
  }

  /** The rules an evaluator runs, with their descriptions and severities in that evaluator. */
  public static rules(evaluator: PolicyEvaluator): RuleInfo[] {
    return rulesOf(evaluator);
  }

  /**
   * Counts results.
   * @param results every finding
   * @param resourceCount how many resources were evaluated
   * @param errors inputs that could not be read
   */
  public static summarize(results: ReportResult[], resourceCount: number, errors: ReportError[]): ReportSummary {
    let violations = 0;
    let suppressed = 0;
    let ruleErrors = 0;
    for (let i = 0; i < results.length; i++) {
      const r = results[i];
      if (r.suppressed) suppressed++;
      else if (r.ruleError) ruleErrors++;
      else violations++;
    }
    return { resources: resourceCount, violations, suppressed, errors: errors.length + ruleErrors };
  }

  private constructor() {}
}
