import { RuleDefinition } from '../../engine/rule';

/** Every organization rule, one file each. @internal */
export const ORG_RULES: readonly RuleDefinition[] = [];
