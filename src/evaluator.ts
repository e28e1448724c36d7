import { customRuleDefinition, evaluateManifests, EvaluationPlan, INVALID_INPUT_RULE_ID, NO_PARAMS, SelectedRule, UNEVALUATED_POD_TEMPLATE_RULE_ID } from './engine/evaluate';
import { PackRule, RulePack } from './engine/pack';
import { PodKindTable } from './engine/pod-templates';
import { SelectedCheck } from './engine/registry';
import { RuleDefinition } from './engine/rule';
import { Finding, IRule, PodTemplateKind, PssLevel, RuleInfo, Severity } from './engine/types';
import { PolicyVersion } from './engine/version';
import { builtinRegistry } from './rules';

/**
 * Properties of a `PolicyEvaluator`.
 */
export interface PolicyEvaluatorProps {
  /**
   * The Pod Security Standards level. Packs that require a stricter level raise it.
   * @default PssLevel.RESTRICTED
   */
  readonly level?: PssLevel;
  /**
   * The Pod Security Standards version: `latest` or `v1.N`. Versions newer than the newest check
   * entry evaluate as `latest`, as pod-security admission does.
   * @default 'latest'
   */
  readonly version?: string;
  /**
   * Rule packs whose organization rules run besides the PSS level.
   * @default - no packs: only the PSS level runs
   */
  readonly packs?: RulePack[];
  /**
   * Individual organization rules to run, besides those of the packs. A rule listed here and in a
   * pack takes the severity and parameters given here.
   * @default - none
   */
  readonly rules?: PackRule[];
  /**
   * Custom rules.
   * @default - none
   */
  readonly customRules?: IRule[];
  /**
   * Parameters by rule ID. They are merged over the pack's parameters for that rule.
   * @default - the packs' and rules' own parameters
   */
  readonly ruleParams?: { [ruleId: string]: { [key: string]: any } };
  /**
   * Severities by rule ID, overriding packs and rule defaults. PSS checks always report errors.
   * @default - the packs' and rules' own severities
   */
  readonly severityOverrides?: { [ruleId: string]: Severity };
  /**
   * Further kinds whose objects hold pod templates, and where, e.g.
   * `{ kind: 'Elasticsearch', group: 'elasticsearch.k8s.elastic.co', paths: ['spec.nodeSets[*].podTemplate'] }`.
   * Their templates get every check a Deployment's gets. Kubernetes' own kinds and well-known ones
   * (OpenShift DeploymentConfig, Argo Rollouts Rollout, Knative Service and Configuration, KEDA
   * ScaledJob, OpenKruise CloneSet) are built in. An object of another kind that holds a pod
   * spec gets an `unevaluatedPodTemplate` warning.
   * @default - only the built-in kinds
   */
  readonly podTemplates?: PodTemplateKind[];
}

const LEVEL_RANK: { [level: string]: number } = {
  [PssLevel.PRIVILEGED]: 0,
  [PssLevel.BASELINE]: 1,
  [PssLevel.RESTRICTED]: 2,
};

/**
 * Evaluates Kubernetes manifests (plain JSON) against the Pod Security Standards, exactly as
 * Kubernetes' pod-security admission does, and against organization and custom rules.
 *
 * It has no cdk8s dependency: the policy guard, the CLI and the cdk8s CLI plugin all call it.
 */
export class PolicyEvaluator {
  /** The rule ID of findings about input that Kubernetes would not accept. */
  public static readonly INVALID_INPUT_RULE_ID = INVALID_INPUT_RULE_ID;
  /** The rule ID of warnings about pod templates of kinds that are neither built in nor declared. */
  public static readonly UNEVALUATED_POD_TEMPLATE_RULE_ID = UNEVALUATED_POD_TEMPLATE_RULE_ID;

  /** IDs of every built-in rule (PSS checks and organization rules), sorted. */
  public static builtinRuleIds(): string[] {
    return builtinRegistry().all().map(d => d.id);
  }

  /** The effective PSS level (the stricter of `level` and the packs' levels). */
  public readonly level: PssLevel;
  /** The requested version, as given: `latest` or `v1.N`. */
  public readonly version: string;
  /** The version the checks run at, `v1.N`: `latest` and newer versions resolve to the newest entry. */
  public readonly effectiveVersion: string;

  private readonly plan: EvaluationPlan;

