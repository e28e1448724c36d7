/**
 * # privileged (baseline)
 *
 * Privileged pods disable most security mechanisms and must be disallowed.
 *
 * Reads, for init, regular and ephemeral containers:
 * - `securityContext.privileged`
 *
 * Allowed values: absent, `false`.
 *
 * Entries: v1.0.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
 * @internal
 */
import { NO_VIOLATIONS } from './_common';
import { CEL_CONTAINER, CelCheck, celIs } from '../../engine/cel';
import { defineRule } from '../../engine/rule';
import { PssLevel, RuleViolation, Severity } from '../../engine/types';

/** CEL: no container sets privileged=true. */
const CEL: CelCheck = { container: `!${celIs(CEL_CONTAINER, ['securityContext', 'privileged'], 'true')}` };

export const privileged = defineRule({
  id: 'privileged',
  level: PssLevel.BASELINE,
  scope: 'pod',
  defaultSeverity: Severity.ERROR,
  description: 'Containers must not run privileged.',
  message: 'privileged',
  fix: 'remove securityContext.privileged or set it to false',
  helpUri: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
  cis: ['5.2.2'],
  nsa: ['Pod security: non-root containers and privileged containers'],
  entries: [{
    minVersion: 0,
    cel: CEL,
    check: pod => {
      let out: RuleViolation[] | undefined;
      for (let i = 0; i < pod.containers.length; i++) {
        const c = pod.containers[i];
        if (pod.containerSecurityContext(c)?.privileged === true) {
          (out ??= []).push({
            container: c.name,
            path: pod.containerPath(c, 'securityContext', 'privileged'),
            detail: `container "${c.name}" must not set securityContext.privileged=true`,
          });
        }
      }
      return out ?? NO_VIOLATIONS;
    },
  }],
});
