import { RuleDefinition } from '../../engine/rule';
import { privileged } from './privileged';

/** Every Pod Security Standards check, one file each. @internal */
export const PSS_CHECKS: readonly RuleDefinition[] = [
  privileged,
];
