import { execFileSync } from 'child_process';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
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

/** Validates manifests against the Kubernetes models of `kubernetes-models`, strictly (see the script). */
export function schemaErrors(manifests: any[]): string[] {
  const script = path.join(__dirname, 'k8s-schema-validate.mjs');
  const out = execFileSync(process.execPath, [script], { input: JSON.stringify(manifests), encoding: 'utf8' });
  return JSON.parse(out);
}

/** A pinned image from a trusted registry. */
export const IMAGE = 'registry.example.com/team/app:1.4.2';
/** The same, pinned by digest. */
export const DIGEST_IMAGE = `registry.example.com/team/app@sha256:${'ab'.repeat(32)}`;
