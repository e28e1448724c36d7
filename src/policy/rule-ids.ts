import { RULE_ID_PATTERN } from './constants';
import { INVALID_INPUT_RULE_ID } from '../engine/evaluate';
import { PolicyEvaluator } from '../evaluator';

let builtinIds: ReadonlySet<string> | undefined;

/** The IDs of every built-in rule, and `invalidInput`. @internal */
export function builtinRuleIds(): ReadonlySet<string> {
  builtinIds ??= new Set([...PolicyEvaluator.builtinRuleIds(), INVALID_INPUT_RULE_ID]);
  return builtinIds;
}

function distance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const keep = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = keep;
    }
  }
  return prev[b.length];
}

/**
 * The known rule ID closest to `id`: the same ID in another case, else the nearest one within a
 * third of its length in edits. @internal
 */
export function closestRuleId(id: string, known: Iterable<string>): string | undefined {
  const lower = id.toLowerCase();
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(id.length / 3)) + 1;
  for (const candidate of known) {
    if (candidate.toLowerCase() === lower) return candidate;
    const d = distance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * The problem with a rule ID given `where` (e.g. `in suppression at "app/web"`), or undefined when
 * it names a known rule: `unknown rule "imageDigests" in …, did you mean "imageDigest"?`. IDs in the
 * wrong case or shape get the same message as unknown ones. @internal
 */
export function unknownRuleProblem(id: unknown, where: string, known: ReadonlySet<string>, customHint?: string): string | undefined {
  if (typeof id === 'string' && known.has(id)) return undefined;
  if (typeof id !== 'string' || id === '') {
    return `invalid rule id ${JSON.stringify(id) ?? 'undefined'} ${where}, expecting a rule id such as "imageDigest"`;
  }
  const suggestion = closestRuleId(id, known);
  const hint = suggestion !== undefined
    ? `did you mean "${suggestion}"?`
    : `expecting a rule id such as "imageDigest" (RULES.md lists them)${customHint && RULE_ID_PATTERN.test(id) ? `; ${customHint}` : ''}`;
  return `unknown rule "${id}" ${where}, ${hint}`;
}
