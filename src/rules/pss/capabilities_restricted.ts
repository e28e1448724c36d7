/**
 * # capabilities_restricted (restricted)
 *
 * Containers must drop ALL capabilities, and may only add back `NET_BIND_SERVICE`.
 *
 * Reads, for init, regular and ephemeral containers:
 * - `securityContext.capabilities.drop[*]`
 * - `securityContext.capabilities.add[*]`
 * - from v1.25: `spec.os.name`
 *
 * Allowed values: `drop` contains exactly the string `ALL` (case-sensitive; a missing
 * securityContext or capabilities is denied); `add` is empty or only `NET_BIND_SERVICE`.
 * From v1.25, pods with `spec.os.name: windows` are exempt.
 *
 * Entries: v1.22; v1.25 (Windows exempt). Both override baseline `capabilities_baseline`.
 *
 * Findings: one per container, pointing at `drop` when ALL is missing, else at the first
 * forbidden `add` entry.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
 * @internal
 */
import { containerSecurityObject, NO_VIOLATIONS, qList, RESTRICTED_URI } from './_common';
import { own } from '../../engine/_util';
import { CEL_CONTAINER, CelCheck, celExempt, celField, celHas, CEL_IS_WINDOWS } from '../../engine/cel';
import { PodView } from '../../engine/pod';
import { defineRule } from '../../engine/rule';
import { PssLevel, RuleViolation, Severity } from '../../engine/types';

/** The capability a restricted container must drop, and the only ones it may add back. @internal */
export const RESTRICTED_DROP_CAPABILITY = 'ALL';
/** @internal */
export const RESTRICTED_ADD_CAPABILITIES: readonly string[] = ['NET_BIND_SERVICE'];

function onlyNetBindService(cap: unknown): boolean {
  return typeof cap !== 'string' || RESTRICTED_ADD_CAPABILITIES.includes(cap);
}

function check(pod: PodView): RuleViolation[] {
  let out: RuleViolation[] | undefined;
  for (let ci = 0; ci < pod.containers.length; ci++) {
    const c = pod.containers[ci];
    const capabilities = containerSecurityObject(pod, c, 'capabilities');
    const drop = own(capabilities, 'drop');
    const add = own(capabilities, 'add');
    const dropsAll = Array.isArray(drop) && drop.includes(RESTRICTED_DROP_CAPABILITY);
    if (dropsAll && (!Array.isArray(add) || add.every(onlyNetBindService))) continue;
    const badAdd: string[] = [];
    const paths: string[] = [];
    const parts: string[] = [];
    if (!dropsAll) {
      paths.push(pod.containerPath(c, 'securityContext', 'capabilities', 'drop'));
      parts.push('must set securityContext.capabilities.drop=["ALL"]');
    }
    if (Array.isArray(add)) {
      for (let i = 0; i < add.length; i++) {
        const cap = add[i];
        if (typeof cap === 'string' && !RESTRICTED_ADD_CAPABILITIES.includes(cap)) {
          badAdd.push(cap);
          paths.push(pod.containerPath(c, 'securityContext', 'capabilities', 'add', i));
        }
      }
    }
    if (badAdd.length > 0) parts.push(`must not include ${qList(badAdd)} in securityContext.capabilities.add`);
    if (parts.length === 0) continue;
    (out ??= []).push({
      container: c.name,
      path: paths[0],
      ...(paths.length > 1 ? { extraPaths: paths.slice(1) } : {}),
      detail: `container "${c.name}" ${parts.join(' and ')}`,
    });
  }
  return out ?? NO_VIOLATIONS;
}

const CAPABILITIES = ['securityContext', 'capabilities'];
/** CEL: each container drops ALL and adds nothing but NET_BIND_SERVICE. */
const CEL: CelCheck = {
  container: `${celHas(CEL_CONTAINER, [...CAPABILITIES, 'drop'])} && "ALL" in ${celField(CEL_CONTAINER, CAPABILITIES)}.drop`
    + ` && (!has(${celField(CEL_CONTAINER, CAPABILITIES)}.add) || ${celField(CEL_CONTAINER, CAPABILITIES)}.add.all(x, x == "NET_BIND_SERVICE"))`,
};

export const capabilities_restricted = defineRule({
  id: 'capabilities_restricted',
  level: PssLevel.RESTRICTED,
  scope: 'pod',
  defaultSeverity: Severity.ERROR,
  description: 'Containers must drop ALL capabilities and may only add back NET_BIND_SERVICE.',
  message: 'unrestricted capabilities',
  fix: 'set securityContext.capabilities.drop to ["ALL"] and add at most NET_BIND_SERVICE',
  helpUri: RESTRICTED_URI,
  cis: ['5.2.8', '5.2.9'],
  nsa: ['Pod security: capabilities'],
  entries: [
    { minVersion: 22, overrides: ['capabilities_baseline'], cel: CEL, check },
    { minVersion: 25, overrides: ['capabilities_baseline'], cel: celExempt(CEL_IS_WINDOWS, CEL), check: pod => (pod.isWindows ? NO_VIOLATIONS : check(pod)) },
  ],
});
