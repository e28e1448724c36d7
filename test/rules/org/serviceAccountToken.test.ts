import { serviceAccount } from './_rbac';
import { Brief, briefs, deployment, evaluateRule, S, Tweak, tweaked } from './helpers';
import { PolicyEvaluator } from '../../../src/evaluator';

const base = () => ({
  automountServiceAccountToken: false,
  initContainers: [{ name: 'init', image: 'migrate:1' }],
  containers: [{ name: 'app', image: 'app:1' }, { name: 'sidecar', image: 'proxy:1' }],
  ephemeralContainers: [{ name: 'debug', image: 'busybox:1' }],
});

describe('serviceAccountToken', () => {
  test.each<[string, Tweak, Brief[]]>([
    ['passes when the pod sets automountServiceAccountToken=false', () => {}, []],
    ['fails when the pod sets automountServiceAccountToken=true', s => { s.automountServiceAccountToken = true; }, [
      { path: `${S}/automountServiceAccountToken`, detail: 'pod sets automountServiceAccountToken=true' },
    ]],
    ['fails when the pod leaves automountServiceAccountToken unset', s => { delete s.automountServiceAccountToken; }, [
      { path: `${S}/automountServiceAccountToken`, detail: 'pod leaves automountServiceAccountToken unset, so the service account token is mounted unless its ServiceAccount opts out' },
    ]],
  ])('%s', (_name, tweak, expected) => {
    expect(briefs('serviceAccountToken', [deployment(tweaked(base, tweak))])).toEqual(expected);
  });

  const UNSET = 'pod leaves automountServiceAccountToken unset, so the service account token is mounted unless its ServiceAccount opts out';
  const unset = (s: any) => { delete s.automountServiceAccountToken; s.serviceAccountName = 'web'; };

  test.each<[string, any[], Tweak, string[]]>([
    ['passes when the pod leaves the field unset and its ServiceAccount opts out', [serviceAccount('web', undefined, false)], unset, []],
    ['passes when both are in the same explicit namespace', [serviceAccount('web', 'shop', false)], unset, []],
    ['fails when the ServiceAccount of that name is in another namespace', [serviceAccount('web', 'billing', false)], unset, [UNSET]],
    ['fails when the ServiceAccount opts in', [serviceAccount('web', undefined, true)], unset, [
      'pod leaves automountServiceAccountToken unset, and its ServiceAccount "web" in namespace "default" sets automountServiceAccountToken=true',
    ]],
    ['fails when the ServiceAccount leaves it unset too', [serviceAccount('web')], unset, [
      'pod leaves automountServiceAccountToken unset, and its ServiceAccount "web" in namespace "default" does not set it, so the token is mounted',
    ]],
    ['fails when another ServiceAccount opts out', [serviceAccount('other', undefined, false)], unset, [UNSET]],
    ['reads the "default" ServiceAccount when the pod names none', [serviceAccount('default', undefined, false)], s => { delete s.automountServiceAccountToken; }, []],
    ['reads the deprecated serviceAccount field', [serviceAccount('old', undefined, false)], s => { delete s.automountServiceAccountToken; s.serviceAccount = 'old'; }, []],
    ['lets the pod\'s true win over a ServiceAccount that opts out', [serviceAccount('web', undefined, false)], s => { s.automountServiceAccountToken = true; s.serviceAccountName = 'web'; }, [
      'pod sets automountServiceAccountToken=true',
    ]],
    ['lets the pod\'s false win over a ServiceAccount that opts in', [serviceAccount('web', undefined, true)], s => { s.serviceAccountName = 'web'; }, []],
  ])('%s', (_name, accounts, tweak, expected) => {
    // GIVEN
    const namespace = accounts.some(a => a.metadata.namespace !== undefined) ? 'shop' : undefined;
    const manifests = [...accounts, deployment(tweaked(base, tweak), namespace)];
    // WHEN
    const found = briefs('serviceAccountToken', manifests);
    // THEN
    expect(found).toEqual(expected.map(detail => ({ path: `${S}/automountServiceAccountToken`, detail })));
  });

  test('takes resources without a namespace to be in defaultNamespace', () => {
    const manifests = [serviceAccount('web', 'shop', false), deployment(tweaked(base, unset))];
    expect(briefs('serviceAccountToken', manifests, { defaultNamespace: 'shop' })).toEqual([]);
    expect(briefs('serviceAccountToken', manifests)).toHaveLength(1);
  });

  test('finds the ServiceAccount in another manifest of the set and in a List', () => {
    const list = { apiVersion: 'v1', kind: 'List', items: [serviceAccount('web', undefined, false)] };
    const found = evaluateRule('serviceAccountToken', [deployment(tweaked(base, unset)), list]);
    expect(found).toEqual([]);
  });

  test('is not applicable to kinds that run no pods, ServiceAccounts included', () => {
    const sa = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'web' }, automountServiceAccountToken: true };
    expect(briefs('serviceAccountToken', [sa])).toEqual([]);
  });

  test('reports a warning by default', () => {
    const [finding] = new PolicyEvaluator({ rules: [{ ruleId: 'serviceAccountToken' }] })
      .evaluate(deployment({ containers: [{ name: 'app', image: 'app:1' }] }))
      .filter(f => f.ruleId === 'serviceAccountToken');
    expect(finding).toMatchObject({ severity: 'warning', message: 'automountServiceAccountToken != false', fix: 'set spec.automountServiceAccountToken: false on the pod template' });
    expect(finding.container).toBeUndefined();
  });
});
