/**
 * Turns an evaluator's policy into `admissionregistration.k8s.io/v1` ValidatingAdmissionPolicy
 * and ValidatingAdmissionPolicyBinding objects. @internal
 */
import { celCovers, exemptableKinds } from './_ownership';
import { AdmissionAction, AdmissionExemption } from './types';
import { CEL_CONTAINER, CelCheck, CEL_SPEC, celStrings } from '../engine/cel';
import { kubernetesPodKind, KUBERNETES_POD_KINDS } from '../engine/pod-templates';
import { RuleDefinition } from '../engine/rule';
import { Severity } from '../engine/types';
import { PolicyEvaluator } from '../evaluator';
import { POD_SECURITY_ADMISSION_RULE_ID } from '../rules/org/_pod-security-labels';

/** The annotation that lists the rules the policy cannot express. @internal */
export const UNEXPRESSED_ANNOTATION = 'cdk8s-guard/unexpressed-rules';
/** The annotation that lists the exemptions and their reasons. @internal */
export const EXEMPTIONS_ANNOTATION = 'cdk8s-guard/exemptions';
/** The annotation that names the level and version the policy enforces. @internal */
export const POLICY_ANNOTATION = 'cdk8s-guard/policy';

/** A rule the policy cannot express, and why. @internal */
export interface UnexpressedRule {
  readonly ruleId: string;
  readonly reason: string;
}

/** What the emitter needs. @internal */
export interface EmitOptions {
  readonly evaluator: PolicyEvaluator;
  readonly action: AdmissionAction;
  readonly exemptions?: readonly AdmissionExemption[];
  /** Name of the policy (and prefix of the others). */
  readonly name?: string;
  /** Namespaces the bindings are limited to (by their `kubernetes.io/metadata.name` label); all when unset. */
  readonly namespaces?: readonly string[];
}

/** One policy with its binding. @internal */
export interface EmittedPolicy {
  readonly policy: any;
  readonly binding: any;
}

/** What the emitter produces. @internal */
export interface EmitResult {
  /** The policies with their bindings: errors first, then warnings (when any rule warns). */
  readonly policies: EmittedPolicy[];
  /** Every object, in order: policy, binding, policy, binding. */
  readonly manifests: any[];
  /** The rules not in the policies, and why. */
  readonly unexpressed: UnexpressedRule[];
}

/** The default name of the policy. @internal */
export const DEFAULT_POLICY_NAME = 'cdk8s-guard';

const API_VERSION = 'admissionregistration.k8s.io/v1';

/** One rule in CEL. */
interface CelRule {
  readonly id: string;
  readonly def: RuleDefinition;
  readonly severity: Severity;
  readonly cel: CelCheck;
}

/** Resource rules for every kind the engine reads pod templates from. */
function resourceRules(): any[] {
  const byGroup = new Map<string, string[]>();
  for (const kind of KUBERNETES_POD_KINDS) {
    const resource = kind.toLowerCase() + 's';
    for (const group of kubernetesPodKind(kind)!.groups) {
      const list = byGroup.get(group) ?? [];
      list.push(resource);
      if (kind === 'Pod') list.push('pods/ephemeralcontainers');
      byGroup.set(group, list);
    }
  }
  return [...byGroup.keys()].sort().map(group => ({
    apiGroups: [group],
    apiVersions: ['*'],
    operations: ['CREATE', 'UPDATE'],
    resources: byGroup.get(group)!.sort(),
  }));
}

/** CEL: the pod template of the admitted object (the object itself for a Pod), from the engine's table. */
function celPodTemplate(): string {
  const byPath = new Map<string, string[]>();
  for (const kind of KUBERNETES_POD_KINDS) {
    const path = ['object', ...kubernetesPodKind(kind)!.templatePath].join('.');
    byPath.set(path, [...(byPath.get(path) ?? []), kind]);
  }
  // The most common path is the last branch; the others are tested by kind.
  const paths = [...byPath.keys()].sort((a, b) => byPath.get(a)!.length - byPath.get(b)!.length);
  let expression = paths[paths.length - 1];
  for (let i = paths.length - 2; i >= 0; i--) {
    expression = `object.kind in ${celStrings(byPath.get(paths[i])!)} ? ${paths[i]} : (${expression})`;
  }
  return expression;
}

