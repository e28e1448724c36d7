import { MIN_REASON_LENGTH } from '../policy/constants';
import { builtinRuleIds, closestRuleId } from '../policy/rule-ids';

/**
 * The problem with a rule ID, or undefined. An ID that is not built-in but close to one is a typo
 * (`did you mean`); any other ID may be a custom rule's, which the policy checks where the custom
 * rules are known. @internal
 */
export function ruleIdProblem(id: unknown, where: string): string | undefined {
  if (typeof id !== 'string' || id === '') {
    return `invalid rule id ${JSON.stringify(id) ?? 'undefined'} ${where}, expecting a rule id such as "imageDigest"`;
  }
  const builtin = builtinRuleIds();
  if (builtin.has(id)) return undefined;
  const suggestion = closestRuleId(id, builtin);
  return suggestion !== undefined ? `unknown rule "${id}" ${where}, did you mean "${suggestion}"?` : undefined;
}

/** The problem with a reason, or undefined. @internal */
export function reasonProblem(reason: unknown, ruleId: string): string | undefined {
  if (typeof reason === 'string' && reason.trim().length >= MIN_REASON_LENGTH) return undefined;
  const found = typeof reason === 'string' ? `"${reason.trim()}"` : 'none';
  return `suppression of "${ruleId}" needs a reason of at least ${MIN_REASON_LENGTH} characters saying why the finding is accepted, found ${found}`;
}

/** The problem with a container name, or undefined. @internal */
export function containerProblem(name: unknown, ruleId: string): string | undefined {
  if (typeof name === 'string' && name !== '') return undefined;
  return `suppression of "${ruleId}" lists container ${JSON.stringify(name)}, write container names as non-empty strings`;
}

/** The problem with a construct path prefix, or undefined. @internal */
export function constructPathProblem(path: unknown, ruleId: string): string | undefined {
  if (typeof path === 'string' && path.replace(/\/+$/, '') !== '') return undefined;
  return `suppression of "${ruleId}" has constructPath ${JSON.stringify(path)}, write a construct path such as "app/web" or remove it`;
}

/** The first problem with a suppression's properties, or undefined. @internal */
export function suppressionProblem(props: {
  readonly ruleId: unknown;
  readonly reason: unknown;
  readonly containers?: readonly unknown[];
  readonly constructPath?: unknown;
}): string | undefined {
  const idProblem = ruleIdProblem(props.ruleId, 'in suppression');
  if (idProblem) return idProblem;
  const id = props.ruleId as string;
  const reason = reasonProblem(props.reason, id);
  if (reason) return reason;
  for (const name of props.containers ?? []) {
    const problem = containerProblem(name, id);
    if (problem) return problem;
  }
  if (props.constructPath !== undefined) return constructPathProblem(props.constructPath, id);
  return undefined;
}
