import * as fs from 'fs';
import * as path from 'path';
import { DIGEST_A, GRYPE_DIGEST, TRIVY_REPO, fixture, trivyWithDigests } from './_fixtures';

/** The images of the scenario's Pod: scanned by Trivy, scanned by Grype, and unpinned. */
export const IMAGES = {
  alpine: `${TRIVY_REPO}:alpine-39@${DIGEST_A}`,
  grype: `registry.example.com/app@${GRYPE_DIGEST}`,
  unpinned: 'registry.example.com/tools:1.0',
};

/** A Pod (compliant with restricted) whose three containers use the scenario's images. */
export const POD = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'shop' },
  spec: {
    securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
    containers: [['app', IMAGES.alpine], ['worker', IMAGES.grype], ['tools', IMAGES.unpinned]].map(([name, image]) => ({
      name,
      image,
      securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
    })),
  },
};

/** An OpenVEX statement that musl in the alpine image is not affected by CVE-2019-14697. */
export const VEX = {
  '@context': 'https://openvex.dev/ns/v0.2.0',
  'timestamp': '2026-01-01T00:00:00Z',
  'statements': [{
    vulnerability: { name: 'CVE-2019-14697' },
    products: [{ '@id': `pkg:oci/trivy-test-images@${encodeURIComponent(DIGEST_A)}?repository_url=${TRIVY_REPO}`, 'subcomponents': [{ '@id': 'pkg:apk/alpine/musl' }] }],
    status: 'not_affected',
    justification: 'vulnerable_code_not_in_execute_path',
  }],
};

/** The acceptance of the scenario (of Grype's unfixed critical entry). */
export const ACCEPTANCE = { id: 'CVE-1999-0002', reason: 'package-2 is only used at build time', expires: '2099-12-31' };

/** Writes the scenario's reports, VEX document and manifest into `dir` (files under reports/ and vex/). */
export function writeScenario(dir: string): { alpine: string; grype: string; vex: string; manifest: string } {
  const write = (rel: string, content: unknown) => {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    return file;
  };
  return {
    alpine: write('reports/alpine.json', trivyWithDigests('alpine-39', DIGEST_A)),
    grype: write('reports/grype.json', fixture('grype/TestJsonImgsPresenter.json')),
    vex: write('vex/musl.json', VEX),
    manifest: write('manifests/pod.json', POD),
  };
}

/** What every front end must report for the scenario: container, message, suppression. */
export interface Verdict {
  readonly container?: string;
  readonly message: string;
  readonly suppressed: boolean;
  readonly reason?: string;
  readonly by?: string;
}

/** The one verdict for the scenario, whichever front end runs it. */
export const VERDICT: Verdict[] = [
  { container: 'app', message: 'critical vulnerability CVE-2019-14697', suppressed: true, reason: 'not_affected: vulnerable_code_not_in_execute_path', by: 'vex:VEX' },
  { container: 'app', message: 'critical vulnerability CVE-2019-14697', suppressed: false },
  { container: 'worker', message: 'critical vulnerability CVE-1999-0002', suppressed: true, reason: ACCEPTANCE.reason, by: 'vulnerabilities.accept' },
  { container: 'tools', message: 'image not pinned by digest', suppressed: false },
];

/** The verdicts of report results (of any front end), with the VEX file's name replaced by VEX. */
/** What `verdictOf` reads of a report result or a guard finding. */
export interface VerdictSource {
  readonly ruleId: string;
  readonly container?: string;
  readonly message: string;
  readonly suppressed: boolean;
  readonly suppressionReason?: string;
  readonly suppressedBy?: string;
}

export function verdictOf(results: readonly VerdictSource[]): Verdict[] {
  return results.filter(r => r.ruleId === 'imageVulnerabilities').map(r => ({
    ...(r.container !== undefined ? { container: r.container } : {}),
    message: r.message,
    suppressed: r.suppressed,
    ...(r.suppressionReason !== undefined ? { reason: r.suppressionReason } : {}),
    ...(r.suppressedBy !== undefined ? { by: r.suppressedBy.startsWith('vex:') ? 'vex:VEX' : r.suppressedBy } : {}),
  }));
}
