/**
 * The ID of the podSecurityAdmission rule and its label tables, apart from the rule so that the
 * config, the guard and the admission emitter can read them without loading the rule catalog.
 * @internal
 */
import { describeValue, isObject, own } from '../../engine/_util';
import { PssLevel } from '../../engine/types';
import { PolicyVersion } from '../../engine/version';

/** The rule's ID. @internal */
export const POD_SECURITY_ADMISSION_RULE_ID = 'podSecurityAdmission';

/** The pod-security admission modes, in the order they are reported. @internal */
export const MODES = ['enforce', 'warn', 'audit'] as const;
/** One mode. @internal */
export type Mode = typeof MODES[number];

/** The keys of a namespace's declared labels (config key `namespaces` and `podSecurityDefaults`). @internal */
export const NAMESPACE_LABEL_KEYS: readonly string[] = MODES.flatMap(m => [m, `${m}Version`]);

/** The levels a label may name. @internal */
export const LEVELS: readonly string[] = [PssLevel.PRIVILEGED, PssLevel.BASELINE, PssLevel.RESTRICTED];
/** The prefix of the pod-security labels. @internal */
export const LABEL_PREFIX = 'pod-security.kubernetes.io/';

/** Declared labels of one namespace: `{ enforce, enforceVersion, warn, warnVersion, audit, auditVersion }`. @internal */
export type NamespaceLabels = { readonly [key: string]: string };

/**
 * What is wrong with one declared label set, or undefined: a map with only the keys
 * `NAMESPACE_LABEL_KEYS`, levels privileged/baseline/restricted, versions `latest` or `v1.N`.
 * @internal
 */
export function namespaceLabelsProblem(value: unknown): string | undefined {
  if (!isObject(value)) return `must be a map with keys such as enforce and enforceVersion, found ${describeValue(value)}`;
  for (const key of Object.keys(value)) {
    if (!NAMESPACE_LABEL_KEYS.includes(key)) return `has unknown key "${key}", expecting one of: ${NAMESPACE_LABEL_KEYS.join(', ')}`;
    const v = own(value, key);
    if (key.endsWith('Version')) {
      if (typeof v !== 'string' || !PolicyVersion.isValid(v)) {
        return `has ${key} ${typeof v === 'string' ? `"${v}"` : describeValue(v)}, expecting "latest" or "v1.<minor>" such as "v1.30" (quote it)`;
      }
    } else if (typeof v !== 'string' || !LEVELS.includes(v)) {
      return `has ${key} ${typeof v === 'string' ? `"${v}"` : describeValue(v)}, expecting one of: ${LEVELS.join(', ')}`;
    }
  }
  return undefined;
}

