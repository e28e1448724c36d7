import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { resourceRefOf } from '../engine/manifest';
import { PssLevel, Severity } from '../engine/types';
import { PolicyEvaluator, PolicyEvaluatorProps } from '../evaluator';
import { manifestFileNamer, numbersCharts } from './_manifest-files';
import { describeProp, sameValue } from './_props';
import { SharedJson } from './_shared-json';
import { isBuiltinRuleId, StoredSuppression, storedOn } from './_store';
import { currentPass, PassKind } from './_synth-context';
import { GuardFinding, GuardMode, GuardResource, IGuardLogger, IGuardObserver, PolicyGuardProps } from './types';
import { GuardConfig } from '../config/guard-config';
import { withPodSecurityAdmission } from '../config/pod-security';
import { ConfigSuppression } from '../config/suppression';
import { INVALID_INPUT_RULE_ID } from '../engine/evaluate';
import { atOrAbove, count } from '../report/_common';
import { ReportBuilder } from '../report/builder';
import { ReportFormat } from '../report/format';
import { GuardReport, ReportResource, ReportResult, UnusedSuppression } from '../report/model';
import { ReportRenderer } from '../report/renderer';
import { POD_SECURITY_ADMISSION_RULE_ID } from '../rules/org/_pod-security-labels';

const GUARDS = new WeakMap<IConstruct, PolicyGuard>();

type Writable<T> = { -readonly [K in keyof T]: T[K] };

const DEFAULT_FORMATS: ReportFormat[] = [ReportFormat.JSON, ReportFormat.SARIF, ReportFormat.JUNIT, ReportFormat.MARKDOWN];
const MODES: string[] = [GuardMode.ENFORCE, GuardMode.WARN];
const SEVERITIES: string[] = [Severity.ERROR, Severity.WARNING, Severity.INFO];
const FORMATS: string[] = ReportRenderer.FORMATS;

/** The props as they were resolved at the first call, for comparing later calls. */
type Effective = { [K in keyof PolicyGuardProps]-?: unknown };

interface Evaluation {
  /** The ApiObjects evaluated, in construct-path order, and their manifests. */
  readonly objects: ApiObject[];
  readonly manifests: unknown[];
  readonly findings: GuardFinding[];
  readonly resources: GuardResource[];
  readonly unusedSuppressions: UnusedSuppression[];
}

const STDERR_LOGGER: IGuardLogger = { log: message => process.stderr.write(`${message}\n`) };

function isApp(scope: IConstruct): scope is App {
  return scope instanceof App;
}

function where(scope: IConstruct): string {
  return scope.node.path === '' ? '<app>' : scope.node.path;
}

function byteCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Checks every manifest of a cdk8s app (or chart) at synth time against the Pod Security
 * Standards and the organization and custom rules you choose, and maps each finding back to the
 * construct that produced it.
 *
 * Attach it once with `PolicyGuard.of(app, props)`. In enforce mode `app.synth()`,
 * `app.synthYaml()` and `Testing.synth(chart)` throw one error listing every unsuppressed finding
 * at or above the threshold, before any manifest is written. In warn mode the synth succeeds and
 * the list is printed once. Reports (JSON, SARIF, JUnit, Markdown) are written at every synth.
 *
 * cdk8s validates the app `1 + charts` times per synth; the guard evaluates the whole tree once
 * per synth, with one `PolicyEvaluator.evaluateAll` call, and answers the other passes from a cache.
 */
