import { badImageFindings, Brief, briefs, C, deployment, E, I, Tweak, tweaked } from './helpers';
import { PssLevel } from '../../../src/engine/types';
import { PolicyEvaluator } from '../../../src/evaluator';

const ALLOWED = { allowed: ['registry.example.com/', 'ghcr.io/acme'] };

const base = () => ({
  initContainers: [{ name: 'init', image: 'registry.example.com/tools/migrate:1.0' }],
  containers: [
    { name: 'app', image: 'registry.example.com/app:1.0' },
    { name: 'sidecar', image: 'ghcr.io/acme/proxy:2.1' },
  ],
  ephemeralContainers: [{ name: 'debug', image: 'ghcr.io/acme/debug:1' }],
});

describe('imageRegistry', () => {
  test('leaves a missing image and a malformed reference to invalidImageReference, one finding each', () => {
    // GIVEN a container without an image and one whose digest is cut short
    // WHEN only imageRegistry is selected
    const findings = badImageFindings('imageRegistry', base, { allowed: ['registry.example.com/', 'ghcr.io/acme/'] });
    // THEN imageRegistry says nothing about them, and invalidImageReference reports each once
    expect(findings).toEqual([
      ['invalidImageReference', 'app', 'container "app" sets no image'],
      ['invalidImageReference', 'sidecar', 'container "sidecar" has an invalid image reference "proxy@sha256:abc": digest "sha256:abc" is not "<algorithm>:<hex>"'],
    ]);
  });

  test.each<[string, Tweak, Brief[]]>([
    ['passes when every image comes from an allowed prefix', () => {}, []],
    ['passes for an image exactly at a prefix without a trailing slash', s => { s.containers[1].image = 'ghcr.io/acme:1'; }, []],
    ['passes when the registry host differs only in case', s => { s.containers[0].image = 'REGISTRY.example.com/app:1'; }, []],
    ['fails when a regular container uses Docker Hub implicitly', s => { s.containers[0].image = 'nginx:1.25'; }, [
      { path: `${C}/0/image`, container: 'app', detail: 'container "app" uses image "nginx:1.25" (docker.io/library/nginx), which is not under an allowed registry: "registry.example.com/", "ghcr.io/acme"' },
    ]],
    ['fails when an init container uses another registry', s => { s.initContainers[0].image = 'quay.io/tools/migrate:1'; }, [
      { path: `${I}/0/image`, container: 'init', detail: 'container "init" uses image "quay.io/tools/migrate:1" (quay.io/tools/migrate), which is not under an allowed registry: "registry.example.com/", "ghcr.io/acme"' },
    ]],
    ['fails when an ephemeral container uses a look-alike path', s => { s.ephemeralContainers[0].image = 'ghcr.io/acme-evil/debug:1'; }, [
      { path: `${E}/0/image`, container: 'debug', detail: 'container "debug" uses image "ghcr.io/acme-evil/debug:1" (ghcr.io/acme-evil/debug), which is not under an allowed registry: "registry.example.com/", "ghcr.io/acme"' },
    ]],
    ['fails when the allowed host is used with a port', s => { s.containers[0].image = 'registry.example.com:5000/app:1'; }, [
      { path: `${C}/0/image`, container: 'app', detail: 'container "app" uses image "registry.example.com:5000/app:1" (registry.example.com:5000/app), which is not under an allowed registry: "registry.example.com/", "ghcr.io/acme"' },
    ]],
    ['fails for each container separately', s => { s.containers[0].image = 'nginx'; s.containers[1].image = 'docker.io/envoyproxy/envoy:v1'; }, [
      { path: `${C}/0/image`, container: 'app', detail: 'container "app" uses image "nginx" (docker.io/library/nginx), which is not under an allowed registry: "registry.example.com/", "ghcr.io/acme"' },
      { path: `${C}/1/image`, container: 'sidecar', detail: 'container "sidecar" uses image "docker.io/envoyproxy/envoy:v1" (docker.io/envoyproxy/envoy), which is not under an allowed registry: "registry.example.com/", "ghcr.io/acme"' },
    ]],
  ])('%s', (_name, tweak, expected) => {
    // GIVEN
    const manifest = deployment(tweaked(base, tweak));
    // WHEN
    const found = briefs('imageRegistry', [manifest], ALLOWED);
    // THEN
    expect(found).toEqual(expected);
  });

  test('matches Docker Hub official images with docker.io/library/', () => {
    const manifest = deployment({ containers: [{ name: 'app', image: 'nginx:1' }, { name: 'b', image: 'bitnami/redis:7' }] });
    expect(briefs('imageRegistry', [manifest], { allowed: ['docker.io/library/'] })).toEqual([
      { path: `${C}/1/image`, container: 'b', detail: 'container "b" uses image "bitnami/redis:7" (docker.io/bitnami/redis), which is not under an allowed registry: "docker.io/library/"' },
    ]);
  });

  test('is not applicable to kinds that run no pods', () => {
    const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { image: 'nginx' } };
    expect(briefs('imageRegistry', [configMap], ALLOWED)).toEqual([]);
  });

  test('reports the rule id, default severity, message and fix', () => {
    const [finding] = new PolicyEvaluator({ level: PssLevel.PRIVILEGED, rules: [{ ruleId: 'imageRegistry', params: ALLOWED }] })
      .evaluate(deployment({ containers: [{ name: 'app', image: 'nginx' }] }));
    expect(finding).toMatchObject({
      ruleId: 'imageRegistry',
      severity: 'error',
      message: 'image registry not allowed',
      fix: 'pull the image from an allowed registry, or add its registry to the imageRegistry allowed list',
      helpUri: 'https://github.com/cdk8s-guard/cdk8s-guard/blob/main/RULES.md#imageregistry',
      resource: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
    });
  });

  test.each<[string, any, string]>([
    ['fails when allowed is missing', {}, 'allowed is missing, list the registries images may come from, e.g. { allowed: ["registry.example.com/", "ghcr.io/acme/"] }'],
    ['fails when allowed is empty', { allowed: [] }, 'allowed must be a non-empty list of strings such as ["registry.example.com/", "ghcr.io/acme/"], found an empty list'],
    ['fails when allowed is a string', { allowed: 'ghcr.io/' }, 'allowed must be a non-empty list of strings such as ["registry.example.com/", "ghcr.io/acme/"], found string "ghcr.io/"'],
    ['fails when an entry is blank', { allowed: ['ghcr.io/', ' '] }, 'allowed[1] must be a non-empty string such as "registry.example.com/", found string " "'],
    ['fails when a parameter is unknown', { allowed: ['ghcr.io/'], registries: [] }, 'unknown parameter "registries", expecting "allowed"'],
  ])('%s', (_name, params, message) => {
    expect(() => new PolicyEvaluator({ rules: [{ ruleId: 'imageRegistry', params }] }))
      .toThrow(new Error(`invalid parameters for rule "imageRegistry": ${message}`));
  });
});
