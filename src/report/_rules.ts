import { PolicyEvaluator } from '../evaluator';
import { ReportRule } from './model';

const cache = new WeakMap<PolicyEvaluator, ReportRule[]>();

/**
 * The rules an evaluator runs, described for reports, with the severity each has in that
 * evaluator. Cached per evaluator. @internal
 */
export function rulesOf(evaluator: PolicyEvaluator): ReportRule[] {
  const cached = cache.get(evaluator);
  if (cached) return cached;
  const rules: ReportRule[] = evaluator.rules().map(r => ({
    id: r.ruleId,
    description: r.description,
    message: r.message,
    fix: r.fix,
    severity: r.severity,
    ...(r.helpUri ? { helpUri: r.helpUri } : {}),
  }));
  cache.set(evaluator, rules);
  return rules;
}
