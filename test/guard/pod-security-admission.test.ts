/**
 * The namespace's pod-security admission at synth time: a workload whose findings are suppressed
 * by its exceptions is still rejected by the API server when its namespace enforces the level.
 */
import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { MemoryLogger } from './_helpers';
import { SecureDaemonSet, SecureNamespace, SecureNamespaceProps } from '../../src/constructs';
import { PssLevel } from '../../src/engine';
import { PolicyGuard } from '../../src/guard';

const IMAGE = 'registry.example.com/log-agent:1.0@sha256:' + 'a'.repeat(64);

/** A log agent with hostPath and root exceptions in namespace `payments`. */
function logAgentApp(namespace: SecureNamespaceProps) {
  const chart = new Chart(Testing.app(), 'app');
  const ns = new SecureNamespace(chart, 'payments', { name: 'payments', ...namespace });
  new SecureDaemonSet(chart, 'log-agent', {
    metadata: { name: 'log-agent', namespace: ns.name },
    containers: [{ name: 'agent', image: IMAGE, exceptions: { runAsRoot: { reason: 'reads root-owned node logs' } } }],
    exceptions: { hostPath: { reason: 'ships node logs to the collector', paths: ['/var/log'] } },
    volumes: [kplus.Volume.fromHostPath(chart, 'log', 'log', { path: '/var/log' })],
  });
  const guard = PolicyGuard.of(chart, { reportFormats: [], logger: new MemoryLogger() });
  return { chart, guard };
}

describe('podSecurityAdmission in the guard', () => {
  test('fails when a restricted namespace rejects a workload whose findings are suppressed', () => {
    // GIVEN the log agent with its exceptions in a restricted SecureNamespace
    const { guard } = logAgentApp({});
    // WHEN the guard evaluates the app
    const findings = guard.findings();
    // THEN the PSS findings are suppressed, but the namespace's admission rejects the pods, unsuppressed
    expect(findings.filter(f => f.ruleId !== 'podSecurityAdmission').every(f => f.suppressed)).toBe(true);
    const admission = findings.filter(f => f.ruleId === 'podSecurityAdmission');
    expect(admission.map(f => [f.severity, f.suppressed, f.message, f.detail])).toEqual([
      ['error', false, 'pod-security admission of the namespace rejects the pods',
        'pod-security admission of namespace "payments" (label pod-security.kubernetes.io/enforce=restricted, enforce-version=latest) rejects the pods of DaemonSet "log-agent": restricted:latest fails restrictedVolumes, runAsNonRoot'
        + '; suppressed here but not in the cluster: restrictedVolumes (by app/log-agent: ships node logs to the collector), runAsNonRoot (by app/log-agent: reads root-owned node logs)'],
      ['warning', false, 'pod-security admission of the namespace warns about the pods',
        'pod-security admission of namespace "payments" (label pod-security.kubernetes.io/warn=restricted, warn-version=latest) warns about the pods of DaemonSet "log-agent": restricted:latest fails restrictedVolumes, runAsNonRoot'
        + '; suppressed here but not in the cluster: restrictedVolumes (by app/log-agent: ships node logs to the collector), runAsNonRoot (by app/log-agent: reads root-owned node logs)'],
      ['warning', false, 'pod-security admission of the namespace audits the pods',
        'pod-security admission of namespace "payments" (label pod-security.kubernetes.io/audit=restricted, audit-version=latest) audits the pods of DaemonSet "log-agent": restricted:latest fails restrictedVolumes, runAsNonRoot'
        + '; suppressed here but not in the cluster: restrictedVolumes (by app/log-agent: ships node logs to the collector), runAsNonRoot (by app/log-agent: reads root-owned node logs)'],
    ]);
  });

  test('fails the synth in enforce mode', () => {
    // GIVEN the same app WHEN it is synthesized THEN the synth fails on podSecurityAdmission
    const { chart } = logAgentApp({});
    expect(() => Testing.synth(chart)).toThrow(/podSecurityAdmission/);
  });

  test('a namespace labelled privileged accepts the same workload', () => {
    // GIVEN the log agent in a namespace that enforces, warns and audits privileged
    const { guard, chart } = logAgentApp({ enforce: PssLevel.PRIVILEGED, warn: PssLevel.PRIVILEGED, audit: PssLevel.PRIVILEGED });
    // WHEN the guard evaluates it THEN there is no podSecurityAdmission finding, and the synth passes
    expect(guard.findings().filter(f => f.ruleId === 'podSecurityAdmission')).toEqual([]);
    expect(() => Testing.synth(chart)).not.toThrow();
  });

  test('restrictedPolicy mode: pod-security admission enforces baseline, and warns and audits restricted', () => {
    // GIVEN the restrictedPolicy mode, which enforces baseline (hostPath is still forbidden by baseline)
    const { guard } = logAgentApp({ restrictedPolicy: {} });
    // WHEN the guard evaluates it
    const admission = guard.findings().filter(f => f.ruleId === 'podSecurityAdmission');
    // THEN baseline rejects the hostPath volume, and restricted warns and audits
    expect(admission.map(f => [f.severity, f.detail.split(': ')[1]])).toEqual([
      ['error', 'baseline:latest fails hostPathVolumes'],
      ['warning', 'restricted:latest fails restrictedVolumes, runAsNonRoot; suppressed here but not in the cluster'],
      ['warning', 'restricted:latest fails restrictedVolumes, runAsNonRoot; suppressed here but not in the cluster'],
    ]);
  });
});
