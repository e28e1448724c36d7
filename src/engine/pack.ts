import { PssLevel, Severity } from './types';

/**
 * One rule of a pack, with its severity and parameters.
 */
export interface PackRule {
  /** The rule's ID. */
  readonly ruleId: string;
  /**
   * Severity of the rule's findings in this pack.
   * @default - the rule's default severity
   */
  readonly severity?: Severity;
  /**
   * Parameters for the rule.
   * @default - the rule's documented defaults
   */
  readonly params?: { [key: string]: any };
}

/**
 * Properties of a `RulePack`.
 */
export interface RulePackProps {
  /** The pack's name, in kebab-case, e.g. `hardened`. */
  readonly name: string;
  /** One sentence: what the pack is for. */
  readonly description: string;
  /**
   * The Pod Security Standards level the pack requires. The evaluator runs the stricter of this
   * and its own level.
   * @default - the pack does not raise the PSS level
   */
  readonly pssLevel?: PssLevel;
  /**
   * The organization rules the pack runs.
   * @default - no organization rules
   */
  readonly rules?: PackRule[];
}

/**
 * A named set of rules, with a severity and parameters for each. Packs are data: they select
 * rules, they never change what a rule checks.
 */
export class RulePack {
  /** The pack's name. */
  public readonly name: string;
  /** What the pack is for. */
  public readonly description: string;
  /**
   * The Pod Security Standards level the pack requires.
   * @default - the pack does not raise the PSS level
   */
  public readonly pssLevel?: PssLevel;
  /** The organization rules the pack runs. */
  public readonly rules: PackRule[];

  constructor(props: RulePackProps) {
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(props.name ?? '')) {
      throw new Error(`invalid pack name "${props.name}", expecting kebab-case such as "my-org"`);
    }
    const seen = new Set<string>();
    for (const rule of props.rules ?? []) {
      if (seen.has(rule.ruleId)) {
        throw new Error(`pack "${props.name}" lists rule "${rule.ruleId}" twice, list each rule once`);
      }
      seen.add(rule.ruleId);
    }
    this.name = props.name;
    this.description = props.description;
    this.pssLevel = props.pssLevel;
    this.rules = [...(props.rules ?? [])];
  }
}
