/**
 * # imagePullPolicy
 *
 * Images that are not pinned by digest must be pulled every time a container starts
 * (`imagePullPolicy: Always`), so that a node never runs a stale or locally planted image under
 * a mutable tag, and the registry checks the pod's pull credentials each time.
 *
 * Reads, for init, regular and ephemeral containers:
 * - `image`
 * - `imagePullPolicy`
 *
 * The effective policy is checked: when `imagePullPolicy` is unset, Kubernetes defaults it to
 * `Always` for a `:latest` image or one with neither tag nor digest, and to `IfNotPresent`
 * otherwise, so an unset policy passes only for the former.
 *
 * Allowed values: any policy for an image pinned by a sha256 digest (the digest guarantees the
 * content); otherwise an effective policy of `Always`. A missing image or an unparseable reference
 * is reported once, by `invalidImageReference`, which runs with this rule.
 *
 * @see https://github.com/cdk8s-guard/cdk8s-guard/blob/main/RULES.md#imagepullpolicy
 * @internal
 */
import { checkImages, INVALID_IMAGE_REFERENCE, NSA, ruleDocUrl, unknownParam } from './_common';
import { isSha256Pinned } from './_image';
import { own } from '../../engine/_util';
import { defineRule } from '../../engine/rule';
import { Severity } from '../../engine/types';

export const imagePullPolicy = defineRule({
  id: 'imagePullPolicy',
  scope: 'pod',
  defaultSeverity: Severity.WARNING,
  description: 'Containers must pull their image every time (imagePullPolicy Always) unless the image is pinned by digest.',
  message: 'imagePullPolicy != Always',
  fix: 'set imagePullPolicy: Always, or pin the image by digest',
  helpUri: ruleDocUrl('imagePullPolicy'),
  nsa: [NSA.images],
  requires: [INVALID_IMAGE_REFERENCE],
  validateParams: params => unknownParam(params, []),
  entries: [{
    minVersion: 0,
    check: pod => {
      return checkImages(pod, (c, ref) => {
        if (isSha256Pinned(ref)) return undefined;
        const policy = own(c.spec, 'imagePullPolicy');
        const path = pod.containerPath(c, 'imagePullPolicy');
        if (typeof policy === 'string') {
          return policy === 'Always' ? undefined : {
            container: c.name,
            path,
            detail: `container "${c.name}" sets imagePullPolicy "${policy}" for image "${ref.raw}", which is not pinned by digest`,
          };
        }
        const defaultsToAlways = ref.tag === 'latest' || (ref.tag === undefined && ref.digest === undefined);
        return defaultsToAlways ? undefined : {
          container: c.name,
          path,
          detail: `container "${c.name}" leaves imagePullPolicy unset, which defaults to "IfNotPresent" for image "${ref.raw}"`,
        };
      });
    },
  }],
});
