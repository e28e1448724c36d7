import { RecordedSuppression } from './annotations';
import { ConfigSuppression } from '../config/suppression';
import { INVALID_INPUT_RULE_ID } from '../engine/evaluate';
import { Finding } from '../engine/types';
import { UnusedSuppression } from '../report/model';

/** Why a finding is accepted, and where that was declared. @internal */
export interface Decision {
  readonly reason: string;
  /** A construct path, `config:<file>`, or `annotation` for a hand-written annotation. */
  readonly by: string;
}

/** What the ledger needs of the resolved policy. @internal */
export interface LedgerPolicy {
  readonly configSuppressions: readonly ConfigSuppression[];
  /** `config:<file>`: where config suppressions are declared. */
  readonly configLabel: string;
  readonly unsuppressible: ReadonlySet<string>;
  /** Rule IDs that no suppression can ever cover. */
  readonly neverSuppressed: ReadonlySet<string>;
  /** Ignore suppressions made in code (tree metadata or the manifests' annotation). */
  readonly disallowAnnotationExemptions: boolean;
  /** IDs of every built-in rule (and `invalidInput`). */
  readonly builtinRuleIds: ReadonlySet<string>;
}

const KEYS = new WeakMap<RecordedSuppression, string>();

/** The identity of a code suppression: the same declaration read from the tree or from any manifest. */
function keyOf(s: RecordedSuppression): string {
  let key = KEYS.get(s);
  if (key === undefined) {
    key = JSON.stringify([s.scope ?? '', s.ruleId, s.reason, s.containers ?? null]);
    KEYS.set(s, key);
  }
  return key;
}

const byLabel = (s: RecordedSuppression) => s.scope ?? 'annotation';

/**
 * One evaluation's suppression matching: which suppression covers each finding, and which
 * suppressions covered nothing. The guard, the CLI and the cdk8s CLI plugin all use it, so they
 * match and report suppressions the same way. @internal
 */
export class SuppressionLedger {
  private readonly usedCode = new Set<string>();
  private readonly usedConfig = new Set<ConfigSuppression>();
  private readonly declared = new Map<string, RecordedSuppression>();

  constructor(private readonly policy: LedgerPolicy) {}

  /** Records code suppressions as declared (for `unused()`), once each whatever how often they are seen. */
  public declare(list: readonly RecordedSuppression[]): void {
    if (this.policy.disallowAnnotationExemptions) return;
    for (let i = 0; i < list.length; i++) {
      const key = keyOf(list[i]);
      if (!this.declared.has(key)) this.declared.set(key, list[i]);
    }
  }

  /**
   * The suppression that covers a finding, or undefined. Rule errors and unsuppressible rules are
   * never suppressed. Of the code suppressions of the object (nearest declaration last), the nearest
   * one that matches names the decision, else the first matching config suppression, else the
   * rule's own data (VEX, acceptances); every matching suppression counts as used.
   * @param code the code suppressions that cover the object (from the tree or its annotation)
   * @param constructPath the object's construct path, where known
   */
  public decide(f: Finding, code: readonly RecordedSuppression[], constructPath?: string): Decision | undefined {
    if (f.ruleError || this.policy.unsuppressible.has(f.ruleId) || this.policy.neverSuppressed.has(f.ruleId)) return undefined;
    let decision: Decision | undefined;
    if (!this.policy.disallowAnnotationExemptions) {
      for (let k = code.length - 1; k >= 0; k--) {
        const s = code[k];
        if (s.ruleId !== f.ruleId) continue;
        if (s.containers && (f.container === undefined || !s.containers.includes(f.container))) continue;
        this.usedCode.add(keyOf(s));
        decision ??= { by: byLabel(s), reason: s.reason };
      }
    }
    const config = this.policy.configSuppressions;
    for (let k = 0; k < config.length; k++) {
      const s = config[k];
      if (!s.matches(f.resource, f.ruleId, f.container, constructPath)) continue;
      this.usedConfig.add(s);
      decision ??= { by: this.policy.configLabel, reason: s.reason };
    }
    // A suppression the rule read from its own data (VEX statements, vulnerability acceptances).
    if (decision === undefined && f.suppression !== undefined) decision = { by: f.suppression.by, reason: f.suppression.reason };
    return decision;
  }

  /**
   * Suppressions that covered nothing, code ones first (in declaration order), then the config's.
   * A suppression of a built-in rule that did not run cannot be judged and is left out; one of an
   * unsuppressible rule is listed with a note.
   * @param ran the IDs of the rules that ran
   */
  public unused(ran: readonly string[]): UnusedSuppression[] {
    const ranSet = new Set([...ran, INVALID_INPUT_RULE_ID]);
    const out: UnusedSuppression[] = [];
    const consider = (s: { ruleId: string; reason: string; containers?: readonly string[] }, scope: string) => {
      let note: string | undefined;
      if (this.policy.unsuppressible.has(s.ruleId) || this.policy.neverSuppressed.has(s.ruleId)) {
        note = `rule "${s.ruleId}" is unsuppressible`;
      } else if (!ranSet.has(s.ruleId)) {
        if (this.policy.builtinRuleIds.has(s.ruleId)) return;
        note = `no rule "${s.ruleId}" runs here`;
      }
      out.push({
        ruleId: s.ruleId,
        reason: s.reason,
        scope,
        ...(s.containers !== undefined ? { containers: [...s.containers] } : {}),
        ...(note !== undefined ? { note } : {}),
      });
    };
    for (const [key, s] of this.declared) if (!this.usedCode.has(key)) consider(s, byLabel(s));
    for (const s of this.policy.configSuppressions) if (!this.usedConfig.has(s)) consider(s, this.policy.configLabel);
    return out;
  }
}
