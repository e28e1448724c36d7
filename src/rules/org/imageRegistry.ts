/**
 * # imageRegistry
 *
 * Images must come from the registries (or registry paths) the organization allows.
 *
 * Reads, for init, regular and ephemeral containers:
 * - `image`
 *
 * The image reference is normalized before matching, the way container runtimes resolve it:
 * an image without a registry host comes from `docker.io`, and a one-part Docker Hub name gets
 * the `library/` prefix (`nginx:1.25` is `docker.io/library/nginx`); registry hosts with a port
 * (`localhost:5000/app`) keep it; tags and digests are ignored for matching. `index.docker.io`
 * is read as `docker.io`.
 *
 * Parameters:
 * - `allowed` (required): list of prefixes. A prefix ending with `/` matches every image whose
 *   normalized name starts with it (`ghcr.io/acme/`); a prefix without a trailing `/` matches that
 *   exact name or anything under it on a `/` boundary (`ghcr.io/acme` matches `ghcr.io/acme/api`
 *   but not `ghcr.io/acme-evil/api`). Registry hosts are compared case-insensitively.
 *
 * Allowed values: an image whose normalized name matches one of the prefixes. A container
 * without an image, or with an image reference that cannot be parsed, is reported once, by
 * `invalidImageReference`, which runs with this rule.
 *
 * @see https://github.com/cdk8s-guard/cdk8s-guard/blob/main/RULES.md#imageregistry
 * @internal
 */
import { checkImages, INVALID_IMAGE_REFERENCE, NSA, ruleDocUrl, stringListParam, unknownParam } from './_common';
import { matchesPrefix, normalizeRegistryPrefix } from './_image';
import { own } from '../../engine/_util';
import { defineRule } from '../../engine/rule';
import { Severity } from '../../engine/types';

const EXAMPLE = '["registry.example.com/", "ghcr.io/acme/"]';

interface Prepared {
  readonly prefixes: readonly string[];
  readonly shown: string;
}

/** Normalized prefixes, computed once per parameters object (the evaluator reuses it for every pod). */
const preparedByParams = new WeakMap<object, Prepared>();

function prepare(params: { [key: string]: any }): Prepared {
  let prepared = preparedByParams.get(params);
  if (!prepared) {
    const allowed = params.allowed as string[];
    prepared = { prefixes: allowed.map(normalizeRegistryPrefix), shown: allowed.map(a => `"${a}"`).join(', ') };
    preparedByParams.set(params, prepared);
  }
  return prepared;
}

export const imageRegistry = defineRule({
  id: 'imageRegistry',
  scope: 'pod',
  defaultSeverity: Severity.ERROR,
  description: 'Container images must come from an allowed registry or registry path.',
  message: 'image registry not allowed',
  fix: 'pull the image from an allowed registry, or add its registry to the imageRegistry allowed list',
  helpUri: ruleDocUrl('imageRegistry'),
  cis: ['5.5.1'],
  nsa: [NSA.images],
  params: [{
    name: 'allowed',
    type: 'string[]',
    description: 'Registry prefixes images may come from, e.g. `registry.example.com/` or `ghcr.io/acme/`. Matched against the normalized name (`nginx` is `docker.io/library/nginx`).',
    default: '- none: the parameter is required',
  }],
  requires: [INVALID_IMAGE_REFERENCE],
  validateParams: params => {
    const unknown = unknownParam(params, ['allowed']);
    if (unknown) return unknown;
    if (own(params, 'allowed') === undefined) {
      return `allowed is missing, list the registries images may come from, e.g. { allowed: ${EXAMPLE} }`;
    }
    return stringListParam(params.allowed, 'allowed', EXAMPLE, false);
  },
  entries: [{
    minVersion: 0,
    check: (pod, ctx) => {
      const { prefixes, shown } = prepare(ctx.params);
      return checkImages(pod, (c, ref) => (prefixes.some(prefix => matchesPrefix(ref.fullName, prefix)) ? undefined : {
        container: c.name,
        path: pod.containerPath(c, 'image'),
        detail: `container "${c.name}" uses image "${ref.raw}" (${ref.fullName}), which is not under an allowed registry: ${shown}`,
      }));
    },
  }],
});
