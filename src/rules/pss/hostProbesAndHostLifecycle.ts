/**
 * # hostProbesAndHostLifecycle (baseline)
 *
 * Probes and lifecycle handlers must not reach out to arbitrary hosts (the kubelet would connect
 * from the node).
 *
 * Reads, for init, regular and ephemeral containers, in `livenessProbe`, `readinessProbe`,
 * `startupProbe`, `lifecycle.postStart` and `lifecycle.preStop`:
 * - `httpGet.host`
 * - `tcpSocket.host`
 *
 * Allowed values: absent or `""` (any other value is forbidden, `localhost` and `127.0.0.1`
 * included). `grpc`, `exec` and `sleep` handlers are not read.
 *
 * Entries: v1.34 (the check does not exist before).
 *
 * Findings: one per container, pointing at its first host (the others in `paths`).
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
 * @internal
 */
import { BASELINE_URI, NO_VIOLATIONS, q } from './_common';
import { asObject, own } from '../../engine/_util';
import { CEL_CONTAINER, CelCheck, celField, celHas } from '../../engine/cel';
import { defineRule } from '../../engine/rule';
import { PssLevel, RuleViolation, Severity } from '../../engine/types';

/** Where handlers sit in a container: pointer tokens and the readable field name. */
const HANDLERS: ReadonlyArray<readonly string[]> = [
  ['livenessProbe'],
  ['readinessProbe'],
  ['startupProbe'],
  ['lifecycle', 'postStart'],
  ['lifecycle', 'preStop'],
];
const ACTIONS = ['httpGet', 'tcpSocket'];

/** CEL: no handler of the container sets a host. */
const CEL: CelCheck = {
  container: HANDLERS.flatMap(tokens => ACTIONS.map(action => {
    const path = [...tokens, action, 'host'];
    return `(!(${celHas(CEL_CONTAINER, path)}) || ${celField(CEL_CONTAINER, path)} == "")`;
  })).join(' && '),
};

export const hostProbesAndHostLifecycle = defineRule({
  id: 'hostProbesAndHostLifecycle',
  level: PssLevel.BASELINE,
  scope: 'pod',
  defaultSeverity: Severity.ERROR,
  description: 'Probes and lifecycle handlers must not set a host.',
  message: 'probe or lifecycle host',
  fix: 'remove the host field of the probe or lifecycle handler (it then targets the pod IP)',
  helpUri: BASELINE_URI,
  entries: [{
    minVersion: 34,
    cel: CEL,
    check: pod => {
      let out: RuleViolation[] | undefined;
      for (let i = 0; i < pod.containers.length; i++) {
        const c = pod.containers[i];
        let bad: string[] | undefined;
        let paths: string[] | undefined;
        for (let j = 0; j < HANDLERS.length; j++) {
          const tokens = HANDLERS[j];
          let handler: unknown = c.spec;
          for (let k = 0; k < tokens.length; k++) handler = asObject(own(handler, tokens[k]));
          if (!handler) continue;
          for (let k = 0; k < ACTIONS.length; k++) {
            const action = ACTIONS[k];
            const host = own(asObject(own(handler, action)), 'host');
            if (typeof host !== 'string' || host === '') continue;
            (bad ??= []).push(`${tokens.join('.')}.${action}.host=${q(host)}`);
            (paths ??= []).push(pod.containerPath(c, ...tokens, action, 'host'));
          }
        }
        if (!bad || !paths) continue;
        (out ??= []).push({
          container: c.name,
          path: paths[0],
          ...(paths.length > 1 ? { extraPaths: paths.slice(1) } : {}),
          detail: `container "${c.name}" must not set ${bad.join(', ')}`,
        });
      }
      return out ?? NO_VIOLATIONS;
    },
  }],
});
