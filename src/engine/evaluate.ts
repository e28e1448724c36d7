import { pointerToFieldPath } from './_pointer';
import { describeValue } from './_util';
import { checkManifestInput, checkPodTemplateInput, InputProblem } from './input-check';
import { flattenManifests, locatePodTemplate, ManifestEntry, resourceRefOf } from './manifest';
import { PodView } from './pod';
import { entryAt, RuleRegistry } from './registry';
import { CheckEntry, RuleDefinition, SetMember } from './rule';
import { ContainerInfo, Finding, IRule, PssLevel, ResourceRef, RuleContext, RuleViolation, Severity } from './types';

/** The rule ID of findings about input Kubernetes would not accept. */
export const INVALID_INPUT_RULE_ID = 'invalidInput';

/** An organization or custom rule selected to run, with its severity and parameters. @internal */
export interface SelectedRule {
  readonly def: RuleDefinition;
  readonly severity: Severity;
  readonly params: { [key: string]: any };
}

/** Everything one evaluation needs, resolved once. @internal */
export interface EvaluationPlan {
  readonly registry: RuleRegistry;
  readonly level: PssLevel;
  /** Effective minor version (already capped at the registry's maxMinor). */
  readonly minor: number;
  readonly extraRules: readonly SelectedRule[];
}

/** Wraps a user's IRule as a manifest-scoped definition. @internal */
export function customRuleDefinition(rule: IRule): RuleDefinition {
  return {
    id: rule.ruleId,
    description: rule.description,
    message: rule.message,
    fix: rule.fix,
    defaultSeverity: rule.severity,
    scope: 'manifest',
    checkManifest: ctx => rule.evaluate(ctx),
  };
}

function toFinding(def: RuleDefinition, severity: Severity, v: RuleViolation, resource: ResourceRef, manifestIndex: number): Finding {
  const paths = [v.path];
  if (Array.isArray(v.extraPaths)) {
    for (const p of v.extraPaths) if (typeof p === 'string' && p !== v.path) paths.push(p);
  }
  // Built field by field (no spreads), in the documented order of Finding.
  const finding: { -readonly [K in keyof Finding]: Finding[K] } = { ruleId: def.id, severity: v.severity ?? severity } as Finding;
  if (def.level !== undefined) finding.level = def.level;
  finding.message = v.message ?? def.message;
  finding.detail = v.detail;
  finding.fix = v.fix ?? def.fix;
  finding.path = v.path;
  finding.paths = paths;
  if (v.container !== undefined) finding.container = v.container;
  finding.resource = resource;
  finding.manifestIndex = manifestIndex;
  if (def.helpUri) finding.helpUri = def.helpUri;
  return finding;
}

function errorFinding(def: RuleDefinition, err: unknown, path: string, resource: ResourceRef, manifestIndex: number): Finding {
  const reason = err instanceof Error ? err.message : String(err);
  const finding: { -readonly [K in keyof Finding]: Finding[K] } = { ruleId: def.id, severity: Severity.ERROR } as Finding;
  if (def.level !== undefined) finding.level = def.level;
  finding.message = 'rule failed to run';
  finding.detail = `rule "${def.id}" threw: ${reason}`;
  finding.fix = `report the failure of rule "${def.id}", or fix the custom rule`;
  finding.path = path;
  finding.paths = [path];
  finding.resource = resource;
  finding.manifestIndex = manifestIndex;
  finding.ruleError = true;
  return finding;
}

function pushInputFindings(out: Finding[], problems: readonly InputProblem[], resource: ResourceRef, manifestIndex: number): void {
  for (const p of problems) {
    out.push({
      ruleId: INVALID_INPUT_RULE_ID,
      severity: Severity.ERROR,
      message: 'invalid manifest',
      detail: p.detail,
      fix: p.fix,
      path: p.path,
      paths: [p.path],
      resource,
      manifestIndex,
    });
  }
}

