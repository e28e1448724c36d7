import { ImageReference, parseImage } from './_image';
import { joinPointer } from '../../engine/_pointer';
import { describeValue, own } from '../../engine/_util';
import { podKindOf } from '../../engine/manifest';
import { PodView } from '../../engine/pod';
import { ContainerInfo, RuleViolation } from '../../engine/types';

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

/**
 * Runs an image check on every container: a container whose image is missing or unparseable
 * gets that violation, every other one is handed to `check` with its parsed reference.
 * @internal
 */
export function checkImages(pod: PodView, check: (c: ContainerInfo, ref: ImageReference) => RuleViolation | undefined): RuleViolation[] {
  const out: RuleViolation[] = [];
  for (let i = 0; i < pod.containers.length; i++) {
    const c = pod.containers[i];
    const image = containerImage(pod, c);
    const violation = image.violation ?? check(c, image.ref!);
    if (violation) out.push(violation);
  }
  return out;
}

/**
 * The pointer prefix of the object that holds a pod template (`''`, or `/items/N` inside a List),
 * derived from the template's own pointer. @internal
 */
export function objectBasePath(pod: PodView): string {
  const kind = podKindOf(pod.manifest);
  const suffix = joinPointer('', ...(kind?.templatePath ?? []), 'spec');
  return pod.specPath.endsWith(suffix) ? pod.specPath.slice(0, pod.specPath.length - suffix.length) : '';
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