export class PolicyGuard {
  /**
   * The guard of an App or a Chart, attached on the first call. Later calls return the same
   * guard; properties they repeat must have the same values.
   * @param scope an App or a Chart
   * @param props properties (first call), or the same values again
   * @throws when the scope is not an App or a Chart, another guard covers part of the same tree,
   * a property is invalid, or a later call gives a property a different value
   */
  public static of(scope: IConstruct, props?: PolicyGuardProps): PolicyGuard {
    const existing = GUARDS.get(scope);
    if (existing) {
      if (props) existing.checkSameProps(props);
      return existing;
    }
    if (!isApp(scope) && !Chart.isChart(scope)) {
      throw new Error(`cannot attach a policy guard to "${where(scope)}" (${scope.constructor?.name ?? 'construct'}), attach it to an App or a Chart, e.g. PolicyGuard.of(app)`);
    }
    for (const ancestor of scope.node.scopes) {
      if (ancestor !== scope && GUARDS.has(ancestor)) {
        throw new Error(`a policy guard is already attached to "${where(ancestor)}", which contains "${where(scope)}"; use PolicyGuard.of(${ancestor.node.path === '' ? 'app' : 'chart'}) or attach guards only to sibling charts`);
      }
    }
    for (const child of scope.node.findAll()) {
      if (child !== scope && GUARDS.has(child)) {
        throw new Error(`a policy guard is already attached to "${where(child)}", inside "${where(scope)}"; attach one guard to the app, or guards only to sibling charts`);
      }
    }
    const guard = new PolicyGuard(scope, props ?? {});
    GUARDS.set(scope, guard);
    scope.node.addValidation({ validate: () => guard.validateForSynth() });
    return guard;
  }

  /** The App or Chart the guard checks (with everything below it). */
  public readonly scope: IConstruct;
  /** The evaluator the guard runs. */
  public readonly evaluator: PolicyEvaluator;
  /** The effective PSS level (packs may raise the requested one). */
  public readonly level: PssLevel;
  /** The requested PSS version: `latest` or `v1.N`. */
  public readonly version: string;
  /** Enforce or warn. */
  public readonly mode: GuardMode;
  /** The lowest severity that fails the synth in enforce mode. */
  public readonly failOn: Severity;
  /** Whether unused suppressions fail the synth in enforce mode. */
  public readonly failOnUnusedSuppressions: boolean;
  /** The report formats written at every synth. */
  public readonly reportFormats: ReportFormat[];
  /** Rule IDs whose findings are never suppressed (props and config file). */
  public readonly unsuppressibleRules: string[];

  private readonly effective: Effective;
  private readonly explicitReportDir?: string;
  private readonly config?: GuardConfig;
  private readonly observers: IGuardObserver[];
  private readonly logger: IGuardLogger;
  private readonly unsuppressible: Set<string>;
  private readonly customRuleIds: Set<string>;
  private synthErrors?: string[];
  private readonly shared = new SharedJson();
  private evaluationCount = 0;

