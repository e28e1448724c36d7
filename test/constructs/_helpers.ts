import { execFileSync } from 'child_process';
import * as path from 'path';
import { Chart, Cron, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { ImportSchema } from './_k8s-import-schema';
import {
  AppArmorProfileType, KubernetesVersion, SecureCronJob, SecureDaemonSet, SecureDeployment, SecureJob, SecureNamespace,
  SecurePod, SecureStatefulSet,
} from '../../src/constructs';
import { Finding, Severity } from '../../src/engine/types';
import { PolicyEvaluator } from '../../src/evaluator';
import { Packs } from '../../src/packs';

/** A chart in namespace `apps` (so that `defaultNamespace` has a namespace to look at). */
export function newChart(): Chart {
  return new Chart(Testing.app(), 'test', { namespace: 'apps' });
}

/** The first manifest of this kind. */
export function manifestOf(manifests: any[], kind: string): any {
  const found = manifests.find(m => m.kind === kind);
  if (!found) throw new Error(`no ${kind} in ${manifests.map(m => m.kind).join(', ')}`);
  return found;
}

/** The pod spec of a pod-bearing manifest. */
export function podSpecOf(manifest: any): any {
  switch (manifest.kind) {
    case 'Pod': return manifest.spec;
    case 'CronJob': return manifest.spec.jobTemplate.spec.template.spec;
    default: return manifest.spec.template.spec;
  }
}

/** The pod template metadata of a pod-bearing manifest. */
export function podMetadataOf(manifest: any): any {
  switch (manifest.kind) {
    case 'Pod': return manifest.metadata;
    case 'CronJob': return manifest.spec.jobTemplate.spec.template.metadata;
    default: return manifest.spec.template.metadata;
  }
}

/** The registries the tests trust (the hardened pack needs them). */
export const TRUSTED = ['docker.io/library/', 'registry.example.com/'];

/** Evaluates with the hardened pack (restricted at latest plus every organization rule). */
export function hardenedFindings(manifests: any[]): Finding[] {
  return new PolicyEvaluator({ packs: [Packs.HARDENED], ruleParams: { imageRegistry: { allowed: TRUSTED } } }).evaluateAll(manifests);
}

/** Evaluates with the pss-restricted pack at latest. */
export function restrictedFindings(manifests: any[]): Finding[] {
  return new PolicyEvaluator({ packs: [Packs.PSS_RESTRICTED] }).evaluateAll(manifests);
}

/** `ruleId: detail` of the error findings. */
export function errorsOf(findings: Finding[]): string[] {
  return findings.filter(f => f.severity === Severity.ERROR).map(f => `${f.ruleId}: ${f.detail}`);
}

/** The Kubernetes version of the API imports of cdk8s-plus-28 (the default target of the constructs). */
export const IMPORTS_VERSION = KubernetesVersion.V1_28;

/** The Kubernetes 1.28 schema, from the API imports of cdk8s-plus-28 (parsed once per test file). */
export function k8s128Schema(): ImportSchema {
  return ImportSchema.of('cdk8s-plus-28', IMPORTS_VERSION.toString());
}

/** The Kubernetes 1.33 schema, from the API imports of cdk8s-plus-33 (parsed once per test file). */
export function k8s133Schema(): ImportSchema {
  return ImportSchema.of('cdk8s-plus-33', '1.33');
}

function importSchemaErrors(schema: ImportSchema, manifests: any[]): string[] {
  return manifests.flatMap((m, i) => schema.errors(m).map(e => `#${i} ${m?.kind} ${m?.metadata?.name ?? ''}: ${e}`));
}

/** The problems the Kubernetes 1.28 schema finds, as `#<index> <kind> <name>: <pointer>: <problem>`. */
export function k8s128Errors(manifests: any[]): string[] {
  return importSchemaErrors(k8s128Schema(), manifests);
}

/**
 * Validates manifests against the Kubernetes schema of the version they target, strictly (no
 * unknown field):
 * - a target up to 1.28 is checked against the Kubernetes 1.28 schema of the cdk8s-plus-28 API
 *   imports (fields, types, required fields; see `_k8s-import-schema.ts`); a field that only newer
 *   versions have fails. Targets older than 1.28 get the same check (1.28 is the oldest schema
 *   available);
 * - a target from 1.29 to 1.33 is checked the same way against the Kubernetes 1.33 schema of the
 *   cdk8s-plus-33 API imports;
 * - every target is also checked against `kubernetes-models` (validator compiled from the OpenAPI
 *   schema of a recent Kubernetes, 1.35-era, plus a strict unknown-field walk; see
 *   `k8s-schema-validate.mjs`). Stable APIs only ever gain fields, so valid output for an older
 *   target passes it too; for targets after 1.28 it is the version-specific schema.
 */
export function schemaErrors(manifests: any[], target: KubernetesVersion): string[] {
  const script = path.join(__dirname, 'k8s-schema-validate.mjs');
  const out = execFileSync(process.execPath, [script], { input: JSON.stringify(manifests), encoding: 'utf8' });
  const errors = (JSON.parse(out) as string[]).map(e => `kubernetes-models: ${e}`);
  if (!target.isAtLeast(IMPORTS_VERSION.minor + 1)) return [...k8s128Errors(manifests).map(e => `Kubernetes 1.28: ${e}`), ...errors];
  if (!target.isAtLeast(34)) return [...importSchemaErrors(k8s133Schema(), manifests).map(e => `Kubernetes 1.33: ${e}`), ...errors];
  return errors;
}

/** A pinned image from a trusted registry. */
export const IMAGE = 'registry.example.com/team/app:1.4.2';
/** The same, pinned by digest. */
export const DIGEST_IMAGE = `registry.example.com/team/app@sha256:${'ab'.repeat(32)}`;

/** Builds a secure workload named `w` in a chart. */
export type WorkloadFactory = (chart: Chart, props: any) => kplus.AbstractPod;

/** Every secure workload: construct name, the kind it synthesizes, and a factory. */
export const WORKLOADS: Array<[string, string, WorkloadFactory]> = [
  ['SecurePod', 'Pod', (c, p) => new SecurePod(c, 'w', p)],
  ['SecureDeployment', 'Deployment', (c, p) => new SecureDeployment(c, 'w', p)],
  // A StatefulSet needs a port for its headless service.
  ['SecureStatefulSet', 'StatefulSet', (c, p) => new SecureStatefulSet(c, 'w', { ...p, containers: p.containers.map((x: any) => ({ portNumber: 8080, ...x })) })],
  ['SecureDaemonSet', 'DaemonSet', (c, p) => new SecureDaemonSet(c, 'w', p)],
  ['SecureJob', 'Job', (c, p) => new SecureJob(c, 'w', p)],
  ['SecureCronJob', 'CronJob', (c, p) => new SecureCronJob(c, 'w', { schedule: Cron.daily(), ...p })],
];

/** A chart with a SecureNamespace "apps" (its default-deny policy selects the workload's pods). */
export function chartWithNamespace(): Chart {
  const chart = newChart();
  new SecureNamespace(chart, 'ns', { name: 'apps' });
  return chart;
}

/**
 * Props that use every escape hatch of the secure workloads. Valid at every supported target:
 * below 1.30 AppArmor becomes annotations, from 1.30 the `appArmorProfile` fields.
 */
export const EVERY_OPTION = {
  containers: [{
    name: 'app',
    image: IMAGE,
    writablePaths: ['/tmp'],
    seLinuxOptions: { type: 'container_t', level: 's0:c1,c2' },
    appArmorProfile: { type: AppArmorProfileType.LOCALHOST, localhostProfile: 'k8s-app' },
    securityContext: { user: 1000, group: 1000, seccompProfile: { type: kplus.SeccompProfileType.LOCALHOST, localhostProfile: 'profiles/app.json' } },
  }],
  initContainers: [{ image: IMAGE }],
  seccompProfile: { type: kplus.SeccompProfileType.RUNTIME_DEFAULT },
  appArmorProfile: { type: AppArmorProfileType.RUNTIME_DEFAULT },
  seLinuxOptions: { level: 's0:c1,c2' },
  supplementalGroups: [2000],
  hostUsers: false,
  securityContext: { fsGroup: 3000, fsGroupChangePolicy: kplus.FsGroupChangePolicy.ON_ROOT_MISMATCH, sysctls: [{ name: 'net.ipv4.tcp_syncookies', value: '1' }] },
};
