import { Brief, briefs, evaluateRule } from './helpers';

function secret(fields: { [key: string]: any }, name = 'db', namespace?: string): any {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name, ...(namespace ? { namespace } : {}) }, ...fields };
}

describe('secretInManifest', () => {
  test.each<[string, any, Brief[]]>([
    ['passes for a Secret without data', secret({ type: 'Opaque' }), []],
    ['passes for empty data and stringData', secret({ data: {}, stringData: {} }), []],
    ['passes when every value is empty', secret({ stringData: { password: '' }, data: { x: '' } }), []],
    ['fails for stringData: change-me', secret({ stringData: { password: 'change-me' } }), [
      { path: '/stringData', detail: 'Secret "db" holds "password" in stringData' },
    ]],
    ['fails for base64 data, naming every key', secret({ data: { 'tls.crt': 'Y3J0', 'tls.key': 'a2V5' } }, 'tls', 'shop'), [
      { path: '/data', detail: 'Secret "tls" in namespace "shop" holds "tls.crt", "tls.key" in data' },
    ]],
    ['fails once for data and stringData together', secret({ data: { a: 'YQ==' }, stringData: { b: 'b', c: '' } }), [
      { path: '/data', detail: 'Secret "db" holds "a" in data and "b" in stringData' },
    ]],
    ['is not applicable to a ConfigMap', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { password: 'x' } }, []],
    ['is not applicable to a Secret kind of another API group', { apiVersion: 'example.com/v1', kind: 'Secret', metadata: { name: 'c' }, data: { a: 'x' } }, []],
  ])('%s', (_name, manifest, expected) => {
    expect(briefs('secretInManifest', [manifest])).toEqual(expected);
  });

  test('points at both fields, never shows a value, and names an external secret store', () => {
    const [finding] = evaluateRule('secretInManifest', [secret({ data: { a: 'c2VjcmV0' }, stringData: { b: 'hunter2' } })]);
    expect(finding.paths).toEqual(['/data', '/stringData']);
    expect(JSON.stringify(finding)).not.toMatch(/hunter2|c2VjcmV0/);
    expect(finding).toMatchObject({
      severity: 'warning',
      message: 'secret data in manifest',
      fix: 'keep the credential out of git: deliver the Secret from an external secret store (External Secrets Operator, Sealed Secrets or the Secrets Store CSI driver) and remove data and stringData',
    });
  });

  test('exempts allowedNames and allowedTypes', () => {
    const pull = secret({ type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': 'e30=' } }, 'pull');
    expect(briefs('secretInManifest', [pull], { allowedNames: ['pull'] })).toEqual([]);
    expect(briefs('secretInManifest', [pull], { allowedTypes: ['kubernetes.io/dockerconfigjson'] })).toEqual([]);
    expect(briefs('secretInManifest', [pull], { allowedTypes: ['Opaque'] })).toHaveLength(1);
  });

  test('points into the List item that holds the Secret', () => {
    const list = { apiVersion: 'v1', kind: 'List', items: [secret({ stringData: { a: 'b' } })] };
    expect(briefs('secretInManifest', [list])).toEqual([{ path: '/items/0/stringData', detail: 'Secret "db" holds "a" in stringData' }]);
  });
});
