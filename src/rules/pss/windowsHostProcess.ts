/**
 * # windowsHostProcess (baseline)
 *
 * Windows pods offer the ability to run HostProcess containers, which give privileged access to
 * the Windows host; they must be disallowed.
 *
 * Reads:
 * - `spec.securityContext.windowsOptions.hostProcess`
 * - for init, regular and ephemeral containers: `securityContext.windowsOptions.hostProcess`
 *
 * Allowed values: absent or `false`, whatever `spec.os.name` is.
 *
 * Entries: v1.0.
 *
 * Findings: one for the pod field and one per container.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
 * @internal
 */
import { BASELINE_URI, containerSecurityObject, NO_VIOLATIONS, podSecurityObject } from './_common';
import { own } from '../../engine/_util';
import { CEL_CONTAINER, CelCheck, celIs, CEL_SPEC } from '../../engine/cel';
import { defineRule } from '../../engine/rule';
import { PssLevel, RuleViolation, Severity } from '../../engine/types';

const HOST_PROCESS = ['securityContext', 'windowsOptions', 'hostProcess'];
/** CEL: neither the pod nor a container sets hostProcess=true. */
const CEL: CelCheck = { pod: `!${celIs(CEL_SPEC, HOST_PROCESS, 'true')}`, container: `!${celIs(CEL_CONTAINER, HOST_PROCESS, 'true')}` };

export const windowsHostProcess = defineRule({
  id: 'windowsHostProcess',
  level: PssLevel.BASELINE,
  scope: 'pod',
  defaultSeverity: Severity.ERROR,
  description: 'Pods and containers must not run as Windows HostProcess containers.',
  message: 'hostProcess',
  fix: 'remove securityContext.windowsOptions.hostProcess or set it to false',
  helpUri: BASELINE_URI,
  entries: [{
    minVersion: 0,
    cel: CEL,
    check: pod => {
      let out: RuleViolation[] | undefined;
      if (own(podSecurityObject(pod, 'windowsOptions'), 'hostProcess') === true) {
        (out ??= []).push({
          path: pod.path('securityContext', 'windowsOptions', 'hostProcess'),
          detail: 'pod must not set securityContext.windowsOptions.hostProcess=true',
        });
      }
      for (let i = 0; i < pod.containers.length; i++) {
        const c = pod.containers[i];
        if (own(containerSecurityObject(pod, c, 'windowsOptions'), 'hostProcess') !== true) continue;
        (out ??= []).push({
          container: c.name,
          path: pod.containerPath(c, 'securityContext', 'windowsOptions', 'hostProcess'),
          detail: `container "${c.name}" must not set securityContext.windowsOptions.hostProcess=true`,
        });
      }
      return out ?? NO_VIOLATIONS;
    },
  }],
});