  constructor(props: PolicyEvaluatorProps = {}) {
    const registry = builtinRegistry();
    const requested = props.level ?? PssLevel.RESTRICTED;
    if (LEVEL_RANK[requested] === undefined) {
      throw new Error(`invalid level "${requested}", expecting one of privileged, baseline, restricted`);
    }
    let level = requested;
    for (const pack of props.packs ?? []) {
      if (pack.pssLevel !== undefined && LEVEL_RANK[pack.pssLevel] > LEVEL_RANK[level]) level = pack.pssLevel;
    }
    const version = PolicyVersion.of(props.version ?? 'latest');
    const minor = version.effectiveMinor(registry.maxMinor);

    const selected = new Map<string, { def: RuleDefinition; severity?: Severity; params: { [key: string]: any } }>();
    const select = (rule: PackRule, origin: string) => {
      const def = registry.get(rule.ruleId);
      if (!def) {
        throw new Error(`unknown rule "${rule.ruleId}" in ${origin}, expecting one of: ${PolicyEvaluator.builtinRuleIds().filter(id => !registry.get(id)!.level).join(', ')}`);
      }
      if (def.level !== undefined) {
        throw new Error(`rule "${rule.ruleId}" in ${origin} is a Pod Security Standards check, choose it with the level instead`);
      }
      selected.set(def.id, { def, severity: rule.severity, params: { ...(rule.params ?? {}) } });
    };
    for (const pack of props.packs ?? []) for (const rule of pack.rules) select(rule, `pack "${pack.name}"`);
    for (const rule of props.rules ?? []) select(rule, 'rules');
    for (const custom of props.customRules ?? []) {
      const reserved = custom.ruleId === INVALID_INPUT_RULE_ID || custom.ruleId === UNEVALUATED_POD_TEMPLATE_RULE_ID;
      if (registry.has(custom.ruleId) || selected.has(custom.ruleId) || reserved) {
        throw new Error(`custom rule id "${custom.ruleId}" is already taken, choose another id`);
      }
      if (typeof custom.evaluate !== 'function') {
        throw new Error(`custom rule "${custom.ruleId}" has no evaluate method, implement evaluate(context)`);
      }
      selected.set(custom.ruleId, { def: customRuleDefinition(custom), params: {} });
    }
    // Rules that others require run with them: e.g. one invalidImageReference for every image rule.
    for (const entry of [...selected.values()]) {
      for (const id of entry.def.requires ?? []) {
        const def = registry.get(id);
        if (def && !selected.has(id)) selected.set(id, { def, params: {} });
      }
    }
    for (const id of Object.keys(props.ruleParams ?? {})) {
      const entry = selected.get(id);
      if (!entry) {
        throw new Error(`parameters given for rule "${id}", which is not selected, add it to a pack or to rules`);
      }
      Object.assign(entry.params, props.ruleParams![id]);
    }
    const extraRules: SelectedRule[] = [];
    for (const [id, entry] of selected) {
      const problem = entry.def.validateParams?.(entry.params);
      if (problem) throw new Error(`invalid parameters for rule "${id}": ${problem}`);
      // A built-in rule without parameters gets the shared empty set (and so the shared context);
      // custom rules keep an object of their own, as they always had.
      const builtinWithout = registry.has(id) && Object.keys(entry.params).length === 0;
      extraRules.push({
        def: entry.def,
        params: builtinWithout ? NO_PARAMS : entry.params,
        severity: props.severityOverrides?.[id] ?? entry.severity ?? entry.def.defaultSeverity,
      });
    }
    extraRules.sort((a, b) => (a.def.id < b.def.id ? -1 : a.def.id > b.def.id ? 1 : 0));
    const declared = props.podTemplates ?? [];
    const problem = PodKindTable.validate(declared, 'podTemplates');
    if (problem) throw new Error(problem);
    const podKinds = declared.length > 0 ? new PodKindTable(declared) : PodKindTable.builtin();
    const unevaluatedSeverity = props.severityOverrides?.[UNEVALUATED_POD_TEMPLATE_RULE_ID];

    this.level = level;
    this.version = version.toString();
    this.effectiveVersion = `v1.${minor}`;
    this.plan = { registry, level, minor, extraRules, podKinds, ...(unevaluatedSeverity ? { unevaluatedSeverity } : {}) };
  }

  /** IDs of the rules this evaluator runs: the PSS checks of its level and version, then the others. */
  public ruleIds(): string[] {
    return [
      ...this.plan.registry.resolvePss(this.plan.level, this.plan.minor).map(s => s.def.id),
      ...this.plan.extraRules.map(r => r.def.id),
    ];
  }

  /**
   * The rules this evaluator runs, in the order of `ruleIds()`, with the severity each reports
   * with here (after packs, rules and severity overrides).
   */
  public rules(): RuleInfo[] {
    const describe = (def: RuleDefinition, severity: Severity): RuleInfo => ({
      ruleId: def.id,
      description: def.description,
      message: def.message,
      fix: def.fix,
      severity,
      ...(def.level !== undefined ? { level: def.level } : {}),
      ...(def.helpUri ? { helpUri: def.helpUri } : {}),
    });
    return [
      ...this.plan.registry.resolvePss(this.plan.level, this.plan.minor).map(s => describe(s.def, Severity.ERROR)),
      ...this.plan.extraRules.map(r => describe(r.def, r.severity)),
    ];
  }

  /**
   * Evaluates one manifest. A `kind: List` is evaluated item by item. Kinds that run no pods get
   * no PSS findings. Input that Kubernetes would not accept becomes an `invalidInput` finding; it is
   * never read as allowed.
   */
  public evaluate(manifest: any): Finding[] {
    return evaluateManifests(this.plan, [manifest]);
  }

  /**
   * Evaluates a set of manifests together, so that cross-object rules (such as `networkPolicy`)
   * see all of them. Each finding's `manifestIndex` is the index of its manifest in the list.
   */
  public evaluateAll(manifests: any[]): Finding[] {
    return evaluateManifests(this.plan, manifests);
  }

  /**
   * The PSS check entries and the other rules this evaluator runs, with their parameters and
   * severities: what the admission policy emitter turns into CEL. @internal
   */
  public _selection(): { readonly pss: readonly SelectedCheck[]; readonly rules: readonly SelectedRule[] } {
    return { pss: this.plan.registry.resolvePss(this.plan.level, this.plan.minor), rules: this.plan.extraRules };
  }

  /** True when the manifest has no error findings at this evaluator's level and version. */
  public isAllowed(manifest: any): boolean {
    return !this.evaluate(manifest).some(f => f.severity === Severity.ERROR);
  }
}
