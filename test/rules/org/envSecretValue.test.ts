import { Brief, briefs, C, deployment, E, evaluateRule, I, Tweak, tweaked } from './helpers';
import { looksLikeCredential } from '../../../src/rules/org/envSecretValue';

const base = () => ({
  initContainers: [{ name: 'init', image: 'migrate:1', env: [{ name: 'MODE', value: 'migrate' }] }],
  containers: [
    {
      name: 'app',
      image: 'app:1',
      env: [
        { name: 'LOG_LEVEL', value: 'info' },
        { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
        { name: 'DB_PASSWORD_FILE', value: '/run/secrets/db/password' },
      ],
    },
  ],
  ephemeralContainers: [{ name: 'debug', image: 'busybox:1' }],
});
const literal = (container: string, name: string): string => `container "${container}" sets environment variable "${name}" to a literal value`;

describe('envSecretValue', () => {
  test.each<[string, Tweak, Brief[]]>([
    ['passes when credentials come from valueFrom or files', () => {}, []],
    ['fails when DB_PASSWORD has a literal value', s => { s.containers[0].env.push({ name: 'DB_PASSWORD2', value: 'hunter2' }); }, [
      { path: `${C}/0/env/3/value`, container: 'app', detail: literal('app', 'DB_PASSWORD2') },
    ]],
    ['fails for an init container\'s API key', s => { s.initContainers[0].env.push({ name: 'STRIPE_API_KEY', value: 'sk_live_x' }); }, [
      { path: `${I}/0/env/1/value`, container: 'init', detail: literal('init', 'STRIPE_API_KEY') },
    ]],
    ['fails for an ephemeral container\'s token', s => { s.ephemeralContainers[0].env = [{ name: 'githubToken', value: 'ghp_x' }]; }, [
      { path: `${E}/0/env/0/value`, container: 'debug', detail: literal('debug', 'githubToken') },
    ]],
    ['fails once per variable', s => {
      s.containers[0].env = [{ name: 'CLIENT_SECRET', value: 'a' }, { name: 'private-key', value: 'b' }, { name: 'AWS_CREDENTIALS', value: 'c' }];
    }, [
      { path: `${C}/0/env/0/value`, container: 'app', detail: literal('app', 'CLIENT_SECRET') },
      { path: `${C}/0/env/1/value`, container: 'app', detail: literal('app', 'private-key') },
      { path: `${C}/0/env/2/value`, container: 'app', detail: literal('app', 'AWS_CREDENTIALS') },
    ]],
    ['passes for an empty value', s => { s.containers[0].env.push({ name: 'ADMIN_PASSWORD', value: '' }); }, []],
    ['passes for a reference to another variable', s => { s.containers[0].env.push({ name: 'PGPASSWORD', value: '$(DB_PASSWORD)' }); }, []],
    ['fails for a value that only contains a reference', s => { s.containers[0].env.push({ name: 'PGPASSWORD', value: 'x$(DB_PASSWORD)' }); }, [
      { path: `${C}/0/env/3/value`, container: 'app', detail: literal('app', 'PGPASSWORD') },
    ]],
    ['passes for names that say where the credential is', s => {
      s.containers[0].env.push({ name: 'TOKEN_PATH', value: '/var/run/token' }, { name: 'SECRETS_DIR', value: '/secrets' }, { name: 'SECRET_NAME', value: 'db' });
    }, []],
    ['passes for names that are not credentials', s => { s.containers[0].env.push({ name: 'PASS_THROUGH', value: 'yes' }, { name: 'KEY_ID', value: 'k1' }); }, []],
  ])('%s', (_name, tweak, expected) => {
    expect(briefs('envSecretValue', [deployment(tweaked(base, tweak))])).toEqual(expected);
  });

  test.each([
    ['PASSWORD', true], ['db_passwd', true], ['GPG_PASSPHRASE', true], ['jwtSecret', true], ['ACCESS_TOKEN', true], ['API-KEY', true],
    ['apikey', true], ['PRIVATE_KEY', true], ['GOOGLE_APPLICATION_CREDENTIALS', true], ['PASSWORD_FILE', false], ['TOKEN_DIR', false],
    ['PUBLIC_KEY', false], ['USERNAME', false], ['PWD', false],
  ])('looksLikeCredential(%s) is %s', (name, expected) => {
    expect(looksLikeCredential(name)).toBe(expected);
  });

  test('never shows the value, reports an error by default, and exempts allowedNames', () => {
    // GIVEN
    const manifest = deployment({ containers: [{ name: 'a', image: 'a:1', env: [{ name: 'TOKEN_TTL', value: '3600s' }] }] });
    // WHEN
    const [finding] = evaluateRule('envSecretValue', [manifest]);
    // THEN
    expect(JSON.stringify(finding)).not.toContain('3600s');
    expect(finding).toMatchObject({
      severity: 'error',
      message: 'credential in environment variable value',
      fix: 'store the credential in a Secret managed outside the manifests and mount it as a file (or use valueFrom.secretKeyRef)',
    });
    expect(briefs('envSecretValue', [manifest], { allowedNames: ['TOKEN_TTL'] })).toEqual([]);
    expect(briefs('envSecretValue', [manifest], { allowedNames: ['TOKEN_*'] })).toEqual([]);
  });
});