function variables(exemptionVars: ReadonlyMap<string, string>): any[] {
  const annotations = 'variables.podTemplate.metadata';
  const out = [
    { name: 'podTemplate', expression: celPodTemplate() },
    { name: 'podSpec', expression: 'variables.podTemplate.spec' },
    {
      name: 'podAnnotations',
      expression: `has(${annotations}) && has(${annotations}.annotations) ? ${annotations}.annotations : {}`,
    },
  ];
  for (const [name, expression] of exemptionVars) out.push({ name, expression });
  return out;
}

const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'];

/**
 * Like pod-security admission, an update that leaves the pod spec (the template of a PodTemplate)
 * as it was is not checked again: relabelling a pod admitted before the policy is not refused.
 */
const MATCH_CONDITIONS = [{
  name: 'created-or-spec-changed',
  expression: 'request.operation != "UPDATE" || oldObject == null'
    + ' || (object.kind == "PodTemplate" ? object.template != oldObject.template : object.spec != oldObject.spec)',
}];

/** An exemption, resolved to the variable that tells whether it covers the admitted object. */
interface ResolvedExemption {
  readonly variable: string;
  readonly containers?: readonly string[];
}

function ruleExpression(rule: CelRule, exemptions: readonly ResolvedExemption[]): string {
  const whole = exemptions.filter(e => !e.containers).map(e => `variables.${e.variable}`);
  const byContainer = exemptions.filter(e => e.containers);
  const terms: string[] = [...whole];
  if (rule.cel.exempt) terms.push(`(${rule.cel.exempt})`);
  const checks: string[] = [];
  if (rule.cel.pod) checks.push(`(${rule.cel.pod})`);
  if (rule.cel.container) {
    const predicate = [
      ...byContainer.map(e => `(variables.${e.variable} && ${CEL_CONTAINER}.name in ${celStrings(e.containers!)})`),
      `(${rule.cel.container})`,
    ].join(' || ');
    const lists = rule.cel.ephemeralContainers === false ? CONTAINER_LISTS.filter(l => l !== 'ephemeralContainers') : CONTAINER_LISTS;
    for (const list of lists) {
      checks.push(`(!has(${CEL_SPEC}.${list}) || ${CEL_SPEC}.${list}.all(${CEL_CONTAINER}, ${predicate}))`);
    }
  }
  terms.push(checks.length > 0 ? checks.join(' && ') : 'true');
  return terms.join(' || ');
}

function celOf(def: RuleDefinition, params: { [key: string]: any }): CelCheck | string {
  if (def.scope === 'set') return 'cross-object rule: it reads other objects than the one admitted';
  if (def.scope === 'manifest') return 'manifest rule: it has no CEL form';
  const entry = def.entries?.[def.entries.length - 1];
  if (!entry?.cel) return 'it has no CEL form';
  return typeof entry.cel === 'function' ? entry.cel(params) : entry.cel;
}

