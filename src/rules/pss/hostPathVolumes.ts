/**
 * # hostPathVolumes (baseline)
 *
 * HostPath volumes must be forbidden.
 *
 * Reads:
 * - `spec.volumes[*].hostPath`
 *
 * Allowed values: absent (or null).
 *
 * Entries: v1.0. At the restricted level, `restrictedVolumes` replaces this check (from v1.0).
 *
 * Findings: one per hostPath volume.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
 * @internal
 */
import { BASELINE_URI, NO_VIOLATIONS, q } from './_common';
import { asObject, own } from '../../engine/_util';
import { CelCheck, CEL_SPEC } from '../../engine/cel';
import { defineRule } from '../../engine/rule';
import { PssLevel, RuleViolation, Severity } from '../../engine/types';

/** CEL: no volume uses hostPath. */
const CEL: CelCheck = { pod: `!has(${CEL_SPEC}.volumes) || ${CEL_SPEC}.volumes.all(v, !has(v.hostPath))` };

export const hostPathVolumes = defineRule({
  id: 'hostPathVolumes',
  level: PssLevel.BASELINE,
  scope: 'pod',
  defaultSeverity: Severity.ERROR,
  description: 'Pods must not mount hostPath volumes.',
  message: 'hostPath volumes',
  fix: 'replace the hostPath volume with a configMap, secret, emptyDir or persistentVolumeClaim volume',
  helpUri: BASELINE_URI,
  nsa: ['Pod security: immutable container file systems'],
  entries: [{
    minVersion: 0,
    cel: CEL,
    check: pod => {
      let out: RuleViolation[] | undefined;
      const volumes = own(pod.spec, 'volumes');
      if (!Array.isArray(volumes)) return out ?? NO_VIOLATIONS;
      for (let i = 0; i < volumes.length; i++) {
        const v = asObject(volumes[i]);
        const hostPath = own(v, 'hostPath');
        if (hostPath === undefined || hostPath === null) continue;
        (out ??= []).push({
          path: pod.path('volumes', i, 'hostPath'),
          detail: `volume ${q(own(v, 'name'))} must not use hostPath`,
        });
      }
      return out ?? NO_VIOLATIONS;
    },
  }],
});
