import { ORG_RULES } from './org';
import { PSS_CHECKS } from './pss';
import { RuleRegistry } from '../engine/registry';

let builtin: RuleRegistry | undefined;

/** The catalog of built-in rules, validated once. @internal */
export function builtinRegistry(): RuleRegistry {
  builtin ??= new RuleRegistry([...PSS_CHECKS, ...ORG_RULES]);
  return builtin;
}
