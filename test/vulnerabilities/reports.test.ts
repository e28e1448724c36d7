import { DIGEST_A, DIGEST_B, GRYPE_DIGEST, fixture, trivyWithDigests } from './_fixtures';
import { parseScanReport } from '../../src/vulnerabilities/reports';

const REGENERATE = 'regenerate it with "trivy image -f json" or "grype -o json"';

describe('parseScanReport', () => {
  test('reads a Trivy report: RepoDigests (never ImageID), creation time and entries', () => {
    // GIVEN Trivy's alpine-39 golden with two repo digests
    const doc = trivyWithDigests('alpine-39', DIGEST_A, DIGEST_B);
    // WHEN it is parsed
    const parsed = parseScanReport(JSON.stringify(doc, null, 2), 'alpine.json');
    // THEN
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(parsed.value.format).toBe('trivy');
    expect(parsed.value.digests).toEqual([DIGEST_A, DIGEST_B]);
    expect(parsed.value.digests).not.toContain(doc.Metadata.ImageID);
    expect(parsed.value.createdAt).toBe(Date.parse('2021-08-25T12:20:30.000000005Z'));
    expect(parsed.value.entries.length).toBe(6);
    expect(parsed.value.entries[0]).toEqual({
      id: 'CVE-2019-1549',
      severity: 'medium',
      pkg: 'libcrypto1.1',
      installed: '1.1.1b-r1',
      fixedVersion: '1.1.1d-r0',
      fixed: true,
      purl: 'pkg:apk/alpine/libcrypto1.1@1.1.1b-r1?arch=x86_64&distro=3.9.4',
    });
  });

  test('reads a Grype report: manifestDigest, fix state and suggested version', () => {
    const parsed = parseScanReport(JSON.stringify(fixture('grype/TestJsonImgsPresenter.json')), 'grype.json');
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(parsed.value.format).toBe('grype');
    expect(parsed.value.digests).toEqual([GRYPE_DIGEST]);
    expect(parsed.value.createdAt).toBeUndefined();
    expect(parsed.value.entries).toEqual([
      { id: 'CVE-1999-0001', severity: 'low', pkg: 'package-1', installed: '1.1.1', fixedVersion: '1.2.1', fixed: true },
      { id: 'CVE-1999-0002', severity: 'critical', pkg: 'package-2', installed: '2.2.2', fixed: false, purl: 'pkg:deb/package-2@2.2.2' },
    ]);
  });

  test('reads Grype repoDigests besides the manifest digest', () => {
    const doc = fixture('grype/TestJsonImgsPresenter.json');
    doc.source.target.repoDigests = [`docker.io/library/app@${DIGEST_A}`];
    const parsed = parseScanReport(JSON.stringify(doc), 'grype.json');
    expect(parsed.ok && parsed.value.digests).toEqual([GRYPE_DIGEST, DIGEST_A]);
  });

  test.each<[string, string, string, number | undefined]>([
    ['JSON that breaks off', '{\n  "SchemaVersion": 2,\n  "Results": [\n', `scan report "r.json" cannot be read: it is not valid JSON: the text ends too early, ${REGENERATE}`, 4],
    ['a syntax error on line 3', '{\n  "SchemaVersion": 2,\n  "Results": [}\n}\n', `scan report "r.json" cannot be read: it is not valid JSON, ${REGENERATE}`, 3],
    ['an empty file', '  \n', `scan report "r.json" cannot be read: it is empty, ${REGENERATE}`, undefined],
    ['another JSON document', '{"bomFormat": "CycloneDX"}', `scan report "r.json" is neither Trivy JSON (SchemaVersion 2) nor Grype JSON (matches and source), ${REGENERATE}`, undefined],
    ['a list', '[]', `scan report "r.json" is neither Trivy JSON (SchemaVersion 2) nor Grype JSON (matches and source), ${REGENERATE}`, undefined],
    ['Trivy SchemaVersion 1', '{"SchemaVersion": 1}', 'scan report "r.json" has Trivy SchemaVersion 1, expecting 2: regenerate it with a current "trivy image -f json"', undefined],
    ['a Trivy report without RepoDigests', JSON.stringify(fixture('trivy/alpine-39.json')),
      'scan report "r.json" has no Metadata.RepoDigests, so it cannot be matched to an image: scan the image from its registry (trivy image -f json REPOSITORY@sha256:DIGEST)', undefined],
    ['a Trivy entry without an ID', JSON.stringify({ SchemaVersion: 2, Metadata: { RepoDigests: [`a@${DIGEST_A}`] }, Results: [{ Vulnerabilities: [{ PkgName: 'x' }] }] }),
      `scan report "r.json" has a vulnerability without VulnerabilityID or PkgName, ${REGENERATE}`, undefined],
    ['a Grype report of a directory', JSON.stringify({ matches: [], source: { type: 'directory', target: '/src' } }),
      'scan report "r.json" is a Grype report of "directory", not of an image: scan the image (grype -o json REPOSITORY@sha256:DIGEST)', undefined],
    ['JSON nested deeper than any parser goes', '['.repeat(200_000), `scan report "r.json" cannot be read: it is not valid JSON: the text ends too early, ${REGENERATE}`, 1],
  ])('fails for %s, naming the file and line', (_name, text, message, line) => {
    // WHEN a broken report is parsed
    const parsed = parseScanReport(text, 'r.json');
    // THEN it is an error naming the file (and the line where parsing stopped)
    expect(parsed).toEqual({ ok: false, error: { file: 'r.json', ...(line !== undefined ? { line } : {}), message } });
  });
});