  private constructor(scope: IConstruct, props: PolicyGuardProps) {
    this.scope = scope;
    if (props.mode !== undefined && !MODES.includes(props.mode)) {
      throw new Error(`invalid guard mode "${props.mode}", expecting one of: ${MODES.join(', ')}`);
    }
    if (props.failOn !== undefined && !SEVERITIES.includes(props.failOn)) {
      throw new Error(`invalid failOn severity "${props.failOn}", expecting one of: ${SEVERITIES.join(', ')}`);
    }
    for (const format of props.reportFormats ?? []) {
      if (!FORMATS.includes(format)) {
        throw new Error(`invalid report format "${format}", expecting one of: ${FORMATS.join(', ')}`);
      }
    }
    if (props.reportDir !== undefined && (typeof props.reportDir !== 'string' || props.reportDir === '')) {
      throw new Error(`invalid reportDir ${JSON.stringify(props.reportDir)}, expecting a directory path or leave it unset for the app's outdir`);
    }

    const config = props.configFile !== undefined ? GuardConfig.fromFile(props.configFile) : undefined;
    if (config?.level !== undefined && props.level !== undefined && config.level !== props.level) {
      throw new Error(`level "${props.level}" conflicts with level "${config.level}" in config file "${props.configFile}", set it in one place`);
    }
    if (config?.version !== undefined && props.version !== undefined && config.version !== props.version) {
      throw new Error(`version "${props.version}" conflicts with version "${config.version}" in config file "${props.configFile}", set it in one place`);
    }
    const fromConfig = config?.evaluatorProps(props.packs ?? []);
    const ruleParams: { [ruleId: string]: { [key: string]: any } } = { ...(fromConfig?.ruleParams ?? {}) };
    for (const [id, params] of Object.entries(props.ruleParams ?? {})) ruleParams[id] = { ...(ruleParams[id] ?? {}), ...params };
    const evaluatorProps: PolicyEvaluatorProps = {
      level: props.level ?? config?.level ?? PssLevel.RESTRICTED,
      version: props.version ?? config?.version ?? 'latest',
      packs: fromConfig?.packs ?? props.packs ?? [],
      rules: [...(fromConfig?.rules ?? []), ...(props.rules ?? [])],
      customRules: props.customRules ?? [],
      ruleParams,
      severityOverrides: fromConfig?.severityOverrides ?? {},
    };
    this.evaluator = new PolicyEvaluator(withPodSecurityAdmission(evaluatorProps, config));
    this.customRuleIds = new Set((props.customRules ?? []).map(r => r.ruleId));

    const unsuppressible = [...(config?.unsuppressible ?? [])];
    for (const id of props.unsuppressibleRules ?? []) {
      if (typeof id !== 'string' || (!isBuiltinRuleId(id) && !this.customRuleIds.has(id))) {
        throw new Error(`unknown rule ${JSON.stringify(id)} in unsuppressibleRules, expecting a built-in rule id such as "privileged" or the id of a custom rule`);
      }
      if (!unsuppressible.includes(id)) unsuppressible.push(id);
    }

    this.config = config;
    this.level = this.evaluator.level;
    this.version = this.evaluator.version;
    this.mode = props.mode ?? GuardMode.ENFORCE;
    this.failOn = props.failOn ?? Severity.ERROR;
    this.failOnUnusedSuppressions = props.failOnUnusedSuppressions ?? false;
    this.reportFormats = [...new Set(props.reportFormats ?? DEFAULT_FORMATS)];
    this.unsuppressibleRules = unsuppressible;
    // podSecurityAdmission is never suppressible: the cluster knows no suppressions.
    this.unsuppressible = new Set([...unsuppressible, POD_SECURITY_ADMISSION_RULE_ID]);
    this.explicitReportDir = props.reportDir;
    this.observers = [...(props.observers ?? [])];
    this.logger = props.logger ?? STDERR_LOGGER;
    this.effective = {
      level: evaluatorProps.level,
      version: evaluatorProps.version,
      packs: props.packs ?? [],
      rules: props.rules ?? [],
      customRules: props.customRules ?? [],
      ruleParams: props.ruleParams ?? {},
      mode: this.mode,
      failOn: this.failOn,
      unsuppressibleRules: props.unsuppressibleRules ?? [],
      failOnUnusedSuppressions: this.failOnUnusedSuppressions,
      reportDir: props.reportDir,
      reportFormats: props.reportFormats ?? DEFAULT_FORMATS,
      configFile: props.configFile,
      observers: props.observers ?? [],
      logger: props.logger,
    };
  }

  /** The directory reports are written to: `reportDir`, or the app's outdir. */
  public get reportDir(): string {
    return this.explicitReportDir ?? App.of(this.scope).outdir;
  }

  /** How many times the guard has evaluated the tree (synth passes served from the cache do not count). */
  public get evaluations(): number {
    return this.evaluationCount;
  }

  /**
   * Evaluates the current tree now and returns every finding, suppressed or not, sorted by
   * construct path (then in check order). Writes no report and calls no observer.
   */
  public findings(): GuardFinding[] {
    return this.evaluateTree().findings;
  }

  /**
   * Evaluates the current tree now and returns the report the guard would write. Writes nothing
   * and calls no observer.
   */
  public report(): GuardReport {
    return this.buildReport(this.evaluateTree());
  }

