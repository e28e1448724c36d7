import { CelCheck } from './cel';
import { PodView } from './pod';
import { PssLevel, RuleContext, RuleViolation, Severity } from './types';

/**
 * One versioned entry of a check, as in pod-security admission: it applies from `minVersion`
 * until the next entry's `minVersion`. @internal
 */
export interface CheckEntry {
  /** The minor version (`N` of `v1.N`) from which this entry applies. */
  readonly minVersion: number;
  /** Baseline check IDs this restricted entry replaces at the restricted level. */
  readonly overrides?: readonly string[];
  /** The check. Pure: it reads the pod and returns violations. */
  readonly check: (pod: PodView, ctx: RuleContext) => RuleViolation[];
  /**
   * The same check in CEL, for the ValidatingAdmissionPolicy emitter (see `cel.ts`). A function
   * when the CEL depends on the rule's parameters. Absent when the check cannot be written in CEL.
   */
  readonly cel?: CelCheck | ((params: { [key: string]: any }) => CelCheck);
}

/** A rule's parameter, for the generated rule catalog. @internal */
export interface RuleParamDoc {
  readonly name: string;
  readonly type: string;
  readonly description: string;
  /** The default, as documented. */
  readonly default: string;
}

/** What a rule runs on. @internal */
export type RuleScope =
  /** Each pod template (Pod, Deployment, …, CronJob, and List items). */
  | 'pod'
  /** Each manifest, whatever its kind. */
  | 'manifest'
  /** The whole set of manifests at once (cross-object rules). */
  | 'set';

/** A manifest handed to a set-scoped rule. @internal */
export interface SetMember {
  /** The object (a top-level manifest or a List item). */
  readonly object: any;
  /** Index of its top-level manifest in the evaluator input. */
  readonly manifestIndex: number;
  /** Pointer prefix of the object inside its top-level manifest. */
  readonly basePath: string;
  /** Its pod template, when it runs pods. */
  readonly pod?: PodView;
}

/**
 * The definition of one rule. The file that defines it is the rule: its doc block names the
 * fields it reads and the values it allows; the ID is written in the definition, never derived
 * from the file name. @internal
 */
export interface RuleDefinition {
  /** Stable ID. Pod Security Standards checks use pod-security admission's check IDs verbatim. */
  readonly id: string;
  /** One sentence: what the rule checks. */
  readonly description: string;
  /** Short reason shown in findings (pod-security admission's ForbiddenReason for PSS checks). */
  readonly message: string;
  /** One-line fix. */
  readonly fix: string;
  /** Severity unless a pack or config overrides it. */
  readonly defaultSeverity: Severity;
  /** Documentation link. */
  readonly helpUri?: string;
  /** Pod Security Standards level (PSS checks only). */
  readonly level?: PssLevel;
  /** CIS Kubernetes Benchmark controls this rule maps to. */
  readonly cis?: readonly string[];
  /** NSA/CISA Kubernetes Hardening Guide sections this rule maps to. */
  readonly nsa?: readonly string[];
  /** What the rule runs on. */
  readonly scope: RuleScope;
  /** True for a rule whose findings no suppression can ever cover (the cluster knows no suppressions). */
  readonly neverSuppressed?: boolean;
  /** For `pod` scope: the versioned entries, strictly increasing by minVersion. Org rules have one entry at 0. */
  readonly entries?: readonly CheckEntry[];
  /** For `manifest` scope. */
  readonly checkManifest?: (ctx: RuleContext) => RuleViolation[];
  /** For `set` scope. Violations must carry `manifestIndex` and an absolute `path`. */
  readonly checkSet?: (members: readonly SetMember[], params: { [key: string]: any }) => RuleViolation[];
  /** Documented parameters. */
  readonly params?: readonly RuleParamDoc[];
  /**
   * Rules that run whenever this one runs (with their default severity unless selected
   * themselves), e.g. the image rules require `invalidImageReference`.
   */
  readonly requires?: readonly string[];
  /** Validates parameters; returns an error message (lowercase, naming the value and the fix) or undefined. */
  readonly validateParams?: (params: { [key: string]: any }) => string | undefined;
}

/** Identity helper that type-checks a rule definition. @internal */
export function defineRule(def: RuleDefinition): RuleDefinition {
  return def;
}
