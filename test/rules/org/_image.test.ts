import { isSha256Pinned, matchesPrefix, normalizeRegistryPrefix, parseImage } from '../../../src/rules/org/_image';

const DIGEST = 'sha256:' + 'a'.repeat(64);

describe('parseImage', () => {
  test.each([
    ['nginx', 'docker.io', 'library/nginx', undefined, undefined],
    ['nginx:1.25', 'docker.io', 'library/nginx', '1.25', undefined],
    ['bitnami/redis:7.2', 'docker.io', 'bitnami/redis', '7.2', undefined],
    ['docker.io/nginx', 'docker.io', 'library/nginx', undefined, undefined],
    ['index.docker.io/library/nginx:1', 'docker.io', 'library/nginx', '1', undefined],
    ['ghcr.io/acme/api:v2', 'ghcr.io', 'acme/api', 'v2', undefined],
    ['Registry.Example.com/team/app', 'registry.example.com', 'team/app', undefined, undefined],
    ['localhost/app', 'localhost', 'app', undefined, undefined],
    ['localhost:5000/team/app:dev', 'localhost:5000', 'team/app', 'dev', undefined],
    ['registry.example.com:8443/app', 'registry.example.com:8443', 'app', undefined, undefined],
    ['[::1]:5000/app:1', '[::1]:5000', 'app', '1', undefined],
    [`ghcr.io/acme/api@${DIGEST}`, 'ghcr.io', 'acme/api', undefined, DIGEST],
    [`ghcr.io/acme/api:1.4@${DIGEST}`, 'ghcr.io', 'acme/api', '1.4', DIGEST],
    ['a/b/c/d:x_y-z.1', 'docker.io', 'a/b/c/d', 'x_y-z.1', undefined],
    ['my__repo/app-name.v2', 'docker.io', 'my__repo/app-name.v2', undefined, undefined],
  ])('parses %s', (raw, registry, repository, tag, digest) => {
    // WHEN
    const parsed = parseImage(raw);
    // THEN
    expect(parsed).toEqual({
      ok: true,
      ref: {
        raw,
        registry,
        repository,
        fullName: `${registry}/${repository}`,
        ...(tag !== undefined ? { tag } : {}),
        ...(digest !== undefined ? { digest } : {}),
      },
    });
  });

  test.each([
    ['fails when the reference is empty', '', 'it is empty'],
    ['fails when the reference has spaces around it', ' nginx', 'it has leading or trailing spaces'],
    ['fails when the repository has uppercase letters', 'acme/App', 'repository component "App" must be lowercase letters and digits, separated by ".", "_", "__" or "-"'],
    ['fails when the tag is invalid', 'nginx:-1', 'tag "-1" is not valid'],
    ['fails when the digest is not algorithm:hex', 'nginx@sha256:xyz', 'digest "sha256:xyz" is not "<algorithm>:<hex>"'],
    ['fails when there is no repository', ':1.0', 'it has no repository name'],
    ['fails when the path has an empty component', 'ghcr.io//app', 'the repository path has an empty component'],
    ['fails when the port is not a number', 'registry.example.com:http/app', 'registry port "http" is not a number'],
    ['fails when the host is invalid', 'bad_host.example.com/app', 'registry host "bad_host.example.com" is not a valid host name'],
    ['fails when the name is too long', 'a'.repeat(256), 'the name is longer than 255 characters'],
  ])('%s', (_name, raw, reason) => {
    expect(parseImage(raw)).toEqual({ ok: false, reason });
  });

  test('returns the same result object for a repeated reference', () => {
    expect(parseImage('redis:7')).toBe(parseImage('redis:7'));
  });
});

describe('isSha256Pinned', () => {
  test.each([
    [`app@${DIGEST}`, true],
    [`app:1@${DIGEST}`, true],
    ['app@sha256:' + 'A'.repeat(64), false],
    ['app@sha512:' + 'a'.repeat(128), false],
    ['app:1', false],
  ])('%s → %s', (raw, expected) => {
    const parsed = parseImage(raw);
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(isSha256Pinned(parsed.ref)).toBe(expected);
  });
});

describe('registry prefixes', () => {
  test.each([
    ['docker.io/library/nginx', 'docker.io/', true],
    ['ghcr.io/acme/api', 'ghcr.io/acme/', true],
    ['ghcr.io/acme/api', 'ghcr.io/acme', true],
    ['ghcr.io/acme', 'ghcr.io/acme', true],
    ['ghcr.io/acme-evil/api', 'ghcr.io/acme', false],
    ['ghcr.io/acme-evil/api', 'ghcr.io/acme/', false],
    ['registry.example.com.evil.io/app', 'registry.example.com', false],
    ['registry.example.com:5000/app', 'registry.example.com/', false],
  ])('%s under %s → %s', (name, prefix, expected) => {
    expect(matchesPrefix(name, normalizeRegistryPrefix(prefix))).toBe(expected);
  });

  test('normalizes the host of a prefix and the legacy Docker Hub host', () => {
    expect(normalizeRegistryPrefix('Registry.Example.COM/Team/')).toBe('registry.example.com/Team/');
    expect(normalizeRegistryPrefix('index.docker.io/library/')).toBe('docker.io/library/');
    expect(normalizeRegistryPrefix('GHCR.io')).toBe('ghcr.io');
  });
});
