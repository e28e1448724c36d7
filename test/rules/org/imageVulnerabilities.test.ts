import { C } from './helpers';
import { PolicyEvaluator } from '../../../src/evaluator';
import { GateInput } from '../../../src/vulnerabilities/gate';
import { VulnerabilitySeverity } from '../../../src/vulnerabilities/types';
import { parseVex } from '../../../src/vulnerabilities/vex';
import {
  DIGEST_A, DIGEST_B, INDEX_DIGEST, GRYPE_DIGEST, TRIVY_REPO, deploymentWith, evaluateGate, fixture, report, trivyEntries, trivyWithDigests,
} from '../../vulnerabilities/_fixtures';

const ALPINE = `${TRIVY_REPO}:alpine-39@${DIGEST_A}`;
const alpine = () => report(trivyWithDigests('alpine-39', DIGEST_A), 'alpine-39.json');
const alpineCve = (pkg: string) =>
  `container "app" image "${ALPINE}": CVE-2019-14697 (critical) in ${pkg} 1.1.20-r4, fixed in 1.1.20-r5 (scan report "alpine-39.json")`;

interface Expected {
  readonly message: string;
  readonly detail: string;
  readonly fix?: string;
  readonly suppression?: { reason: string; by: string };
}

function brief(input: GateInput, images: string[]): { found: Expected[]; warnings: string[] } {
  const { findings, warnings } = evaluateGate(input, [deploymentWith(...images)]);
  for (const f of findings) {
    expect(f.ruleId).toBe('imageVulnerabilities');
    expect(f.severity).toBe('error');
  }
  return {
    found: findings.map(f => ({ message: f.message, detail: f.detail, ...(f.suppression ? { suppression: f.suppression } : {}) })),
    warnings,
  };
}

