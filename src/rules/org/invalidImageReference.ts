/**
 * # invalidImageReference
 *
 * Every container must name an image that container runtimes can resolve. A malformed
 * reference (a truncated digest, an uppercase repository, a bad tag) makes the kubelet fail the
 * pull with `InvalidImageName`, and says nothing about the tag, the digest or the registry, so
 * it is one finding here instead of one from each image rule.
 *
 * Reads, for init, regular and ephemeral containers:
 * - `image`
 *
 * Allowed values: a reference of the form `[registry/]repository[:tag][@algorithm:hex]` (see
 * `_image.ts` for the grammar). A missing or empty image is a violation.
 *
 * It runs whenever an image rule runs (imageDigest, imagePullPolicy, imageRegistry, imageTag):
 * they leave such containers to it.
 *
 * @see https://github.com/cdk8s-guard/cdk8s-guard/blob/main/RULES.md#invalidimagereference
 * @internal
 */
import { containerImage, NSA, ruleDocUrl, unknownParam } from './_common';
import { defineRule } from '../../engine/rule';
import { RuleViolation, Severity } from '../../engine/types';

export const invalidImageReference = defineRule({
  id: 'invalidImageReference',
  scope: 'pod',
  defaultSeverity: Severity.ERROR,
  description: 'Container images must be valid image references.',
  message: 'invalid image reference',
  fix: 'write the image as [registry/]repository[:tag][@sha256:digest]',
  helpUri: ruleDocUrl('invalidImageReference'),
  nsa: [NSA.images],
  validateParams: params => unknownParam(params, []),
  entries: [{
    minVersion: 0,
    check: pod => {
      const out: RuleViolation[] = [];
      for (const c of pod.containers) {
        const image = containerImage(pod, c);
        if (image.violation) out.push(image.violation);
      }
      return out;
    },
  }],
});
