import { RuleInfo } from '../engine/types';
import { PolicyEvaluator } from '../evaluator';

const cache = new WeakMap<PolicyEvaluator, RuleInfo[]>();

/** The rules an evaluator runs, with the severity each has there. Cached per evaluator. @internal */
export function rulesOf(evaluator: PolicyEvaluator): RuleInfo[] {
  let rules = cache.get(evaluator);
  if (!rules) {
    rules = evaluator.rules();
    cache.set(evaluator, rules);
  }
  return rules;
}
