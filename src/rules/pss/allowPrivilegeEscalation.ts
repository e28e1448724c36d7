/**
 * # allowPrivilegeEscalation (restricted)
 *
 * Privilege escalation (such as via set-user-ID or set-group-ID file mode) must not be allowed.
 *
 * Reads, for init, regular and ephemeral containers:
 * - `securityContext.allowPrivilegeEscalation`
 * - from v1.25: `spec.os.name`
 *
 * Allowed values: explicitly `false` on every container (absent is denied). From v1.25, pods with
 * `spec.os.name: windows` are exempt.
 *
 * Entries: v1.8; v1.25 (Windows exempt). The check does not exist before v1.8.
 *
 * Findings: one per container; the path is where the field must be set.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
 * @internal
 */
import { NO_VIOLATIONS, RESTRICTED_URI } from './_common';
import { own } from '../../engine/_util';
import { CEL_CONTAINER, CelCheck, celExempt, celIs, CEL_IS_WINDOWS } from '../../engine/cel';
import { PodView } from '../../engine/pod';
import { defineRule } from '../../engine/rule';
import { PssLevel, RuleViolation, Severity } from '../../engine/types';

function check(pod: PodView): RuleViolation[] {
  let out: RuleViolation[] | undefined;
  for (let i = 0; i < pod.containers.length; i++) {
    const c = pod.containers[i];
    if (own(pod.containerSecurityContext(c), 'allowPrivilegeEscalation') === false) continue;
    (out ??= []).push({
      container: c.name,
      path: pod.containerPath(c, 'securityContext', 'allowPrivilegeEscalation'),
      detail: `container "${c.name}" must set securityContext.allowPrivilegeEscalation=false`,
    });
  }
  return out ?? NO_VIOLATIONS;
}

/** CEL: every container sets allowPrivilegeEscalation=false. */
const CEL: CelCheck = { container: celIs(CEL_CONTAINER, ['securityContext', 'allowPrivilegeEscalation'], 'false') };

export const allowPrivilegeEscalation = defineRule({
  id: 'allowPrivilegeEscalation',
  level: PssLevel.RESTRICTED,
  scope: 'pod',
  defaultSeverity: Severity.ERROR,
  description: 'Containers must set allowPrivilegeEscalation to false.',
  message: 'allowPrivilegeEscalation != false',
  fix: 'set securityContext.allowPrivilegeEscalation to false',
  helpUri: RESTRICTED_URI,
  cis: ['5.2.6'],
  nsa: ['Pod security: privilege escalation'],
  entries: [
    { minVersion: 8, cel: CEL, check },
    { minVersion: 25, cel: celExempt(CEL_IS_WINDOWS, CEL), check: pod => (pod.isWindows ? NO_VIOLATIONS : check(pod)) },
  ],
});