  /** The validation cdk8s calls `1 + charts` times per synth. */
  private validateForSynth(): string[] {
    const pass = currentPass();
    this.shared.newPass();
    if (pass === PassKind.SYNTH_REPEAT && this.synthErrors) return this.synthErrors;
    const evaluation = this.evaluateTree();
    const report = this.buildReport(evaluation);
    this.writeReports(report);
    this.notify(evaluation, report);

    const failing = report.results.filter(r => this.fails(r));
    const unusedFail = this.failOnUnusedSuppressions ? report.unusedSuppressions : [];
    const enforce = this.mode === GuardMode.ENFORCE;
    const thrown = enforce && (failing.length > 0 || unusedFail.length > 0);

    const printed = report.results.filter(r => !r.suppressed && !(thrown && this.fails(r)));
    const printedUnused = thrown && unusedFail.length > 0 ? [] : report.unusedSuppressions;
    if (printed.length > 0 || printedUnused.length > 0) {
      const heading = `cdk8s-guard (${this.mode}): ${count(printed.length, 'finding')} and ${count(printedUnused.length, 'unused suppression')} reported, the synth continues`;
      this.logger.log(`${heading}\n${this.renderText(report, printed, printedUnused)}`.trimEnd());
    }

    const errors: string[] = [];
    if (thrown) {
      const parts: string[] = [];
      if (failing.length > 0) parts.push(`${count(failing.length, 'finding')} at or above "${this.failOn}"`);
      if (unusedFail.length > 0) parts.push(`${count(unusedFail.length, 'unused suppression')} (failOnUnusedSuppressions)`);
      errors.push([
        `cdk8s-guard: ${parts.join(' and ')}, PSS ${this.level} ${this.version}; no manifest was written`,
        this.renderText(report, failing, unusedFail).trimEnd(),
        'fix each finding, or accept it with Suppressions.add(construct, [{ ruleId, reason }]) and a reason of at least 10 characters',
      ].join('\n'));
    }
    this.synthErrors = pass === PassKind.STANDALONE ? undefined : errors;
    // The rest of this synth renders every object again: hand it the manifests just checked.
    if (pass === PassKind.SYNTH_START && errors.length === 0) this.shared.share(evaluation.objects, evaluation.manifests);
    return errors;
  }

  private fails(r: ReportResult): boolean {
    return !r.suppressed && (r.ruleError === true || atOrAbove(r.severity, this.failOn));
  }

  private renderText(report: GuardReport, results: ReportResult[], unused: UnusedSuppression[]): string {
    return ReportRenderer.render({ ...report, results, unusedSuppressions: unused, errors: [] }, ReportFormat.TEXT, { failOn: this.failOn });
  }

  private writeReports(report: GuardReport): void {
    if (this.reportFormats.length === 0) return;
    const dir = this.reportDir;
    fs.mkdirSync(dir, { recursive: true });
    for (const format of this.reportFormats) {
      ReportRenderer.writeFile(report, format, path.join(dir, ReportRenderer.fileName(format)), { failOn: this.failOn });
    }
  }

  private notify(evaluation: Evaluation, report: GuardReport): void {
    if (this.observers.length === 0) return;
    const unsuppressedOn = new Set<string>();
    for (const f of evaluation.findings) if (!f.suppressed) unsuppressedOn.add(f.constructPath);
    for (const observer of this.observers) {
      for (const f of evaluation.findings) {
        if (f.suppressed) observer.onSuppressed(f);
        else if (f.ruleError) observer.onError(f);
        else observer.onViolation(f);
      }
      for (const r of evaluation.resources) if (!unsuppressedOn.has(r.constructPath)) observer.onCompliant(r);
      for (const u of evaluation.unusedSuppressions) observer.onUnusedSuppression(u);
      observer.onReport(report);
    }
  }

