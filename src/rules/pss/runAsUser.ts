/**
 * # runAsUser (restricted)
 *
 * Containers must not set the user ID to 0 (root).
 *
 * Reads:
 * - `spec.securityContext.runAsUser`
 * - for init, regular and ephemeral containers: `securityContext.runAsUser`
 * - from v1.35: `spec.hostUsers`
 *
 * Allowed values: absent or non-zero. From v1.35, anything when `spec.hostUsers` is explicitly
 * `false`. No Windows exemption.
 *
 * Entries: v1.23; v1.35 (relaxed for `hostUsers: false`). The check does not exist before v1.23.
 *
 * Findings: one for the pod field and one per container.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
 * @internal
 */
import { NO_VIOLATIONS, RESTRICTED_URI } from './_common';
import { own } from '../../engine/_util';
import { CEL_CONTAINER, CelCheck, celExempt, CEL_HOST_USERS_DISABLED, celIs, CEL_SPEC } from '../../engine/cel';
import { PodView } from '../../engine/pod';
import { defineRule } from '../../engine/rule';
import { PssLevel, RuleViolation, Severity } from '../../engine/types';

function check(pod: PodView): RuleViolation[] {
  let out: RuleViolation[] | undefined;
  if (own(pod.securityContext, 'runAsUser') === 0) {
    (out ??= []).push({
      path: pod.path('securityContext', 'runAsUser'),
      detail: 'pod must not set securityContext.runAsUser=0',
    });
  }
  for (let i = 0; i < pod.containers.length; i++) {
    const c = pod.containers[i];
    if (own(pod.containerSecurityContext(c), 'runAsUser') !== 0) continue;
    (out ??= []).push({
      container: c.name,
      path: pod.containerPath(c, 'securityContext', 'runAsUser'),
      detail: `container "${c.name}" must not set securityContext.runAsUser=0`,
    });
  }
  return out ?? NO_VIOLATIONS;
}

const RUN_AS_USER = ['securityContext', 'runAsUser'];
/** CEL: neither the pod nor a container sets runAsUser=0. */
const CEL: CelCheck = { pod: `!${celIs(CEL_SPEC, RUN_AS_USER, '0')}`, container: `!${celIs(CEL_CONTAINER, RUN_AS_USER, '0')}` };

export const runAsUser = defineRule({
  id: 'runAsUser',
  level: PssLevel.RESTRICTED,
  scope: 'pod',
  defaultSeverity: Severity.ERROR,
  description: 'Pods and containers must not run as user ID 0.',
  message: 'runAsUser=0',
  fix: 'set securityContext.runAsUser to a non-zero user ID, or remove it',
  helpUri: RESTRICTED_URI,
  nsa: ['Pod security: non-root containers and privileged containers'],
  entries: [
    { minVersion: 23, cel: CEL, check },
    { minVersion: 35, cel: celExempt(CEL_HOST_USERS_DISABLED, CEL), check: pod => (pod.hostUsersDisabled ? NO_VIOLATIONS : check(pod)) },
  ],
});
