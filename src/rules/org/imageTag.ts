/**
 * # imageTag
 *
 * Images must name a specific version: no `latest` tag, and no untagged reference (which means
 * `latest`).
 *
 * Reads, for init, regular and ephemeral containers:
 * - `image`
 *
 * Allowed values: an image pinned by digest (with or without a tag: the digest decides what is
 * pulled), or an image with a tag that is not in `forbiddenTags`. Tags are compared exactly, as
 * registries do (`Latest` is a different tag from `latest`). A missing image or an unparseable
 * reference is reported once, by `invalidImageReference`, which runs with this rule.
 *
 * Parameters:
 * - `forbiddenTags`: tags that do not name a version. Default `["latest"]`.
 *
 * @see https://github.com/cdk8s-guard/cdk8s-guard/blob/main/RULES.md#imagetag
 * @internal
 */
import { checkImages, INVALID_IMAGE_REFERENCE, NSA, ruleDocUrl, stringListParam, unknownParam } from './_common';
import { own } from '../../engine/_util';
import { defineRule } from '../../engine/rule';
import { Severity } from '../../engine/types';

const DEFAULT_FORBIDDEN = ['latest'];

export const imageTag = defineRule({
  id: 'imageTag',
  scope: 'pod',
  defaultSeverity: Severity.ERROR,
  description: 'Container images must have a version tag (not latest) or a digest.',
  message: 'image tag not pinned',
  fix: 'tag the image with a version, e.g. app:1.4.2, or pin it by digest',
  helpUri: ruleDocUrl('imageTag'),
  nsa: [NSA.images],
  params: [{
    name: 'forbiddenTags',
    type: 'string[]',
    description: 'Tags that do not name a version and are refused.',
    default: '["latest"]',
  }],
  requires: [INVALID_IMAGE_REFERENCE],
  validateParams: params => {
    const unknown = unknownParam(params, ['forbiddenTags']);
    if (unknown) return unknown;
    if (own(params, 'forbiddenTags') === undefined) return undefined;
    return stringListParam(params.forbiddenTags, 'forbiddenTags', '["latest", "stable"]', true);
  },
  entries: [{
    minVersion: 0,
    check: (pod, ctx) => {
      const forbidden: readonly string[] = ctx.params.forbiddenTags ?? DEFAULT_FORBIDDEN;
      return checkImages(pod, (c, ref) => {
        if (ref.digest !== undefined) return undefined;
        if (ref.tag === undefined) {
          return {
            container: c.name,
            path: pod.containerPath(c, 'image'),
            detail: `container "${c.name}" uses image "${ref.raw}" without a tag, which pulls "latest"`,
          };
        }
        return forbidden.includes(ref.tag) ? {
          container: c.name,
          path: pod.containerPath(c, 'image'),
          detail: `container "${c.name}" uses image "${ref.raw}" with tag "${ref.tag}", which names no fixed version`,
        } : undefined;
      });
    },
  }],
});