  private buildReport(evaluation: Evaluation): GuardReport {
    // Built field by field (no spreads), in the documented key order of ReportResult; optional
    // keys are only present when set.
    const findings = evaluation.findings;
    const results: ReportResult[] = new Array(findings.length);
    for (let i = 0; i < findings.length; i++) {
      const f = findings[i];
      const r: Writable<ReportResult> = { ruleId: f.ruleId, severity: f.severity } as ReportResult;
      if (f.level !== undefined) r.level = f.level;
      r.message = f.message;
      r.detail = f.detail;
      r.fix = f.fix;
      r.path = f.path;
      if (f.container !== undefined) r.container = f.container;
      r.resource = f.resource;
      r.suppressed = f.suppressed;
      if (f.suppressionReason !== undefined) r.suppressionReason = f.suppressionReason;
      if (f.suppressedBy !== undefined) r.suppressedBy = f.suppressedBy;
      if (f.ruleError) r.ruleError = true;
      if (f.manifestFile !== undefined) r.file = f.manifestFile;
      r.constructPath = f.constructPath;
      if (f.helpUri !== undefined) r.helpUri = f.helpUri;
      results[i] = r;
    }
    const resources: ReportResource[] = new Array(evaluation.resources.length);
    for (let i = 0; i < resources.length; i++) {
      const g = evaluation.resources[i];
      resources[i] = g.manifestFile !== undefined
        ? { resource: g.resource, constructPath: g.constructPath, file: g.manifestFile }
        : { resource: g.resource, constructPath: g.constructPath };
    }
    return ReportBuilder.create({
      evaluator: this.evaluator,
      results,
      resourceCount: resources.length,
      resources,
      unusedSuppressions: evaluation.unusedSuppressions,
    });
  }

  private evaluateTree(): Evaluation {
    this.evaluationCount++;
    this.shared.clear();
    const scope = this.scope;

    // Every ApiObject under the scope, with the suppressions of its ancestors (nearest last).
    const declared: StoredSuppression[] = [];
    let inherited: StoredSuppression[] = [];
    for (const ancestor of scope.node.scopes) {
      if (ancestor === scope) break;
      const own = storedOn(ancestor);
      if (own.length > 0) {
        inherited = [...inherited, ...own];
        declared.push(...own);
      }
    }
    const found: Array<{ obj: ApiObject; path: string; suppressions: StoredSuppression[] }> = [];
    // When the guard covers the whole app, the same walk answers whether cdk8s numbers the chart files.
    const app = App.of(scope);
    let dependantCharts: boolean | undefined = scope === app ? false : undefined;
    const visit = (c: IConstruct, parent: StoredSuppression[], parentChart: Chart | undefined) => {
      const own = storedOn(c);
      let list = parent;
      if (own.length > 0) {
        // A new list only where a construct declares suppressions: its subtree shares it.
        list = parent.concat(own);
        for (const s of own) declared.push(s);
      }
      if (ApiObject.isApiObject(c)) found.push({ obj: c, path: c.node.path, suppressions: list });
      const children = c.node.children;
      const chart = Chart.isChart(c) ? c : parentChart;
      if (dependantCharts === false && numbersCharts(c, children, chart)) dependantCharts = true;
      for (let i = 0; i < children.length; i++) visit(children[i], list, chart);
    };
    visit(scope, inherited, undefined);
    found.sort((a, b) => byteCompare(a.path, b.path));

    // One evaluation of every manifest together, so cross-object rules see the whole tree.
    const n = found.length;
    const manifests: unknown[] = new Array(n);
    for (let i = 0; i < n; i++) manifests[i] = found[i].obj.toJson();
    const raw = this.evaluator.evaluateAll(manifests);
    const fileOf = manifestFileNamer(app, dependantCharts);
    const files: Array<string | undefined> = new Array(n);
    const resources: GuardResource[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const file = files[i] = fileOf(found[i].obj, manifests[i]);
      const resource = resourceRefOf(manifests[i]);
      resources[i] = file !== undefined
        ? { constructPath: found[i].path, resource, manifestFile: file }
        : { constructPath: found[i].path, resource };
    }

    const used = new Set<StoredSuppression | ConfigSuppression>();
    const configSuppressions = this.config?.suppressions ?? [];
    const unsuppressible = this.unsuppressible;
    const findings: GuardFinding[] = new Array(raw.length);
    for (let j = 0; j < raw.length; j++) {
      const f = raw[j];
      const i = f.manifestIndex;
      const at = found[i];
      let by: string | undefined;
      let reason: string | undefined;
      if (!f.ruleError && !unsuppressible.has(f.ruleId)) {
        const list = at.suppressions;
        for (let k = list.length - 1; k >= 0; k--) {
          const s = list[k];
          if (s.ruleId !== f.ruleId) continue;
          if (s.containers && (f.container === undefined || !s.containers.includes(f.container))) continue;
          used.add(s);
          if (by === undefined) {
            by = s.scope;
            reason = s.reason;
          }
        }
        for (let k = 0; k < configSuppressions.length; k++) {
          const s = configSuppressions[k];
          if (!s.matches(f.resource, f.ruleId, f.container, at.path)) continue;
          used.add(s);
          if (by === undefined) {
            by = `config:${this.config!.source}`;
            reason = s.reason;
          }
        }
      }
      // Built field by field (no spreads), in the documented key order of GuardFinding; optional
      // keys are only present when set.
      const g: Writable<GuardFinding> = { ruleId: f.ruleId, severity: f.severity } as GuardFinding;
      if (f.level !== undefined) g.level = f.level;
      g.message = f.message;
      g.detail = f.detail;
      g.fix = f.fix;
      g.constructPath = at.path;
      g.resource = f.resource;
      g.path = f.path;
      if (f.container !== undefined) g.container = f.container;
      g.suppressed = by !== undefined;
      if (by !== undefined) {
        g.suppressionReason = reason;
        g.suppressedBy = by;
      }
      if (f.ruleError) g.ruleError = true;
      const file = files[i];
      if (file !== undefined) g.manifestFile = file;
      if (f.helpUri !== undefined) g.helpUri = f.helpUri;
      findings[j] = g;
    }

    return {
      objects: found.map(f => f.obj),
      manifests,
      findings,
      resources,
      unusedSuppressions: this.unused(declared, configSuppressions, used),
    };
  }

