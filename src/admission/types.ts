/**
 * What a binding does when a validation fails (`validationActions`).
 */
export enum AdmissionAction {
  /** Refuse the request. */
  DENY = 'Deny',
  /** Accept the request and return a warning to the client. */
  WARN = 'Warn',
  /** Accept the request and record the failure in the audit log. */
  AUDIT = 'Audit',
}

/**
 * The workload an exemption covers.
 */
export interface AdmissionExemptionResource {
  /** The workload's kind, e.g. `Deployment`: one of the kinds that run pods. */
  readonly kind: string;
  /** The workload's namespace. */
  readonly namespace: string;
  /** The workload's name, compared exactly. */
  readonly name: string;
}

/**
 * An exemption from one rule of the emitted policy, for one workload, the objects it creates, and
 * optionally only some of its containers. Config and code suppressions that name a resource become
 * exemptions.
 */
export interface AdmissionExemption {
  /** The rule the workload is exempt from. */
  readonly ruleId: string;
  /** Why: kept in an annotation of the policy. */
  readonly reason: string;
  /** The workload. */
  readonly resource: AdmissionExemptionResource;
  /**
   * Container names covered. When set, only these containers are exempt; the pod-level fields of
   * the rule are still checked.
   * @default - the whole pod
   */
  readonly containers?: string[];
}
