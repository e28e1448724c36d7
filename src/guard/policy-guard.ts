import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App, Chart, DependencyGraph } from 'cdk8s';
import { IConstruct } from 'constructs';
import { suppressionsCovering, writeDecisions } from './_decisions';
import { manifestFileNamer, numbersCharts } from './_manifest-files';
import { describeProp, sameValue } from './_props';
import { StoredSuppression, storedOn } from './_store';
import { SynthWindow } from './_synth-window';
import { GuardMode, IGuardLogger, IGuardObserver, PolicyGuardProps } from './types';
import { resourceRefOf } from '../engine/manifest';
import { ResourceRef, PssLevel, Severity } from '../engine/types';
import { PolicyEvaluator } from '../evaluator';
import { hardenTree, hardeningReportOf } from '../hardening/hardening';
import { parseDocuments } from '../loader/documents';
import { LineMap } from '../loader/line-map';
import { DEFAULT_REPORT_FORMATS, oneOf, REPORT_FORMATS, SEVERITIES } from '../policy/constants';
import { Policy } from '../policy/policy';
import { nameHiddenChecks, toResult } from '../policy/results';
import { atOrAbove, count } from '../report/_common';
import { ReportBuilder } from '../report/builder';
import { ReportFormat } from '../report/format';
import { GuardReport, ReportResource, ReportResult, UnusedSuppression } from '../report/model';
import { ReportRenderer } from '../report/renderer';
import { POD_SECURITY_ADMISSION_RULE_ID } from '../rules/org/_pod-security-labels';
import { vulnerabilityOptionProblems } from '../vulnerabilities/options';

const GUARDS = new WeakMap<IConstruct, PolicyGuard>();

const MODES: readonly string[] = [GuardMode.ENFORCE, GuardMode.WARN];

/** The props as they were resolved at the first call, for comparing later calls. */
type Effective = { [K in keyof PolicyGuardProps]-?: unknown };

interface Evaluation {
  /** The ApiObjects evaluated, in construct-path order, and their manifests. */
  readonly objects: ApiObject[];
  readonly manifests: unknown[];
  readonly results: ReportResult[];
  readonly resources: ReportResource[];
  readonly unusedSuppressions: UnusedSuppression[];
  /** Code suppressions that name a rule the policy does not know. */
  readonly problems: string[];
}

const STDERR_LOGGER: IGuardLogger = { log: message => process.stderr.write(`${message}\n`) };

