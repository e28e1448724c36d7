/**
 * # hostNamespaces (baseline)
 *
 * Sharing the host's network, PID or IPC namespace must be disallowed.
 *
 * Reads:
 * - `spec.hostNetwork`
 * - `spec.hostPID`
 * - `spec.hostIPC`
 *
 * Allowed values: absent, `false`.
 *
 * Entries: v1.0.
 *
 * Findings: one per field set to `true`.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
 * @internal
 */
import { BASELINE_URI, NO_VIOLATIONS } from './_common';
import { own } from '../../engine/_util';
import { CelCheck, celIs, CEL_SPEC } from '../../engine/cel';
import { defineRule } from '../../engine/rule';
import { PssLevel, RuleViolation, Severity } from '../../engine/types';

const FIELDS = ['hostNetwork', 'hostPID', 'hostIPC'] as const;

/** CEL: none of the host namespace fields is true. */
const CEL: CelCheck = { pod: FIELDS.map(f => `!${celIs(CEL_SPEC, [f], 'true')}`).join(' && ') };

export const hostNamespaces = defineRule({
  id: 'hostNamespaces',
  level: PssLevel.BASELINE,
  scope: 'pod',
  defaultSeverity: Severity.ERROR,
  description: 'Pods must not share the host\'s network, PID or IPC namespace.',
  message: 'host namespaces',
  fix: 'remove spec.hostNetwork, spec.hostPID and spec.hostIPC or set them to false',
  helpUri: BASELINE_URI,
  cis: ['5.2.3', '5.2.4', '5.2.5'],
  nsa: ['Pod security: host namespaces'],
  entries: [{
    minVersion: 0,
    cel: CEL,
    check: pod => {
      let out: RuleViolation[] | undefined;
      for (let i = 0; i < FIELDS.length; i++) {
        const field = FIELDS[i];
        if (own(pod.spec, field) === true) {
          (out ??= []).push({
            path: pod.path(field),
            detail: `pod must not set ${field}=true`,
            fix: `remove spec.${field} or set it to false`,
          });
        }
      }
      return out ?? NO_VIOLATIONS;
    },
  }],
});
