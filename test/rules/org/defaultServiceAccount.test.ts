import { Brief, briefs, deployment, S, Tweak, tweaked } from './helpers';
import { PolicyEvaluator } from '../../../src/evaluator';

const base = () => ({
  serviceAccountName: 'web',
  initContainers: [{ name: 'init', image: 'migrate:1' }],
  containers: [{ name: 'app', image: 'app:1' }, { name: 'sidecar', image: 'proxy:1' }],
  ephemeralContainers: [{ name: 'debug', image: 'busybox:1' }],
});

describe('defaultServiceAccount', () => {
  test.each<[string, Tweak, Brief[]]>([
    ['passes when the pod names its own service account', () => {}, []],
    ['passes when only the deprecated serviceAccount names its own account', s => { delete s.serviceAccountName; s.serviceAccount = 'web'; }, []],
    ['passes when serviceAccountName wins over a deprecated "default"', s => { s.serviceAccount = 'default'; }, []],
    ['fails when serviceAccountName is "default"', s => { s.serviceAccountName = 'default'; }, [
      { path: `${S}/serviceAccountName`, detail: 'pod sets serviceAccountName "default"' },
    ]],
    ['fails when serviceAccountName is unset', s => { delete s.serviceAccountName; }, [
      { path: `${S}/serviceAccountName`, detail: 'pod leaves serviceAccountName unset, so it runs as the "default" service account' },
    ]],
    ['fails when serviceAccountName is empty', s => { s.serviceAccountName = ''; }, [
      { path: `${S}/serviceAccountName`, detail: 'pod leaves serviceAccountName unset, so it runs as the "default" service account' },
    ]],
    ['fails when only the deprecated serviceAccount is "default"', s => { delete s.serviceAccountName; s.serviceAccount = 'default'; }, [
      { path: `${S}/serviceAccount`, detail: 'pod sets serviceAccount "default"' },
    ]],
  ])('%s', (_name, tweak, expected) => {
    expect(briefs('defaultServiceAccount', [deployment(tweaked(base, tweak))])).toEqual(expected);
  });

  test('is not applicable to kinds that run no pods', () => {
    expect(briefs('defaultServiceAccount', [{ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default' } }])).toEqual([]);
  });

  test('fails when given a parameter', () => {
    expect(() => new PolicyEvaluator({ rules: [{ ruleId: 'defaultServiceAccount', params: { name: 'x' } }] }))
      .toThrow(new Error('invalid parameters for rule "defaultServiceAccount": unknown parameter "name", this rule takes no parameters'));
  });
});
