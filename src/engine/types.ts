/**
 * Pod Security Standards levels, as used by Kubernetes pod-security admission.
 */
export enum PssLevel {
  /** No restrictions: every pod is allowed. */
  PRIVILEGED = 'privileged',
  /** Prevents known privilege escalations. */
  BASELINE = 'baseline',
  /** Heavily restricted, following current pod hardening best practices. */
  RESTRICTED = 'restricted',
}

/**
 * How serious a finding is. Ordered from most to least severe.
 */
export enum Severity {
  /** Fails a synth or a CLI run by default. */
  ERROR = 'error',
  /** Reported; fails only when the threshold is lowered to warning. */
  WARNING = 'warning',
  /** Informational; fails only when the threshold is lowered to info. */
  INFO = 'info',
}

/**
 * The list a container belongs to in a pod spec.
 */
export enum ContainerType {
  /** `spec.initContainers`. */
  INIT = 'initContainers',
  /** `spec.containers`. */
  REGULAR = 'containers',
  /** `spec.ephemeralContainers`. */
  EPHEMERAL = 'ephemeralContainers',
}

/**
 * Identifies a Kubernetes resource.
 */
export interface ResourceRef {
  /** `apiVersion` of the resource, or an empty string when it is missing. */
  readonly apiVersion: string;
  /** `kind` of the resource, or an empty string when it is missing. */
  readonly kind: string;
  /**
   * `metadata.namespace` of the resource.
   * @default - the resource sets no namespace
   */
  readonly namespace?: string;
  /** `metadata.name` of the resource, or an empty string when it is missing. */
  readonly name: string;
}

/**
 * A suppression that a rule read from its own input data (for example a VEX statement or a
 * vulnerability acceptance), rather than one a user declared on a construct or in the config.
 */
export interface RuleSuppression {
  /** Why the finding is accepted. */
  readonly reason: string;
  /** Where it was declared, e.g. `vex:openvex.json` or `vulnerabilities.accept`. */
  readonly by: string;
}

/**
 * What a rule returns for one problem it found. The engine turns it into a `Finding`.
 */
export interface RuleViolation {
  /**
   * The specific problem, naming the container and the value, e.g.
   * `container "app" must set securityContext.allowPrivilegeEscalation=false`.
   */
  readonly detail: string;
  /**
   * JSON pointer (RFC 6901) of the offending field, from the root of the manifest, e.g.
   * `/spec/template/spec/containers/1/securityContext/privileged`.
   */
  readonly path: string;
  /**
   * Further JSON pointers of offending fields, when one violation spans several fields.
   * @default - only `path`
   */
  readonly extraPaths?: string[];
  /**
   * The name of the container the violation is about.
   * @default - the violation is about the pod or the resource as a whole
   */
  readonly container?: string;
  /**
   * A short reason that replaces the rule's default message for this violation.
   * @default - the rule's message
   */
  readonly message?: string;
  /**
   * A one-line fix that replaces the rule's default fix for this violation.
   * @default - the rule's fix
   */
  readonly fix?: string;
  /**
   * The severity of this violation, when it differs from the rule's (e.g. a warning among errors).
   * @default - the rule's severity
   */
  readonly severity?: Severity;
  /**
   * For rules that look at several manifests at once: the index of the manifest this violation
   * is about, in the list given to the evaluator.
   * @default - the manifest being evaluated
   */
  readonly manifestIndex?: number;
  /**
   * A suppression the rule found in its input data: the finding is reported as suppressed with
   * this reason, unless the rule is unsuppressible.
   * @default - not suppressed by the rule's data
   */
  readonly suppression?: RuleSuppression;
}

/**
 * One problem found in one manifest.
 */
export interface Finding {
  /** The rule's stable ID, e.g. `privileged` or `imageDigest`. */
  readonly ruleId: string;
  /** How serious the finding is. */
  readonly severity: Severity;
  /**
   * The Pod Security Standards level of the check that produced this finding.
   * @default - not a Pod Security Standards check
   */
  readonly level?: PssLevel;
  /** Short reason, e.g. `allowPrivilegeEscalation != false`. */
  readonly message: string;
  /** What exactly is wrong, naming containers and values. */
  readonly detail: string;
  /** A one-line fix. */
  readonly fix: string;
  /** JSON pointer of the main offending field, from the root of the manifest. */
  readonly path: string;
  /** JSON pointers of every offending field, `path` first. */
  readonly paths: string[];
  /**
   * The container the finding is about.
   * @default - the finding is about the pod or the resource as a whole
   */
  readonly container?: string;
  /** The resource the finding is about. */
  readonly resource: ResourceRef;
  /** Index of the manifest in the list given to the evaluator (0 for a single manifest). */
  readonly manifestIndex: number;
  /**
   * True when the finding reports a rule that failed to run rather than a policy violation.
   * @default false
   */
  readonly ruleError?: boolean;
  /**
   * A link to the documentation of the rule.
   * @default - no link
   */
  readonly helpUri?: string;
  /**
   * A suppression the rule found in its input data (a VEX statement, a vulnerability acceptance).
   * Front ends report the finding as suppressed with it, unless the rule is unsuppressible.
   * @default - not suppressed by the rule's data
   */
  readonly suppression?: RuleSuppression;
}

