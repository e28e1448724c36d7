/**
 * # hostPathReadOnly
 *
 * A hostPath volume, where an exception allows one, must be mounted read-only: a container that
 * can write to the node's file system can plant binaries, change kubelet or runtime
 * configuration, or fill the node's disk.
 *
 * Reads:
 * - `spec.volumes[]`: `name` and `hostPath.path` of the hostPath volumes
 * - `volumeMounts[]` of init, regular and ephemeral containers: `name` and `readOnly`
 *
 * Allowed values: every mount of a hostPath volume sets `readOnly: true`. The Pod Security
 * Standards forbid hostPath volumes altogether (`hostPathVolumes`, `restrictedVolumes`); this
 * rule is for the pods that are granted an exception to them. One violation per mount.
 *
 * Parameters:
 * - `allowedPaths`: host paths that may be mounted writable (a path, or a prefix ending in
 *   `*`). Default: none.
 *
 * @see https://github.com/cdk8s-guard/cdk8s-guard/blob/main/RULES.md#hostpathreadonly
 * @internal
 */
import { matchesName, NONE, NSA, ruleDocUrl, validatePatternParams } from './_common';
import { asObject, own } from '../../engine/_util';
import { defineRule } from '../../engine/rule';
import { RuleViolation, Severity } from '../../engine/types';

export const hostPathReadOnly = defineRule({
  id: 'hostPathReadOnly',
  scope: 'pod',
  defaultSeverity: Severity.ERROR,
  description: 'Containers must mount hostPath volumes read-only.',
  message: 'writable hostPath mount',
  fix: 'set readOnly: true on the volumeMount of the hostPath volume',
  helpUri: ruleDocUrl('hostPathReadOnly'),
  nsa: [NSA.immutable],
  params: [{
    name: 'allowedPaths',
    type: 'string[]',
    description: 'Host paths that may be mounted writable (exact, or a prefix ending in `*`).',
    default: '[] (none)',
  }],
  validateParams: params => validatePatternParams(params, ['allowedPaths'], '["/var/lib/agent", "/run/agent/*"]'),
  entries: [{
    minVersion: 0,
    check: (pod, ctx) => {
      const volumes = own(pod.spec, 'volumes');
      if (!Array.isArray(volumes)) return NONE;
      let hostPaths: Map<string, string> | undefined;
      for (let i = 0; i < volumes.length; i++) {
        const v = asObject(volumes[i]);
        const hostPath = asObject(own(v, 'hostPath'));
        const name = own(v, 'name');
        if (!hostPath || typeof name !== 'string') continue;
        const path = own(hostPath, 'path');
        (hostPaths ??= new Map()).set(name, typeof path === 'string' ? path : '');
      }
      if (!hostPaths) return NONE;
      let out: RuleViolation[] | undefined;
      for (let ci = 0; ci < pod.containers.length; ci++) {
        const c = pod.containers[ci];
        const mounts = own(c.spec, 'volumeMounts');
        if (!Array.isArray(mounts)) continue;
        for (let j = 0; j < mounts.length; j++) {
          const name = own(mounts[j], 'name');
          if (typeof name !== 'string' || !hostPaths.has(name) || own(mounts[j], 'readOnly') === true) continue;
          const hostPath = hostPaths.get(name)!;
          if (matchesName(ctx.params.allowedPaths, hostPath)) continue;
          const mountPath = own(mounts[j], 'mountPath');
          (out ??= []).push({
            container: c.name,
            path: pod.containerPath(c, 'volumeMounts', j),
            detail: `container "${c.name}" mounts hostPath volume "${name}" (host path ${JSON.stringify(hostPath)}) at ${JSON.stringify(typeof mountPath === 'string' ? mountPath : '')} without readOnly: true`,
          });
        }
      }
      return out ?? NONE;
    },
  }],
});
