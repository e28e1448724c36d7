/**
 * Building blocks for the CEL form of a check, used by the ValidatingAdmissionPolicy emitter.
 *
 * A check's CEL is written next to its TypeScript check (the `cel` of a `CheckEntry`), so that the
 * rule file stays the one source of truth. The expressions are written for objects as the API
 * server stores them, after defaulting: absent and `null` fields read as absent (`has()` is
 * false), and a volume without a source has become `emptyDir`.
 *
 * Only portable CEL is used: the standard macros (`all`, `exists`, `exists_one`, `map`,
 * `filter`), `has()`, `in`, `matches()`, the strings extension, and the conditional operator. No
 * optional types.
 *
 * The expressions read these names, which the emitter declares as policy variables:
 * - `variables.podSpec`: the pod spec of the admitted object (wherever its kind keeps it)
 * - `variables.podAnnotations`: the pod template's annotations (an empty map when there are none)
 * - `request.namespace`: the namespace of the request
 * and, in a container predicate, `c`: one init, regular or ephemeral container.
 * @internal
 */

/** The pod spec. @internal */
export const CEL_SPEC = 'variables.podSpec';
/** The pod template's annotations (a map, empty when the template has none). @internal */
export const CEL_ANNOTATIONS = 'variables.podAnnotations';
/** The container variable of a container predicate. @internal */
export const CEL_CONTAINER = 'c';

/**
 * The CEL form of one versioned check entry. The pod passes the check when `exempt` is true, or
 * when `pod` is true and `container` is true for every init, regular and ephemeral container.
 * @internal
 */
export interface CelCheck {
  /** True when the pod is exempt from the whole check (e.g. a Windows pod). */
  readonly exempt?: string;
  /** True when the pod-level fields pass. */
  readonly pod?: string;
  /** True when container `c` passes. */
  readonly container?: string;
  /** False when ephemeral containers are not checked (the rule skips them). Default true. */
  readonly ephemeralContainers?: boolean;
}

/** A CEL string literal. @internal */
export function celString(value: string): string {
  return JSON.stringify(value);
}

/** A CEL list of string literals. @internal */
export function celStrings(values: Iterable<string>): string {
  return `[${[...values].map(celString).join(', ')}]`;
}

/** `base.a.b.c` for fields `['a', 'b', 'c']`. @internal */
export function celField(base: string, fields: readonly string[]): string {
  return [base, ...fields].join('.');
}

/** True when every field of the chain is present: `has(base.a) && has(base.a.b)`. @internal */
export function celHas(base: string, fields: readonly string[]): string {
  const parts: string[] = [];
  for (let i = 1; i <= fields.length; i++) parts.push(`has(${celField(base, fields.slice(0, i))})`);
  return parts.join(' && ');
}

/** True when the field is present and equals the CEL literal `value`. @internal */
export function celIs(base: string, fields: readonly string[], value: string): string {
  return `(${celHas(base, fields)} && ${celField(base, fields)} == ${value})`;
}

/** True when the pod spec has `os.name: windows`. @internal */
export const CEL_IS_WINDOWS = celIs(CEL_SPEC, ['os', 'name'], celString('windows'));

/** True when the pod spec has `hostUsers: false`. @internal */
export const CEL_HOST_USERS_DISABLED = celIs(CEL_SPEC, ['hostUsers'], 'false');

/** Adds an exemption to a check: the pod passes when `exempt` is true. @internal */
export function celExempt(exempt: string, check: CelCheck): CelCheck {
  return { ...check, exempt: check.exempt ? `${exempt} || ${check.exempt}` : exempt };
}
