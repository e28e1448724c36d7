import { PssLevel, ResourceRef, RuleInfo, Severity } from '../engine/types';

/**
 * One finding as it appears in every report (JSON, SARIF, JUnit, Markdown, text), from the guard
 * and from the CLI alike.
 */
export interface ReportResult {
  /** The rule's stable ID. */
  readonly ruleId: string;
  /** How serious the finding is. */
  readonly severity: Severity;
  /**
   * The PSS level of the check.
   * @default - not a PSS check
   */
  readonly level?: PssLevel;
  /** Short reason. */
  readonly message: string;
  /** What exactly is wrong. */
  readonly detail: string;
  /** One-line fix. */
  readonly fix: string;
  /** JSON pointer of the offending field from the root of the manifest. */
  readonly path: string;
  /**
   * The container the finding is about.
   * @default - about the pod or resource as a whole
   */
  readonly container?: string;
  /** The resource. */
  readonly resource: ResourceRef;
  /** True when a suppression covers the finding. Suppressed findings are still reported. */
  readonly suppressed: boolean;
  /**
   * Why it was suppressed.
   * @default - not suppressed
   */
  readonly suppressionReason?: string;
  /**
   * Where the suppression that covers the finding was declared: a construct path, or
   * `config:<file>` for a config-file suppression.
   * @default - not suppressed, or unknown
   */
  readonly suppressedBy?: string;
  /**
   * True when the finding reports a rule that failed to run.
   * @default false
   */
  readonly ruleError?: boolean;
  /**
   * The file the manifest came from (CLI input, or the synthesized manifest for the guard).
   * @default - unknown
   */
  readonly file?: string;
  /**
   * 0-based index of the YAML document in the file.
   * @default - unknown
   */
  readonly documentIndex?: number;
  /**
   * 1-based line of the offending field (or of the document) in the file.
   * @default - unknown
   */
  readonly line?: number;
  /**
   * The construct path of the ApiObject (guard only).
   * @default - not from a construct tree
   */
  readonly constructPath?: string;
  /**
   * A link to the rule's documentation.
   * @default - none
   */
  readonly helpUri?: string;
}

/**
 * An input that could not be read or evaluated.
 */
export interface ReportError {
  /**
   * The file.
   * @default - not from a file
   */
  readonly file?: string;
  /**
   * 0-based index of the YAML document.
   * @default - the whole file
   */
  readonly documentIndex?: number;
  /**
   * 1-based line.
   * @default - unknown
   */
  readonly line?: number;
  /** What went wrong. */
  readonly message: string;
}

/**
 * A file that a directory walk did not evaluate because it holds no Kubernetes object (a Helm
 * chart's Chart.yaml or values, a kustomization, a dashboard) or is cdk8s's or this tool's own
 * output.
 */
export interface ReportSkipped {
  /** The file. */
  readonly file: string;
  /** Why it was skipped. */
  readonly reason: string;
}

/**
 * A suppression that matched no finding.
 */
export interface UnusedSuppression {
  /** The rule ID it names. */
  readonly ruleId: string;
  /** Its reason. */
  readonly reason: string;
  /** Where it was declared: a construct path, or `config:<file>` for a config-file suppression. */
  readonly scope: string;
  /**
   * The containers it was narrowed to.
   * @default - all containers
   */
  readonly containers?: string[];
  /**
   * Why it counts as unused when it is not simply stale, e.g. `rule "privileged" is unsuppressible`.
   * @default - it matched no finding
   */
  readonly note?: string;
}

/**
 * A resource that was evaluated, whether or not it has findings (JUnit lists one test suite per
 * resource).
 */
export interface ReportResource {
  /** The resource. */
  readonly resource: ResourceRef;
  /**
   * The construct path of the ApiObject (guard only).
   * @default - not from a construct tree
   */
  readonly constructPath?: string;
  /**
   * The file the manifest came from, or the synthesized manifest file for the guard.
   * @default - unknown
   */
  readonly file?: string;
  /**
   * 0-based index of the YAML document in the file.
   * @default - unknown
   */
  readonly documentIndex?: number;
  /**
   * 1-based line of the document in the file.
   * @default - unknown
   */
  readonly line?: number;
}