describe('imageVulnerabilities', () => {
  test.each<[string, () => GateInput, string[], Expected[]]>([
    ['passes when the covering report has nothing at or above the minimum (centos-7 has low and medium only)', () => ({
      reports: [report(trivyWithDigests('centos-7', DIGEST_B), 'centos-7.json')],
    }), [`centos@${DIGEST_B}`], []],
    ['fails for the critical entries only at minSeverity critical', () => ({ reports: [alpine()], minSeverity: VulnerabilitySeverity.CRITICAL, ignoreUnfixed: true, accept: [] }), [ALPINE], [
      { message: 'critical vulnerability CVE-2019-14697', detail: alpineCve('musl') },
      { message: 'critical vulnerability CVE-2019-14697', detail: alpineCve('musl-utils') },
    ]],
    ['fails when the image is pinned by tag only', () => ({ reports: [alpine()] }), [`${TRIVY_REPO}:alpine-39`], [{
      message: 'image not pinned by digest',
      detail: `container "app" uses image "${TRIVY_REPO}:alpine-39", which is not pinned by a sha256 digest, so no scan report can be matched to it`,
    }]],
    ['fails when no report covers the digest', () => ({ reports: [alpine()] }), [`${TRIVY_REPO}@${DIGEST_B}`], [{
      message: 'no scan report covers the image',
      detail: `no scan report covers image "${TRIVY_REPO}@${DIGEST_B}" of container "app"`,
    }]],
    ['fails when no report is given at all', () => ({ reports: [] }), [`nginx@${DIGEST_A}`], [{
      message: 'no scan report covers the image',
      detail: `no scan report covers image "nginx@${DIGEST_A}" of container "app"`,
    }]],
    ['fails when the container has no image', () => ({ reports: [alpine()] }), [''], [{ message: 'image cannot be matched to a scan report', detail: 'container "app" sets no image' }]],
    ['fails when the image is pinned by the multi-arch index digest the report lists', () => ({
      reports: [report(trivyWithDigests('alpine-39', DIGEST_A, INDEX_DIGEST), 'alpine-39.json')],
    }), [`${TRIVY_REPO}@${INDEX_DIGEST}`], [
      { message: 'critical vulnerability CVE-2019-14697', detail: alpineCve('musl').replace(ALPINE, `${TRIVY_REPO}@${INDEX_DIGEST}`) },
      { message: 'critical vulnerability CVE-2019-14697', detail: alpineCve('musl-utils').replace(ALPINE, `${TRIVY_REPO}@${INDEX_DIGEST}`) },
    ]],
    ['fails once per entry when two reports list the same entry', () => ({ reports: [alpine(), report(trivyWithDigests('alpine-39', DIGEST_A), 'again.json')] }), [ALPINE], [
      { message: 'critical vulnerability CVE-2019-14697', detail: alpineCve('musl') },
      { message: 'critical vulnerability CVE-2019-14697', detail: alpineCve('musl-utils') },
    ]],
    ['fails for each container that uses a vulnerable image', () => ({ reports: [alpine()], accept: [] }), [ALPINE, ALPINE], [
      { message: 'critical vulnerability CVE-2019-14697', detail: alpineCve('musl') },
      { message: 'critical vulnerability CVE-2019-14697', detail: alpineCve('musl-utils') },
      { message: 'critical vulnerability CVE-2019-14697', detail: alpineCve('musl').replace('container "app"', 'container "sidecar"') },
      { message: 'critical vulnerability CVE-2019-14697', detail: alpineCve('musl-utils').replace('container "app"', 'container "sidecar"') },
    ]],
    ['fails by Grype manifestDigest, with unfixed entries', () => ({ reports: [report(fixture('grype/TestJsonImgsPresenter.json'), 'grype.json')] }), [`app@${GRYPE_DIGEST}`], [{
      message: 'critical vulnerability CVE-1999-0002',
      detail: `container "app" image "app@${GRYPE_DIGEST}": CVE-1999-0002 (critical) in package-2 2.2.2, no fix available (scan report "grype.json")`,
    }]],
    ['fails, suppressed with its reason, when an acceptance covers the entry', () => ({
      reports: [alpine()],
      accept: [{ id: 'cve-2019-14697', reason: 'musl is not reachable from the app', expires: '2026-06-15', packages: ['musl'], images: [`${TRIVY_REPO}`] }],
    }), [ALPINE], [
      { message: 'critical vulnerability CVE-2019-14697', detail: alpineCve('musl'), suppression: { reason: 'musl is not reachable from the app', by: 'vulnerabilities.accept' } },
      { message: 'critical vulnerability CVE-2019-14697', detail: alpineCve('musl-utils') },
    ]],
    ['fails unsuppressed when the acceptance names other images', () => ({
      reports: [alpine()],
      accept: [{ id: 'CVE-2019-14697', reason: 'musl is not reachable from the app', expires: '2027-01-01', images: ['ghcr.io/aquasecurity/trivy'] }],
    }), [ALPINE], [
      { message: 'critical vulnerability CVE-2019-14697', detail: alpineCve('musl') },
      { message: 'critical vulnerability CVE-2019-14697', detail: alpineCve('musl-utils') },
    ]],
  ])('%s', (_name, input, images, expected) => {
    expect(brief(input(), images).found).toEqual(expected);
  });

  test('fails unsuppressed, with a warning naming it, when the acceptance has expired', () => {
    // GIVEN an acceptance that held until the day before NOW
    const input: GateInput = { reports: [alpine()], accept: [{ id: 'CVE-2019-14697', reason: 'musl is not reachable from the app', expires: '2026-06-14' }] };
    // WHEN the gate runs
    const { found, warnings } = brief(input, [ALPINE]);
    // THEN both entries are errors again, and the expiry is a warning
    expect(found).toEqual([
      { message: 'critical vulnerability CVE-2019-14697', detail: alpineCve('musl') },
      { message: 'critical vulnerability CVE-2019-14697', detail: alpineCve('musl-utils') },
    ]);
    expect(warnings).toEqual(['acceptance of "CVE-2019-14697" expired on 2026-06-14 and no longer suppresses it: fix the vulnerability, or renew the acceptance with a later expires date']);
  });

  test('fails when the covering report is older than maxReportAge', () => {
    // GIVEN Trivy's golden, created 2021-08-25, and a limit of 7 days
    const { found } = brief({ reports: [alpine()], maxReportAge: '7d', minSeverity: VulnerabilitySeverity.CRITICAL }, [ALPINE]);
    // THEN the age is a finding before the vulnerabilities
    expect(found[0]).toEqual({
      message: 'scan report too old',
      detail: `scan report "alpine-39.json" of image "${ALPINE}" (container "app") was created on 2021-08-25, 1754 days ago, more than maxReportAge 7d`,
    });
    expect(found.length).toBe(3);
  });

  test('fails when maxReportAge is set and the report has no creation time', () => {
    const { found } = brief({ reports: [report(fixture('grype/TestJsonImgsPresenter.json'), 'grype.json')], maxReportAge: '12h' }, [`app@${GRYPE_DIGEST}`]);
    expect(found[0]).toEqual({
      message: 'scan report too old',
      detail: `scan report "grype.json" of image "app@${GRYPE_DIGEST}" (container "app") has no creation time, so its age cannot be checked against maxReportAge 12h`,
    });
  });

  test('passes the age check for a report within maxReportAge', () => {
    const doc = trivyWithDigests('alpine-39', DIGEST_A);
    doc.CreatedAt = '2026-06-10T00:00:00Z';
    const { found } = brief({ reports: [report(doc, 'fresh.json')], maxReportAge: '7d' }, [ALPINE]);
    expect(found.map(f => f.message)).toEqual(['critical vulnerability CVE-2019-14697', 'critical vulnerability CVE-2019-14697']);
  });

  test('gives the upgrade as the fix, or how to accept when there is no fix', () => {
    const { findings } = evaluateGate({ reports: [alpine(), report(fixture('grype/TestJsonImgsPresenter.json'), 'grype.json')], minSeverity: VulnerabilitySeverity.LOW },
      [deploymentWith(ALPINE, `app@${GRYPE_DIGEST}`)]);
    expect(findings.map(f => [f.container, f.path, f.fix])).toEqual([
      ['app', `${C}/0/image`, 'upgrade libcrypto1.1 to 1.1.1d-r0'],
      ['app', `${C}/0/image`, 'upgrade libcrypto1.1 to 1.1.1d-r2'],
      ['app', `${C}/0/image`, 'upgrade libssl1.1 to 1.1.1d-r0'],
      ['app', `${C}/0/image`, 'upgrade libssl1.1 to 1.1.1d-r2'],
      ['app', `${C}/0/image`, 'upgrade musl to 1.1.20-r5'],
      ['app', `${C}/0/image`, 'upgrade musl-utils to 1.1.20-r5'],
      ['sidecar', `${C}/1/image`, 'upgrade package-1 to 1.2.1'],
      ['sidecar', `${C}/1/image`, 'no fix is available for package-2 2.2.2: accept the risk under vulnerabilities.accept with id "CVE-1999-0002", a reason of at least 10 characters and an expires date (YYYY-MM-DD)'],
    ]);
  });

  test('says a fix exists when the scanner says so without naming the version', () => {
    const doc = trivyWithDigests('alpine-39', DIGEST_A);
    for (const r of doc.Results) for (const v of r.Vulnerabilities) delete v.FixedVersion;
    const { findings } = evaluateGate({ reports: [report(doc, 'alpine-39.json')] }, [deploymentWith(ALPINE)]);
    expect(findings.map(f => [f.detail, f.fix])).toEqual([
      [alpineCve('musl').replace('fixed in 1.1.20-r5', 'fixed in a later version'), 'upgrade musl to a fixed version'],
      [alpineCve('musl-utils').replace('fixed in 1.1.20-r5', 'fixed in a later version'), 'upgrade musl-utils to a fixed version'],
    ]);
  });

  test('fails when given parameters by hand', () => {
    expect(() => new PolicyEvaluator({ rules: [{ ruleId: 'imageVulnerabilities', params: { reports: ['trivy.json'] } }] }))
      .toThrow(new Error('invalid parameters for rule "imageVulnerabilities": imageVulnerabilities reads scanner reports, which cannot be written as parameters: set the vulnerabilities section of the config file, --scan-report on the command line, or the vulnerabilities property of the guard or the plugin'));
  });
});

