import { pointerToFieldPath } from './_pointer';
import { describeValue } from './_util';
import { checkManifestInput, checkPodTemplateInput, InputProblem } from './input-check';
import { flattenManifests, locatePodTemplate, ManifestEntry, resourceRefOf } from './manifest';
import { PodView } from './pod';
import { entryAt, RuleRegistry } from './registry';
import { RuleDefinition, SetMember } from './rule';
import { Finding, IRule, PssLevel, ResourceRef, RuleContext, RuleViolation, Severity } from './types';

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
  const extra = Array.isArray(v.extraPaths) ? v.extraPaths.filter(p => typeof p === 'string' && p !== v.path) : [];
  return {
    ruleId: def.id,
    severity,
    ...(def.level !== undefined ? { level: def.level } : {}),
    message: v.message ?? def.message,
    detail: v.detail,
    fix: v.fix ?? def.fix,
    path: v.path,
    paths: [v.path, ...extra],
    ...(v.container !== undefined ? { container: v.container } : {}),
    resource,
    manifestIndex,
    ...(def.helpUri ? { helpUri: def.helpUri } : {}),
  };
}

function errorFinding(def: RuleDefinition, err: unknown, path: string, resource: ResourceRef, manifestIndex: number): Finding {
  const reason = err instanceof Error ? err.message : String(err);
  return {
    ruleId: def.id,
    severity: Severity.ERROR,
    ...(def.level !== undefined ? { level: def.level } : {}),
    message: 'rule failed to run',
    detail: `rule "${def.id}" threw: ${reason}`,
    fix: `report the failure of rule "${def.id}", or fix the custom rule`,
    path,
    paths: [path],
    resource,
    manifestIndex,
    ruleError: true,
  };
}

function inputFindings(problems: readonly InputProblem[], resource: ResourceRef, manifestIndex: number): Finding[] {
  return problems.map(p => ({
    ruleId: INVALID_INPUT_RULE_ID,
    severity: Severity.ERROR,
    message: 'invalid manifest',
    detail: p.detail,
    fix: p.fix,
    path: p.path,
    paths: [p.path],
    resource,
    manifestIndex,
  }));
}

function runSafely(def: RuleDefinition, path: string, resource: ResourceRef, manifestIndex: number, out: Finding[], severity: Severity, fn: () => RuleViolation[]): void {
  let violations: RuleViolation[];
  try {
    violations = fn();
    if (!Array.isArray(violations)) throw new Error(`returned ${typeof violations} instead of a list of violations`);
  } catch (err) {
    out.push(errorFinding(def, err, path, resource, manifestIndex));
    return;
  }
  for (const v of violations) out.push(toFinding(def, severity, v, resource, manifestIndex));
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
  const members: SetMember[] = [];
  const byManifest: Finding[][] = manifests.map(() => []);

  for (const entry of entries) {
    const findings = byManifest[entry.manifestIndex];
    const pod = evaluateEntry(plan, pss, entry, policyVersion, manifests, findings);
    if (setRules.length > 0) members.push({ object: entry.object, manifestIndex: entry.manifestIndex, basePath: entry.basePath, pod });
  }

  for (const rule of setRules) {
    const fallback = { apiVersion: '', kind: '', name: '' };
    let violations: RuleViolation[] = [];
    try {
      violations = rule.def.checkSet!(members, rule.params);
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
  for (const list of byManifest) out.push(...list);
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
    out.push(...inputFindings(shapeProblems, resource, manifestIndex));
    if (typeof object !== 'object' || object === null || Array.isArray(object)) return undefined;
  }
  const located = locatePodTemplate(object, basePath);
  let pod: PodView | undefined;
  if (located.missingAt !== undefined && !(resource.kind === 'ReplicationController' && located.found === null)) {
    // pod-security admission evaluates nothing for a ReplicationController whose template is null.
    const field = pointerToFieldPath(located.missingAt.slice(basePath.length));
    out.push(...inputFindings([{
      path: located.missingAt,
      detail: located.found === undefined ? `${field} is missing` : `${field} must be a map, found ${describeValue(located.found)}`,
      fix: `write ${field} as a map holding the pod ${field.endsWith('template') ? 'template' : 'spec'}`,
    }], resource, manifestIndex));
  }
  if (located.template) {
    const t = located.template;
    const problems = checkPodTemplateInput(t.metadata, t.metadataPath, t.spec, t.specPath);
    out.push(...inputFindings(problems, resource, manifestIndex));
    pod = new PodView(object, t);
  }
  const ctx: RuleContext = {
    manifest: object,
    resource,
    manifestIndex,
    ...(pod ? {
      podSpec: pod.spec,
      podMetadata: located.template!.metadata,
      podSpecPath: pod.specPath,
      podMetadataPath: pod.metadataPath,
    } : {}),
    containers: pod ? pod.containers : [],
    policyVersion,
    params: {},
    allManifests: allManifests as any[],
  };
  if (pod) {
    for (const { def, entry: checkEntry } of pss) {
      runSafely(def, pod.specPath, resource, manifestIndex, out, Severity.ERROR, () => checkEntry.check(pod!, ctx));
    }
  }
  for (const rule of plan.extraRules) {
    const ruleCtx = { ...ctx, params: rule.params };
    if (rule.def.scope === 'pod') {
      if (!pod) continue;
      const e = entryAt(rule.def.entries!, plan.minor);
      if (!e) continue;
      runSafely(rule.def, pod.specPath, resource, manifestIndex, out, rule.severity, () => e.check(pod!, ruleCtx));
    } else if (rule.def.scope === 'manifest') {
      runSafely(rule.def, basePath, resource, manifestIndex, out, rule.severity, () => rule.def.checkManifest!(ruleCtx));
    }
  }
  return pod;
}
