import * as fs from 'fs';
import * as path from 'path';
import { PssLevel } from '../../src/engine/types';
import { PolicyEvaluator } from '../../src/evaluator';
import { buildGate, GateInput } from '../../src/vulnerabilities/gate';
import { scanReportFrom, ScanReport } from '../../src/vulnerabilities/reports';

/** The vendored scanner reports and VEX documents (see ORIGIN.md there). */
export const FIXTURES = path.join(__dirname, '..', 'fixtures', 'vulnerabilities');

/** Digests the tests pin images to. */
export const DIGEST_A = 'sha256:' + 'a1'.repeat(32);
export const DIGEST_B = 'sha256:' + 'b2'.repeat(32);
export const INDEX_DIGEST = 'sha256:' + 'c3'.repeat(32);
/** The manifest digest of Grype's snapshot (source.target.manifestDigest). */
export const GRYPE_DIGEST = 'sha256:ca738abb87a8d58f112d3400ebb079b61ceae7dc290beb34bda735be4b1941d5';
/** The repository Trivy's goldens were built from. */
export const TRIVY_REPO = 'ghcr.io/aquasecurity/trivy-test-images';

/** A vendored JSON file, parsed (a fresh copy each time). */
export function fixture(rel: string): any {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, rel), 'utf8'));
}

/**
 * A copy of one of Trivy's goldens with `Metadata.RepoDigests` added (the goldens scanned
 * tarballs and have none).
 */
export function trivyWithDigests(name: string, ...digests: string[]): any {
  const doc = fixture(`trivy/${name}.json`);
  doc.Metadata.RepoDigests = digests.map(d => `${TRIVY_REPO}@${d}`);
  return doc;
}

/** Reads a parsed report document, failing the test when it is refused. */
export function report(doc: unknown, file: string): ScanReport {
  const parsed = scanReportFrom(doc, file);
  if (!parsed.ok) throw new Error(`fixture refused: ${parsed.error.message}`);
  return parsed.value;
}

/** A fixed moment for expiry and report age: 2026-06-15T12:00:00Z. */
export const NOW = Date.UTC(2026, 5, 15, 12);

/** A Deployment named web whose containers use these images (app, then sidecar). */
export function deploymentWith(...images: string[]): any {
  const names = ['app', 'sidecar', 'third'];
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: images.map((image, i) => ({ name: names[i], image })) },
      },
    },
  };
}

/** Runs only imageVulnerabilities with a gate built from `input` at NOW. */
export function evaluateGate(input: GateInput, manifests: any[]) {
  const { gate, warnings } = buildGate(input, NOW);
  const evaluator = new PolicyEvaluator({ level: PssLevel.PRIVILEGED, rules: [{ ruleId: 'imageVulnerabilities', params: { gate } }] });
  return { findings: evaluator.evaluateAll(manifests), warnings };
}

/** `ID package installed` of each entry of a Trivy report, sorted. */
export function trivyEntries(doc: any): string[] {
  const out: string[] = [];
  for (const r of doc.Results ?? []) for (const v of r.Vulnerabilities ?? []) out.push(`${v.VulnerabilityID} ${v.PkgName} ${v.InstalledVersion}`);
  return out.sort();
}
