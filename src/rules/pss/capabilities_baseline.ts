/**
 * # capabilities_baseline (baseline)
 *
 * Adding capabilities beyond the container runtime's default set must be disallowed.
 *
 * Reads, for init, regular and ephemeral containers:
 * - `securityContext.capabilities.add[*]`
 *
 * Allowed values: each entry one of `AUDIT_WRITE`, `CHOWN`, `DAC_OVERRIDE`, `FOWNER`, `FSETID`,
 * `KILL`, `MKNOD`, `NET_BIND_SERVICE`, `SETFCAP`, `SETGID`, `SETPCAP`, `SETUID`, `SYS_CHROOT`
 * (exact, case-sensitive match: `CAP_CHOWN`, `chown` and `ALL` are forbidden). `drop` is not read.
 *
 * Entries: v1.0. At the restricted level, `capabilities_restricted` replaces this check from v1.22.
 *
 * Findings: one per container, pointing at its first forbidden entry.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
 * @internal
 */
import { BASELINE_URI, containerSecurityObject, NO_VIOLATIONS, qList } from './_common';
import { own } from '../../engine/_util';
import { CEL_CONTAINER, CelCheck, celField, celHas, celStrings } from '../../engine/cel';
import { defineRule } from '../../engine/rule';
import { PssLevel, RuleViolation, Severity } from '../../engine/types';

/** The capabilities the baseline level allows containers to add: the container runtime's defaults. @internal */
export const BASELINE_CAPABILITIES: readonly string[] = [
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD',
  'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
];
const DEFAULT_CAPABILITIES = new Set(BASELINE_CAPABILITIES);

const ADD = ['securityContext', 'capabilities', 'add'];
/** CEL: every added capability is in the default set. */
const CEL: CelCheck = {
  container: `!(${celHas(CEL_CONTAINER, ADD)}) || ${celField(CEL_CONTAINER, ADD)}.all(x, x in ${celStrings([...DEFAULT_CAPABILITIES].sort())})`,
};

export const capabilities_baseline = defineRule({
  id: 'capabilities_baseline',
  level: PssLevel.BASELINE,
  scope: 'pod',
  defaultSeverity: Severity.ERROR,
  description: 'Containers may only add capabilities from the container runtime\'s default set.',
  message: 'non-default capabilities',
  fix: 'remove the capability from securityContext.capabilities.add',
  helpUri: BASELINE_URI,
  cis: ['5.2.8', '5.2.9'],
  nsa: ['Pod security: capabilities'],
  entries: [{
    minVersion: 0,
    cel: CEL,
    check: pod => {
      let out: RuleViolation[] | undefined;
      for (let ci = 0; ci < pod.containers.length; ci++) {
        const c = pod.containers[ci];
        const add = own(containerSecurityObject(pod, c, 'capabilities'), 'add');
        if (!Array.isArray(add)) continue;
        let bad: string[] | undefined;
        let paths: string[] | undefined;
        for (let i = 0; i < add.length; i++) {
          const cap = add[i];
          if (typeof cap === 'string' && !DEFAULT_CAPABILITIES.has(cap)) {
            (bad ??= []).push(cap);
            (paths ??= []).push(pod.containerPath(c, 'securityContext', 'capabilities', 'add', i));
          }
        }
        if (!bad || !paths) continue;
        (out ??= []).push({
          container: c.name,
          path: paths[0],
          ...(paths.length > 1 ? { extraPaths: paths.slice(1) } : {}),
          detail: `container "${c.name}" must not include ${qList(bad)} in securityContext.capabilities.add`,
        });
      }
      return out ?? NO_VIOLATIONS;
    },
  }],
});
