/**
 * # runAsNonRoot (restricted)
 *
 * Containers must be required to run as non-root users.
 *
 * Reads:
 * - `spec.securityContext.runAsNonRoot`
 * - for init, regular and ephemeral containers: `securityContext.runAsNonRoot`
 * - from v1.35: `spec.hostUsers`
 *
 * Allowed values: the pod sets `true` and no container sets `false`, or every container sets
 * `true` and the pod does not set `false`. A non-zero `runAsUser` does not satisfy this check.
 * From v1.35, anything when `spec.hostUsers` is explicitly `false`. No Windows exemption.
 *
 * Entries: v1.0; v1.35 (relaxed for `hostUsers: false`).
 *
 * Findings: one for a pod-level `false`, one per container that sets `false`, and one per
 * container that leaves it unset while the pod does not set `true` (the path is the container
 * field; setting the pod field fixes all of them).
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
 * @internal
 */
import { NO_VIOLATIONS, RESTRICTED_URI } from './_common';
import { own } from '../../engine/_util';
import { CEL_CONTAINER, CelCheck, celExempt, celHas, CEL_HOST_USERS_DISABLED, celIs, CEL_SPEC } from '../../engine/cel';
import { PodView } from '../../engine/pod';
import { defineRule } from '../../engine/rule';
import { PssLevel, RuleViolation, Severity } from '../../engine/types';

function check(pod: PodView): RuleViolation[] {
  let out: RuleViolation[] | undefined;
  const podValue = own(pod.securityContext, 'runAsNonRoot');
  if (podValue === false) {
    (out ??= []).push({
      path: pod.path('securityContext', 'runAsNonRoot'),
      detail: 'pod must not set securityContext.runAsNonRoot=false',
      fix: 'set spec.securityContext.runAsNonRoot to true',
    });
  }
  for (let i = 0; i < pod.containers.length; i++) {
    const c = pod.containers[i];
    const value = own(pod.containerSecurityContext(c), 'runAsNonRoot');
    if (value === true) continue;
    if (value === false) {
      (out ??= []).push({
        container: c.name,
        path: pod.containerPath(c, 'securityContext', 'runAsNonRoot'),
        detail: `container "${c.name}" must not set securityContext.runAsNonRoot=false`,
        fix: 'set securityContext.runAsNonRoot to true, or remove it and set it on the pod',
      });
    } else if (podValue !== true) {
      (out ??= []).push({
        container: c.name,
        path: pod.containerPath(c, 'securityContext', 'runAsNonRoot'),
        detail: `pod or container "${c.name}" must set securityContext.runAsNonRoot=true`,
      });
    }
  }
  return out ?? NO_VIOLATIONS;
}

const RUN_AS_NON_ROOT = ['securityContext', 'runAsNonRoot'];
/** CEL: the pod does not set false, and each container sets true or inherits true from the pod. */
const CEL: CelCheck = {
  pod: `!${celIs(CEL_SPEC, RUN_AS_NON_ROOT, 'false')}`,
  container: `${celIs(CEL_CONTAINER, RUN_AS_NON_ROOT, 'true')} || (!(${celHas(CEL_CONTAINER, RUN_AS_NON_ROOT)}) && ${celIs(CEL_SPEC, RUN_AS_NON_ROOT, 'true')})`,
};

export const runAsNonRoot = defineRule({
  id: 'runAsNonRoot',
  level: PssLevel.RESTRICTED,
  scope: 'pod',
  defaultSeverity: Severity.ERROR,
  description: 'Pods must require containers to run as a non-root user.',
  message: 'runAsNonRoot != true',
  fix: 'set spec.securityContext.runAsNonRoot to true (or securityContext.runAsNonRoot on every container)',
  helpUri: RESTRICTED_URI,
  cis: ['5.2.7'],
  nsa: ['Pod security: non-root containers and privileged containers'],
  entries: [
    { minVersion: 0, cel: CEL, check },
    { minVersion: 35, cel: celExempt(CEL_HOST_USERS_DISABLED, CEL), check: pod => (pod.hostUsersDisabled ? NO_VIOLATIONS : check(pod)) },
  ],
});
