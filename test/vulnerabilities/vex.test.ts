import { fixture } from './_fixtures';
import { parseVex } from '../../src/vulnerabilities/vex';

describe('parseVex', () => {
  test('reads Trivy\'s OpenVEX fixture: product, subcomponent, status and justification', () => {
    const parsed = parseVex(JSON.stringify(fixture('trivy/openvex-oci.json')), 'openvex-oci.json');
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(parsed.value).toEqual([{
      file: 'openvex-oci.json',
      ids: ['CVE-2022-3715'],
      status: 'not_affected',
      reason: 'vulnerable_code_not_in_execute_path',
      products: [{
        image: { type: 'oci', namespace: '', name: 'debian', qualifiers: {} },
        packages: [{ type: 'deb', namespace: 'debian', name: 'bash', qualifiers: {} }],
      }],
      time: Date.parse('2023-01-16T19:07:16.853479631-06:00'),
      order: 0,
    }]);
  });

  test.each<[string, unknown, string]>([
    ['neither format', { hello: 'world' }, 'VEX document "v.json" is neither OpenVEX (@context https://openvex.dev/ns/…) nor CycloneDX with vulnerabilities[].analysis, write it in one of those formats'],
    ['an OpenVEX statement with an unknown status', { '@context': 'https://openvex.dev/ns/v0.2.0', 'statements': [{ vulnerability: { name: 'CVE-1' }, products: ['pkg:oci/a'], status: 'fine' }] },
      'statement 1 of VEX document "v.json" has status "fine", expecting one of: not_affected, fixed, affected, under_investigation'],
    ['an OpenVEX product that is not an image', { '@context': 'https://openvex.dev/ns/v0.2.0', 'statements': [{ vulnerability: { name: 'CVE-1' }, products: ['pkg:npm/left-pad'], status: 'fixed' }] },
      'statement 1 of VEX document "v.json" has product "pkg:npm/left-pad", which is not a pkg:oci purl: name the image as pkg:oci/NAME@sha256%3ADIGEST'],
    ['a CycloneDX ref that names no image', { bomFormat: 'CycloneDX', vulnerabilities: [{ id: 'CVE-1', analysis: { state: 'not_affected' }, affects: [{ ref: 'nothing' }] }] },
      'vulnerability 1 of VEX document "v.json" affects "nothing", which names no pkg:oci image: refer to a component whose purl is pkg:oci/NAME@sha256%3ADIGEST, or describe the image in metadata.component'],
    ['a CycloneDX analysis with an unknown state', { bomFormat: 'CycloneDX', vulnerabilities: [{ id: 'CVE-1', analysis: { state: 'maybe' }, affects: [] }] },
      'vulnerability 1 of VEX document "v.json" has analysis.state "maybe", expecting one of: not_affected, false_positive, resolved, resolved_with_pedigree, exploitable, in_triage'],
  ])('fails for %s, naming the file', (_name, doc, message) => {
    expect(parseVex(JSON.stringify(doc), 'v.json')).toEqual({ ok: false, error: { file: 'v.json', message } });
  });

  test('fails for broken JSON with the line', () => {
    expect(parseVex('{\n "statements": [\n  {,\n', 'v.json')).toEqual({
      ok: false,
      error: { file: 'v.json', line: 3, message: 'VEX document "v.json" cannot be read: it is not valid JSON, write it as OpenVEX or CycloneDX JSON' },
    });
  });
});
