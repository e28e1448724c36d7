import { IConstruct } from 'constructs';
import { declareSuppressions } from './_decisions';
import { StoredSuppression, storedOn, SUPPRESSION_METADATA_TYPE } from './_store';
import { MIN_REASON_LENGTH, RULE_ID_PATTERN } from '../policy/constants';
import { builtinRuleIds, unknownRuleProblem } from '../policy/rule-ids';

/**
 * One suppression: it accepts the findings of one rule on a construct and everything below it.
 */
export interface SuppressionEntry {
  /** The rule whose findings are accepted, e.g. `seccompProfile_restricted`. */
  readonly ruleId: string;
  /** Why the findings are accepted: at least 10 characters (after trimming). Reports show it. */
  readonly reason: string;
  /**
   * Only findings about these containers are accepted; findings about the pod as a whole are not.
   * @default - every finding of the rule, whatever its container
   */
  readonly containers?: string[];
}

/**
 * Options of `Suppressions.add`.
 */
export interface SuppressionOptions {
  /**
   * Accept rule IDs that are not built-in, for custom rules (`IRule`). Such IDs are checked when
   * the guard runs instead: a suppression naming a rule that is neither built-in nor one of the
   * guard's custom rules fails the synth.
   * @default false
   */
  readonly allowCustomRuleIds?: boolean;
}

function pathOf(scope: IConstruct): string {
  return scope.node.path === '' ? '<app>' : scope.node.path;
}

/**
 * Suppressions accept findings with a written reason. `Suppressions.add(construct, [...])` covers
 * the construct and every construct below it (for a cdk8s-plus workload, its ApiObject). Suppressed
 * findings stay in every report, with their reason; a suppression that matches nothing is reported
 * as unused.
 *
 * Suppressions are stored in the construct's node metadata, so golden constructs can declare
 * them before any guard is attached. At every synth they are also written into the
 * `cdk8s-guard.io/suppressions` annotation of each API object they cover (see
 * `SuppressionAnnotation`), so the cdk8s CLI plugin and `cdk8s-guard validate` on the synthesized
 * manifests honour the same decisions.
 */
export class Suppressions {
  /**
   * Adds suppressions to a construct and everything below it.
   * @param scope the construct
   * @param suppressions the suppressions: at least one
   * @param options options
   * @throws when the list is empty, a reason is shorter than 10 characters, a rule ID is not
   * a built-in rule (unless `allowCustomRuleIds`), or a container list is empty
   */
  public static add(scope: IConstruct, suppressions: SuppressionEntry[], options: SuppressionOptions = {}): void {
    const at = pathOf(scope);
    if (!Array.isArray(suppressions) || suppressions.length === 0) {
      throw new Error(`no suppressions given for "${at}", pass at least one { ruleId, reason }`);
    }
    const checked: StoredSuppression[] = [];
    for (const s of suppressions) {
      const id = s?.ruleId;
      const custom = options.allowCustomRuleIds === true && typeof id === 'string' && RULE_ID_PATTERN.test(id);
      const problem = custom ? undefined : unknownRuleProblem(id, `in suppression at "${at}"`, builtinRuleIds(), 'for a custom rule pass { allowCustomRuleIds: true }');
      if (problem) throw new Error(problem);
      const reason = typeof s.reason === 'string' ? s.reason.trim() : '';
      if (reason.length < MIN_REASON_LENGTH) {
        const found = typeof s.reason === 'string' ? `"${reason}"` : 'none';
        throw new Error(`suppression of "${id}" at "${at}" needs a reason of at least ${MIN_REASON_LENGTH} characters saying why the finding is accepted, found ${found}`);
      }
      if (s.containers !== undefined) {
        if (!Array.isArray(s.containers) || s.containers.length === 0) {
          throw new Error(`suppression of "${id}" at "${at}" has an empty containers list, name at least one container or omit containers to cover them all`);
        }
        for (const name of s.containers) {
          if (typeof name !== 'string' || name === '') {
            throw new Error(`suppression of "${id}" at "${at}" lists container ${JSON.stringify(name)}, write container names as non-empty strings`);
          }
        }
      }
      checked.push({
        ruleId: id as string,
        reason,
        ...(s.containers !== undefined ? { containers: [...s.containers] } : {}),
        scope: at,
      });
    }
    for (const s of checked) scope.node.addMetadata(SUPPRESSION_METADATA_TYPE, Object.freeze(s));
    declareSuppressions(scope);
  }

  /**
   * The suppressions declared on this construct itself (not those of its parents).
   * @param scope the construct
   */
  public static of(scope: IConstruct): SuppressionEntry[] {
    return storedOn(scope).map(s => ({
      ruleId: s.ruleId,
      reason: s.reason,
      ...(s.containers !== undefined ? { containers: [...s.containers] } : {}),
    }));
  }

  private constructor() {}
}
