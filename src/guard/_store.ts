import { IConstruct } from 'constructs';
import { INVALID_INPUT_RULE_ID } from '../engine/evaluate';
import { PolicyEvaluator } from '../evaluator';

/** Node metadata type under which suppressions are stored. @internal */
export const SUPPRESSION_METADATA_TYPE = 'cdk8s-guard:suppression';

/** The smallest reason length, in characters after trimming. @internal */
export const MIN_REASON_LENGTH = 10;

/** The shape of rule IDs. @internal */
export const RULE_ID_PATTERN = /^[a-z][A-Za-z0-9]*(_[a-z]+)?$/;

let knownIds: Set<string> | undefined;

function builtinIds(): Set<string> {
  knownIds ??= new Set([...PolicyEvaluator.builtinRuleIds(), INVALID_INPUT_RULE_ID]);
  return knownIds;
}

/** True for a built-in rule ID (or `invalidInput`). @internal */
export function isBuiltinRuleId(id: string): boolean {
  return builtinIds().has(id);
}

/** A suppression as stored on a construct. @internal */
export interface StoredSuppression {
  readonly ruleId: string;
  readonly reason: string;
  readonly containers?: string[];
  /** The construct path it was declared on. */
  readonly scope: string;
}

/** The suppressions stored on one construct, in declaration order. @internal */
export function storedOn(scope: IConstruct): StoredSuppression[] {
  const out: StoredSuppression[] = [];
  const metadata = scope.node.metadata;
  for (let i = 0; i < metadata.length; i++) {
    const entry = metadata[i];
    if (entry.type === SUPPRESSION_METADATA_TYPE) out.push(entry.data as StoredSuppression);
  }
  return out;
}
