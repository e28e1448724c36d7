import { badImageFindings, Brief, briefs, C, deployment, E, I, Tweak, tweaked } from './helpers';
import { PolicyEvaluator } from '../../../src/evaluator';

const D = 'sha256:' + '0123456789abcdef'.repeat(4);

const base = () => ({
  initContainers: [{ name: 'init', image: `registry.example.com/migrate@${D}` }],
  containers: [
    { name: 'app', image: `registry.example.com/app:1.0@${D}` },
    { name: 'sidecar', image: `proxy@${D}` },
  ],
  ephemeralContainers: [{ name: 'debug', image: `busybox:1.36@${D}` }],
});

describe('imageDigest', () => {
  test('leaves a missing image and a malformed reference to invalidImageReference, one finding each', () => {
    // GIVEN a container without an image and one whose digest is cut short
    // WHEN only imageDigest is selected
    const findings = badImageFindings('imageDigest', base);
    // THEN imageDigest says nothing about them, and invalidImageReference reports each once
    expect(findings).toEqual([
      ['invalidImageReference', 'app', 'container "app" sets no image'],
      ['invalidImageReference', 'sidecar', 'container "sidecar" has an invalid image reference "proxy@sha256:abc": digest "sha256:abc" is not "<algorithm>:<hex>"'],
    ]);
  });

  test.each<[string, Tweak, Brief[]]>([
    ['passes when every image is pinned by a sha256 digest, with or without a tag', () => {}, []],
    ['fails when a regular container uses a tag only', s => { s.containers[0].image = 'registry.example.com/app:1.0'; }, [
      { path: `${C}/0/image`, container: 'app', detail: 'container "app" uses image "registry.example.com/app:1.0", which is not pinned by digest' },
    ]],
    ['fails when an init container is untagged', s => { s.initContainers[0].image = 'migrate'; }, [
      { path: `${I}/0/image`, container: 'init', detail: 'container "init" uses image "migrate", which is not pinned by digest' },
    ]],
    ['fails when an ephemeral container uses a tag only', s => { s.ephemeralContainers[0].image = 'busybox:1.36'; }, [
      { path: `${E}/0/image`, container: 'debug', detail: 'container "debug" uses image "busybox:1.36", which is not pinned by digest' },
    ]],
    ['fails when the digest is not sha256', s => { s.containers[1].image = 'proxy@sha512:' + 'ab'.repeat(64); }, [
      { path: `${C}/1/image`, container: 'sidecar', detail: `container "sidecar" uses image "proxy@sha512:${'ab'.repeat(64)}", whose digest is not sha256 with 64 lowercase hex digits` },
    ]],
    ['fails when the sha256 digest is uppercase', s => { s.containers[1].image = 'proxy@sha256:' + 'AB'.repeat(32); }, [
      { path: `${C}/1/image`, container: 'sidecar', detail: `container "sidecar" uses image "proxy@sha256:${'AB'.repeat(32)}", whose digest is not sha256 with 64 lowercase hex digits` },
    ]],
    ['fails when the sha256 digest is too short', s => { s.containers[1].image = 'proxy@sha256:' + 'a'.repeat(40); }, [
      { path: `${C}/1/image`, container: 'sidecar', detail: `container "sidecar" uses image "proxy@sha256:${'a'.repeat(40)}", whose digest is not sha256 with 64 lowercase hex digits` },
    ]],
    ['fails for each unpinned container', s => { s.containers[0].image = 'app:1'; s.containers[1].image = 'proxy:2'; }, [
      { path: `${C}/0/image`, container: 'app', detail: 'container "app" uses image "app:1", which is not pinned by digest' },
      { path: `${C}/1/image`, container: 'sidecar', detail: 'container "sidecar" uses image "proxy:2", which is not pinned by digest' },
    ]],
  ])('%s', (_name, tweak, expected) => {
    expect(briefs('imageDigest', [deployment(tweaked(base, tweak))])).toEqual(expected);
  });

  test('is not applicable to kinds that run no pods', () => {
    expect(briefs('imageDigest', [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: {} }])).toEqual([]);
  });

  test('fails when given a parameter', () => {
    expect(() => new PolicyEvaluator({ rules: [{ ruleId: 'imageDigest', params: { algorithm: 'sha512' } }] }))
      .toThrow(new Error('invalid parameters for rule "imageDigest": unknown parameter "algorithm", this rule takes no parameters'));
  });
});
