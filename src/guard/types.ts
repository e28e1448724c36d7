import { PackRule, RulePack } from '../engine/pack';
import { IRule, PodTemplateKind, PssLevel, ResourceRef, Severity } from '../engine/types';
import { ReportFormat } from '../report/format';
import { GuardReport, UnusedSuppression } from '../report/model';

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
 * One finding of the policy guard, mapped back to the construct tree.
 */
export interface GuardFinding {
  /** The rule's stable ID, e.g. `capabilities_restricted`. */
  readonly ruleId: string;
  /** How serious it is. */
  readonly severity: Severity;
  /**
   * The Pod Security Standards level of the check.
   * @default - not a PSS check
   */
  readonly level?: PssLevel;
  /** Short reason, e.g. `unrestricted capabilities`. */
  readonly message: string;
  /** What exactly is wrong, naming containers and values. */
  readonly detail: string;
  /** A one-line fix. */
  readonly fix: string;
  /** The construct path of the ApiObject, e.g. `prod/web/Resource`. */
  readonly constructPath: string;
  /** The resource. */
  readonly resource: ResourceRef;
  /** JSON pointer of the offending field in the synthesized manifest. */
  readonly path: string;
  /**
   * The container the finding is about.
   * @default - about the pod or the resource as a whole
   */
  readonly container?: string;
  /** True when a suppression covers it. Suppressed findings are still reported. */
  readonly suppressed: boolean;
  /**
   * The reason of the suppression that covers it.
   * @default - not suppressed
   */
  readonly suppressionReason?: string;
  /**
   * Where that suppression was declared: a construct path, or `config:<file>`.
   * @default - not suppressed
   */
  readonly suppressedBy?: string;
  /**
   * True when the finding reports a rule that failed to run. Such findings always fail the
   * synth in enforce mode and are never suppressed.
   * @default false
   */
  readonly ruleError?: boolean;
  /**
   * The manifest file `app.synth()` writes the resource to, joined to the app's outdir.
   * @default - unknown
   */
  readonly manifestFile?: string;
  /**
   * A link to the rule's documentation.
   * @default - none
   */
  readonly helpUri?: string;
}

/**
 * A resource the guard evaluated.
 */
export interface GuardResource {
  /** The construct path of the ApiObject. */
  readonly constructPath: string;
  /** The resource. */
  readonly resource: ResourceRef;
  /**
   * The manifest file it is written to.
   * @default - unknown
   */
  readonly manifestFile?: string;
}

/**
 * Receives the outcome of each synth-time evaluation, one callback per outcome (in the style of
 * cdk-nag's loggers). Extend `GuardObserverBase` to implement only the callbacks you need.
 * Observers are called during synth, not by `findings()` or `report()`.
 */
export interface IGuardObserver {
  /** An unsuppressed finding (any severity) that is not a rule error. */
  onViolation(finding: GuardFinding): void;
  /** A suppressed finding. */
  onSuppressed(finding: GuardFinding): void;
  /** A rule that failed to run on a resource. */
  onError(finding: GuardFinding): void;
  /** A resource without unsuppressed findings. */
  onCompliant(resource: GuardResource): void;
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
  public onViolation(_finding: GuardFinding): void {}
  /** Does nothing. */
  public onSuppressed(_finding: GuardFinding): void {}
  /** Does nothing. */
  public onError(_finding: GuardFinding): void {}
  /** Does nothing. */
  public onCompliant(_resource: GuardResource): void {}
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
   * The directory the reports are written to at every synth.
   * @default - the app's outdir
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
   * Observers of each synth-time evaluation.
   * @default - none
   */
  readonly observers?: IGuardObserver[];
  /**
   * Where the console summary goes (findings that do not fail the synth, unused suppressions).
   * @default - standard error
   */
  readonly logger?: IGuardLogger;
}
