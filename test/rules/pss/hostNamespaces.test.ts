import { findingsOf, podWith, summary } from './_pod';
import { PssLevel } from '../../../src';

const BASELINE = { level: PssLevel.BASELINE };

describe('hostNamespaces', () => {
  test.each<[string, (pod: any) => void]>([
    ['no host namespace field is set', () => {}],
    ['every host namespace field is false', pod => Object.assign(pod.spec, { hostNetwork: false, hostPID: false, hostIPC: false })],
  ])('passes when %s', (_name, tweak) => {
    // GIVEN a pod / WHEN evaluated at baseline / THEN no finding
    expect(findingsOf('hostNamespaces', podWith(tweak), BASELINE)).toEqual([]);
  });

  test.each(['hostNetwork', 'hostPID', 'hostIPC'])('fails when %s is true', field => {
    // GIVEN a pod sharing one host namespace
    const pod = podWith(p => { p.spec[field] = true; });
    // WHEN evaluated at baseline
    const findings = findingsOf('hostNamespaces', pod, BASELINE);
    // THEN one pod-level finding names the field
    expect(findings.map(summary)).toEqual([{
      path: `/spec/${field}`,
      paths: [`/spec/${field}`],
      message: 'host namespaces',
      detail: `pod must not set ${field}=true`,
    }]);
    expect(findings[0].fix).toBe(`remove spec.${field} or set it to false`);
  });

  test('reports every host namespace that is shared', () => {
    // GIVEN a pod sharing all three
    const pod = podWith(p => Object.assign(p.spec, { hostIPC: true, hostNetwork: true, hostPID: true }));
    // WHEN evaluated at v1.0
    const findings = findingsOf('hostNamespaces', pod, { level: PssLevel.BASELINE, version: 'v1.0' });
    // THEN there is one finding per field, in a fixed order
    expect(findings.map(f => f.path)).toEqual(['/spec/hostNetwork', '/spec/hostPID', '/spec/hostIPC']);
  });
});
