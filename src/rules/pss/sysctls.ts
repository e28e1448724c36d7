/**
 * # sysctls (baseline)
 *
 * Sysctls can disable security mechanisms or affect all containers on a host; only a safe subset
 * is allowed.
 *
 * Reads:
 * - `spec.securityContext.sysctls[*].name`
 *
 * Allowed values (exact names, cumulative by version):
 * - v1.0: `kernel.shm_rmid_forced`, `net.ipv4.ip_local_port_range`, `net.ipv4.tcp_syncookies`,
 *   `net.ipv4.ping_group_range`, `net.ipv4.ip_unprivileged_port_start`
 * - v1.27: adds `net.ipv4.ip_local_reserved_ports`
 * - v1.29: adds `net.ipv4.tcp_keepalive_time`, `net.ipv4.tcp_fin_timeout`,
 *   `net.ipv4.tcp_keepalive_intvl`, `net.ipv4.tcp_keepalive_probes`
 * - v1.32: adds `net.ipv4.tcp_rmem`, `net.ipv4.tcp_wmem`
 * - v1.37: adds `net.ipv4.tcp_slow_start_after_idle`, `net.ipv4.tcp_notsent_lowat`
 *
 * Entries: v1.0; v1.27; v1.29; v1.32; v1.37.
 *
 * Findings: one per forbidden sysctl.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
 * @internal
 */
import { BASELINE_URI, NO_VIOLATIONS, q, VersionedValues } from './_common';
import { asObject, own } from '../../engine/_util';
import { CelCheck, celHas, CEL_SPEC, celStrings } from '../../engine/cel';
import { PodView } from '../../engine/pod';
import { defineRule } from '../../engine/rule';
import { PssLevel, RuleViolation, Severity } from '../../engine/types';

const ALLOWED_1_0 = [
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
];
const ALLOWED_1_27 = [...ALLOWED_1_0, 'net.ipv4.ip_local_reserved_ports'];
const ALLOWED_1_29 = [
  ...ALLOWED_1_27,
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
];
const ALLOWED_1_32 = [...ALLOWED_1_29, 'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'];
const ALLOWED_1_37 = [...ALLOWED_1_32, 'net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat'];

/** The safe sysctls, by the version they are allowed from. @internal */
export const SAFE_SYSCTLS: VersionedValues = [
  { minVersion: 0, values: ALLOWED_1_0 },
  { minVersion: 27, values: ALLOWED_1_27 },
  { minVersion: 29, values: ALLOWED_1_29 },
  { minVersion: 32, values: ALLOWED_1_32 },
  { minVersion: 37, values: ALLOWED_1_37 },
];

function checkWith(names: readonly string[]): (pod: PodView) => RuleViolation[] {
  const allowed = new Set(names);
  return pod => {
    let out: RuleViolation[] | undefined;
    const sysctlList = own(pod.securityContext, 'sysctls');
    if (!Array.isArray(sysctlList)) return out ?? NO_VIOLATIONS;
    for (let i = 0; i < sysctlList.length; i++) {
      const entry = asObject(sysctlList[i]);
      if (!entry) continue;
      const raw = own(entry, 'name');
      const name = typeof raw === 'string' ? raw : '';
      if (allowed.has(name)) continue;
      (out ??= []).push({
        path: pod.path('securityContext', 'sysctls', i, 'name'),
        detail: `pod must not set sysctl ${q(name)}`,
      });
    }
    return out ?? NO_VIOLATIONS;
  };
}

/** CEL: every sysctl name is in the allowed set. */
function celWith(names: readonly string[]): CelCheck {
  const path = ['securityContext', 'sysctls'];
  return { pod: `!(${celHas(CEL_SPEC, path)}) || ${CEL_SPEC}.securityContext.sysctls.all(s, has(s.name) && s.name in ${celStrings(names)})` };
}

export const sysctls = defineRule({
  id: 'sysctls',
  level: PssLevel.BASELINE,
  scope: 'pod',
  defaultSeverity: Severity.ERROR,
  description: 'Pods may only set sysctls from the safe set of their policy version.',
  message: 'forbidden sysctls',
  fix: 'remove the sysctl from spec.securityContext.sysctls',
  helpUri: BASELINE_URI,
  entries: SAFE_SYSCTLS.map(e => ({ minVersion: e.minVersion, cel: celWith(e.values), check: checkWith(e.values) })),
});
