import { badImageFindings, Brief, briefs, C, deployment, E, I, Tweak, tweaked } from './helpers';
import { PolicyEvaluator } from '../../../src/evaluator';

const D = 'sha256:' + 'f'.repeat(64);

const base = () => ({
  initContainers: [{ name: 'init', image: 'migrate:2024.01' }],
  containers: [
    { name: 'app', image: 'registry.example.com/app:1.0.3' },
    { name: 'sidecar', image: `proxy@${D}` },
  ],
  ephemeralContainers: [{ name: 'debug', image: 'busybox:1.36' }],
});

describe('imageTag', () => {
  test('leaves a missing image and a malformed reference to invalidImageReference, one finding each', () => {
    // GIVEN a container without an image and one whose digest is cut short
    // WHEN only imageTag is selected
    const findings = badImageFindings('imageTag', base);
    // THEN imageTag says nothing about them, and invalidImageReference reports each once
    expect(findings).toEqual([
      ['invalidImageReference', 'app', 'container "app" sets no image'],
      ['invalidImageReference', 'sidecar', 'container "sidecar" has an invalid image reference "proxy@sha256:abc": digest "sha256:abc" is not "<algorithm>:<hex>"'],
    ]);
  });

  test.each<[string, Tweak, Brief[]]>([
    ['passes for version tags and digest-only images', () => {}, []],
    ['passes for latest pinned by a digest', s => { s.containers[0].image = `app:latest@${D}`; }, []],
    ['passes for a tag that only differs in case from latest', s => { s.containers[0].image = 'app:Latest'; }, []],
    ['fails when a regular container uses latest', s => { s.containers[0].image = 'registry.example.com/app:latest'; }, [
      { path: `${C}/0/image`, container: 'app', detail: 'container "app" uses image "registry.example.com/app:latest" with tag "latest", which names no fixed version' },
    ]],
    ['fails when an init container is untagged', s => { s.initContainers[0].image = 'migrate'; }, [
      { path: `${I}/0/image`, container: 'init', detail: 'container "init" uses image "migrate" without a tag, which pulls "latest"' },
    ]],
    ['fails when an untagged image has a registry port', s => { s.containers[0].image = 'localhost:5000/app'; }, [
      { path: `${C}/0/image`, container: 'app', detail: 'container "app" uses image "localhost:5000/app" without a tag, which pulls "latest"' },
    ]],
    ['fails when an ephemeral container uses latest', s => { s.ephemeralContainers[0].image = 'busybox:latest'; }, [
      { path: `${E}/0/image`, container: 'debug', detail: 'container "debug" uses image "busybox:latest" with tag "latest", which names no fixed version' },
    ]],
    ['fails for each container separately', s => { s.initContainers[0].image = 'migrate:latest'; s.containers[0].image = 'app'; }, [
      { path: `${I}/0/image`, container: 'init', detail: 'container "init" uses image "migrate:latest" with tag "latest", which names no fixed version' },
      { path: `${C}/0/image`, container: 'app', detail: 'container "app" uses image "app" without a tag, which pulls "latest"' },
    ]],
  ])('%s', (_name, tweak, expected) => {
    expect(briefs('imageTag', [deployment(tweaked(base, tweak))])).toEqual(expected);
  });

  test('refuses the tags listed in forbiddenTags instead of latest', () => {
    const spec = { containers: [{ name: 'a', image: 'app:stable' }, { name: 'b', image: 'app:latest' }, { name: 'c', image: 'app' }] };
    expect(briefs('imageTag', [deployment(spec)], { forbiddenTags: ['stable'] })).toEqual([
      { path: `${C}/0/image`, container: 'a', detail: 'container "a" uses image "app:stable" with tag "stable", which names no fixed version' },
      { path: `${C}/2/image`, container: 'c', detail: 'container "c" uses image "app" without a tag, which pulls "latest"' },
    ]);
  });

  test('is not applicable to kinds that run no pods', () => {
    expect(briefs('imageTag', [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } }])).toEqual([]);
  });

  test.each<[string, any, string]>([
    ['fails when forbiddenTags is not a list', { forbiddenTags: 'latest' }, 'forbiddenTags must be a list of strings such as ["latest", "stable"], found string "latest"'],
    ['fails when a forbidden tag is not a string', { forbiddenTags: [1] }, 'forbiddenTags[0] must be a non-empty string such as "latest", found number 1'],
    ['fails when a parameter is unknown', { tags: [] }, 'unknown parameter "tags", expecting "forbiddenTags"'],
  ])('%s', (_name, params, message) => {
    expect(() => new PolicyEvaluator({ rules: [{ ruleId: 'imageTag', params }] }))
      .toThrow(new Error(`invalid parameters for rule "imageTag": ${message}`));
  });
});
