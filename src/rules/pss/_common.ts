/**
 * Small helpers shared by the Pod Security Standards checks. @internal
 */
import { asObject, own } from '../../engine/_util';
import { PodView } from '../../engine/pod';
import { ContainerInfo, RuleViolation } from '../../engine/types';

/**
 * Values a check allows, by the minor version from which each list applies (each entry holds the
 * whole list). Rules build their versioned entries from such a table, and the golden constructs
 * read the same table, so both allow exactly the same values. @internal
 */
export type VersionedValues = ReadonlyArray<{ readonly minVersion: number; readonly values: readonly string[] }>;

/** The values a versioned table allows at a minor version. @internal */
export function valuesAt(table: VersionedValues, minor: number): readonly string[] {
  let values: readonly string[] = [];
  for (const entry of table) if (entry.minVersion <= minor) values = entry.values;
  return values;
}

/** Documentation of the baseline level. @internal */
export const BASELINE_URI = 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline';

/** Documentation of the restricted level. @internal */
export const RESTRICTED_URI = 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted';

/**
 * The result of a check that finds nothing: one shared, frozen empty list. Checks allocate their
 * list of violations only when they find one, since almost every check of almost every pod finds
 * none. @internal
 */
export const NO_VIOLATIONS: RuleViolation[] = Object.freeze([]) as unknown as RuleViolation[];

/** A string quoted as in pod-security admission's details: `"value"`. @internal */
export function q(value: unknown): string {
  return JSON.stringify(typeof value === 'string' ? value : '');
}

/** Quoted, comma-separated values: `"a", "b"`. @internal */
export function qList(values: readonly string[]): string {
  return values.map(v => JSON.stringify(v)).join(', ');
}

/** `field` of `obj` when it is an object (present and readable), otherwise undefined. @internal */
export function objectField(obj: unknown, field: string): { [key: string]: any } | undefined {
  return asObject(own(obj, field));
}

/** `field` of `obj` when it is a string, otherwise undefined. @internal */
export function stringField(obj: unknown, field: string): string | undefined {
  const value = own(obj, field);
  return typeof value === 'string' ? value : undefined;
}

/** A container's `securityContext.<field>` when it is an object. @internal */
export function containerSecurityObject(pod: PodView, c: ContainerInfo, field: string): { [key: string]: any } | undefined {
  return asObject(own(pod.containerSecurityContext(c), field));
}

/** The pod's `spec.securityContext.<field>` when it is an object. @internal */
export function podSecurityObject(pod: PodView, field: string): { [key: string]: any } | undefined {
  return asObject(own(pod.securityContext, field));
}
