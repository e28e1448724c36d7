import { ImageReference, parseImage } from './_image';
import { describeValue, own } from '../../engine/_util';
import { flattenManifests } from '../../engine/manifest';
import { PodView } from '../../engine/pod';
import { ContainerInfo, RuleContext, RuleViolation } from '../../engine/types';

/** Base URL of the generated rule catalog; each org rule links to its own section. @internal */
export const RULES_DOC_URL = 'https://github.com/cdk8s-guard/cdk8s-guard/blob/main/RULES.md';

/** The catalog link of an organization rule. @internal */
export function ruleDocUrl(id: string): string {
  return `${RULES_DOC_URL}#${id.toLowerCase()}`;
}

/** NSA/CISA Kubernetes Hardening Guide section names used by the rules. @internal */
export const NSA = {
  images: 'Pod security: building secure container images',
  immutable: 'Pod security: immutable container file systems',
  nonRoot: 'Pod security: non-root containers and "rootless" container engines',
  tokens: 'Pod security: protecting Pod service account tokens',
  namespaces: 'Network separation and hardening: namespaces',
  networkPolicies: 'Network separation and hardening: network policies',
  resources: 'Network separation and hardening: resource policies',
  secrets: 'Network separation and hardening: secrets',
  rbac: 'Authentication and authorization: role-based access control',
  podSecurity: 'Pod security',
} as const;

/** The image of a container, parsed; or a violation when it is missing or invalid. @internal */
export type ContainerImage =
  | { readonly ref: ImageReference; readonly violation?: undefined }
  | { readonly ref?: undefined; readonly violation: RuleViolation };

/**
 * Reads and parses a container's `image`. A missing or unparseable image is a violation of
 * every image rule: an image nobody can resolve is never read as compliant. @internal
 */
export function containerImage(pod: PodView, c: ContainerInfo): ContainerImage {
  const image = own(c.spec, 'image');
  const path = pod.containerPath(c, 'image');
  if (typeof image !== 'string' || image === '') {
    return {
      violation: {
        container: c.name,
        path,
        detail: `container "${c.name}" sets no image`,
        fix: `set image on container "${c.name}"`,
      },
    };
  }
  const parsed = parseImage(image);
  if (!parsed.ok) {
    return {
      violation: {
        container: c.name,
        path,
        detail: `container "${c.name}" has an invalid image reference "${image}": ${parsed.reason}`,
        fix: 'write the image as [registry/]repository[:tag][@sha256:digest]',
      },
    };
  }
  return { ref: parsed.ref };
}

/** The rule that reports missing and unparseable images, for every image rule. @internal */
export const INVALID_IMAGE_REFERENCE = 'invalidImageReference';

/**
 * Runs an image check on every container whose image parses, handing `check` the parsed
 * reference. A container whose image is missing or unparseable is left to
 * `invalidImageReference`, which runs with every image rule: one bad reference, one finding.
 * @internal
 */
export function checkImages(pod: PodView, check: (c: ContainerInfo, ref: ImageReference) => RuleViolation | undefined): RuleViolation[] {
  const out: RuleViolation[] = [];
  for (let i = 0; i < pod.containers.length; i++) {
    const c = pod.containers[i];
    const image = containerImage(pod, c);
    if (image.violation) continue;
    const violation = check(c, image.ref!);
    if (violation) out.push(violation);
  }
  return out;
}

/**
 * The pointer prefix of the object that holds a pod template (`''`, or `/items/N` inside a List).
 * @internal
 */
