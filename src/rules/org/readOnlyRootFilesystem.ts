/**
 * # readOnlyRootFilesystem
 *
 * Containers must run with a read-only root filesystem, so that an attacker cannot change the
 * container's binaries or drop tools into it. Writable paths are mounted as volumes (an
 * `emptyDir` for `/tmp`, for instance).
 *
 * Reads, for init, regular and ephemeral containers:
 * - `securityContext.readOnlyRootFilesystem`
 *
 * Pods with `spec.os.name: windows` are not checked: Kubernetes does not allow the field there.
 *
 * Allowed values: `true`.
 *
 * @see https://github.com/cdk8s-guard/cdk8s-guard/blob/main/RULES.md#readonlyrootfilesystem
 * @internal
 */
import { NSA, ruleDocUrl, unknownParam } from './_common';
import { own } from '../../engine/_util';
import { CEL_CONTAINER, celIs, CEL_IS_WINDOWS } from '../../engine/cel';
import { defineRule } from '../../engine/rule';
import { RuleViolation, Severity } from '../../engine/types';

export const readOnlyRootFilesystem = defineRule({
  id: 'readOnlyRootFilesystem',
  scope: 'pod',
  defaultSeverity: Severity.ERROR,
  description: 'Containers must set securityContext.readOnlyRootFilesystem to true.',
  message: 'readOnlyRootFilesystem != true',
  fix: 'set securityContext.readOnlyRootFilesystem: true and mount writable paths as volumes',
  helpUri: ruleDocUrl('readOnlyRootFilesystem'),
  cis: ['5.7.3'],
  nsa: [NSA.immutable],
  validateParams: params => unknownParam(params, []),
  entries: [{
    minVersion: 0,
    cel: { exempt: CEL_IS_WINDOWS, container: celIs(CEL_CONTAINER, ['securityContext', 'readOnlyRootFilesystem'], 'true') },
    check: pod => {
      if (pod.isWindows) return [];
      const out: RuleViolation[] = [];
      for (let i = 0; i < pod.containers.length; i++) {
        const c = pod.containers[i];
        const value = own(pod.containerSecurityContext(c), 'readOnlyRootFilesystem');
        if (value === true) continue;
        out.push({
          container: c.name,
          path: pod.containerPath(c, 'securityContext', 'readOnlyRootFilesystem'),
          detail: value === false
            ? `container "${c.name}" sets securityContext.readOnlyRootFilesystem=false`
            : `container "${c.name}" must set securityContext.readOnlyRootFilesystem=true`,
        });
      }
      return out;
    },
  }],
});