const GUARD_HINTS = {
  allowRegistries: 'give ruleParams: { imageRegistry: { allowed: [PREFIX, …] } }',
  registriesWithoutRule: 'trusted registries were given for the imageRegistry rule, which no pack runs: add Packs.HARDENED, or select imageRegistry in rules',
};

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
 * the list is printed once. Reports (JSON, SARIF, JUnit, Markdown) are written at every synth,
 * beside the app's outdir, never among the manifests.
 *
 * The guard resolves its policy (props, config file, packs) and matches suppressions with the
 * same code as the `cdk8s-guard` CLI and the cdk8s CLI plugin, and the decisions made in code
 * travel with the manifests (`SuppressionAnnotation`), so all three give one verdict.
 *
 * Within `app.synth()` / `app.synthYaml()` the guard evaluates the whole tree once, with one
 * `PolicyEvaluator.evaluateAll` call, and hands each chart's already-rendered manifests to cdk8s
 * through `Chart.toJson`, so what is written is exactly what was checked.
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
  /** Whether findings that do not fail the synth are printed in full. */
  public readonly verbose: boolean;

  private readonly policy: Policy;
  private readonly effective: Effective;
  private readonly explicitReportDir?: string;
  private readonly observers: IGuardObserver[];
  private readonly logger: IGuardLogger;
  private readonly app: App;
  private readonly window: SynthWindow;
  /** The synth (window generation) whose first pass this guard has answered, and its answer. */
  private answered?: { generation: number; errors: string[] };
  private evaluationCount = 0;

  private constructor(scope: IConstruct, props: PolicyGuardProps) {
    this.scope = scope;
    if (props.mode !== undefined && !MODES.includes(props.mode)) {
      throw new Error(`invalid guard mode "${props.mode}", expecting one of: ${oneOf(MODES)}`);
    }
    if (props.failOn !== undefined && !(SEVERITIES as readonly string[]).includes(props.failOn)) {
      throw new Error(`invalid failOn severity "${props.failOn}", expecting one of: ${oneOf(SEVERITIES)}`);
    }
    for (const format of props.reportFormats ?? []) {
      if (!REPORT_FORMATS.includes(format)) {
        throw new Error(`invalid report format "${format}", expecting one of: ${oneOf(REPORT_FORMATS)}`);
      }
    }
    if (props.reportDir !== undefined && (typeof props.reportDir !== 'string' || props.reportDir === '')) {
      throw new Error(`invalid reportDir ${JSON.stringify(props.reportDir)}, expecting a directory path or leave it unset for "<outdir>-guard-reports"`);
    }

    if (props.vulnerabilities !== undefined) {
      const problems = vulnerabilityOptionProblems(props.vulnerabilities);
      if (problems.length > 0) throw new Error(`invalid policy guard property ${problems.join('; ')}`);
    }

    this.policy = Policy.resolve({
      level: props.level,
      version: props.version,
      packs: props.packs,
      rules: props.rules,
      customRules: props.customRules,
      podTemplates: props.podTemplates,
      ruleParams: props.ruleParams,
      configFile: props.configFile,
      unsuppressible: props.unsuppressibleRules,
      disallowAnnotationExemptions: props.disallowAnnotationExemptions,
      vulnerabilities: props.vulnerabilities,
      hints: GUARD_HINTS,
    });
    this.evaluator = this.policy.evaluator;
    this.level = this.evaluator.level;
    this.version = this.evaluator.version;
    this.mode = props.mode ?? GuardMode.ENFORCE;
    this.failOn = props.failOn ?? Severity.ERROR;
    this.failOnUnusedSuppressions = props.failOnUnusedSuppressions ?? false;
    this.reportFormats = [...new Set(props.reportFormats ?? DEFAULT_REPORT_FORMATS)];
    this.unsuppressibleRules = [...this.policy.unsuppressible];
    this.verbose = props.verbose ?? false;
    this.explicitReportDir = props.reportDir;
    this.observers = [...(props.observers ?? [])];
    this.logger = props.logger ?? STDERR_LOGGER;
    for (const w of this.policy.warnings) this.logger.log(`cdk8s-guard: warning: ${w}`);
    this.app = App.of(scope);
    this.window = SynthWindow.of(this.app);
    this.effective = {
      level: this.policy.evaluatorProps.level,
      version: this.policy.evaluatorProps.version,
      packs: props.packs ?? [],
      rules: props.rules ?? [],
      customRules: props.customRules ?? [],
      podTemplates: props.podTemplates ?? [],
      ruleParams: props.ruleParams ?? {},
      mode: this.mode,
      failOn: this.failOn,
      unsuppressibleRules: props.unsuppressibleRules ?? [],
      failOnUnusedSuppressions: this.failOnUnusedSuppressions,
      reportDir: props.reportDir,
      reportFormats: props.reportFormats ?? DEFAULT_REPORT_FORMATS,
      configFile: props.configFile,
      disallowAnnotationExemptions: props.disallowAnnotationExemptions ?? false,
      verbose: this.verbose,
      observers: props.observers ?? [],
      logger: props.logger,
      vulnerabilities: props.vulnerabilities,
    };
  }

  /**
   * The directory reports are written to: `reportDir`, or `<outdir>-guard-reports` beside the
   * app's outdir.
   */
  public get reportDir(): string {
    return this.explicitReportDir ?? `${path.resolve(this.app.outdir)}-guard-reports`;
  }

  /** How many times the guard has evaluated the tree (synth passes served from the cache do not count). */
  public get evaluations(): number {
    return this.evaluationCount;
  }

  /**
   * Evaluates the current tree now and returns every finding, suppressed or not, sorted by
   * construct path (then in check order). Writes no report and calls no observer.
   */
  public findings(): ReportResult[] {
    return this.evaluateTree().results;
  }

  /**
   * Evaluates the current tree now and returns the report the guard would write. Writes nothing
   * and calls no observer.
   */
  public report(): GuardReport {
    return this.buildReport(this.evaluateTree());
  }

  /** The validation cdk8s calls `1 + charts` times per synth (fewer under the guard). */
  private validateForSynth(): string[] {
    const window = this.window;
    if (window.open && this.answered?.generation === window.generation) return this.answered.errors;
    const evaluation = this.evaluateTree();
    const report = this.buildReport(evaluation);
    const errors = this.verdict(report, evaluation.problems);
    if (!window.open) {
      // A standalone render (Testing.synth, chart.toJson): report now.
      this.writeReports(report);
      this.notify(report);
      return errors;
    }
    this.answered = { generation: window.generation, errors };
    const handed = errors.length === 0 ? this.handOver(evaluation) : [];
    window.onClose(failed => {
      for (const chart of handed) delete (chart as { toJson?: unknown }).toJson;
      this.answered = undefined;
      // The manifests are written now: the reports point at the line of each field in them.
      const wanted = !failed && (this.reportFormats.length > 0 || this.observers.length > 0);
      const final = wanted ? withManifestLines(report) : report;
      this.writeReports(final);
      this.notify(final);
    });
    return errors;
  }

  /**
   * One consistent summary per synth: when the synth fails, everything is in its error (the
   * failing findings in full, then one line for what did not fail) and nothing else is printed;
   * otherwise one log message: in warn mode the findings that would fail in full, and the rest as
   * one line unless `verbose`. Returns the synth error, if any.
   */
  private verdict(report: GuardReport, problems: string[]): string[] {
    const failing = report.results.filter(r => this.fails(r));
    const below = report.results.filter(r => !r.suppressed && !this.fails(r));
    const unusedFail = this.failOnUnusedSuppressions ? report.unusedSuppressions : [];
    const unusedOther = this.failOnUnusedSuppressions ? [] : report.unusedSuppressions;
    const enforce = this.mode === GuardMode.ENFORCE;
    const inputErrors = report.errors.map(e => `${e.file ?? ''}${e.line !== undefined ? `:${e.line}` : ''}: ${e.message}`);
    const thrown = problems.length > 0 || (enforce && (failing.length > 0 || unusedFail.length > 0 || inputErrors.length > 0));
    const rest = this.restLine(below, unusedOther);

    if (thrown) {
      const parts: string[] = [];
      if (failing.length > 0 && enforce) parts.push(`${count(failing.length, 'finding')} at or above "${this.failOn}"`);
      if (unusedFail.length > 0 && enforce) parts.push(`${count(unusedFail.length, 'unused suppression')} (failOnUnusedSuppressions)`);
      if (problems.length > 0) parts.push(count(problems.length, 'suppression of an unknown rule', 'suppressions of unknown rules'));
      if (inputErrors.length > 0 && enforce) parts.push(count(inputErrors.length, 'unreadable input'));
      return [[
        `cdk8s-guard: ${parts.join(' and ')}, PSS ${this.level} ${this.version}; no manifest was written`,
        ...problems,
        ...(enforce ? inputErrors : []),
        ...(enforce && (failing.length > 0 || unusedFail.length > 0) ? [this.renderText(report, failing, unusedFail).trimEnd()] : []),
        ...(rest !== undefined ? [`also ${rest}, which do not fail the synth (see the reports in ${this.reportDir})`] : []),
        'fix each finding, or accept it with Suppressions.add(construct, [{ ruleId, reason }]) and a reason of at least 10 characters',
      ].join('\n')];
    }

    const lines: string[] = [];
    if (inputErrors.length > 0) lines.push(`cdk8s-guard (${this.mode}): ${count(inputErrors.length, 'unreadable input')}, the synth continues`, ...inputErrors);
    if (failing.length > 0) {
      // warn mode: what would fail in enforce mode, in full
      lines.push(`cdk8s-guard (${this.mode}): ${count(failing.length, 'finding')} at or above "${this.failOn}", the synth continues`);
      lines.push(this.renderText(report, failing, []).trimEnd());
    }
    if (rest !== undefined) {
      if (this.verbose) {
        lines.push(`cdk8s-guard (${this.mode}): ${rest}, which do not fail the synth`);
        lines.push(this.renderText(report, below, unusedOther).trimEnd());
      } else {
        lines.push(`cdk8s-guard (${this.mode}): ${rest}, which do not fail the synth; the reports in ${this.reportDir} list them (verbose: true prints them)`);
      }
    }
    if (lines.length > 0) this.logger.log(lines.join('\n'));
    return [];
  }

  /** `2 findings below "error" (1 warning, 1 info) and 1 unused suppression`, or undefined when there is neither. */
  private restLine(below: readonly ReportResult[], unused: readonly UnusedSuppression[]): string | undefined {
    const parts: string[] = [];
    if (below.length > 0) {
      const bySeverity = SEVERITIES.map(sev => [sev, below.filter(r => r.severity === sev).length] as const).filter(([, n]) => n > 0);
      parts.push(`${count(below.length, 'finding')} below "${this.failOn}" (${bySeverity.map(([sev, n]) => `${n} ${sev}`).join(', ')})`);
    }
    if (unused.length > 0) parts.push(count(unused.length, 'unused suppression'));
    return parts.length > 0 ? parts.join(' and ') : undefined;
  }

  /**
   * Hands each chart's manifests, rendered and checked at the start of this synth, to cdk8s:
   * until the synth ends, the chart's `toJson` returns them, in cdk8s's own dependency order, so
   * what is written is what was checked. Returns the charts whose `toJson` was replaced (the guard
   * removes it when the synth ends, and with it every manifest it held).
   */
  private handOver(evaluation: Evaluation): Chart[] {
    const byObject = new Map<ApiObject, unknown>();
    const charts = new Set<Chart>();
    for (let i = 0; i < evaluation.objects.length; i++) {
      const obj = evaluation.objects[i];
      byObject.set(obj, evaluation.manifests[i]);
      charts.add(obj.chart);
    }
    const handed: Chart[] = [];
    for (const chart of charts) {
      if (Object.prototype.hasOwnProperty.call(chart, 'toJson')) continue;
      let manifests: any[] | undefined;
      const own = (): any[] => {
        if (manifests === undefined) {
          // The order of cdk8s's own rendering: the chart's dependency topology, objects of this chart only.
          const ordered = new DependencyGraph(chart.node).topology()
            .filter((c): c is ApiObject => ApiObject.isApiObject(c) && Chart.of(c) === chart);
          manifests = ordered.map(obj => (byObject.has(obj) ? byObject.get(obj) : obj.toJson()));
        }
        return manifests;
      };
      try {
        Object.defineProperty(chart, 'toJson', { value: own, configurable: true, writable: true, enumerable: false });
        handed.push(chart);
      } catch {
        // a frozen chart renders its objects again, as it would without the guard
      }
    }
    return handed;
  }

  private fails(r: ReportResult): boolean {
    return !r.suppressed && (r.ruleError === true || atOrAbove(r.severity, this.failOn));
  }

  private renderText(report: GuardReport, results: ReportResult[], unused: UnusedSuppression[]): string {
    const options = { failOn: this.failOn, verbose: true };
    // The summary line counts the violations listed, so the console never contradicts itself.
    const summary = { ...ReportBuilder.summarize(results, report.summary.resources, []), suppressed: report.summary.suppressed };
    return ReportRenderer.render({ ...report, results, summary, unusedSuppressions: unused, errors: [] }, ReportFormat.TEXT, options);
  }

  private writeReports(report: GuardReport): void {
    if (this.reportFormats.length === 0) return;
    const dir = this.reportDir;
    fs.mkdirSync(dir, { recursive: true });
    for (const format of this.reportFormats) {
      ReportRenderer.writeFile(report, format, path.join(dir, ReportRenderer.fileName(format)), { failOn: this.failOn });
    }
  }

  private notify(report: GuardReport): void {
    if (this.observers.length === 0) return;
    const unsuppressedOn = new Set<string>();
    for (const r of report.results) if (!r.suppressed) unsuppressedOn.add(r.constructPath ?? '');
    for (const observer of this.observers) {
      for (const r of report.results) {
        if (r.suppressed) observer.onSuppressed(r);
        else if (r.ruleError) observer.onError(r);
        else observer.onViolation(r);
      }
      for (const r of report.resources ?? []) if (!unsuppressedOn.has(r.constructPath ?? '')) observer.onCompliant(r);
      for (const u of report.unusedSuppressions) observer.onUnusedSuppression(u);
      observer.onReport(report);
    }
  }

  private buildReport(evaluation: Evaluation): GuardReport {
    return ReportBuilder.create({
      evaluator: this.evaluator,
      results: evaluation.results,
      resourceCount: evaluation.resources.length,
      resources: evaluation.resources,
      unusedSuppressions: evaluation.unusedSuppressions,
      errors: this.policy.inputErrors,
      hardening: hardeningReportOf(this.scope),
    });
  }

  private evaluateTree(): Evaluation {
    this.evaluationCount++;
    const scope = this.scope;
    const app = this.app;
    // Hardening patches the tree and decisions made in code are written into the manifests, before anything is rendered.
    hardenTree(scope);
    writeDecisions(scope.node.root);

    // Every ApiObject under the scope, and every suppression declared at or above it.
    const declared: StoredSuppression[] = [];
    for (const ancestor of scope.node.scopes) {
      if (ancestor !== scope) declared.push(...storedOn(ancestor));
    }
    const found: Array<{ obj: ApiObject; path: string }> = [];
    // When the guard covers the whole app, the same walk answers whether cdk8s numbers the chart files.
    let dependantCharts: boolean | undefined = scope === app ? false : undefined;
    const visit = (c: IConstruct, parentChart: Chart | undefined) => {
      const own = storedOn(c);
      for (let i = 0; i < own.length; i++) declared.push(own[i]);
      if (ApiObject.isApiObject(c)) found.push({ obj: c, path: c.node.path });
      const children = c.node.children;
      const chart = Chart.isChart(c) ? c : parentChart;
      if (dependantCharts === false && numbersCharts(c, children, chart)) dependantCharts = true;
      for (let i = 0; i < children.length; i++) visit(children[i], chart);
    };
    visit(scope, undefined);
    found.sort((a, b) => byteCompare(a.path, b.path));

    const policy = this.policy;
    const problems: string[] = [];
    const checked = new Set<string>();
    for (const s of declared) {
      if (checked.has(s.ruleId)) continue;
      checked.add(s.ruleId);
      const problem = policy.ruleIdProblem(s.ruleId, `in suppression at "${s.scope}"`);
      if (problem) problems.push(problem);
    }

    // One evaluation of every manifest together, so cross-object rules see the whole tree.
    const n = found.length;
    const manifests: unknown[] = new Array(n);
    for (let i = 0; i < n; i++) manifests[i] = found[i].obj.toJson();
    const raw = this.evaluator.evaluateAll(manifests);
    const fileOf = manifestFileNamer(app, dependantCharts);
    const files: Array<string | undefined> = new Array(n);
    const covering: StoredSuppression[][] = new Array(n);
    const resources: ReportResource[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const file = files[i] = fileOf(found[i].obj, manifests[i]);
      const resource = resourceRefOf(manifests[i]);
      resources[i] = file !== undefined
        ? { resource, constructPath: found[i].path, file }
        : { resource, constructPath: found[i].path };
    }

    const ledger = policy.ledger();
    ledger.declare(declared);
    const results: ReportResult[] = new Array(raw.length);
    for (let j = 0; j < raw.length; j++) {
      const f = raw[j];
      const i = f.manifestIndex;
      const at = found[i];
      covering[i] ??= suppressionsCovering(at.obj);
      const decision = ledger.decide(f, covering[i], at.path);
      results[j] = toResult(f, { file: files[i], constructPath: at.path }, decision);
    }

    return {
      objects: found.map(f => f.obj),
      manifests,
      results: nameHiddenChecks(results, POD_SECURITY_ADMISSION_RULE_ID),
      resources,
      unusedSuppressions: ledger.unused(policy.ruleIds()),
      problems,
    };
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

/** The identity of a manifest, for finding it among the documents of the file it was written to. */
function identity(r: ResourceRef): string {
  return `${r.apiVersion}|${r.kind}|${r.namespace ?? ''}|${r.name}`;
}

/**
 * The report with the document index and line of each result and resource in the manifest file
 * the synth wrote. Only the files with unsuppressed results are read (the findings that need
 * attention; a file holding only suppressed ones is not parsed again); a file that cannot be read
 * leaves its results as they are.
 */
function withManifestLines(report: GuardReport): GuardReport {
  const files = new Set<string>();
  for (const r of report.results) if (r.file !== undefined && !r.suppressed) files.add(r.file);
  if (files.size === 0) return report;
  const byFile = new Map<string, Map<string, { index: number; line: number; lines: LineMap }>>();
  for (const file of files) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const docs = new Map<string, { index: number; line: number; lines: LineMap }>();
    for (const doc of parseDocuments(text)) {
      if (doc.kind === 'document') docs.set(identity(resourceRefOf(doc.object)), { index: doc.index, line: doc.line, lines: doc.lines });
    }
    byFile.set(file, docs);
  }
  const at = (file: string | undefined, resource: ResourceRef) => (file !== undefined ? byFile.get(file)?.get(identity(resource)) : undefined);
  const results = report.results.map(r => {
    const doc = at(r.file, r.resource);
    return doc ? { ...r, documentIndex: doc.index, line: doc.lines.lineOf(r.path) } : r;
  });
  const resources = report.resources?.map(r => {
    const doc = at(r.file, r.resource);
    return doc ? { ...r, documentIndex: doc.index, line: doc.line } : r;
  });
  return { ...report, results, ...(resources ? { resources } : {}) };
}
