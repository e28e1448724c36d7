import { briefs, deployment } from './helpers';
import { PolicyEvaluator } from '../../../src/evaluator';

const spec = () => ({ containers: [{ name: 'app', image: 'app:1' }] });

describe('defaultNamespace', () => {
  test.each<[string, string | undefined, Array<{ path: string; detail: string }>]>([
    ['passes for an application namespace', 'shop', []],
    ['passes when the namespace is unset (chosen at deploy time)', undefined, []],
    ['fails for the default namespace', 'default', [{ path: '/metadata/namespace', detail: 'Deployment "web" is placed in namespace "default"' }]],
    ['fails for kube-system', 'kube-system', [{ path: '/metadata/namespace', detail: 'Deployment "web" is placed in namespace "kube-system"' }]],
  ])('%s', (_name, namespace, expected) => {
    expect(briefs('defaultNamespace', [deployment(spec(), namespace)])).toEqual(expected);
  });

  test.each([
    ['Pod', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: spec() }],
    ['CronJob', {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'p', namespace: 'default' },
      spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { spec: spec() } } } },
    }],
  ])('fails for a %s in the default namespace, pointing at its metadata', (kind, manifest) => {
    expect(briefs('defaultNamespace', [manifest])).toEqual([{ path: '/metadata/namespace', detail: `${kind} "p" is placed in namespace "default"` }]);
  });

  test('points into the List item', () => {
    // GIVEN
    const list = { apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' } }, deployment(spec(), 'default')] };
    // WHEN / THEN
    expect(briefs('defaultNamespace', [list])).toEqual([{ path: '/items/1/metadata/namespace', detail: 'Deployment "web" is placed in namespace "default"' }]);
  });

  test('is not applicable to kinds that run no pods', () => {
    const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'default' }, spec: {} };
    expect(briefs('defaultNamespace', [service])).toEqual([]);
  });

  test('refuses the namespaces listed in forbidden instead', () => {
    expect(briefs('defaultNamespace', [deployment(spec(), 'default')], { forbidden: ['sandbox'] })).toEqual([]);
    expect(briefs('defaultNamespace', [deployment(spec(), 'sandbox')], { forbidden: ['sandbox'] })).toEqual([
      { path: '/metadata/namespace', detail: 'Deployment "web" is placed in namespace "sandbox"' },
    ]);
  });

  test('fails when forbidden is not a list', () => {
    expect(() => new PolicyEvaluator({ rules: [{ ruleId: 'defaultNamespace', params: { forbidden: 'default' } }] }))
      .toThrow(new Error('invalid parameters for rule "defaultNamespace": forbidden must be a list of strings such as ["default", "kube-system"], found string "default"'));
  });
});