describe('imageVulnerabilities agrees with the scanners\' own filters', () => {
  const entriesOf = (findings: ReturnType<typeof evaluateGate>['findings']) =>
    findings.map(f => /: (\S+) \(\w+\) in (\S+) (\S+),/.exec(f.detail)!.slice(1).join(' ')).sort();

  test('alpine-39 at minSeverity high gives the entries of trivy --severity HIGH,CRITICAL', () => {
    // GIVEN the unfiltered golden, pinned to a digest
    const { findings } = evaluateGate({ reports: [alpine()], minSeverity: VulnerabilitySeverity.HIGH }, [deploymentWith(ALPINE)]);
    // THEN our entries are exactly those of the filtered golden
    const filtered = fixture('trivy/alpine-39-high-critical.json');
    expect(findings.length).toBe(trivyEntries(filtered).length);
    expect(entriesOf(findings)).toEqual(trivyEntries(filtered));
  });

  test('centos-7 with ignoreUnfixed gives the entries of trivy --ignore-unfixed', () => {
    const centos = `centos@${DIGEST_B}`;
    const { findings } = evaluateGate({
      reports: [report(trivyWithDigests('centos-7', DIGEST_B), 'centos-7.json')],
      minSeverity: VulnerabilitySeverity.UNKNOWN,
      ignoreUnfixed: true,
    }, [deploymentWith(centos)]);
    const filtered = fixture('trivy/centos-7-ignore-unfixed.json');
    expect(findings.length).toBe(trivyEntries(filtered).length);
    expect(entriesOf(findings)).toEqual(trivyEntries(filtered));
  });

  test('centos-7 without ignoreUnfixed keeps the will_not_fix entry', () => {
    const { findings } = evaluateGate({ reports: [report(trivyWithDigests('centos-7', DIGEST_B), 'centos-7.json')], minSeverity: VulnerabilitySeverity.UNKNOWN },
      [deploymentWith(`centos@${DIGEST_B}`)]);
    expect(entriesOf(findings)).toEqual(trivyEntries(fixture('trivy/centos-7.json')));
  });
});

