/**
 * # procMount_restricted (restricted)
 *
 * At the restricted level, the default /proc masks must be kept even in a user namespace.
 *
 * Reads, for init, regular and ephemeral containers:
 * - `securityContext.procMount`
 *
 * Allowed values: absent or `Default`, whatever `spec.hostUsers` is.
 *
 * Entries: v1.35 (overrides baseline `procMount`). Before v1.35 the restricted level runs the
 * baseline `procMount`, which was strict then.
 *
 * Findings: one per container.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
 * @internal
 */
import { RESTRICTED_URI } from './_common';
import { PROC_MOUNT_FIX, STRICT_PROC_MOUNT_CEL, strictProcMount } from './procMount';
import { defineRule } from '../../engine/rule';
import { PssLevel, Severity } from '../../engine/types';

export const procMount_restricted = defineRule({
  id: 'procMount_restricted',
  level: PssLevel.RESTRICTED,
  scope: 'pod',
  defaultSeverity: Severity.ERROR,
  description: 'Containers must keep the default /proc mask, even in a user namespace.',
  message: 'procMount',
  fix: PROC_MOUNT_FIX,
  helpUri: RESTRICTED_URI,
  entries: [
    { minVersion: 35, overrides: ['procMount'], cel: STRICT_PROC_MOUNT_CEL, check: strictProcMount },
  ],
});