  /**
   * Suppressions that matched nothing. A suppression of a built-in rule that this guard does not
   * run cannot be judged and is left out; one of an unsuppressible rule, or of a custom rule ID
   * that this guard does not run, is listed with a note.
   */
  private unused(declared: StoredSuppression[], config: ConfigSuppression[], used: Set<object>): UnusedSuppression[] {
    const ran = new Set([...this.evaluator.ruleIds(), INVALID_INPUT_RULE_ID]);
    const out: UnusedSuppression[] = [];
    const consider = (s: StoredSuppression | ConfigSuppression, scope: string) => {
      if (used.has(s)) return;
      let note: string | undefined;
      if (this.unsuppressible.has(s.ruleId)) {note = `rule "${s.ruleId}" is unsuppressible`;} else if (!ran.has(s.ruleId)) {
        if (isBuiltinRuleId(s.ruleId)) return;
        note = `no rule "${s.ruleId}" runs in this guard`;
      }
      out.push({
        ruleId: s.ruleId,
        reason: s.reason,
        scope,
        ...(s.containers !== undefined ? { containers: [...s.containers] } : {}),
        ...(note !== undefined ? { note } : {}),
      });
    };
    for (const s of declared) consider(s, s.scope);
    for (const s of config) consider(s, `config:${this.config!.source}`);
    return out;
  }

  private checkSameProps(props: PolicyGuardProps): void {
    for (const key of Object.keys(props) as Array<keyof PolicyGuardProps>) {
      const value = props[key];
      if (value === undefined) continue;
      const current = this.effective[key];
      if (!sameValue(current, value)) {
        throw new Error(`conflicting policy guard property "${key}" for "${where(this.scope)}": the guard has ${describeProp(current)}, this call gives ${describeProp(value)}; pass the same value or omit it`);
      }
    }
  }
}