/**
 * Counts for a report.
 */
export interface ReportSummary {
  /** Resources evaluated. */
  readonly resources: number;
  /** Unsuppressed findings (of any severity). */
  readonly violations: number;
  /** Suppressed findings. */
  readonly suppressed: number;
  /** Inputs that could not be read, plus rules that failed to run. */
  readonly errors: number;
  /**
   * Files of directory walks that were skipped.
   * @default 0
   */
  readonly skipped?: number;
}

/**
 * One JSON patch operation that hardening applied to a resource.
 */
export interface HardeningOperationReport {
  /** The RFC 6902 operation: always `add`, since hardening only adds what is absent. */
  readonly op: string;
  /** JSON pointer (RFC 6901) from the root of the resource's document. */
  readonly path: string;
  /** The value added. */
  readonly value: any;
  /** The rule the operation satisfies. */
  readonly ruleId: string;
  /**
   * The container the operation is about.
   * @default - about the pod as a whole
   */
  readonly container?: string;
}

/**
 * A finding that hardening left for a decision: fixing it would change what the software does.
 */
export interface HardeningDecisionReport {
  /** The rule's stable ID. */
  readonly ruleId: string;
  /** How serious it is. */
  readonly severity: Severity;
  /** Short reason. */
  readonly message: string;
  /** What exactly is wrong. */
  readonly detail: string;
  /** JSON pointer of the offending field. */
  readonly path: string;
  /**
   * The container it is about.
   * @default - about the pod or resource as a whole
   */
  readonly container?: string;
}

/**
 * What hardening did to one resource, and what it left for a decision.
 */
export interface HardeningResourceReport {
  /** The resource. */
  readonly resource: ResourceRef;
  /**
   * The construct path of the ApiObject (cdk8s only).
   * @default - not from a construct tree
   */
  readonly constructPath?: string;
  /**
   * The file the resource came from: an Included manifest, or a CLI input.
   * @default - unknown, or written in code
   */
  readonly file?: string;
  /**
   * 0-based index of the resource's YAML document in that file.
   * @default - unknown
   */
  readonly documentIndex?: number;
  /** The operations applied, in order. */
  readonly operations: HardeningOperationReport[];
  /** The findings left for a decision. */
  readonly decisions: HardeningDecisionReport[];
}

/**
 * The one findings model every report format renders.
 */
export interface GuardReport {
  /** The tool's version. */
  readonly toolVersion: string;
  /** The PSS level evaluated. */
  readonly level: PssLevel;
  /** The requested PSS version (`latest` or `v1.N`). */
  readonly version: string;
  /** The version the checks ran at (`v1.N`). */
  readonly effectiveVersion: string;
  /** Counts. */
  readonly summary: ReportSummary;
  /** Every finding, suppressed or not, in a deterministic order. */
  readonly results: ReportResult[];
  /** Inputs that could not be read. */
  readonly errors: ReportError[];
  /**
   * Files of directory walks that were skipped, with the reason.
   * @default - none
   */
  readonly skipped?: ReportSkipped[];
  /** Suppressions that matched nothing. */
  readonly unusedSuppressions: UnusedSuppression[];
  /** The rules that ran. */
  readonly rules: RuleInfo[];
  /**
   * Every resource evaluated, in a deterministic order. Renderers that list passing checks (JUnit)
   * use it; without it they list the resources that have findings.
   * @default - only the resources named by results
   */
  readonly resources?: ReportResource[];
  /**
   * What hardening patched and left for a decision, per resource (JSON and Markdown render it).
   * @default - no hardening ran
   */
  readonly hardening?: HardeningResourceReport[];
}
