import { Brief, briefs, C, deployment, E, I, Tweak, tweaked } from './helpers';
import { PssLevel } from '../../../src/engine/types';
import { PolicyEvaluator } from '../../../src/evaluator';

const base = () => ({
  initContainers: [{ name: 'init', image: 'migrate:1', env: [{ name: 'MODE', value: 'migrate' }] }],
  containers: [
    {
      name: 'app',
      image: 'app:1',
      env: [
        { name: 'LOG_LEVEL', value: 'info' },
        { name: 'REGION', valueFrom: { configMapKeyRef: { name: 'settings', key: 'region' } } },
      ],
      envFrom: [{ configMapRef: { name: 'settings' } }],
      volumeMounts: [{ name: 'db', mountPath: '/secrets/db', readOnly: true }],
    },
    { name: 'sidecar', image: 'proxy:1' },
  ],
  ephemeralContainers: [{ name: 'debug', image: 'busybox:1' }],
  volumes: [{ name: 'db', secret: { secretName: 'db' } }],
});

describe('secretEnv', () => {
  test.each<[string, Tweak, Brief[]]>([
    ['passes when secrets are mounted as files and env reads only values and config maps', () => {}, []],
    ['fails when a regular container reads a secret key into env', s => {
      s.containers[0].env.push({ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } });
    }, [
      { path: `${C}/0/env/2/valueFrom/secretKeyRef`, container: 'app', detail: 'container "app" reads key "password" of secret "db" into environment variable "DB_PASSWORD"' },
    ]],
    ['fails when an init container reads a whole secret with envFrom', s => { s.initContainers[0].envFrom = [{ secretRef: { name: 'db' } }]; }, [
      { path: `${I}/0/envFrom/0/secretRef`, container: 'init', detail: 'container "init" reads every key of secret "db" into environment variables' },
    ]],
    ['fails when an ephemeral container reads a secret key into env', s => {
      s.ephemeralContainers[0].env = [{ name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'api', key: 'token' } } }];
    }, [
      { path: `${E}/0/env/0/valueFrom/secretKeyRef`, container: 'debug', detail: 'container "debug" reads key "token" of secret "api" into environment variable "TOKEN"' },
    ]],
    ['fails once per secret reference', s => {
      s.containers[0].envFrom.push({ prefix: 'DB_', secretRef: { name: 'db' } });
      s.containers[1].env = [
        { name: 'A', valueFrom: { secretKeyRef: { name: 's', key: 'a' } } },
        { name: 'B', valueFrom: { secretKeyRef: { key: 'b' } } },
      ];
    }, [
      { path: `${C}/0/envFrom/1/secretRef`, container: 'app', detail: 'container "app" reads every key of secret "db" into environment variables' },
      { path: `${C}/1/env/0/valueFrom/secretKeyRef`, container: 'sidecar', detail: 'container "sidecar" reads key "a" of secret "s" into environment variable "A"' },
      { path: `${C}/1/env/1/valueFrom/secretKeyRef`, container: 'sidecar', detail: 'container "sidecar" reads key "b" of secret (unnamed) into environment variable "B"' },
    ]],
  ])('%s', (_name, tweak, expected) => {
    expect(briefs('secretEnv', [deployment(tweaked(base, tweak))])).toEqual(expected);
  });

  test('is not applicable to kinds that run no pods', () => {
    expect(briefs('secretEnv', [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, stringData: { password: 'x' } }])).toEqual([]);
  });

  test('reports a warning by default', () => {
    const manifest = deployment({ containers: [{ name: 'a', image: 'a:1', envFrom: [{ secretRef: { name: 's' } }] }] });
    const [finding] = new PolicyEvaluator({ level: PssLevel.PRIVILEGED, rules: [{ ruleId: 'secretEnv' }] }).evaluate(manifest);
    expect(finding).toMatchObject({ ruleId: 'secretEnv', severity: 'warning', message: 'secret in environment variable', container: 'a' });
  });
});