describe('imageVulnerabilities with VEX', () => {
  const DEBIAN = `debian@${DIGEST_A}`;
  /** A Trivy report of a debian image with bash's CVE-2022-3715, the subject of Trivy's VEX fixtures. */
  const debian = () => report({
    SchemaVersion: 2,
    CreatedAt: '2026-06-01T00:00:00Z',
    ArtifactName: 'debian',
    Metadata: { RepoDigests: [`debian@${DIGEST_A}`] },
    Results: [{
      Target: 'debian (debian 12)',
      Vulnerabilities: [
        { VulnerabilityID: 'CVE-2022-3715', PkgName: 'bash', PkgIdentifier: { PURL: 'pkg:deb/debian/bash@5.2.15-2?arch=amd64' }, InstalledVersion: '5.2.15-2', Status: 'affected', Severity: 'HIGH' },
        { VulnerabilityID: 'CVE-2022-3715', PkgName: 'bash-static', InstalledVersion: '5.2.15-2', Status: 'affected', Severity: 'HIGH' },
      ],
    }],
  }, 'debian.json');
  const vex = (name: string) => {
    const parsed = parseVex(JSON.stringify(fixture(`trivy/${name}.json`)), `${name}.json`);
    if (!parsed.ok) throw new Error(parsed.error.message);
    return parsed.value;
  };
  const bashDetail = (pkg: string) => `container "app" image "${DEBIAN}": CVE-2022-3715 (high) in ${pkg} 5.2.15-2, no fix available (scan report "debian.json")`;

  test('a not_affected statement whose product matches suppresses, with the justification as the reason', () => {
    // GIVEN Trivy's openvex-oci.json: pkg:oci/debian, subcomponent pkg:deb/debian/bash
    const { found } = brief({ reports: [debian()], vex: vex('openvex-oci') }, [DEBIAN]);
    // THEN bash is suppressed with the justification; bash-static, not named, is not
    expect(found).toEqual([
      { message: 'high vulnerability CVE-2022-3715', detail: bashDetail('bash'), suppression: { reason: 'not_affected: vulnerable_code_not_in_execute_path', by: 'vex:openvex-oci.json' } },
      { message: 'high vulnerability CVE-2022-3715', detail: bashDetail('bash-static') },
    ]);
  });

  test('a statement about another product does not suppress', () => {
    const { found } = brief({ reports: [debian()], vex: vex('openvex-oci-mismatch') }, [DEBIAN]);
    expect(found).toEqual([
      { message: 'high vulnerability CVE-2022-3715', detail: bashDetail('bash') },
      { message: 'high vulnerability CVE-2022-3715', detail: bashDetail('bash-static') },
    ]);
  });

  test.each<[string, string, boolean]>([
    ['matches a purl with the digest and repository_url', `pkg:oci/debian@${encodeURIComponent(DIGEST_A)}?repository_url=index.docker.io/library/debian`, true],
    ['matches a purl with the digest and no repository_url', `pkg:oci/debian@${encodeURIComponent(DIGEST_A)}`, true],
    ['does not match a purl with another digest', `pkg:oci/debian@${encodeURIComponent(DIGEST_B)}`, false],
    ['does not match a purl with another repository_url', `pkg:oci/debian@${encodeURIComponent(DIGEST_A)}?repository_url=ghcr.io/acme/debian`, false],
  ])('an OpenVEX product %s', (_name, product, suppressed) => {
    const doc = { '@context': 'https://openvex.dev/ns/v0.2.0', 'statements': [{ vulnerability: { name: 'CVE-2022-3715' }, products: [{ '@id': product }], status: 'fixed' }] };
    const parsed = parseVex(JSON.stringify(doc), 'vex.json');
    if (!parsed.ok) throw new Error(parsed.error.message);
    const { found } = brief({ reports: [debian()], vex: parsed.value }, [DEBIAN]);
    expect(found.map(f => f.suppression)).toEqual(suppressed
      ? [{ reason: 'fixed: fixed, according to the VEX document', by: 'vex:vex.json' }, { reason: 'fixed: fixed, according to the VEX document', by: 'vex:vex.json' }]
      : [undefined, undefined]);
  });

  test('a later affected statement overrides an earlier not_affected one', () => {
    const statement = (status: string, timestamp: string) => ({ vulnerability: { name: 'CVE-2022-3715' }, products: ['pkg:oci/debian'], status, timestamp, justification: 'component_not_present' });
    const doc = { '@context': 'https://openvex.dev/ns/v0.2.0', 'statements': [statement('not_affected', '2026-01-01T00:00:00Z'), statement('affected', '2026-02-01T00:00:00Z')] };
    const parsed = parseVex(JSON.stringify(doc), 'vex.json');
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(brief({ reports: [debian()], vex: parsed.value }, [DEBIAN]).found.map(f => f.suppression)).toEqual([undefined, undefined]);
  });

  test('a CycloneDX analysis of not_affected for the image suppresses, with justification and detail', () => {
    const doc = {
      bomFormat: 'CycloneDX',
      specVersion: '1.5',
      metadata: { component: { 'bom-ref': 'image', 'type': 'container', 'name': 'debian', 'purl': `pkg:oci/debian@${encodeURIComponent(DIGEST_A)}` } },
      components: [{ 'bom-ref': 'bash', 'type': 'library', 'name': 'bash', 'purl': 'pkg:deb/debian/bash@5.2.15-2' }],
      vulnerabilities: [{ id: 'CVE-2022-3715', analysis: { state: 'not_affected', justification: 'code_not_reachable', detail: 'bash is never started' }, affects: [{ ref: 'urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1#bash' }] }],
    };
    const parsed = parseVex(JSON.stringify(doc), 'bom.cdx.json');
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(brief({ reports: [debian()], vex: parsed.value }, [DEBIAN]).found.map(f => f.suppression)).toEqual([
      { reason: 'not_affected: code_not_reachable: bash is never started', by: 'vex:bom.cdx.json' },
      undefined,
    ]);
  });
});
