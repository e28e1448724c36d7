import { badImageFindings, Brief, briefs, C, deployment, E, I, Tweak, tweaked } from './helpers';
import { PolicyEvaluator } from '../../../src/evaluator';

const D = 'sha256:' + '1'.repeat(64);

const base = () => ({
  initContainers: [{ name: 'init', image: 'migrate:1', imagePullPolicy: 'Always' }],
  containers: [
    { name: 'app', image: 'app:1.0', imagePullPolicy: 'Always' },
    { name: 'pinned', image: `proxy:2@${D}`, imagePullPolicy: 'IfNotPresent' },
  ],
  ephemeralContainers: [{ name: 'debug', image: 'busybox:1.36', imagePullPolicy: 'Always' }],
});

describe('imagePullPolicy', () => {
  test('leaves a missing image and a malformed reference to invalidImageReference, one finding each', () => {
    // GIVEN a container without an image and one whose digest is cut short
    // WHEN only imagePullPolicy is selected
    const findings = badImageFindings('imagePullPolicy', base);
    // THEN imagePullPolicy says nothing about them, and invalidImageReference reports each once
    expect(findings).toEqual([
      ['invalidImageReference', 'app', 'container "app" sets no image'],
      ['invalidImageReference', 'pinned', 'container "pinned" has an invalid image reference "proxy@sha256:abc": digest "sha256:abc" is not "<algorithm>:<hex>"'],
    ]);
  });

  test.each<[string, Tweak, Brief[]]>([
    ['passes when unpinned images are pulled Always and pinned ones use any policy', () => {}, []],
    ['passes when a pinned image sets Never', s => { s.containers[1].imagePullPolicy = 'Never'; }, []],
    ['passes when the policy is unset for a latest image (defaults to Always)', s => { s.containers[0] = { name: 'app', image: 'app:latest' }; }, []],
    ['passes when the policy is unset for an untagged image (defaults to Always)', s => { s.containers[0] = { name: 'app', image: 'app' }; }, []],
    ['fails when a regular container sets IfNotPresent', s => { s.containers[0].imagePullPolicy = 'IfNotPresent'; }, [
      { path: `${C}/0/imagePullPolicy`, container: 'app', detail: 'container "app" sets imagePullPolicy "IfNotPresent" for image "app:1.0", which is not pinned by digest' },
    ]],
    ['fails when an init container sets Never', s => { s.initContainers[0].imagePullPolicy = 'Never'; }, [
      { path: `${I}/0/imagePullPolicy`, container: 'init', detail: 'container "init" sets imagePullPolicy "Never" for image "migrate:1", which is not pinned by digest' },
    ]],
    ['fails when an ephemeral container leaves the policy unset for a version tag', s => { delete s.ephemeralContainers[0].imagePullPolicy; }, [
      { path: `${E}/0/imagePullPolicy`, container: 'debug', detail: 'container "debug" leaves imagePullPolicy unset, which defaults to "IfNotPresent" for image "busybox:1.36"' },
    ]],
    ['fails when the policy is unset for an image with a non-sha256 digest', s => { s.containers[0] = { name: 'app', image: 'app@sha512:' + 'a'.repeat(128) }; }, [
      { path: `${C}/0/imagePullPolicy`, container: 'app', detail: `container "app" leaves imagePullPolicy unset, which defaults to "IfNotPresent" for image "app@sha512:${'a'.repeat(128)}"` },
    ]],
    ['fails for each container separately', s => { s.initContainers[0].imagePullPolicy = 'IfNotPresent'; s.containers[0].imagePullPolicy = 'IfNotPresent'; }, [
      { path: `${I}/0/imagePullPolicy`, container: 'init', detail: 'container "init" sets imagePullPolicy "IfNotPresent" for image "migrate:1", which is not pinned by digest' },
      { path: `${C}/0/imagePullPolicy`, container: 'app', detail: 'container "app" sets imagePullPolicy "IfNotPresent" for image "app:1.0", which is not pinned by digest' },
    ]],
  ])('%s', (_name, tweak, expected) => {
    expect(briefs('imagePullPolicy', [deployment(tweaked(base, tweak))])).toEqual(expected);
  });

  test('is not applicable to kinds that run no pods', () => {
    expect(briefs('imagePullPolicy', [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }])).toEqual([]);
  });

  test('fails when given a parameter', () => {
    expect(() => new PolicyEvaluator({ rules: [{ ruleId: 'imagePullPolicy', params: { policy: 'Always' } }] }))
      .toThrow(new Error('invalid parameters for rule "imagePullPolicy": unknown parameter "policy", this rule takes no parameters'));
  });
});
