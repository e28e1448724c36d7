/**
 * # networkPolicy
 *
 * Every workload must be selected by at least one NetworkPolicy in its namespace. A pod that no
 * NetworkPolicy selects accepts traffic from, and sends traffic to, anything in the cluster.
 *
 * This rule looks at the whole set of manifests evaluated together (one synth, or every file
 * given to the CLI). It reads:
 * - every `NetworkPolicy` (`networking.k8s.io`): `metadata.namespace`, `spec.podSelector`
 *   (`matchLabels`, and `matchExpressions` with `In`, `NotIn`, `Exists`, `DoesNotExist`)
 * - every kind that runs pods: `metadata.namespace` and the pod template's `metadata.labels`
 *
 * Namespaces: a policy only selects pods of its own namespace. A resource without
 * `metadata.namespace` is deployed to whatever namespace is current at deploy time; the rule
 * treats it as being in the namespace named by the `defaultNamespace` parameter (`default`
 * unless set), for policies and workloads alike. So a policy without a namespace covers
 * workloads without a namespace, and both match resources that name that namespace explicitly.
 *
 * Selectors follow Kubernetes label selectors: every `matchLabels` pair must be present, and
 * every expression must hold (`NotIn` and `DoesNotExist` also hold when the label is absent).
 * An empty `podSelector` (`{}`) selects every pod of the namespace. A policy without
 * `spec.podSelector`, or with an expression Kubernetes would refuse (an unknown operator, `In`
 * or `NotIn` without values, `Exists` or `DoesNotExist` with values), selects nothing and is
 * reported itself, so a broken policy never counts as protection.
 *
 * Allowed values: each pod-bearing resource is selected by at least one valid policy.
 *
 * Parameters:
 * - `defaultNamespace`: the namespace resources without `metadata.namespace` are taken to be in.
 *   Default `"default"`.
 *
 * @see https://github.com/cdk8s-guard/cdk8s-guard/blob/main/RULES.md#networkpolicy
 * @internal
 */
import { DEFAULT_NAMESPACE, DEFAULT_NAMESPACE_PARAM, defaultNamespaceParam, NSA, ruleDocUrl, unknownParam } from './_common';
import { joinPointer } from '../../engine/_pointer';
import { describeValue, isObject, own } from '../../engine/_util';
import { apiGroupOf } from '../../engine/pod-templates';
import { defineRule, SetMember } from '../../engine/rule';
import { RuleViolation, Severity } from '../../engine/types';

const NETWORK_POLICY_GROUPS = ['networking.k8s.io', 'extensions'];

/** A compiled pod selector: true when a label set matches. */
type Selector = (labels: { [key: string]: string }) => boolean;

function explicitNamespace(object: unknown): string | undefined {
  const ns = own(own(object, 'metadata'), 'namespace');
  return typeof ns === 'string' && ns !== '' ? ns : undefined;
}

function nameOf(object: unknown): string {
  const name = own(own(object, 'metadata'), 'name');
  return typeof name === 'string' ? name : '';
}

function labelsOf(metadata: unknown): { [key: string]: string } {
  const raw = own(metadata, 'labels');
  const out: { [key: string]: string } = {};
  if (!isObject(raw)) return out;
  const keys = Object.keys(raw);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (typeof raw[key] === 'string') out[key] = raw[key];
  }
  return out;
}

function has(labels: { [key: string]: string }, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(labels, key);
}

/** Compiles a label selector, or returns the problem that makes Kubernetes refuse it. */
function compileSelector(selector: unknown, path: string): Selector | { problem: string; path: string } {
  if (!isObject(selector)) {
    return { problem: selector === undefined || selector === null ? 'sets no spec.podSelector' : `has spec.podSelector ${describeValue(selector)}`, path };
  }
  const tests: Selector[] = [];
  const matchLabels = own(selector, 'matchLabels');
  if (matchLabels !== undefined && matchLabels !== null) {
    if (!isObject(matchLabels)) return { problem: `has spec.podSelector.matchLabels ${describeValue(matchLabels)}`, path: joinPointer(path, 'matchLabels') };
    for (const key of Object.keys(matchLabels)) {
      const value = matchLabels[key];
      if (typeof value !== 'string') {
        return { problem: `has spec.podSelector.matchLabels.${key} ${describeValue(value)}`, path: joinPointer(path, 'matchLabels', key) };
      }
      tests.push(labels => has(labels, key) && labels[key] === value);
    }
  }
  const expressions = own(selector, 'matchExpressions');
  if (expressions !== undefined && expressions !== null) {
    if (!Array.isArray(expressions)) return { problem: `has spec.podSelector.matchExpressions ${describeValue(expressions)}`, path: joinPointer(path, 'matchExpressions') };
    for (let i = 0; i < expressions.length; i++) {
      const compiled = compileExpression(expressions[i], joinPointer(path, 'matchExpressions', i), i);
      if (typeof compiled !== 'function') return compiled;
      tests.push(compiled);
    }
  }
  return labels => tests.every(t => t(labels));
}

