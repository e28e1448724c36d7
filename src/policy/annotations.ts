import { MIN_REASON_LENGTH, RULE_ID_PATTERN } from './constants';
import { describeValue, isObject, own } from '../engine/_util';

/**
 * One decision recorded in a manifest: a suppression of one rule, made in code
 * (`Suppressions.add`) or by a golden construct's typed exception, with its reason.
 */
export interface RecordedSuppression {
  /** The rule whose findings are accepted. */
  readonly ruleId: string;
  /** Why the findings are accepted: at least 10 characters. */
  readonly reason: string;
  /**
   * Only findings about these containers are accepted.
   * @default - every finding of the rule on the object, whatever its container
   */
  readonly containers?: string[];
  /**
   * The construct path the suppression was declared on (reports name it as `suppressedBy`).
   * @default - unknown: the decision was written by hand
   */
  readonly scope?: string;
}

/**
 * The documented form in which decisions made in code travel with the synthesized manifests.
 *
 * The guard (and `Suppressions.add` on its own, for apps checked only by the cdk8s CLI plugin)
 * writes every suppression that covers an object into the annotation `cdk8s-guard.io/suppressions`
 * of that object, as a JSON list of `{ ruleId, reason, containers?, scope? }`, nearest declaration
 * last. The CLI and the plugin read it back, so an app gets the same verdict under `PolicyGuard`,
 * under `cdk8s synth` with the plugin and under `cdk8s-guard validate` on its output. A pipeline
 * that must not trust an app's own exemptions sets `disallowAnnotationExemptions`.
 */
export class SuppressionAnnotation {
  /** The annotation key. */
  public static readonly KEY = 'cdk8s-guard.io/suppressions';

  /**
   * The annotation value for a list of suppressions: compact JSON, keys in a fixed order.
   * @param suppressions the suppressions, nearest declaration last
   */
  public static format(suppressions: RecordedSuppression[]): string {
    return JSON.stringify(suppressions.map(s => {
      const out: { ruleId: string; reason: string; containers?: string[]; scope?: string } = { ruleId: s.ruleId, reason: s.reason };
      if (s.containers !== undefined) out.containers = [...s.containers];
      if (s.scope !== undefined) out.scope = s.scope;
      return out;
    }));
  }

  /**
   * Reads the suppressions recorded on a manifest object.
   * @param manifest a Kubernetes object (plain JSON)
   * @returns the suppressions, or an empty list when the object has no such annotation
   * @throws when the annotation is not a JSON list of valid suppressions; the message says what is
   * wrong and how to fix it
   */
  public static read(manifest: any): RecordedSuppression[] {
    const annotations = own(own(manifest, 'metadata'), 'annotations');
    const value = own(annotations, SuppressionAnnotation.KEY);
    if (value === undefined) return [];
    return SuppressionAnnotation.parse(value);
  }

  /**
   * Parses an annotation value.
   * @param value the annotation's value
   * @throws when it is not a JSON list of valid suppressions
   */
  public static parse(value: any): RecordedSuppression[] {
    const key = SuppressionAnnotation.KEY;
    if (typeof value !== 'string') {
      throw new Error(`annotation ${key} must be a string holding a JSON list, found ${describeValue(value)}; quote the value`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      throw new Error(`annotation ${key} is not valid JSON, write a JSON list such as [{"ruleId":"imageDigest","reason":"…"}] or remove it`);
    }
    if (!Array.isArray(parsed)) {
      throw new Error(`annotation ${key} must hold a JSON list of suppressions, found ${describeValue(parsed)}`);
    }
    return parsed.map((entry, i) => {
      const where = `entry ${i} of annotation ${key}`;
      if (!isObject(entry)) throw new Error(`${where} must be a map with ruleId and reason, found ${describeValue(entry)}`);
      for (const k of Object.keys(entry)) {
        if (!['ruleId', 'reason', 'containers', 'scope'].includes(k)) {
          throw new Error(`${where} has unknown key "${k}", expecting ruleId, reason, containers or scope`);
        }
      }
      const ruleId = own(entry, 'ruleId');
      if (typeof ruleId !== 'string' || !RULE_ID_PATTERN.test(ruleId)) {
        throw new Error(`${where} has rule id ${JSON.stringify(ruleId) ?? 'none'}, expecting a rule id such as "imageDigest"`);
      }
      const reason = own(entry, 'reason');
      if (typeof reason !== 'string' || reason.trim().length < MIN_REASON_LENGTH) {
        throw new Error(`${where} (rule "${ruleId}") needs a reason of at least ${MIN_REASON_LENGTH} characters, found ${typeof reason === 'string' ? JSON.stringify(reason.trim()) : 'none'}`);
      }
      const containers = own(entry, 'containers');
      if (containers !== undefined && (!Array.isArray(containers) || containers.length === 0 || containers.some(c => typeof c !== 'string' || c === ''))) {
        throw new Error(`${where} (rule "${ruleId}") has containers ${JSON.stringify(containers)}, expecting a non-empty list of container names`);
      }
      const scope = own(entry, 'scope');
      if (scope !== undefined && typeof scope !== 'string') {
        throw new Error(`${where} (rule "${ruleId}") has scope ${describeValue(scope)}, expecting a construct path`);
      }
      return {
        ruleId,
        reason: reason.trim(),
        ...(containers !== undefined ? { containers: [...containers] } : {}),
        ...(scope !== undefined ? { scope } : {}),
      };
    });
  }

  private constructor() {}
}