function pushViolations(
  out: Finding[], def: RuleDefinition, severity: Severity, violations: readonly RuleViolation[], resource: ResourceRef, manifestIndex: number,
): void {
  for (let i = 0; i < violations.length; i++) out.push(toFinding(def, severity, violations[i], resource, manifestIndex));
}

function notAList(violations: unknown): Error {
  return new Error(`returned ${typeof violations} instead of a list of violations`);
}

/** Runs one entry of a pod-scoped rule; a throw becomes an error finding, never a pass. */
function runPodEntry(def: RuleDefinition, entry: CheckEntry, severity: Severity, pod: PodView, ctx: RuleContext, out: Finding[]): void {
  let violations: RuleViolation[];
  try {
    violations = entry.check(pod, ctx);
    if (!Array.isArray(violations)) throw notAList(violations);
  } catch (err) {
    out.push(errorFinding(def, err, pod.specPath, ctx.resource, ctx.manifestIndex));
    return;
  }
  if (violations.length > 0) pushViolations(out, def, severity, violations, ctx.resource, ctx.manifestIndex);
}

/** Runs a manifest-scoped rule (organization or custom); a throw becomes an error finding. */
function runManifestRule(def: RuleDefinition, severity: Severity, ctx: RuleContext, path: string, out: Finding[]): void {
  let violations: RuleViolation[];
  try {
    violations = def.checkManifest!(ctx);
    if (!Array.isArray(violations)) throw notAList(violations);
  } catch (err) {
    out.push(errorFinding(def, err, path, ctx.resource, ctx.manifestIndex));
    return;
  }
  if (violations.length > 0) pushViolations(out, def, severity, violations, ctx.resource, ctx.manifestIndex);
}

/**
 * Evaluates manifests against a plan. Pure: the input is never modified.
 * Findings are ordered by manifest, then by check order (PSS baseline, PSS restricted,
 * organization and custom rules), then as each rule reports them.
 * @internal
 */
export function evaluateManifests(plan: EvaluationPlan, manifests: readonly unknown[]): Finding[] {
  const out: Finding[] = [];
  const entries = flattenManifests(manifests);
  const pss = plan.registry.resolvePss(plan.level, plan.minor);
  const policyVersion = `v1.${plan.minor}`;
  const setRules = plan.extraRules.filter(r => r.def.scope === 'set');
  if (setRules.length === 0) {
    // Entries come in manifest order, so findings can go straight to the result.
    for (let i = 0; i < entries.length; i++) evaluateEntry(plan, pss, entries[i], policyVersion, manifests, out);
    return out;
  }

  const members: SetMember[] = [];
  const byManifest: Finding[][] = manifests.map(() => []);
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    const pod = evaluateEntry(plan, pss, entry, policyVersion, manifests, byManifest[entry.manifestIndex]);
    members.push({ object: entry.object, manifestIndex: entry.manifestIndex, basePath: entry.basePath, pod });
  }

  for (const rule of setRules) {
    const fallback = { apiVersion: '', kind: '', name: '' };
    let violations: RuleViolation[] = [];
    try {
      violations = rule.def.checkSet!(members, rule.params);
      if (!Array.isArray(violations)) throw notAList(violations);
    } catch (err) {
      (byManifest[0] ?? out).push(errorFinding(rule.def, err, '', fallback, 0));
      continue;
    }
    for (const v of violations) {
      const index = typeof v.manifestIndex === 'number' && byManifest[v.manifestIndex] ? v.manifestIndex : 0;
      const member = memberFor(entries, index, v.path);
      const resource = member ? resourceRefOf(member.object) : fallback;
      (byManifest[index] ?? out).push(toFinding(rule.def, rule.severity, v, resource, index));
    }
  }
  for (const list of byManifest) for (const f of list) out.push(f);
  return out;
}

