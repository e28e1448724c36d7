import * as fs from 'fs';
import * as path from 'path';
import { runValidation } from '../cli/_run';
import { parseFailOn } from '../cli/_settings';
import { pointerToFieldPath } from '../engine/_pointer';
import { PssLevel, ResourceRef, Severity } from '../engine/types';
import { PolicyVersion } from '../engine/version';
import { DEFAULT_MAX_FILE_SIZE, InputEntry } from '../loader/input';
import { CHECKED_LEVELS, oneOf, REPORT_FORMATS, SEVERITIES } from '../policy/constants';
import { Policy, PolicyHints } from '../policy/policy';
import { isFailing } from '../report/_common';
import { ReportBuilder } from '../report/builder';
import { ReportFormat } from '../report/format';
import { GuardReport, ReportError, ReportResult } from '../report/model';
import { ReportRenderer } from '../report/renderer';
import { vulnerabilityOptionProblems } from '../vulnerabilities/options';
import { VulnerabilityOptions } from '../vulnerabilities/types';

/**
 * Properties of the cdk8s CLI validation plugin, as written under `properties:` of a
 * `validations:` entry in `cdk8s.yaml`.
 */
export interface GuardValidationPluginProps {
  /**
   * The Pod Security Standards level: `baseline` or `restricted`.
   * @default - the config file's level, else `restricted`
   */
  readonly level?: PssLevel;
  /**
   * The Pod Security Standards version, `latest` or `v1.N`.
   * @default - the config file's version, else `latest`
   */
  readonly version?: string;
  /**
   * Built-in rule packs to run besides the level, e.g. `["hardened"]`.
   * @default - only the packs of the config file, if any
   */
  readonly packs?: string[];
  /**
   * A config file (YAML or JSON; level, version, packs, rule parameters, severities, suppressions),
   * relative to the directory `cdk8s synth` runs in.
   * @default - no config file
   */
  readonly config?: string;
  /**
   * Trusted registry or repository prefixes for the `imageRegistry` rule (which the `hardened`
   * pack runs), e.g. `["registry.example.com/"]`.
   * @default - the config file's `rules.imageRegistry.params.allowed`
   */
  readonly allowRegistries?: string[];
  /**
   * Ignore the suppressions recorded in the manifests' `cdk8s-guard.io/suppressions` annotation
   * (decisions made in code: `Suppressions.add` and typed exceptions).
   * @default - the config file's `disallowAnnotationExemptions`, else false
   */
  readonly disallowAnnotationExemptions?: boolean;
  /**
   * The lowest severity that fails the validation: `error`, `warning` or `info`.
   * @default Severity.ERROR
   */
  readonly failOn?: Severity;
  /**
   * Also write the full report to this file (relative to the directory `cdk8s synth` runs in).
   * @default - no report file; the cdk8s CLI prints its own report
   */
  readonly reportFile?: string;
  /**
   * The format of `reportFile`: `json`, `sarif`, `junit`, `markdown` or `text`.
   * @default ReportFormat.SARIF
   */
  readonly reportFormat?: ReportFormat;
  /**
   * The vulnerability gate (scanner reports, VEX documents, minimum severity, acceptances),
   * merged over the config file's `vulnerabilities:` section. Paths are relative to the
   * directory `cdk8s synth` runs in.
   * @default - the config file's section, if any; else the imageVulnerabilities rule does not run
   */
  readonly vulnerabilities?: VulnerabilityOptions;
}

/** What the plugin reads of the cdk8s CLI's validation context (its `ValidationContext`). */
interface PluginContext {
  readonly manifests: readonly string[];
  readonly metadata?: { readonly [resourceName: string]: { readonly path: string } | undefined };
  readonly report: {
    addViolation(violation: {
      ruleName: string;
      recommendation: string;
      fix: string;
      violatingResources: Array<{ resourceName: string; locations: string[]; manifestPath: string }>;
    }): void;
    submit(status: 'success' | 'failure', metadata?: { [key: string]: string }): void;
  };
  readonly logger?: { log(message: string): void };
}

const FORMATS: readonly string[] = REPORT_FORMATS;
const LEVELS: readonly string[] = CHECKED_LEVELS;
const FAIL_ON: readonly string[] = SEVERITIES;
const PROPERTIES = ['level', 'version', 'packs', 'config', 'allowRegistries', 'disallowAnnotationExemptions', 'failOn', 'reportFile', 'reportFormat', 'vulnerabilities'];

