import { pointerToFieldPath } from './_pointer';
import { describeValue } from './_util';
import { checkManifestInput, checkPodTemplateInput, InputProblem } from './input-check';
import { flattenManifests, ManifestEntry, resourceRefOf } from './manifest';
import { PodView } from './pod';
import { declarablePath, fieldPathOf, findPodShapes, PodKindTable } from './pod-templates';
import { entryAt, RuleRegistry } from './registry';
import { CheckEntry, RuleDefinition, SetMember } from './rule';
import { ContainerInfo, Finding, IRule, PssLevel, ResourceRef, RuleContext, RuleViolation, Severity } from './types';

/** The rule ID of findings about input Kubernetes would not accept. */
export const INVALID_INPUT_RULE_ID = 'invalidInput';

/**
 * The rule ID of warnings about pod-spec-shaped values that no check evaluated: an object of a
 * kind without a known pod template that still holds a `containers` list of images.
 */
export const UNEVALUATED_POD_TEMPLATE_RULE_ID = 'unevaluatedPodTemplate';

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
  /** The pod-bearing kinds: the built-in ones and those the user declared. */
  readonly podKinds?: PodKindTable;
  /** Severity of `unevaluatedPodTemplate` warnings. */
  readonly unevaluatedSeverity?: Severity;
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
  if (v.suppression !== undefined) finding.suppression = v.suppression;
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

/** The context of a further pod template of the same object (a declared path through a list). */
function podContext(ctx: RuleContext, pod: PodView, metadata: unknown): RuleContext {
  return {
    ...ctx,
    podSpec: pod.spec,
    podMetadata: metadata,
    podSpecPath: pod.specPath,
    podMetadataPath: pod.metadataPath,
    containers: pod.containers,
  };
}

/**
 * Warns about pod-spec-shaped values that no check evaluates: never counted as checked and
 * clean. One warning per declarable path (the items of one list share a warning).
 */
function pushUnevaluated(
  out: Finding[], plan: EvaluationPlan, object: any, basePath: string, evaluatedSpecs: readonly string[],
  resource: ResourceRef, manifestIndex: number,
): void {
  const shapes = findPodShapes(object, basePath, evaluatedSpecs);
  if (shapes.length === 0) return;
  const group = typeof object.apiVersion === 'string' ? (object.apiVersion.includes('/') ? object.apiVersion.split('/')[0] : '') : '';
  const seen = new Set<string>();
  for (const pointer of shapes) {
    const declarable = declarablePath(pointer, basePath);
    if (seen.has(declarable)) continue;
    seen.add(declarable);
    const where = pointer === basePath ? 'at its root' : `at ${fieldPathOf(pointer, basePath)}`;
    const kind = resource.kind || '<no kind>';
    out.push({
      ruleId: UNEVALUATED_POD_TEMPLATE_RULE_ID,
      severity: plan.unevaluatedSeverity ?? Severity.WARNING,
      message: 'pod template not evaluated',
      detail: `${kind} "${resource.name}" holds a pod template ${where}, and ${kind}${group ? ` of group "${group}"` : ''} is not a kind whose pod templates are evaluated`,
      fix: `declare the kind in podTemplates, e.g. { kind: ${kind}, group: ${group || '<group>'}, paths: ["${declarable}"] }, in the config file or the podTemplates prop`,
      path: pointer,
      paths: [pointer],
      resource,
      manifestIndex,
    });
  }
}
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
  const table = plan.podKinds ?? PodKindTable.builtin();
  const located = table.locate(object, basePath);
  if (located.expectedApiVersion !== undefined) {
    const written = (object as any).apiVersion;
    pushInputFindings(out, [{
      path: `${basePath}/apiVersion`,
      detail: `apiVersion "${written}" does not serve kind ${resource.kind}, whose apiVersion is ${located.expectedApiVersion}`,
      fix: `write apiVersion: ${located.expectedApiVersion}`,
    }], resource, manifestIndex);
  }
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
  const pods: PodView[] = [];
  for (const t of located.templates) {
    // A Pod's template metadata is the manifest's own metadata, which is already checked above.
    const ownMetadata = t.metadataPath === `${basePath}/metadata`;
    const problems = checkPodTemplateInput(ownMetadata ? undefined : t.metadata, t.metadataPath, t.spec, t.specPath);
    if (problems.length > 0) pushInputFindings(out, problems, resource, manifestIndex);
    pods.push(new PodView(object, t));
  }
  pod = pods[0];
  // Kubernetes' own kinds hold their pods where admission reads them; any other object may hide one.
  if (!located.kind?.spec.admission) pushUnevaluated(out, plan, object, basePath, located.templates.map(t => t.specPath), resource, manifestIndex);
  if (!pod && plan.extraRules.length === 0) return undefined;
  const ctx: RuleContext = {
    manifest: object,
    resource,
    manifestIndex,
    podSpec: pod?.spec,
    podMetadata: pod ? located.templates[0].metadata : undefined,
    podSpecPath: pod?.specPath,
    podMetadataPath: pod?.metadataPath,
    containers: pod ? pod.containers : NO_CONTAINERS,
    policyVersion,
    params: NO_PARAMS,
    allManifests: allManifests as any[],
  };
  for (let p = 0; p < pods.length; p++) {
    const podCtx = p === 0 ? ctx : podContext(ctx, pods[p], located.templates[p].metadata);
    for (let i = 0; i < pss.length; i++) runPodEntry(pss[i].def, pss[i].entry, Severity.ERROR, pods[p], podCtx, out);
  }
  const extraRules = plan.extraRules;
  for (let i = 0; i < extraRules.length; i++) {
    const rule = extraRules[i];
    // Rules without parameters share the entry's context; only a rule with parameters gets a copy.
    const ruleCtx: RuleContext = rule.params === NO_PARAMS ? ctx : { ...ctx, params: rule.params };
    if (rule.def.scope === 'pod') {
      if (!pod) continue;
      const e = entryAt(rule.def.entries!, plan.minor);
      if (!e) continue;
      for (let p = 0; p < pods.length; p++) {
        const podCtx = p === 0 ? ruleCtx : podContext(ruleCtx, pods[p], located.templates[p].metadata);
        runPodEntry(rule.def, e, rule.severity, pods[p], podCtx, out);
      }
    } else if (rule.def.scope === 'manifest') {
      runManifestRule(rule.def, rule.severity, ruleCtx, basePath, out);
    }
  }
  return pod;
}
