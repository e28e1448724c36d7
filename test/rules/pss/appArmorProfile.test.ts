import { findingsOf, hardenedEphemeral, podWith, summary } from './_pod';
import { PssLevel } from '../../../src';

const BASELINE = { level: PssLevel.BASELINE };
const KEY = 'container.apparmor.security.beta.kubernetes.io/app';

describe('appArmorProfile', () => {
  test.each<[string, (pod: any) => void]>([
    ['no profile is set', () => {}],
    ['the pod field is RuntimeDefault', pod => { pod.spec.securityContext.appArmorProfile = { type: 'RuntimeDefault' }; }],
    ['the pod field is Localhost', pod => { pod.spec.securityContext.appArmorProfile = { type: 'Localhost', localhostProfile: 'p' }; }],
    ['a container field is RuntimeDefault', pod => { pod.spec.containers[0].securityContext.appArmorProfile = { type: 'RuntimeDefault' }; }],
    ['the annotation is runtime/default', pod => { pod.metadata.annotations = { [KEY]: 'runtime/default' }; }],
    ['the annotation is localhost/<profile>', pod => { pod.metadata.annotations = { [KEY]: 'localhost/custom' }; }],
    ['the annotation is empty', pod => { pod.metadata.annotations = { [KEY]: '' }; }],
    ['an unrelated annotation is unconfined', pod => { pod.metadata.annotations = { 'example.com/apparmor': 'unconfined' }; }],
  ])('passes when %s', (_name, tweak) => {
    expect(findingsOf('appArmorProfile', podWith(tweak), BASELINE)).toEqual([]);
  });

  test.each<[string, (pod: any) => void, string, string, string | undefined]>([
    ['the pod field is Unconfined', pod => { pod.spec.securityContext.appArmorProfile = { type: 'Unconfined' }; },
      '/spec/securityContext/appArmorProfile/type', 'pod must not set securityContext.appArmorProfile.type="Unconfined"', undefined],
    ['the pod field has no type', pod => { pod.spec.securityContext.appArmorProfile = {}; },
      '/spec/securityContext/appArmorProfile/type', 'pod must not set securityContext.appArmorProfile.type=""', undefined],
    ['a container field is Unconfined', pod => { pod.spec.initContainers[0].securityContext.appArmorProfile = { type: 'Unconfined' }; },
      '/spec/initContainers/0/securityContext/appArmorProfile/type', 'container "init" must not set securityContext.appArmorProfile.type="Unconfined"', 'init'],
    ['an ephemeral container field is Unconfined', pod => {
      pod.spec.ephemeralContainers = [hardenedEphemeral()];
      pod.spec.ephemeralContainers[0].securityContext.appArmorProfile = { type: 'Unconfined' };
    }, '/spec/ephemeralContainers/0/securityContext/appArmorProfile/type', 'container "debug" must not set securityContext.appArmorProfile.type="Unconfined"', 'debug'],
    ['the annotation is unconfined', pod => { pod.metadata.annotations = { [KEY]: 'unconfined' }; },
      '/metadata/annotations/container.apparmor.security.beta.kubernetes.io~1app', `annotation ${KEY}="unconfined" is forbidden`, undefined],
    ['the annotation names no real container', pod => { pod.metadata.annotations = { 'container.apparmor.security.beta.kubernetes.io/ghost': 'other' }; },
      '/metadata/annotations/container.apparmor.security.beta.kubernetes.io~1ghost',
      'annotation container.apparmor.security.beta.kubernetes.io/ghost="other" is forbidden', undefined],
  ])('fails when %s', (_name, tweak, path, detail, container) => {
    // GIVEN a forbidden AppArmor profile
    // WHEN evaluated at baseline
    const findings = findingsOf('appArmorProfile', podWith(tweak), BASELINE);
    // THEN one finding points at it
    expect(findings.map(summary)).toEqual([{
      path,
      paths: [path],
      ...(container ? { container } : {}),
      message: 'forbidden AppArmor profile',
      detail,
    }]);
  });

  test('fails with the plural reason when field and annotation are both forbidden, each checked on its own', () => {
    // GIVEN an allowed field and a forbidden annotation for the same container, and a forbidden pod field
    const pod = podWith(p => {
      p.spec.containers[0].securityContext.appArmorProfile = { type: 'RuntimeDefault' };
      p.spec.securityContext.appArmorProfile = { type: 'Unconfined' };
      p.metadata.annotations = { [KEY]: 'unconfined' };
    });
    // WHEN evaluated at v1.0 (the field rules apply at every version)
    const findings = findingsOf('appArmorProfile', pod, { level: PssLevel.BASELINE, version: 'v1.0' });
    // THEN both forbidden values are reported, with the plural reason
    expect(findings.map(f => [f.path, f.message])).toEqual([
      ['/spec/securityContext/appArmorProfile/type', 'forbidden AppArmor profiles'],
      ['/metadata/annotations/container.apparmor.security.beta.kubernetes.io~1app', 'forbidden AppArmor profiles'],
    ]);
  });
});
