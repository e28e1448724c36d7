/**
 * # rootGroup
 *
 * Pods and containers must not run with the root group (GID 0): files owned by group root,
 * which are common in images, become writable or readable to the process.
 *
 * Reads:
 * - `spec.securityContext.runAsGroup`, `spec.securityContext.fsGroup`,
 *   `spec.securityContext.supplementalGroups` of the pod template
 * - `securityContext.runAsGroup` of init, regular and ephemeral containers
 *
 * Only values that are written are checked: an unset `runAsGroup` leaves the group to the image,
 * which the manifest cannot show. Each field set to 0 is its own violation, even when a container
 * overrides a pod-level 0. Pods with `spec.os.name: windows` are not checked: these fields are
 * not allowed there.
 *
 * Allowed values: any group ID but 0; `supplementalGroups` must not contain 0.
 *
 * @see https://github.com/cdk8s-guard/cdk8s-guard/blob/main/RULES.md#rootgroup
 * @internal
 */
import { NSA, ruleDocUrl, unknownParam } from './_common';
import { own } from '../../engine/_util';
import { CEL_CONTAINER, celHas, celIs, CEL_IS_WINDOWS, CEL_SPEC } from '../../engine/cel';
import { defineRule } from '../../engine/rule';
import { RuleViolation, Severity } from '../../engine/types';

export const rootGroup = defineRule({
  id: 'rootGroup',
  scope: 'pod',
  defaultSeverity: Severity.ERROR,
  description: 'Pods and containers must not run with group ID 0 (runAsGroup, fsGroup, supplementalGroups).',
  message: 'root group',
  fix: 'use a non-zero group ID, e.g. runAsGroup: 10001 and fsGroup: 10001',
  helpUri: ruleDocUrl('rootGroup'),
  cis: ['5.7.3'],
  nsa: [NSA.nonRoot],
  validateParams: params => unknownParam(params, []),
  entries: [{
    minVersion: 0,
    cel: {
      exempt: CEL_IS_WINDOWS,
      pod: `!${celIs(CEL_SPEC, ['securityContext', 'runAsGroup'], '0')} && !${celIs(CEL_SPEC, ['securityContext', 'fsGroup'], '0')}`
        + ` && (!(${celHas(CEL_SPEC, ['securityContext', 'supplementalGroups'])}) || !(0 in ${CEL_SPEC}.securityContext.supplementalGroups))`,
      container: `!${celIs(CEL_CONTAINER, ['securityContext', 'runAsGroup'], '0')}`,
    },
    check: pod => {
      if (pod.isWindows) return [];
      const out: RuleViolation[] = [];
      const sc = pod.securityContext;
      if (own(sc, 'runAsGroup') === 0) {
        out.push({ path: pod.path('securityContext', 'runAsGroup'), detail: 'pod sets securityContext.runAsGroup=0' });
      }
      if (own(sc, 'fsGroup') === 0) {
        out.push({ path: pod.path('securityContext', 'fsGroup'), detail: 'pod sets securityContext.fsGroup=0' });
      }
      const groups = own(sc, 'supplementalGroups');
      if (Array.isArray(groups)) {
        groups.forEach((g, i) => {
          if (g === 0) {
            out.push({
              path: pod.path('securityContext', 'supplementalGroups', i),
              detail: 'pod lists group 0 in securityContext.supplementalGroups',
              fix: 'remove 0 from securityContext.supplementalGroups',
            });
          }
        });
      }
      for (let i = 0; i < pod.containers.length; i++) {
        const c = pod.containers[i];
        if (own(pod.containerSecurityContext(c), 'runAsGroup') === 0) {
          out.push({
            container: c.name,
            path: pod.containerPath(c, 'securityContext', 'runAsGroup'),
            detail: `container "${c.name}" sets securityContext.runAsGroup=0`,
          });
        }
      }
      return out;
    },
  }],
});
