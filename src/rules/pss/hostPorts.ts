/**
 * # hostPorts (baseline)
 *
 * Host ports should be disallowed entirely (or restricted to a known list; the standard allows none).
 *
 * Reads, for init, regular and ephemeral containers:
 * - `ports[*].hostPort`
 *
 * Allowed values: absent, `0`.
 *
 * Entries: v1.0.
 *
 * Findings: one per container, pointing at its first host port (the others in `paths`).
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
 * @internal
 */
import { BASELINE_URI, NO_VIOLATIONS } from './_common';
import { asObject, own } from '../../engine/_util';
import { CEL_CONTAINER, CelCheck } from '../../engine/cel';
import { defineRule } from '../../engine/rule';
import { PssLevel, RuleViolation, Severity } from '../../engine/types';

/** CEL: no port of the container sets a non-zero hostPort. */
const CEL: CelCheck = { container: `!has(${CEL_CONTAINER}.ports) || ${CEL_CONTAINER}.ports.all(p, !has(p.hostPort) || p.hostPort == 0)` };

export const hostPorts = defineRule({
  id: 'hostPorts',
  level: PssLevel.BASELINE,
  scope: 'pod',
  defaultSeverity: Severity.ERROR,
  description: 'Containers must not bind host ports.',
  message: 'hostPort',
  fix: 'remove ports[].hostPort (or set it to 0) and expose the port through a Service',
  helpUri: BASELINE_URI,
  nsa: ['Network separation and hardening'],
  entries: [{
    minVersion: 0,
    cel: CEL,
    check: pod => {
      let out: RuleViolation[] | undefined;
      for (let ci = 0; ci < pod.containers.length; ci++) {
        const c = pod.containers[ci];
        const ports = own(c.spec, 'ports');
        if (!Array.isArray(ports)) continue;
        let values: number[] | undefined;
        let paths: string[] | undefined;
        for (let i = 0; i < ports.length; i++) {
          const hostPort = own(asObject(ports[i]), 'hostPort');
          if (typeof hostPort === 'number' && hostPort !== 0) {
            (values ??= []).push(hostPort);
            (paths ??= []).push(pod.containerPath(c, 'ports', i, 'hostPort'));
          }
        }
        if (!values || !paths) continue;
        (out ??= []).push({
          container: c.name,
          path: paths[0],
          ...(paths.length > 1 ? { extraPaths: paths.slice(1) } : {}),
          detail: `container "${c.name}" uses ${values.length === 1 ? 'hostPort' : 'hostPorts'} ${values.join(', ')}`,
        });
      }
      return out ?? NO_VIOLATIONS;
    },
  }],
});
