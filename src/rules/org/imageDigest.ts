/**
 * # imageDigest
 *
 * Images must be pinned by digest, so that what runs is exactly what was reviewed: a tag can be
 * moved to another image, a digest cannot.
 *
 * Reads, for init, regular and ephemeral containers:
 * - `image`
 *
 * Allowed values: an image reference that ends with `@sha256:` and 64 lowercase hexadecimal
 * digits, with or without a tag before it (`ghcr.io/acme/api:1.4@sha256:…`). Other digest
 * algorithms are violations. A missing image or an unparseable reference is reported once, by
 * `invalidImageReference`, which runs with this rule.
 *
 * @see https://github.com/cdk8s-guard/cdk8s-guard/blob/main/RULES.md#imagedigest
 * @internal
 */
import { checkImages, INVALID_IMAGE_REFERENCE, NSA, ruleDocUrl, unknownParam } from './_common';
import { isSha256Pinned } from './_image';
import { CEL_CONTAINER } from '../../engine/cel';
import { defineRule } from '../../engine/rule';
import { Severity } from '../../engine/types';

export const imageDigest = defineRule({
  id: 'imageDigest',
  scope: 'pod',
  defaultSeverity: Severity.WARNING,
  description: 'Container images must be pinned by a sha256 digest.',
  message: 'image not pinned by digest',
  fix: 'pin the image by digest, e.g. registry.example.com/app:1.4@sha256:<64 hex digits>',
  helpUri: ruleDocUrl('imageDigest'),
  cis: ['5.5.1'],
  nsa: [NSA.images],
  requires: [INVALID_IMAGE_REFERENCE],
  validateParams: params => unknownParam(params, []),
  entries: [{
    minVersion: 0,
    cel: { container: `has(${CEL_CONTAINER}.image) && ${CEL_CONTAINER}.image.matches("^[^@]+@sha256:[0-9a-f]{64}$")` },
    check: pod => {
      return checkImages(pod, (c, ref) => (isSha256Pinned(ref) ? undefined : {
        container: c.name,
        path: pod.containerPath(c, 'image'),
        detail: ref.digest === undefined
          ? `container "${c.name}" uses image "${ref.raw}", which is not pinned by digest`
          : `container "${c.name}" uses image "${ref.raw}", whose digest is not sha256 with 64 lowercase hex digits`,
      }));
    },
  }],
});