/** How the plugin names its properties in messages. */
const PLUGIN_HINTS: PolicyHints = {
  allowRegistries: 'set allowRegistries: [PREFIX] in the plugin properties',
  registriesWithoutRule: 'allowRegistries sets the trusted registries of the imageRegistry rule, which no pack runs: add packs: [hardened], or select imageRegistry in the config file',
};

function checkProps(props: GuardValidationPluginProps): void {
  const fail = (message: string) => {
    throw new Error(`cdk8s-guard validation plugin: ${message}`);
  };
  const { level, version, packs, config, allowRegistries, failOn, reportFile, reportFormat } = props as { [key: string]: unknown };
  const { disallowAnnotationExemptions, vulnerabilities } = props as { [key: string]: unknown };
  for (const key of Object.keys(props)) {
    if (!PROPERTIES.includes(key)) fail(`unknown property "${key}", expecting one of: ${oneOf(PROPERTIES)}`);
  }
  if (level !== undefined && !LEVELS.includes(level as string)) {
    fail(`invalid level ${JSON.stringify(level)}, expecting one of: ${oneOf(LEVELS)}`);
  }
  if (allowRegistries !== undefined && (!Array.isArray(allowRegistries) || allowRegistries.some(p => typeof p !== 'string' || p === ''))) {
    fail(`allowRegistries must be a list of registry prefixes such as ["registry.example.com/"], found ${JSON.stringify(allowRegistries)}`);
  }
  if (disallowAnnotationExemptions !== undefined && typeof disallowAnnotationExemptions !== 'boolean') {
    fail(`disallowAnnotationExemptions must be true or false, found ${JSON.stringify(disallowAnnotationExemptions)}`);
  }
  if (version !== undefined && (typeof version !== 'string' || !PolicyVersion.isValid(version))) {
    fail(`invalid policy version ${JSON.stringify(version)}, expecting "latest" or "v1.<minor>" such as "v1.30"`);
  }
  if (packs !== undefined && (!Array.isArray(packs) || packs.some(p => typeof p !== 'string'))) {
    fail(`packs must be a list of pack names such as ["hardened"], found ${JSON.stringify(packs)}`);
  }
  if (config !== undefined && (typeof config !== 'string' || config === '')) {
    fail(`config must be a file path, found ${JSON.stringify(config)}`);
  }
  if (failOn !== undefined && !FAIL_ON.includes(failOn as string)) {
    fail(`invalid failOn ${JSON.stringify(failOn)}, expecting one of: ${oneOf(FAIL_ON)}`);
  }
  if (reportFile !== undefined && (typeof reportFile !== 'string' || reportFile === '')) {
    fail(`reportFile must be a file path, found ${JSON.stringify(reportFile)}`);
  }
  if (reportFormat !== undefined && !FORMATS.includes(reportFormat as string)) {
    fail(`invalid reportFormat ${JSON.stringify(reportFormat)}, expecting one of: ${oneOf(FORMATS)}`);
  }
  if (vulnerabilities !== undefined) {
    const problems = vulnerabilityOptionProblems(vulnerabilities);
    if (problems.length > 0) fail(problems.join('; '));
  }
}

/**
 * A validation plugin for the cdk8s CLI (`cdk8s synth`). It checks the synthesized manifests
 * with the same engine, packs, config and suppressions as the `cdk8s-guard` CLI and the policy
 * guard, and reports every unsuppressed finding with the path of the construct that produced
 * the resource.
 *
 * In `cdk8s.yaml`:
 *
 * ```yaml
 * validations:
 *   - package: ./node_modules/cdk8s-guard
 *     version: 0.0.0
 *     class: GuardValidationPlugin
 *     properties:
 *       level: restricted
 *       packs: [hardened]
 *       config: guard.yaml
 * ```
 */
export class GuardValidationPlugin {
  /** The properties, as given. */
  public readonly props: GuardValidationPluginProps;

  /**
   * @throws when a property has the wrong type or an unknown value (the message names it and the fix)
   */
  constructor(props: GuardValidationPluginProps = {}) {
    checkProps(props ?? {});
    this.props = { ...(props ?? {}) };
  }