/**
 * A rule as an evaluator runs it: what it checks, and the severity it reports with.
 */
export interface RuleInfo {
  /** The rule's stable ID. */
  readonly ruleId: string;
  /** What the rule checks. */
  readonly description: string;
  /** The short reason in its findings. */
  readonly message: string;
  /** The one-line fix in its findings. */
  readonly fix: string;
  /** The severity of its findings in this evaluator (PSS checks always report errors). */
  readonly severity: Severity;
  /**
   * The Pod Security Standards level of the check.
   * @default - not a Pod Security Standards check
   */
  readonly level?: PssLevel;
  /**
   * A link to the rule's documentation.
   * @default - no link
   */
  readonly helpUri?: string;
}

/**
 * A container of a pod template, as seen by rules.
 */
export interface ContainerInfo {
  /** The container's name, or its place (`containers[0]`, `initContainers[1]`) when it has none. */
  readonly name: string;
  /** Which list of the pod spec the container is in. */
  readonly type: ContainerType;
  /** Position of the container in its list. */
  readonly index: number;
  /** JSON pointer of the container object, from the root of the manifest. */
  readonly path: string;
  /** The container object as it appears in the manifest. */
  readonly spec: any;
}

/**
 * What a rule sees when it evaluates one manifest.
 */
export interface RuleContext {
  /** The whole manifest (read-only; rules must not modify it). */
  readonly manifest: any;
  /** The manifest's identity. */
  readonly resource: ResourceRef;
  /** Index of the manifest in the list given to the evaluator. */
  readonly manifestIndex: number;
  /**
   * The pod template's `spec`, for kinds that run pods.
   * @default - the manifest does not run pods
   */
  readonly podSpec?: any;
  /**
   * The pod template's `metadata` (annotations are read from here, as pod-security admission does).
   * @default - the manifest does not run pods or its template has no metadata
   */
  readonly podMetadata?: any;
  /**
   * JSON pointer of the pod spec, e.g. `/spec/template/spec`.
   * @default - the manifest does not run pods
   */
  readonly podSpecPath?: string;
  /**
   * JSON pointer of the pod template metadata, e.g. `/spec/template/metadata`.
   * @default - the manifest does not run pods
   */
  readonly podMetadataPath?: string;
  /** Init, regular and ephemeral containers of the pod, in that order; empty when there is no pod. */
  readonly containers: ContainerInfo[];
  /** The effective Pod Security Standards version, as `v1.N`. */
  readonly policyVersion: string;
  /** Parameters given to this rule. Empty when none were given. */
  readonly params: { [key: string]: any };
  /** Every manifest given to the evaluator, for rules that look across objects. */
  readonly allManifests: any[];
}

/**
 * A rule that users write themselves, in any jsii language. Custom rules get the same
 * findings, suppressions and reports as built-in ones.
 */
export interface IRule {
  /** Stable lowerCamelCase ID, used in findings and suppressions. Must not clash with a built-in ID. */
  readonly ruleId: string;
  /** One sentence saying what the rule checks. */
  readonly description: string;
  /** The short reason shown in findings. */
  readonly message: string;
  /** A one-line fix shown in findings. */
  readonly fix: string;
  /** Severity of its findings unless a pack or config overrides it. */
  readonly severity: Severity;
  /**
   * Evaluates one manifest. Called for every manifest, pod-bearing or not.
   * @returns the violations found; an empty list when the manifest complies or the rule does not apply
   */
  evaluate(context: RuleContext): RuleViolation[];
}

/**
 * A kind, outside those built in, whose objects hold pod templates, and where the templates
 * are. The evaluator checks each template found there as it checks a Deployment's.
 * Pod-security admission does not evaluate such kinds: declaring one checks its templates here
 * only.
 */
export interface PodTemplateKind {
  /** The kind, e.g. `Elasticsearch`. */
  readonly kind: string;
  /** The API group of the kind, without its version, e.g. `elasticsearch.k8s.elastic.co`. */
  readonly group: string;
  /**
   * Where the pod templates are (maps with `metadata` and `spec`, or pod specs themselves), as
   * field names joined by `.`, with `[*]` for every item of a list, e.g.
   * `spec.nodeSets[*].podTemplate`.
   */
  readonly paths: string[];
}
