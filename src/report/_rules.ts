import { Severity } from '../engine/types';
import { PolicyEvaluator } from '../evaluator';
import { builtinRegistry } from '../rules';
import { ReportRule } from './model';

const cache = new WeakMap<PolicyEvaluator, ReportRule[]>();

/**
 * The rules an evaluator runs, described for reports. PSS checks always report errors; other
 * rules take the severity the evaluator resolved (packs, rules, overrides), read from its plan.
 * @internal
 */
export function rulesOf(evaluator: PolicyEvaluator): ReportRule[] {
  const cached = cache.get(evaluator);
  if (cached) return cached;
  const registry = builtinRegistry();
  const extra = new Map<string, { def: any; severity: Severity }>();
  const plan = (evaluator as any).plan;
  for (const r of (plan?.extraRules ?? []) as Array<{ def: any; severity: Severity }>) extra.set(r.def.id, r);
  const rules: ReportRule[] = [];
  for (const id of evaluator.ruleIds()) {
    const selected = extra.get(id);
    const def = selected?.def ?? registry.get(id);
    if (!def) continue;
    rules.push({
      id,
      description: def.description,
      message: def.message,
      fix: def.fix,
      severity: def.level !== undefined ? Severity.ERROR : selected?.severity ?? def.defaultSeverity,
      ...(def.helpUri ? { helpUri: def.helpUri } : {}),
    });
  }
  cache.set(evaluator, rules);
  return rules;
}
