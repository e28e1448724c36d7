import { RulePack } from '../engine/pack';

function isPlain(value: unknown): value is { [key: string]: unknown } {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Equality for guard properties: data (strings, numbers, lists, plain maps, rule packs) compares
 * by value; anything else (custom rules, observers, loggers) by identity. @internal
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  }
  if (a instanceof RulePack && b instanceof RulePack) {
    return a.name === b.name && a.pssLevel === b.pssLevel && sameValue(a.rules, b.rules);
  }
  if (isPlain(a) && isPlain(b)) {
    const ka = Object.keys(a).filter(k => a[k] !== undefined).sort();
    const kb = Object.keys(b).filter(k => b[k] !== undefined).sort();
    return sameValue(ka, kb) && ka.every(k => sameValue(a[k], b[k]));
  }
  return false;
}

/** A short description of a property value for error messages. @internal */
export function describeProp(value: unknown): string {
  if (value === undefined) return 'unset';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(describeProp).join(', ')}]`;
  if (value instanceof RulePack) return `pack "${value.name}"`;
  if (typeof value === 'function') return 'a function';
  if (isPlain(value)) {
    const json = JSON.stringify(value);
    return json.length > 120 ? `${json.slice(0, 117)}...` : json;
  }
  const obj = value as { ruleId?: unknown; constructor?: { name?: string } };
  if (typeof obj.ruleId === 'string') return `rule "${obj.ruleId}"`;
  return `an instance of ${obj.constructor?.name || 'an anonymous class'}`;
}
