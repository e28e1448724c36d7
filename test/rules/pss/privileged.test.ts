import { findingsOf, hardenedEphemeral, podWith, restrictedPod, summary } from './_pod';
import { PssLevel } from '../../../src';

const BASELINE = { level: PssLevel.BASELINE };

describe('privileged', () => {
  test.each<[string, (pod: any) => void]>([
    ['privileged is absent', () => {}],
    ['privileged is false everywhere', pod => {
      pod.spec.containers[0].securityContext.privileged = false;
      pod.spec.initContainers[0].securityContext.privileged = false;
    }],
    ['a container has no securityContext', pod => { delete pod.spec.containers[0].securityContext; }],
  ])('passes when %s', (_name, tweak) => {
    // GIVEN a pod
    const pod = podWith(tweak);
    // WHEN it is evaluated at baseline
    // THEN privileged has nothing to report
    expect(findingsOf('privileged', pod, BASELINE)).toEqual([]);
  });

  test.each<[string, (pod: any) => void, string, string]>([
    ['a container is privileged', pod => { pod.spec.containers[0].securityContext.privileged = true; },
      '/spec/containers/0/securityContext/privileged', 'app'],
    ['an init container is privileged', pod => { pod.spec.initContainers[0].securityContext.privileged = true; },
      '/spec/initContainers/0/securityContext/privileged', 'init'],
    ['an ephemeral container is privileged', pod => {
      pod.spec.ephemeralContainers = [hardenedEphemeral()];
      pod.spec.ephemeralContainers[0].securityContext.privileged = true;
    }, '/spec/ephemeralContainers/0/securityContext/privileged', 'debug'],
  ])('fails when %s', (_name, tweak, path, container) => {
    // GIVEN a pod with one privileged container
    const pod = podWith(tweak);
    // WHEN it is evaluated at baseline
    const findings = findingsOf('privileged', pod, BASELINE);
    // THEN one finding names the container and points at the field
    expect(findings.map(summary)).toEqual([{
      path,
      paths: [path],
      container,
      message: 'privileged',
      detail: `container "${container}" must not set securityContext.privileged=true`,
    }]);
    expect(findings[0].fix).toBe('remove securityContext.privileged or set it to false');
  });

  test('reports each privileged container on its own', () => {
    // GIVEN two privileged containers
    const pod = restrictedPod();
    pod.spec.containers.push({ ...pod.spec.containers[0], name: 'sidecar', securityContext: { privileged: true } });
    pod.spec.containers[0].securityContext.privileged = true;
    // WHEN evaluated at v1.0
    const findings = findingsOf('privileged', pod, { level: PssLevel.BASELINE, version: 'v1.0' });
    // THEN there is one finding per container
    expect(findings.map(f => f.container)).toEqual(['app', 'sidecar']);
  });
});