export function objectBasePath(pod: PodView): string {
  return pod.objectPath;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** The namespace resources without `metadata.namespace` are taken to be in, unless a rule's parameter says otherwise. @internal */
export const DEFAULT_NAMESPACE = 'default';

/** The `defaultNamespace` parameter of the rules that match objects by namespace. @internal */
export const DEFAULT_NAMESPACE_PARAM = {
  name: 'defaultNamespace',
  type: 'string',
  description: 'The namespace that resources without `metadata.namespace` are taken to be in.',
  default: '"default"',
} as const;

/** Validates the optional `defaultNamespace` parameter. @internal */
export function defaultNamespaceParam(params: { [key: string]: any }): string | undefined {
  const ns = own(params, 'defaultNamespace');
  if (ns === undefined || (typeof ns === 'string' && DNS_LABEL.test(ns) && ns.length <= 63)) return undefined;
  return `defaultNamespace must be a namespace name such as "default", found ${describeValue(ns)}`;
}

/** Validates that params has only the given keys. @internal */
export function unknownParam(params: { [key: string]: any }, known: readonly string[]): string | undefined {
  for (const key of Object.keys(params)) {
    if (!known.includes(key)) {
      return known.length === 0
        ? `unknown parameter "${key}", this rule takes no parameters`
        : `unknown parameter "${key}", expecting ${known.map(k => `"${k}"`).join(' or ')}`;
    }
  }
  return undefined;
}

/** Validates an optional boolean parameter. @internal */
export function booleanParam(params: { [key: string]: any }, key: string): string | undefined {
  const value = own(params, key);
  if (value === undefined || typeof value === 'boolean') return undefined;
  return `${key} must be true or false, found ${describeValue(value)}`;
}

/** Validates a list of non-empty strings. @internal */
export function stringListParam(value: unknown, key: string, example: string, allowEmpty: boolean): string | undefined {
  if (!Array.isArray(value) || (!allowEmpty && value.length === 0)) {
    const found = Array.isArray(value) ? 'an empty list' : describeValue(value);
    return `${key} must be a ${allowEmpty ? '' : 'non-empty '}list of strings such as ${example}, found ${found}`;
  }
  for (let i = 0; i < value.length; i++) {
    const item = value[i];
    if (typeof item !== 'string' || item.trim() === '') {
      return `${key}[${i}] must be a non-empty string such as ${example.replace(/^\[|\]$/g, '').split(', ')[0]}, found ${describeValue(item)}`;
    }
  }
  return undefined;
}

/** A shared empty result: rules return it when nothing applies, so nothing is allocated. @internal */
export const NONE: RuleViolation[] = Object.freeze([]) as unknown as RuleViolation[];

/**
 * True when a name matches one of the patterns: a pattern is a name, or a prefix followed by `*`
 * (`system:*`). @internal
 */
export function matchesName(patterns: readonly string[] | undefined, name: string): boolean {
  if (!patterns) return false;
  for (let i = 0; i < patterns.length; i++) {
    const p = patterns[i];
    if (p === name || (p.endsWith('*') && name.startsWith(p.slice(0, -1)))) return true;
  }
  return false;
}

/** Validates optional parameters that are lists of name patterns. @internal */
export function patternListParams(params: { [key: string]: any }, keys: readonly string[], example: string): string | undefined {
  for (const key of keys) {
    if (own(params, key) === undefined) continue;
    const problem = stringListParam(params[key], key, example, true);
    if (problem) return problem;
  }
  return undefined;
}

/** Validates parameters that are all optional lists of name patterns. @internal */
export function validatePatternParams(params: { [key: string]: any }, keys: readonly string[], example: string): string | undefined {
  return unknownParam(params, keys) ?? patternListParams(params, keys, example);
}

/**
 * The pointer prefix of the object a manifest-scoped rule is looking at: `''` for a top-level
 * manifest, `/items/N` for an item of a List. Only called when a violation is reported. @internal
 */
export function manifestBasePath(ctx: RuleContext): string {
  const top = ctx.allManifests[ctx.manifestIndex];
  if (top === ctx.manifest || top === undefined) return '';
  const entries = flattenManifests([top]);
  for (let i = 0; i < entries.length; i++) if (entries[i].object === ctx.manifest) return entries[i].basePath;
  return '';
}
