import { PackRule, RulePack } from '../engine/pack';
import { IRule, PodTemplateKind, PssLevel, Severity } from '../engine/types';
import { ReportFormat } from '../report/format';
import { GuardReport, ReportResource, ReportResult, UnusedSuppression } from '../report/model';
import { VulnerabilityOptions } from '../vulnerabilities/types';

/**
 * What the guard does with findings at or above its threshold.
 */
export enum GuardMode {
  /** Fail the synth with one error listing every finding at or above the threshold. */
  ENFORCE = 'enforce',
  /** Let the synth succeed and print the same list once. */
  WARN = 'warn',
}

/**
 * Receives the outcome of each synth-time evaluation, one callback per outcome (in the style of
 * cdk-nag's loggers). Extend `GuardObserverBase` to implement only the callbacks you need.
 * Observers are called during synth, not by `findings()` or `report()`.
 */
export interface IGuardObserver {
  /** An unsuppressed finding (any severity) that is not a rule error. */
  onViolation(finding: ReportResult): void;
  /** A suppressed finding. */
  onSuppressed(finding: ReportResult): void;
  /** A rule that failed to run on a resource. */
  onError(finding: ReportResult): void;
  /** A resource without unsuppressed findings. */
  onCompliant(resource: ReportResource): void;
  /** A suppression that matched nothing. */
  onUnusedSuppression(suppression: UnusedSuppression): void;
  /** The whole report, once per evaluation, after the other callbacks. */
  onReport(report: GuardReport): void;
}

/**
 * An `IGuardObserver` whose callbacks do nothing: extend it and override what you need.
 */
export class GuardObserverBase implements IGuardObserver {
  /** Does nothing. */
  public onViolation(_finding: ReportResult): void {}
  /** Does nothing. */
  public onSuppressed(_finding: ReportResult): void {}
  /** Does nothing. */
  public onError(_finding: ReportResult): void {}
  /** Does nothing. */
  public onCompliant(_resource: ReportResource): void {}
  /** Does nothing. */
  public onUnusedSuppression(_suppression: UnusedSuppression): void {}
  /** Does nothing. */
  public onReport(_report: GuardReport): void {}
}

/**
 * Where the guard prints its console summary.
 */
export interface IGuardLogger {
  /**
   * Prints a message (several lines, no trailing line break).
   * @param message the text
   */
  log(message: string): void;
}

/**
 * Properties of `PolicyGuard.of`.
 */
export interface PolicyGuardProps {
  /**
   * The Pod Security Standards level. Packs that require a stricter level raise it.
   * @default - the config file's level, else PssLevel.RESTRICTED
   */
  readonly level?: PssLevel;
  /**
   * The Pod Security Standards version: `latest` or `v1.N`, validated at the call.
   * @default - the config file's version, else 'latest'
   */
  readonly version?: string;
  /**
   * Rule packs to run, besides the config file's packs.
   * @default - no packs: only the PSS level runs
   */
  readonly packs?: RulePack[];
  /**
   * Individual organization rules to run, with severity and parameters.
   * @default - none
   */
  readonly rules?: PackRule[];
  /**
   * Custom rules.
   * @default - none
   */
  readonly customRules?: IRule[];
  /**
   * Further kinds whose objects hold pod templates, and where, e.g.
   * `{ kind: 'Elasticsearch', group: 'elasticsearch.k8s.elastic.co', paths: ['spec.nodeSets[*].podTemplate'] }`.
   * They add to the config file's `podTemplates`.
   * @default - only the built-in kinds and the config file's
   */
  readonly podTemplates?: PodTemplateKind[];
  /**
   * Parameters by rule ID, merged over the packs', the rules' and the config file's parameters.
   * @default - none
   */
  readonly ruleParams?: { [ruleId: string]: { [key: string]: any } };
  /**
   * Enforce (fail the synth) or warn (print and continue).
   * @default GuardMode.ENFORCE
   */
  readonly mode?: GuardMode;
  /**
   * The lowest severity that fails the synth in enforce mode (and is printed in warn mode).
   * Rule errors always fail.
   * @default Severity.ERROR
   */
  readonly failOn?: Severity;
  /**
   * Rule IDs whose findings can never be suppressed, besides the config file's. Suppressions
   * of these rules are ignored and reported as unused.
   * @default - none
   */
  readonly unsuppressibleRules?: string[];
  /**
   * Fail the synth (in enforce mode) when a suppression matches no finding.
   * @default false
   */
  readonly failOnUnusedSuppressions?: boolean;
  /**
   * The directory the reports are written to at every synth. Keep it outside the app's outdir,
   * so that the outdir holds only Kubernetes manifests.
   * @default - `<outdir>-guard-reports`, beside the app's outdir (e.g. `dist-guard-reports/`)
   */
  readonly reportDir?: string;
  /**
   * The report formats written at every synth. An empty list writes no reports.
   * @default [ReportFormat.JSON, ReportFormat.SARIF, ReportFormat.JUNIT, ReportFormat.MARKDOWN]
   */
  readonly reportFormats?: ReportFormat[];
  /**
   * A guard config file (YAML or JSON): level, version, packs, rule settings, suppressions and
   * unsuppressible rules. Read once, at the call.
   * @default - no config file
   */
  readonly configFile?: string;
  /**
   * Ignore the suppressions made in code (`Suppressions.add` and the golden constructs' typed
   * exceptions), as the CLI and the plugin do with the same setting for the
   * `cdk8s-guard.io/suppressions` annotation. The config file's `disallowAnnotationExemptions`
   * does the same.
   * @default false
   */
  readonly disallowAnnotationExemptions?: boolean;
  /**
   * Observers of each synth-time evaluation.
   * @default - none
   */
  readonly observers?: IGuardObserver[];
  /**
   * Print the findings that do not fail the synth (below `failOn`) and the unused suppressions
   * in full. Without it they are counted in one line, and the reports list them; findings that
   * fail the synth (or would, in warn mode) are always printed in full.
   * @default false
   */
  readonly verbose?: boolean;
  /**
   * Where the console summary goes (findings that do not fail the synth, unused suppressions).
   * @default - standard error
   */
  readonly logger?: IGuardLogger;
  /**
   * The vulnerability gate (scanner reports, VEX documents, minimum severity, acceptances),
   * merged over the config file's `vulnerabilities:` section. Files are read once, at the call,
   * with paths relative to the working directory. A report that cannot be read fails the synth
   * in enforce mode; the manifests are still checked.
   * @default - the config file's section, if any; else the imageVulnerabilities rule does not run
   */
  readonly vulnerabilities?: VulnerabilityOptions;
}