function compileExpression(expr: unknown, path: string, i: number): Selector | { problem: string; path: string } {
  const where = `spec.podSelector.matchExpressions[${i}]`;
  const key = own(expr, 'key');
  const operator = own(expr, 'operator');
  const values = own(expr, 'values');
  if (typeof key !== 'string' || key === '') return { problem: `has no key in ${where}`, path: joinPointer(path, 'key') };
  const list = values === undefined || values === null ? [] : values;
  if (!Array.isArray(list) || list.some(v => typeof v !== 'string')) {
    return { problem: `has ${where}.values ${describeValue(values)}, expecting a list of strings`, path: joinPointer(path, 'values') };
  }
  switch (operator) {
    case 'In':
    case 'NotIn':
      if (list.length === 0) return { problem: `has ${where} with operator ${operator} and no values`, path: joinPointer(path, 'values') };
      return operator === 'In'
        ? labels => has(labels, key) && list.includes(labels[key])
        : labels => !has(labels, key) || !list.includes(labels[key]);
    case 'Exists':
    case 'DoesNotExist':
      if (list.length > 0) return { problem: `has ${where} with operator ${operator} and values`, path: joinPointer(path, 'values') };
      return operator === 'Exists' ? labels => has(labels, key) : labels => !has(labels, key);
    default:
      return {
        problem: `has ${where}.operator ${typeof operator === 'string' ? `"${operator}"` : describeValue(operator)}, expecting In, NotIn, Exists or DoesNotExist`,
        path: joinPointer(path, 'operator'),
      };
  }
}

function isNetworkPolicy(object: unknown): boolean {
  if (own(object, 'kind') !== 'NetworkPolicy') return false;
  const group = apiGroupOf(own(object, 'apiVersion'));
  return group !== undefined && NETWORK_POLICY_GROUPS.includes(group);
}

function describeLabels(labels: { [key: string]: string }): string {
  const keys = Object.keys(labels).sort();
  return keys.length === 0 ? 'no labels' : `labels ${keys.map(k => `${k}=${labels[k]}`).join(', ')}`;
}

export const networkPolicy = defineRule({
  id: 'networkPolicy',
  scope: 'set',
  defaultSeverity: Severity.WARNING,
  description: 'Every workload must be selected by at least one NetworkPolicy in its namespace.',
  message: 'no NetworkPolicy selects the pods',
  fix: 'add a NetworkPolicy in the workload\'s namespace whose podSelector matches its pod labels (podSelector: {} selects every pod)',
  helpUri: ruleDocUrl('networkPolicy'),
  cis: ['5.3.2'],
  nsa: [NSA.networkPolicies],
  params: [DEFAULT_NAMESPACE_PARAM],
  validateParams: params => unknownParam(params, ['defaultNamespace']) ?? defaultNamespaceParam(params),
  checkSet: (members: readonly SetMember[], params) => {
    const fallback: string = params.defaultNamespace ?? DEFAULT_NAMESPACE;
    const out: RuleViolation[] = [];
    const byNamespace = new Map<string, Selector[]>();
    for (let i = 0; i < members.length; i++) {
      const m = members[i];
      if (!isNetworkPolicy(m.object)) continue;
      const namespace = explicitNamespace(m.object) ?? fallback;
      const selectorPath = joinPointer(m.basePath, 'spec', 'podSelector');
      const compiled = compileSelector(own(own(m.object, 'spec'), 'podSelector'), selectorPath);
      if (typeof compiled !== 'function') {
        out.push({
          manifestIndex: m.manifestIndex,
          path: compiled.path,
          detail: `NetworkPolicy "${nameOf(m.object)}" ${compiled.problem}, so it selects no pods`,
          fix: 'fix the podSelector of the NetworkPolicy; podSelector: {} selects every pod of the namespace',
        });
        continue;
      }
      const list = byNamespace.get(namespace) ?? [];
      list.push(compiled);
      byNamespace.set(namespace, list);
    }
    for (let i = 0; i < members.length; i++) {
      const m = members[i];
      if (!m.pod) continue;
      const explicit = explicitNamespace(m.object);
      const namespace = explicit ?? fallback;
      const labels = labelsOf(m.pod.metadata);
      const policies = byNamespace.get(namespace) ?? [];
      if (policies.some(select => select(labels))) continue;
      const where = explicit !== undefined ? `in namespace "${namespace}"` : `without a namespace (taken as "${namespace}")`;
      out.push({
        manifestIndex: m.manifestIndex,
        path: m.pod.metadataPath,
        detail: `${own(m.object, 'kind')} "${nameOf(m.object)}" ${where} has pods with ${describeLabels(labels)}, which no NetworkPolicy in that namespace selects`,
        fix: `add a NetworkPolicy in namespace "${namespace}" whose podSelector matches these labels (podSelector: {} selects every pod)`,
      });
    }
    return out;
  },
});
