import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { KubernetesVersion, SecurePod } from '../../src/constructs';
import { PssLevel } from '../../src/engine';
import { PolicyEvaluator } from '../../src/evaluator';
import { Suppressions } from '../../src/guard';

/**
 * The golden constructs read the Pod Security Standards tables of the rules (safe sysctls, SELinux
 * types, seccomp types, capabilities): at every Kubernetes version they refuse, or turn into a
 * reasoned exception, exactly the values the matching rule reports.
 */

const IMAGE = 'registry.example.com/app@sha256:' + 'a'.repeat(64);
const MINORS = Array.from({ length: 38 - KubernetesVersion.MIN_MINOR }, (_, i) => KubernetesVersion.MIN_MINOR + i);

/** Whether a rule reports a pod with this spec at a version. */
function ruleReports(ruleId: string, level: PssLevel, minor: number, spec: any): boolean {
  const evaluator = new PolicyEvaluator({ level, version: `v1.${minor}` });
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'app', image: IMAGE }], ...spec } };
  return evaluator.evaluate(pod).some(f => f.ruleId === ruleId);
}

/** Whether building a SecurePod with these props throws. */
function constructRefuses(minor: number, props: object): boolean {
  const chart = new Chart(Testing.app(), 'test');
  try {
    new SecurePod(chart, 'pod', { kubernetesVersion: KubernetesVersion.of(`1.${minor}`), containers: [{ image: IMAGE }], ...props } as any);
    return false;
  } catch {
    return true;
  }
}

const SYSCTLS = [
  'kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.ip_local_reserved_ports', 'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes', 'net.ipv4.tcp_rmem',
  'net.ipv4.tcp_wmem', 'net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat', 'kernel.msgmax', 'net.core.somaxconn',
];

test.each(MINORS)('at 1.%i a SecurePod refuses exactly the sysctls the sysctls rule reports', minor => {
  for (const name of SYSCTLS) {
    const reported = ruleReports('sysctls', PssLevel.BASELINE, minor, { securityContext: { sysctls: [{ name, value: '1' }] } });
    expect([name, constructRefuses(minor, { securityContext: { sysctls: [{ name, value: '1' }] } })]).toEqual([name, reported]);
  }
});

const SELINUX_TYPES = ['container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t', 'spc_t', 'unconfined_t'];

test.each(MINORS)('at 1.%i a SecurePod refuses exactly the SELinux types the seLinuxOptions rule reports', minor => {
  for (const type of SELINUX_TYPES) {
    const reported = ruleReports('seLinuxOptions', PssLevel.BASELINE, minor, { securityContext: { seLinuxOptions: { type } } });
    expect([type, constructRefuses(minor, { seLinuxOptions: { type } })]).toEqual([type, reported]);
  }
});

test.each([
  ['RuntimeDefault', undefined],
  ['Localhost', 'profiles/app.json'],
  ['Unconfined', undefined],
])('a SecurePod refuses the seccomp type %s exactly when seccompProfile_restricted reports it', (type, localhostProfile) => {
  const profile = localhostProfile !== undefined ? { type, localhostProfile } : { type };
  const reported = ruleReports('seccompProfile_restricted', PssLevel.RESTRICTED, 37, { securityContext: { seccompProfile: profile } });
  expect(constructRefuses(37, { seccompProfile: profile })).toBe(reported);
});

test.each(Object.values(kplus.Capability).filter(c => c !== kplus.Capability.ALL))('adding %s takes a reasoned exception for exactly the capability rules that report it', cap => {
  // GIVEN a container that adds the capability, with a reason
  const chart = new Chart(Testing.app(), 'test');
  const pod = new SecurePod(chart, 'pod', {
    containers: [{ name: 'app', image: IMAGE, exceptions: { addCapabilities: { capabilities: [cap], reason: 'the app needs this capability' } } }],
  });

  // WHEN
  const exempted = Suppressions.of(pod).map(s => s.ruleId).filter(id => id.startsWith('capabilities_'));

  // THEN
  const spec = { containers: [{ name: 'app', image: IMAGE, securityContext: { capabilities: { drop: ['ALL'], add: [cap] } } }] };
  const reported = [
    ...(ruleReports('capabilities_baseline', PssLevel.BASELINE, 37, spec) ? ['capabilities_baseline'] : []),
    ...(ruleReports('capabilities_restricted', PssLevel.RESTRICTED, 37, spec) ? ['capabilities_restricted'] : []),
  ];
  expect(exempted.sort()).toEqual(reported.sort());
});