function memberFor(entries: readonly ManifestEntry[], manifestIndex: number, path: string): ManifestEntry | undefined {
  let best: ManifestEntry | undefined;
  for (const e of entries) {
    if (e.manifestIndex !== manifestIndex) continue;
    if (path === e.basePath || path.startsWith(e.basePath + '/') || e.basePath === '') {
      if (!best || e.basePath.length > best.basePath.length) best = e;
    }
  }
  return best;
}

const NO_CONTAINERS: ContainerInfo[] = [];
/**
 * The parameters of a built-in rule given none (frozen, shared). The evaluator passes it for such
 * rules, so that they share the entry's context instead of each getting a copy. @internal
 */
export const NO_PARAMS: { [key: string]: any } = Object.freeze({});

function evaluateEntry(
  plan: EvaluationPlan,
  pss: ReturnType<RuleRegistry['resolvePss']>,
  entry: ManifestEntry,
  policyVersion: string,
  allManifests: readonly unknown[],
  out: Finding[],
): PodView | undefined {
  const { object, manifestIndex, basePath } = entry;
  const resource = resourceRefOf(object);
  const shapeProblems = checkManifestInput(object, basePath);
  if (shapeProblems.length > 0) {
    pushInputFindings(out, shapeProblems, resource, manifestIndex);
    if (typeof object !== 'object' || object === null || Array.isArray(object)) return undefined;
  }
  const located = locatePodTemplate(object, basePath);
  let pod: PodView | undefined;
  if (located.missingAt !== undefined && !(resource.kind === 'ReplicationController' && located.found === null)) {
    // pod-security admission evaluates nothing for a ReplicationController whose template is null.
    const field = pointerToFieldPath(located.missingAt.slice(basePath.length));
    pushInputFindings(out, [{
      path: located.missingAt,
      detail: located.found === undefined ? `${field} is missing` : `${field} must be a map, found ${describeValue(located.found)}`,
      fix: `write ${field} as a map holding the pod ${field.endsWith('template') ? 'template' : 'spec'}`,
    }], resource, manifestIndex);
  }
  if (located.template) {
    const t = located.template;
    // A Pod's template metadata is the manifest's own metadata, which is already checked above.
    const ownMetadata = t.metadataPath === `${basePath}/metadata`;
    const problems = checkPodTemplateInput(ownMetadata ? undefined : t.metadata, t.metadataPath, t.spec, t.specPath);
    if (problems.length > 0) pushInputFindings(out, problems, resource, manifestIndex);
    pod = new PodView(object, t);
  }
  if (!pod && plan.extraRules.length === 0) return undefined;
  const ctx: RuleContext = {
    manifest: object,
    resource,
    manifestIndex,
    podSpec: pod?.spec,
    podMetadata: located.template?.metadata,
    podSpecPath: pod?.specPath,
    podMetadataPath: pod?.metadataPath,
    containers: pod ? pod.containers : NO_CONTAINERS,
    policyVersion,
    params: NO_PARAMS,
    allManifests: allManifests as any[],
  };
  if (pod) {
    for (let i = 0; i < pss.length; i++) runPodEntry(pss[i].def, pss[i].entry, Severity.ERROR, pod, ctx, out);
  }
  const extraRules = plan.extraRules;
  for (let i = 0; i < extraRules.length; i++) {
    const rule = extraRules[i];
    // Rules without parameters share the entry's context; only a rule with parameters gets a copy.
    const ruleCtx: RuleContext = rule.params === NO_PARAMS ? ctx : { ...ctx, params: rule.params };
    if (rule.def.scope === 'pod') {
      if (!pod) continue;
      const e = entryAt(rule.def.entries!, plan.minor);
      if (e) runPodEntry(rule.def, e, rule.severity, pod, ruleCtx, out);
    } else if (rule.def.scope === 'manifest') {
      runManifestRule(rule.def, rule.severity, ruleCtx, basePath, out);
    }
  }
  return pod;
}
