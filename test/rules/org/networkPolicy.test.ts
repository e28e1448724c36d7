import { briefs, deployment } from './helpers';
import { PssLevel } from '../../../src/engine/types';
import { PolicyEvaluator } from '../../../src/evaluator';

/** A Deployment whose pods carry `labels`. */
function workload(name: string, labels: { [key: string]: string }, namespace?: string): any {
  const d = deployment({ containers: [{ name: 'app', image: 'app:1' }] }, namespace);
  d.metadata.name = name;
  d.spec.template.metadata.labels = labels;
  return d;
}

/** A NetworkPolicy with a pod selector. */
function policy(name: string, podSelector: any, namespace?: string): any {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, ...(namespace !== undefined ? { namespace } : {}) },
    spec: { ...(podSelector !== undefined ? { podSelector } : {}), policyTypes: ['Ingress'] },
  };
}

const WEB = { app: 'web', tier: 'frontend' };
const UNSELECTED = (where: string, labels = 'labels app=web, tier=frontend') => [{
  path: '/spec/template/metadata',
  detail: `Deployment "web" ${where} has pods with ${labels}, which no NetworkPolicy in that namespace selects`,
}];

describe('networkPolicy', () => {
  test.each<[string, any, any[]]>([
    ['passes when matchLabels select the pods', { matchLabels: { app: 'web' } }, []],
    ['passes when every matchLabels pair matches', { matchLabels: { app: 'web', tier: 'frontend' } }, []],
    ['fails when one matchLabels pair differs', { matchLabels: { app: 'web', tier: 'backend' } }, UNSELECTED('in namespace "shop"')],
    ['passes for an empty podSelector (every pod)', {}, []],
    ['passes for In with a matching value', { matchExpressions: [{ key: 'tier', operator: 'In', values: ['backend', 'frontend'] }] }, []],
    ['fails for In without a matching value', { matchExpressions: [{ key: 'tier', operator: 'In', values: ['backend'] }] }, UNSELECTED('in namespace "shop"')],
    ['fails for In on an absent label', { matchExpressions: [{ key: 'team', operator: 'In', values: ['a'] }] }, UNSELECTED('in namespace "shop"')],
    ['passes for NotIn with another value', { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['backend'] }] }, []],
    ['passes for NotIn on an absent label', { matchExpressions: [{ key: 'team', operator: 'NotIn', values: ['a'] }] }, []],
    ['fails for NotIn with the pod\'s value', { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['frontend'] }] }, UNSELECTED('in namespace "shop"')],
    ['passes for Exists on a present label', { matchExpressions: [{ key: 'app', operator: 'Exists' }] }, []],
    ['fails for Exists on an absent label', { matchExpressions: [{ key: 'team', operator: 'Exists' }] }, UNSELECTED('in namespace "shop"')],
    ['passes for DoesNotExist on an absent label', { matchExpressions: [{ key: 'team', operator: 'DoesNotExist' }] }, []],
    ['fails for DoesNotExist on a present label', { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, UNSELECTED('in namespace "shop"')],
    ['passes when matchLabels and matchExpressions both hold', { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, []],
    ['fails when matchLabels hold but an expression does not', { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['x'] }] }, UNSELECTED('in namespace "shop"')],
  ])('%s', (_name, selector, expected) => {
    // GIVEN
    const manifests = [workload('web', WEB, 'shop'), policy('p', selector, 'shop')];
    // WHEN / THEN
    expect(briefs('networkPolicy', manifests)).toEqual(expected);
  });

  test('fails when there is no NetworkPolicy at all', () => {
    expect(briefs('networkPolicy', [workload('web', WEB, 'shop')])).toEqual(UNSELECTED('in namespace "shop"'));
  });

  test('does not count a policy in another namespace', () => {
    const manifests = [workload('web', WEB, 'shop'), policy('allow-all', {}, 'billing')];
    expect(briefs('networkPolicy', manifests)).toEqual(UNSELECTED('in namespace "shop"'));
  });

  test('treats an unset namespace as "default" on both sides', () => {
    expect(briefs('networkPolicy', [workload('web', WEB), policy('p', {})])).toEqual([]);
    expect(briefs('networkPolicy', [workload('web', WEB), policy('p', {}, 'default')])).toEqual([]);
    expect(briefs('networkPolicy', [workload('web', WEB, 'default'), policy('p', {})])).toEqual([]);
    expect(briefs('networkPolicy', [workload('web', WEB), policy('p', {}, 'shop')]))
      .toEqual(UNSELECTED('without a namespace (taken as "default")'));
  });

  test('takes the unset namespace from the defaultNamespace parameter', () => {
    expect(briefs('networkPolicy', [workload('web', WEB), policy('p', {}, 'shop')], { defaultNamespace: 'shop' })).toEqual([]);
    expect(briefs('networkPolicy', [workload('web', WEB), policy('p', {}, 'default')], { defaultNamespace: 'shop' }))
      .toEqual(UNSELECTED('without a namespace (taken as "shop")'));
  });

  test('needs only one of several policies to select the pods', () => {
    // GIVEN
    const manifests = [
      workload('web', WEB, 'shop'),
      workload('db', { app: 'db' }, 'shop'),
      policy('web-only', { matchLabels: { app: 'web' } }, 'shop'),
      policy('db-only', { matchLabels: { app: 'db' } }, 'shop'),
      policy('nothing', { matchLabels: { app: 'none' } }, 'shop'),
    ];
    // WHEN / THEN
    expect(briefs('networkPolicy', manifests)).toEqual([]);
  });

  test('reports each unselected workload in its own manifest', () => {
    // GIVEN
    const manifests = [
      policy('web-only', { matchLabels: { app: 'web' } }, 'shop'),
      workload('web', WEB, 'shop'),
      workload('db', { app: 'db' }, 'shop'),
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'debug', namespace: 'shop' }, spec: { containers: [{ name: 'c', image: 'c:1' }] } },
    ];
    // WHEN
    const findings = new PolicyEvaluator({ level: PssLevel.PRIVILEGED, rules: [{ ruleId: 'networkPolicy' }] }).evaluateAll(manifests);
    // THEN
    expect(findings.map(f => ({ index: f.manifestIndex, name: f.resource.name, path: f.path, detail: f.detail }))).toEqual([
      { index: 2, name: 'db', path: '/spec/template/metadata', detail: 'Deployment "db" in namespace "shop" has pods with labels app=db, which no NetworkPolicy in that namespace selects' },
      { index: 3, name: 'debug', path: '/metadata', detail: 'Pod "debug" in namespace "shop" has pods with no labels, which no NetworkPolicy in that namespace selects' },
    ]);
    expect(findings[0]).toMatchObject({
      severity: 'warning',
      message: 'no NetworkPolicy selects the pods',
      fix: 'add a NetworkPolicy in namespace "shop" whose podSelector matches these labels (podSelector: {} selects every pod)',
    });
  });

  test('finds policies and workloads inside Lists, with item pointers', () => {
    const list = { apiVersion: 'v1', kind: 'List', items: [policy('p', { matchLabels: { app: 'other' } }, 'shop'), workload('web', WEB, 'shop')] };
    const findings = new PolicyEvaluator({ level: PssLevel.PRIVILEGED, rules: [{ ruleId: 'networkPolicy' }] }).evaluateAll([list]);
    expect(findings.map(f => [f.path, f.resource.kind])).toEqual([['/items/1/spec/template/metadata', 'Deployment']]);
  });

  test('ignores kinds that run no pods, and NetworkPolicies of other API groups', () => {
    const manifests = [
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'shop' }, spec: {} },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'shop' } },
      { apiVersion: 'crd.projectcalico.org/v1', kind: 'NetworkPolicy', metadata: { name: 'x', namespace: 'shop' }, spec: { podSelector: {} } },
    ];
    expect(briefs('networkPolicy', manifests)).toEqual([]);
    expect(briefs('networkPolicy', [...manifests, workload('web', WEB, 'shop')])).toEqual([
      { path: '/spec/template/metadata', detail: 'Deployment "web" in namespace "shop" has pods with labels app=web, tier=frontend, which no NetworkPolicy in that namespace selects' },
    ]);
  });

  test.each<[string, any, string, string]>([
    ['fails when the policy sets no podSelector', undefined, '/spec/podSelector', 'sets no spec.podSelector'],
    ['fails when an operator is unknown', { matchExpressions: [{ key: 'app', operator: 'Equals', values: ['web'] }] }, '/spec/podSelector/matchExpressions/0/operator',
      'has spec.podSelector.matchExpressions[0].operator "Equals", expecting In, NotIn, Exists or DoesNotExist'],
    ['fails when In has no values', { matchExpressions: [{ key: 'app', operator: 'In', values: [] }] }, '/spec/podSelector/matchExpressions/0/values',
      'has spec.podSelector.matchExpressions[0] with operator In and no values'],
    ['fails when Exists has values', { matchExpressions: [{ key: 'app', operator: 'Exists', values: ['web'] }] }, '/spec/podSelector/matchExpressions/0/values',
      'has spec.podSelector.matchExpressions[0] with operator Exists and values'],
    ['fails when an expression has no key', { matchExpressions: [{ operator: 'Exists' }] }, '/spec/podSelector/matchExpressions/0/key',
      'has no key in spec.podSelector.matchExpressions[0]'],
    ['fails when matchLabels is a list', { matchLabels: ['app'] }, '/spec/podSelector/matchLabels', 'has spec.podSelector.matchLabels a list'],
  ])('%s: the broken policy is reported and does not count', (_name, selector, path, problem) => {
    // GIVEN
    const manifests = [policy('broken', selector, 'shop'), workload('web', WEB, 'shop')];
    // WHEN / THEN
    expect(briefs('networkPolicy', manifests)).toEqual([
      { path, detail: `NetworkPolicy "broken" ${problem}, so it selects no pods` },
      ...UNSELECTED('in namespace "shop"'),
    ]);
  });

  test.each<[string, any, string]>([
    ['fails when defaultNamespace is not a namespace name', { defaultNamespace: 'Shop' }, 'defaultNamespace must be a namespace name such as "default", found string "Shop"'],
    ['fails when a parameter is unknown', { namespace: 'x' }, 'unknown parameter "namespace", expecting "defaultNamespace"'],
  ])('%s', (_name, params, message) => {
    expect(() => new PolicyEvaluator({ rules: [{ ruleId: 'networkPolicy', params }] }))
      .toThrow(new Error(`invalid parameters for rule "networkPolicy": ${message}`));
  });
});
