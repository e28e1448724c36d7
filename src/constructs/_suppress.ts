/**
 * The one place where the constructs hand their exceptions to the policy guard. @internal
 */
import { IConstruct } from 'constructs';
import { RuleSuppression } from './_validate';
import { Suppressions } from '../guard/suppressions';

/**
 * Adds guard suppressions for the exceptions of a construct, covering the construct's subtree,
 * narrowed to one container when `container` is given. @internal
 */
export function suppressForException(scope: IConstruct, entries: RuleSuppression[], container?: string): void {
  if (entries.length === 0) return;
  Suppressions.add(scope, entries.map(e => ({
    ruleId: e.ruleId,
    reason: e.reason,
    ...(container !== undefined ? { containers: [container] } : {}),
  })));
}