  /**
   * Validates the manifests of a synth and fills the cdk8s CLI's report. The validation fails
   * when a finding at or above `failOn` is not suppressed, or when a manifest cannot be read.
   * @param context the cdk8s CLI's `ValidationContext`
   */
  public async validate(context: any): Promise<void> {
    const ctx = context as PluginContext;
    let report: GuardReport;
    let scanErrors: ReadonlySet<ReportError> = new Set();
    const failOn = this.props.failOn !== undefined ? parseFailOn(this.props.failOn) : Severity.ERROR;
    try {
      const policy = Policy.resolve({
        level: this.props.level,
        version: this.props.version,
        packs: this.props.packs,
        configFile: this.props.config,
        allowRegistries: this.props.allowRegistries,
        disallowAnnotationExemptions: this.props.disallowAnnotationExemptions,
        vulnerabilities: this.props.vulnerabilities,
        hints: PLUGIN_HINTS,
      });
      for (const w of policy.warnings) ctx.logger?.log(`cdk8s-guard: warning: ${w}`);
      scanErrors = new Set(policy.inputErrors);
      const metadata = ctx.metadata ?? {};
      const constructPathOf = (resource: ResourceRef) => {
        const entry = Object.prototype.hasOwnProperty.call(metadata, resource.name) ? metadata[resource.name] : undefined;
        return typeof entry?.path === 'string' ? entry.path : undefined;
      };
      const inputs: InputEntry[] = (ctx.manifests ?? []).map(file => ({ kind: 'file', file }));
      const outcome = await runValidation(inputs, {
        policy,
        maxFileSize: DEFAULT_MAX_FILE_SIZE,
        constructPathOf,
      });
      report = ReportBuilder.create({
        evaluator: outcome.evaluator,
        results: outcome.results,
        resourceCount: outcome.resources,
        errors: [...policy.inputErrors, ...outcome.errors],
        unusedSuppressions: outcome.unusedSuppressions,
      });
    } catch (err) {
      // Bad settings (an unknown pack or rule, a broken config file): the validation fails with the reason.
      ctx.report.addViolation({
        ruleName: 'configuration',
        recommendation: (err as Error).message,
        fix: 'fix the cdk8s-guard plugin properties or config file',
        violatingResources: [],
      });
      ctx.report.submit('failure', { error: (err as Error).message });
      return;
    }

    this.addViolations(ctx, report, scanErrors);
    if (this.props.reportFile) {
      const format = this.props.reportFormat ?? ReportFormat.SARIF;
      const file = path.resolve(process.cwd(), this.props.reportFile);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, ReportRenderer.render(report, format, { failOn }));
    }
    const failed = report.errors.length > 0 || report.results.some(r => isFailing(r, failOn));
    const s = report.summary;
    ctx.report.submit(failed ? 'failure' : 'success', {
      'Level': report.level,
      'PSS version': report.effectiveVersion,
      'Resources': String(s.resources),
      'Violations': String(s.violations),
      'Suppressed': String(s.suppressed),
      'Errors': String(s.errors),
    });
  }

  private addViolations(ctx: PluginContext, report: GuardReport, scanErrors: ReadonlySet<ReportError>): void {
    // One violation per rule, severity, reason and fix; one violating resource per manifest object.
    const groups = new Map<string, { results: ReportResult[] }>();
    for (const r of report.results) {
      if (r.suppressed) continue;
      const key = JSON.stringify([r.ruleId, r.severity, r.message, r.fix]);
      const group = groups.get(key) ?? { results: [] };
      group.results.push(r);
      groups.set(key, group);
    }
    for (const { results } of groups.values()) {
      const first = results[0];
      const resources = new Map<string, { resourceName: string; locations: string[]; manifestPath: string }>();
      for (const r of results) {
        const key = `${r.file}#${r.documentIndex}#${r.resource.kind}#${r.resource.name}`;
        const entry = resources.get(key) ?? { resourceName: r.resource.name, locations: [], manifestPath: r.file ?? '' };
        const field = pointerToFieldPath(r.path) || '(resource)';
        entry.locations.push(`${field}${r.line !== undefined ? ` (line ${r.line})` : ''}: ${r.detail}`);
        resources.set(key, entry);
      }
      ctx.report.addViolation({
        ruleName: first.ruleId,
        recommendation: `${first.ruleError ? 'rule error' : first.severity}: ${first.message}`,
        fix: first.fix,
        violatingResources: [...resources.values()],
      });
    }
    for (const e of report.errors) {
      const scanInput = scanErrors.has(e);
      ctx.report.addViolation({
        ruleName: scanInput ? 'unreadableScanInput' : 'unreadableManifest',
        recommendation: e.message,
        fix: scanInput ? 'fix or regenerate the scanner report or VEX document' : 'fix the synthesized manifest',
        violatingResources: [{
          resourceName: '',
          locations: [`${e.documentIndex !== undefined ? `document ${e.documentIndex}` : 'file'}${e.line !== undefined ? ` (line ${e.line})` : ''}`],
          manifestPath: e.file ?? '',
        }],
      });
    }
  }
}
