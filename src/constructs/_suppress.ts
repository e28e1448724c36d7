/**
 * The one place where the constructs hand their exceptions to the policy guard. @internal
 */
import { IConstruct } from 'constructs';
import { RuleSuppression } from './_validate';

/** A suppression recorded by a construct. @internal */
export interface RecordedSuppression extends RuleSuppression {
  readonly containers?: string[];
}

const RECORDED = new WeakMap<IConstruct, RecordedSuppression[]>();

/**
 * Adds guard suppressions for the exceptions of a construct (optionally narrowed to containers).
 * @internal
 */
export function suppressForException(scope: IConstruct, entries: RuleSuppression[], container?: string): void {
  if (entries.length === 0) return;
  const list = entries.map(e => ({ ruleId: e.ruleId, reason: e.reason, ...(container !== undefined ? { containers: [container] } : {}) }));
  const recorded = RECORDED.get(scope) ?? [];
  recorded.push(...list);
  RECORDED.set(scope, recorded);
}

/** The suppressions recorded for a construct, for tests. @internal */
export function recordedSuppressions(scope: IConstruct): RecordedSuppression[] {
  return [...(RECORDED.get(scope) ?? [])];
}
