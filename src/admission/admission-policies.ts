import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { AdmissionAction, AdmissionExemption, DEFAULT_POLICY_NAME, emitAdmissionPolicies } from './emit';
import { exemptionsFromSuppressions } from './exemptions';
import { ConfigSuppression } from '../config/suppression';
import { PolicyEvaluator } from '../evaluator';

/**
 * Properties of `AdmissionPolicies`.
 */
export interface AdmissionPoliciesProps {
  /**
   * The policy to enforce: its level, version, packs and rule parameters.
   * @default - a `PolicyEvaluator` with its defaults: restricted, latest, no packs
   */
  readonly evaluator?: PolicyEvaluator;
  /**
   * What the binding of the error rules does when a validation fails. Rules that only warn go to a
   * second policy, whose binding warns and audits (or does `action` when it is not `DENY`).
   * @default AdmissionAction.DENY
   */
  readonly action?: AdmissionAction;
  /**
   * Exemptions of workloads from rules.
   * @default - none
   */
  readonly exemptions?: AdmissionExemption[];
  /**
   * Suppressions to carry into the cluster: each one that names the kind, namespace and name of a
   * workload becomes an exemption. The others are listed in `notExempted`.
   * @default - none
   */
  readonly suppressions?: ConfigSuppression[];
  /**
   * Name of the policy and its binding; the warning policy gets `-warnings` appended.
   * @default 'cdk8s-guard'
   */
  readonly name?: string;
  /**
   * Namespaces the bindings apply to.
   * @default - every namespace
   */
  readonly namespaces?: string[];
}

/**
 * `ValidatingAdmissionPolicy` and `ValidatingAdmissionPolicyBinding` objects (Kubernetes 1.30 or
 * newer) that enforce the same policy in the cluster: every Pod Security Standards check of the
 * level and version, and every pod-scoped organization rule that CEL can express, for Pods and
 * every workload kind. Rules that cannot be expressed are listed in `unexpressedRules` and in the
 * `cdk8s-guard/unexpressed-rules` annotation of the policy.
 */
export class AdmissionPolicies extends Construct {
  /** The policies and bindings, in order: policy, binding, then the warning policy and its binding when any rule warns. */
  public readonly apiObjects: ApiObject[];
  /** The IDs of the rules that the policies do not check, each with the reason: `networkPolicy: cross-object rule: …`. */
  public readonly unexpressedRules: string[];
  /** The suppressions that did not become exemptions, each with the reason. */
  public readonly notExempted: string[];

  constructor(scope: Construct, id: string, props: AdmissionPoliciesProps = {}) {
    super(scope, id);
    const evaluator = props.evaluator ?? new PolicyEvaluator();
    const converted = exemptionsFromSuppressions(props.suppressions ?? [], evaluator.ruleIds());
    let emitted;
    try {
      emitted = emitAdmissionPolicies({
        evaluator,
        action: props.action ?? AdmissionAction.DENY,
        exemptions: [...(props.exemptions ?? []), ...converted.exemptions],
        name: props.name ?? DEFAULT_POLICY_NAME,
        ...(props.namespaces ? { namespaces: props.namespaces } : {}),
      });
    } catch (err) {
      throw new Error(`AdmissionPolicies "${this.node.path}": ${(err as Error).message}`);
    }
    this.apiObjects = emitted.manifests.map((manifest, i) => new ApiObject(this, `${manifest.kind}${Math.floor(i / 2)}`, manifest));
    this.unexpressedRules = emitted.unexpressed.map(r => `${r.ruleId}: ${r.reason}`);
    this.notExempted = converted.skipped.map(s => `${s.ruleId} (${s.reason}): ${s.why}`);
  }
}
