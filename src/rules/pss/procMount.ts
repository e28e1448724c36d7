/**
 * # procMount (baseline)
 *
 * The default /proc masks are set up to reduce attack surface and must not be disabled.
 *
 * Reads, for init, regular and ephemeral containers:
 * - `securityContext.procMount`
 * - from v1.35: `spec.hostUsers`
 *
 * Allowed values: absent or `Default`. From v1.35, any value when `spec.hostUsers` is explicitly
 * `false` (the pod runs in a user namespace).
 *
 * Entries: v1.0; v1.35 (relaxed for `hostUsers: false`). At the restricted level,
 * `procMount_restricted` replaces this check from v1.35, without the relaxation.
 *
 * Findings: one per container.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
 * @internal
 */
import { BASELINE_URI, NO_VIOLATIONS, q } from './_common';
import { own } from '../../engine/_util';
import { CEL_CONTAINER, CelCheck, celExempt, celHas, CEL_HOST_USERS_DISABLED } from '../../engine/cel';
import { PodView } from '../../engine/pod';
import { defineRule } from '../../engine/rule';
import { PssLevel, RuleViolation, Severity } from '../../engine/types';

/** The strict rule: every container's procMount is absent or `Default`. @internal */
export function strictProcMount(pod: PodView): RuleViolation[] {
  let out: RuleViolation[] | undefined;
  for (let i = 0; i < pod.containers.length; i++) {
    const c = pod.containers[i];
    const value = own(pod.containerSecurityContext(c), 'procMount');
    if (typeof value !== 'string' || value === 'Default') continue;
    (out ??= []).push({
      container: c.name,
      path: pod.containerPath(c, 'securityContext', 'procMount'),
      detail: `container "${c.name}" must not set securityContext.procMount=${q(value)}`,
    });
  }
  return out ?? NO_VIOLATIONS;
}

/** CEL of the strict rule: every container's procMount is absent or `Default`. @internal */
export const STRICT_PROC_MOUNT_CEL: CelCheck = {
  container: `!(${celHas(CEL_CONTAINER, ['securityContext', 'procMount'])}) || ${CEL_CONTAINER}.securityContext.procMount == "Default"`,
};

/** Fix shared by both procMount checks. @internal */
export const PROC_MOUNT_FIX = 'remove securityContext.procMount or set it to Default';

export const procMount = defineRule({
  id: 'procMount',
  level: PssLevel.BASELINE,
  scope: 'pod',
  defaultSeverity: Severity.ERROR,
  description: 'Containers must keep the default /proc mask, unless the pod runs in a user namespace (from v1.35).',
  message: 'procMount',
  fix: PROC_MOUNT_FIX,
  helpUri: BASELINE_URI,
  entries: [
    { minVersion: 0, cel: STRICT_PROC_MOUNT_CEL, check: strictProcMount },
    {
      minVersion: 35,
      cel: celExempt(CEL_HOST_USERS_DISABLED, STRICT_PROC_MOUNT_CEL),
      check: pod => (pod.hostUsersDisabled ? NO_VIOLATIONS : strictProcMount(pod)),
    },
  ],
});
