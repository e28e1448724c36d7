/**
 * # seccompProfile_restricted (restricted)
 *
 * Seccomp must be explicitly set to `RuntimeDefault` or `Localhost` for every container.
 *
 * Reads:
 * - `spec.securityContext.seccompProfile.type`
 * - for init, regular and ephemeral containers: `securityContext.seccompProfile.type`
 * - from v1.25: `spec.os.name`
 *
 * Allowed values: `RuntimeDefault` or `Localhost` applies to every container, set on the container
 * or inherited from the pod, and no pod or container sets another type. Annotations are never
 * read. From v1.25, pods with `spec.os.name: windows` are exempt.
 *
 * Entries: v1.19; v1.25 (Windows exempt). Both override baseline `seccompProfile_baseline`.
 *
 * Findings: one for a forbidden pod type, one per container with a forbidden type, and one per
 * container that has no profile while the pod has no allowed one (the path is where it must be
 * set on the container; setting the pod profile fixes all of them).
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
 * @internal
 */
import { containerSecurityObject, NO_VIOLATIONS, podSecurityObject, q, RESTRICTED_URI, stringField } from './_common';
import { allowedSeccompType, celAllowedSeccomp, celNoSeccomp } from './seccompProfile_baseline';
import { CEL_CONTAINER, CelCheck, celExempt, CEL_IS_WINDOWS, CEL_SPEC } from '../../engine/cel';
import { PodView } from '../../engine/pod';
import { defineRule } from '../../engine/rule';
import { PssLevel, RuleViolation, Severity } from '../../engine/types';

function check(pod: PodView): RuleViolation[] {
  let out: RuleViolation[] | undefined;
  const podProfile = podSecurityObject(pod, 'seccompProfile');
  let podValid = false;
  if (podProfile) {
    const type = stringField(podProfile, 'type');
    podValid = allowedSeccompType(type);
    if (!podValid) {
      (out ??= []).push({
        path: pod.path('securityContext', 'seccompProfile', 'type'),
        detail: `pod must not set securityContext.seccompProfile.type=${q(type)}`,
      });
    }
  }
  for (let i = 0; i < pod.containers.length; i++) {
    const c = pod.containers[i];
    const profile = containerSecurityObject(pod, c, 'seccompProfile');
    if (profile) {
      const type = stringField(profile, 'type');
      if (allowedSeccompType(type)) continue;
      (out ??= []).push({
        container: c.name,
        path: pod.containerPath(c, 'securityContext', 'seccompProfile', 'type'),
        detail: `container "${c.name}" must not set securityContext.seccompProfile.type=${q(type)}`,
      });
    } else if (!podValid) {
      (out ??= []).push({
        container: c.name,
        path: pod.containerPath(c, 'securityContext', 'seccompProfile', 'type'),
        detail: `pod or container "${c.name}" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`,
      });
    }
  }
  return out ?? NO_VIOLATIONS;
}

/** CEL: the pod's profile is absent or allowed; each container's is allowed, or absent with an allowed pod profile. */
const CEL: CelCheck = {
  pod: `${celNoSeccomp(CEL_SPEC)} || ${celAllowedSeccomp(CEL_SPEC)}`,
  container: `${celNoSeccomp(CEL_CONTAINER)} ? ${celAllowedSeccomp(CEL_SPEC)} : ${celAllowedSeccomp(CEL_CONTAINER)}`,
};

export const seccompProfile_restricted = defineRule({
  id: 'seccompProfile_restricted',
  level: PssLevel.RESTRICTED,
  scope: 'pod',
  defaultSeverity: Severity.ERROR,
  description: 'Every container must run with the RuntimeDefault or a Localhost seccomp profile.',
  message: 'seccompProfile',
  fix: 'set spec.securityContext.seccompProfile.type to RuntimeDefault (or Localhost with a profile)',
  helpUri: RESTRICTED_URI,
  cis: ['5.7.2'],
  nsa: ['Pod security: AppArmor and seccomp'],
  entries: [
    { minVersion: 19, overrides: ['seccompProfile_baseline'], cel: CEL, check },
    { minVersion: 25, overrides: ['seccompProfile_baseline'], cel: celExempt(CEL_IS_WINDOWS, CEL), check: pod => (pod.isWindows ? NO_VIOLATIONS : check(pod)) },
  ],
});
