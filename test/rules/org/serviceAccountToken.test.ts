import { Brief, briefs, deployment, S, Tweak, tweaked } from './helpers';
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

  test('reads only the pod: a ServiceAccount that opts out does not count', () => {
    // GIVEN
    const sa = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'web' }, automountServiceAccountToken: false };
    const spec = tweaked(base, s => { delete s.automountServiceAccountToken; s.serviceAccountName = 'web'; });
    // WHEN
    const found = briefs('serviceAccountToken', [sa, deployment(spec)]);
    // THEN
    expect(found).toEqual([
      { path: `${S}/automountServiceAccountToken`, detail: 'pod leaves automountServiceAccountToken unset, so the service account token is mounted unless its ServiceAccount opts out' },
    ]);
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
