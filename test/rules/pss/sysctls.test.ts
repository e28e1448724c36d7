import { findingsOf, podWith, summary } from './_pod';
import { PssLevel } from '../../../src';

const withSysctls = (...names: string[]) => podWith(p => { p.spec.securityContext.sysctls = names.map(name => ({ name, value: '1' })); });

describe('sysctls', () => {
  test.each([
    'kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies',
    'net.ipv4.ping_group_range', 'net.ipv4.ip_unprivileged_port_start',
  ])('passes when %s is set, from v1.0', name => {
    expect(findingsOf('sysctls', withSysctls(name), { level: PssLevel.BASELINE, version: 'v1.0' })).toEqual([]);
  });

  test.each<[string, string, string]>([
    ['net.ipv4.ip_local_reserved_ports', 'v1.26', 'v1.27'],
    ['net.ipv4.tcp_keepalive_time', 'v1.28', 'v1.29'],
    ['net.ipv4.tcp_fin_timeout', 'v1.28', 'v1.29'],
    ['net.ipv4.tcp_keepalive_intvl', 'v1.28', 'v1.29'],
    ['net.ipv4.tcp_keepalive_probes', 'v1.28', 'v1.29'],
    ['net.ipv4.tcp_rmem', 'v1.31', 'v1.32'],
    ['net.ipv4.tcp_wmem', 'v1.31', 'v1.32'],
    ['net.ipv4.tcp_slow_start_after_idle', 'v1.36', 'v1.37'],
    ['net.ipv4.tcp_notsent_lowat', 'v1.36', 'v1.37'],
  ])('%s fails at %s and passes from %s', (name, before, from) => {
    // GIVEN a sysctl added to the allow-list at `from`
    const pod = withSysctls(name);
    // WHEN evaluated at baseline before and at that version
    // THEN only the older version denies it
    expect(findingsOf('sysctls', pod, { level: PssLevel.BASELINE, version: before }).map(f => f.detail)).toEqual([`pod must not set sysctl "${name}"`]);
    expect(findingsOf('sysctls', pod, { level: PssLevel.BASELINE, version: from })).toEqual([]);
    expect(findingsOf('sysctls', pod, { level: PssLevel.BASELINE })).toEqual([]);
  });

  test('fails when a sysctl outside the safe set is set, one finding per sysctl', () => {
    // GIVEN an allowed sysctl between two forbidden ones (matching is exact: no wildcards)
    const pod = withSysctls('kernel.msgmax', 'net.ipv4.tcp_syncookies', 'net.ipv4.*');
    // WHEN evaluated at baseline
    const findings = findingsOf('sysctls', pod, { level: PssLevel.BASELINE });
    // THEN each forbidden name is reported at its entry
    expect(findings.map(summary)).toEqual([
      { path: '/spec/securityContext/sysctls/0/name', paths: ['/spec/securityContext/sysctls/0/name'], message: 'forbidden sysctls', detail: 'pod must not set sysctl "kernel.msgmax"' },
      { path: '/spec/securityContext/sysctls/2/name', paths: ['/spec/securityContext/sysctls/2/name'], message: 'forbidden sysctls', detail: 'pod must not set sysctl "net.ipv4.*"' },
    ]);
  });

  test('fails when a sysctl has no name', () => {
    const pod = podWith(p => { p.spec.securityContext.sysctls = [{ value: '1' }]; });
    expect(findingsOf('sysctls', pod, { level: PssLevel.BASELINE }).map(f => f.detail)).toEqual(['pod must not set sysctl ""']);
  });
});