/** Turns the evaluator's policy into admission policies. @internal */
export function emitAdmissionPolicies(options: EmitOptions): EmitResult {
  const name = options.name ?? DEFAULT_POLICY_NAME;
  const { pss, rules } = options.evaluator._selection();
  const celRules: CelRule[] = [];
  const unexpressed: UnexpressedRule[] = [];
  for (const s of pss) {
    if (!s.entry.cel) {
      unexpressed.push({ ruleId: s.def.id, reason: 'it has no CEL form' });
      continue;
    }
    const cel = typeof s.entry.cel === 'function' ? s.entry.cel({}) : s.entry.cel;
    celRules.push({ id: s.def.id, def: s.def, severity: Severity.ERROR, cel });
  }
  for (const r of rules) {
    // podSecurityAdmission predicts the cluster's own pod-security admission at synth time; in the
    // cluster, pod-security admission itself applies the namespace labels.
    if (r.def.id === POD_SECURITY_ADMISSION_RULE_ID) continue;
    const cel = celOf(r.def, r.params);
    if (typeof cel === 'string') unexpressed.push({ ruleId: r.def.id, reason: cel });
    else celRules.push({ id: r.def.id, def: r.def, severity: r.severity, cel });
  }

  const ruleIds = new Set(celRules.map(r => r.id));
  const kinds = exemptableKinds();
  const exemptionVars = new Map<string, string>();
  const varOf = new Map<string, string>();
  const byRule = new Map<string, ResolvedExemption[]>();
  const documented: any[] = [];
  for (const e of options.exemptions ?? []) {
    if (!ruleIds.has(e.ruleId)) {
      throw new Error(`exemption from rule "${e.ruleId}" for ${e.resource.kind} ${e.resource.namespace}/${e.resource.name}: the policy has no such rule, expecting one of: ${[...ruleIds].join(', ')}`);
    }
    if (!kinds.includes(e.resource.kind)) {
      throw new Error(`exemption from rule "${e.ruleId}" names kind "${e.resource.kind}", expecting one of: ${kinds.join(', ')}`);
    }
    if (!e.resource.namespace || !e.resource.name) {
      throw new Error(`exemption from rule "${e.ruleId}" for ${e.resource.kind} needs a namespace and a name, set resource.namespace and resource.name`);
    }
    const key = JSON.stringify([e.resource.namespace, e.resource.kind, e.resource.name]);
    let variable = varOf.get(key);
    if (!variable) {
      variable = `exempt${varOf.size}`;
      varOf.set(key, variable);
      exemptionVars.set(variable, celCovers(e.resource.namespace, e.resource.kind, e.resource.name));
    }
    const list = byRule.get(e.ruleId) ?? [];
    list.push({ variable, ...(e.containers ? { containers: [...e.containers] } : {}) });
    byRule.set(e.ruleId, list);
    documented.push({
      ruleId: e.ruleId,
      kind: e.resource.kind,
      namespace: e.resource.namespace,
      name: e.resource.name,
      ...(e.containers ? { containers: [...e.containers] } : {}),
      reason: e.reason,
    });
  }

  const groups: Array<{ suffix: string; rules: CelRule[]; actions: string[] }> = [
    { suffix: '', rules: celRules.filter(r => r.severity === Severity.ERROR), actions: [options.action] },
    {
      suffix: '-warnings',
      rules: celRules.filter(r => r.severity !== Severity.ERROR),
      actions: options.action === AdmissionAction.DENY ? [AdmissionAction.WARN, AdmissionAction.AUDIT] : [options.action],
    },
  ];
  const policies: EmittedPolicy[] = [];
  for (const group of groups) {
    if (group.rules.length === 0 && group.suffix !== '') continue;
    const policyName = name + group.suffix;
    const used = new Set<string>();
    const validations = group.rules.map(rule => {
      const exemptions = byRule.get(rule.id) ?? [];
      for (const e of exemptions) used.add(e.variable);
      return {
        expression: ruleExpression(rule, exemptions),
        message: `${rule.id}: ${rule.def.message} (${rule.def.fix})`,
        reason: 'Forbidden',
      };
    });
    const vars = new Map([...exemptionVars].filter(([v]) => used.has(v)));
    const annotations: { [key: string]: string } = {
      [POLICY_ANNOTATION]: `level=${options.evaluator.level}, version=${options.evaluator.effectiveVersion}`,
    };
    if (unexpressed.length > 0) annotations[UNEXPRESSED_ANNOTATION] = JSON.stringify(unexpressed);
    const groupExemptions = documented.filter(d => group.rules.some(r => r.id === d.ruleId));
    if (groupExemptions.length > 0) annotations[EXEMPTIONS_ANNOTATION] = JSON.stringify(groupExemptions);
    policies.push({
      policy: {
        apiVersion: API_VERSION,
        kind: 'ValidatingAdmissionPolicy',
        metadata: { name: policyName, annotations },
        spec: {
          failurePolicy: 'Fail',
          matchConstraints: { resourceRules: resourceRules() },
          matchConditions: MATCH_CONDITIONS,
          variables: variables(vars),
          validations,
        },
      },
      binding: {
        apiVersion: API_VERSION,
        kind: 'ValidatingAdmissionPolicyBinding',
        metadata: { name: policyName },
        spec: {
          policyName,
          validationActions: group.actions,
          ...(options.namespaces ? {
            matchResources: {
              namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: [...options.namespaces] }] },
            },
          } : {}),
        },
      },
    });
  }
  return { policies, manifests: policies.flatMap(p => [p.policy, p.binding]), unexpressed };
}

export { AdmissionAction } from './types';
export type { AdmissionExemption, AdmissionExemptionResource } from './types';
