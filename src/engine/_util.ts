/** True for a JSON object (not null, not an array). @internal */
export function isObject(value: unknown): value is { [key: string]: any } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value when it is a JSON object, otherwise undefined. @internal */
export function asObject(value: unknown): { [key: string]: any } | undefined {
  return isObject(value) ? value : undefined;
}

/** The value when it is an array, otherwise an empty array. @internal */
export function asArray(value: unknown): any[] {
  return Array.isArray(value) ? value : [];
}

const HAS_OWN = Object.prototype.hasOwnProperty;

/** Own-property read that never walks the prototype chain (safe with `__proto__` keys). @internal */
export function own(obj: unknown, key: string): any {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return undefined;
  const value = (obj as { [key: string]: any })[key];
  // Most reads are of absent fields: those need no own-property test at all.
  if (value === undefined) return undefined;
  return HAS_OWN.call(obj, key) ? value : undefined;
}

/** Quotes and joins names the way pod-security admission does: `"a", "b"`. @internal */
export function quoteList(names: readonly string[]): string {
  return names.map(n => JSON.stringify(n)).join(', ');
}

/** `container` or `containers`, with the quoted names. @internal */
export function pluralize(count: number, singular: string, plural: string): string {
  return count === 1 ? singular : plural;
}

/** Describes a JSON value briefly for error messages, e.g. `string "true"`. @internal */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') {
    const shown = value.length > 40 ? value.slice(0, 37) + '...' : value;
    return `string ${JSON.stringify(shown)}`;
  }
  return `${typeof value} ${String(value)}`;
}
