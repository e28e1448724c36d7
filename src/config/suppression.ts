import { suppressionProblem } from './_checks';
import { ResourceRef } from '../engine/types';


/**
 * Which resources a suppression covers. Every field that is set must match; fields left unset
 * match anything.
 */
export interface SuppressionResource {
  /**
   * The resource's `kind`, e.g. `Deployment`, compared exactly.
   * @default - any kind
   */
  readonly kind?: string;
  /**
   * The resource's `metadata.namespace`, compared exactly. An empty string matches resources
   * that set no namespace.
   * @default - any namespace, set or not
   */
  readonly namespace?: string;
  /**
   * The resource's `metadata.name`, compared exactly.
   * @default - any name
   */
  readonly name?: string;
}

/**
 * Properties of a `ConfigSuppression`.
 */
export interface ConfigSuppressionProps {
  /** The rule whose findings are accepted, e.g. `imageDigest`. */
  readonly ruleId: string;
  /** Why the findings are accepted: at least 10 characters. Reports show it next to each suppressed finding. */
  readonly reason: string;
  /**
   * The resources covered.
   * @default - every resource
   */
  readonly resource?: SuppressionResource;
  /**
   * Container names covered. When set, only findings about one of these containers match;
   * findings about the pod as a whole do not.
   * @default - every finding, whatever its container
   */
  readonly containers?: string[];
  /**
   * A construct path prefix, e.g. `app/web`: it matches findings whose construct path is this
   * path or lies under it (on a `/` boundary). Findings without a construct path (from the CLI)
   * never match a suppression that sets it.
   * @default - any construct path, and findings without one
   */
  readonly constructPath?: string;
  /**
   * Where the suppression is declared, for error messages, e.g. `guard.yaml:12:5`.
   * @default - unknown
   */
  readonly location?: string;
}

/**
 * A suppression: it accepts the findings of one rule, optionally narrowed to resources,
 * containers or a construct subtree, with a reason. Suppressed findings are still reported,
 * marked as suppressed, with the reason.
 */
export class ConfigSuppression {
  /** The rule whose findings are accepted. */
  public readonly ruleId: string;
  /** Why the findings are accepted. */
  public readonly reason: string;
  /**
   * The resources covered.
   * @default - every resource
   */
  public readonly resource?: SuppressionResource;
  /**
   * The container names covered.
   * @default - every finding, whatever its container
   */
  public readonly containers?: string[];
  /**
   * The construct path prefix covered.
   * @default - any construct path, and findings without one
   */
  public readonly constructPath?: string;
  /**
   * Where the suppression is declared, e.g. `guard.yaml:12:5`.
   * @default - unknown
   */
  public readonly location?: string;

  /**
   * @throws when the rule ID is not a rule ID, the reason is shorter than 10 characters, or a
   * container name or the construct path is empty
   */
  constructor(props: ConfigSuppressionProps) {
    const problem = suppressionProblem(props);
    if (problem) throw new Error(problem);
    this.ruleId = props.ruleId;
    this.reason = props.reason.trim();
    if (props.resource) {
      this.resource = Object.freeze({
        ...(props.resource.kind !== undefined ? { kind: props.resource.kind } : {}),
        ...(props.resource.namespace !== undefined ? { namespace: props.resource.namespace } : {}),
        ...(props.resource.name !== undefined ? { name: props.resource.name } : {}),
      });
    }
    if (props.containers) this.containers = Object.freeze([...props.containers]) as string[];
    if (props.constructPath !== undefined) this.constructPath = props.constructPath.replace(/\/+$/, '');
    if (props.location !== undefined) this.location = props.location;
  }

  /**
   * Tells whether this suppression covers a finding of `ruleId` about `resource`, in `container`
   * (when the finding is about one), from the construct at `constructPath` (guard findings).
   * It does not look at `unsuppressible`: use `GuardConfig.suppressionFor` for that.
   */
  public matches(resource: ResourceRef, ruleId: string, container?: string, constructPath?: string): boolean {
    if (ruleId !== this.ruleId) return false;
    const r = this.resource;
    if (r) {
      if (r.kind !== undefined && r.kind !== resource.kind) return false;
      if (r.name !== undefined && r.name !== resource.name) return false;
      if (r.namespace !== undefined && r.namespace !== (resource.namespace ?? '')) return false;
    }
    if (this.containers && (container === undefined || !this.containers.includes(container))) return false;
    if (this.constructPath !== undefined) {
      if (constructPath === undefined) return false;
      if (constructPath !== this.constructPath && !constructPath.startsWith(this.constructPath + '/')) return false;
    }
    return true;
  }
}
