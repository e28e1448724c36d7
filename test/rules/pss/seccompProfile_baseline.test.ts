import { checksAt, findingsOf, hardenedEphemeral, podWith, summary } from './_pod';
import { PssLevel } from '../../../src';

const FIELDS = { level: PssLevel.BASELINE, version: 'v1.19' };
const ANNOTATIONS = { level: PssLevel.BASELINE, version: 'v1.18' };
const POD_KEY = 'seccomp.security.alpha.kubernetes.io/pod';

describe('seccompProfile_baseline', () => {
  describe('from v1.19: fields', () => {
    test.each<[string, (pod: any) => void]>([
      ['the pod profile is RuntimeDefault', () => {}],
      ['no profile is set', pod => { delete pod.spec.securityContext.seccompProfile; }],
      ['a container profile is Localhost', pod => { pod.spec.containers[0].securityContext.seccompProfile = { type: 'Localhost', localhostProfile: 'p.json' }; }],
      ['annotations say unconfined (they are ignored)', pod => { pod.metadata.annotations = { [POD_KEY]: 'unconfined' }; }],
    ])('passes when %s', (_name, tweak) => {
      expect(findingsOf('seccompProfile_baseline', podWith(tweak), FIELDS)).toEqual([]);
    });

    test.each<[string, (pod: any) => void, string, string, string | undefined]>([
      ['the pod profile is Unconfined', pod => { pod.spec.securityContext.seccompProfile.type = 'Unconfined'; },
        '/spec/securityContext/seccompProfile/type', 'pod must not set securityContext.seccompProfile.type="Unconfined"', undefined],
      ['the pod profile type is empty', pod => { pod.spec.securityContext.seccompProfile.type = ''; },
        '/spec/securityContext/seccompProfile/type', 'pod must not set securityContext.seccompProfile.type=""', undefined],
      ['an ephemeral container profile is Unconfined', pod => {
        pod.spec.ephemeralContainers = [hardenedEphemeral()];
        pod.spec.ephemeralContainers[0].securityContext.seccompProfile = { type: 'Unconfined' };
      }, '/spec/ephemeralContainers/0/securityContext/seccompProfile/type',
      'container "debug" must not set securityContext.seccompProfile.type="Unconfined"', 'debug'],
    ])('fails when %s', (_name, tweak, path, detail, container) => {
      const findings = findingsOf('seccompProfile_baseline', podWith(tweak), { level: PssLevel.BASELINE });
      expect(findings.map(summary)).toEqual([{ path, paths: [path], ...(container ? { container } : {}), message: 'seccompProfile', detail }]);
    });
  });

  describe('v1.0 to v1.18: annotations', () => {
    test.each<[string, (pod: any) => void]>([
      ['no annotation is set', () => {}],
      ['the pod annotation is runtime/default', pod => { pod.metadata.annotations = { [POD_KEY]: 'runtime/default' }; }],
      ['the pod annotation is docker/default', pod => { pod.metadata.annotations = { [POD_KEY]: 'docker/default' }; }],
      ['the pod annotation is localhost/<profile>', pod => { pod.metadata.annotations = { [POD_KEY]: 'localhost/p.json' }; }],
      ['an annotation names no container of the pod', pod => { pod.metadata.annotations = { 'container.seccomp.security.alpha.kubernetes.io/ghost': 'unconfined' }; }],
      ['the fields say Unconfined (they are ignored)', pod => { pod.spec.securityContext.seccompProfile.type = 'Unconfined'; }],
    ])('passes when %s', (_name, tweak) => {
      expect(findingsOf('seccompProfile_baseline', podWith(tweak), ANNOTATIONS)).toEqual([]);
    });

    test.each<[string, { [key: string]: string }, string, string, string | undefined]>([
      ['the pod annotation is unconfined', { [POD_KEY]: 'unconfined' },
        '/metadata/annotations/seccomp.security.alpha.kubernetes.io~1pod', `pod must not set annotation ${POD_KEY}="unconfined"`, undefined],
      ['the pod annotation is empty', { [POD_KEY]: '' },
        '/metadata/annotations/seccomp.security.alpha.kubernetes.io~1pod', `pod must not set annotation ${POD_KEY}=""`, undefined],
      ['a container annotation is unconfined', { 'container.seccomp.security.alpha.kubernetes.io/init': 'unconfined' },
        '/metadata/annotations/container.seccomp.security.alpha.kubernetes.io~1init',
        'container "init" must not set annotation container.seccomp.security.alpha.kubernetes.io/init="unconfined"', 'init'],
    ])('fails when %s', (_name, annotations, path, detail, container) => {
      const pod = podWith(p => { p.metadata.annotations = annotations; });
      const findings = findingsOf('seccompProfile_baseline', pod, ANNOTATIONS);
      expect(findings.map(summary)).toEqual([{ path, paths: [path], ...(container ? { container } : {}), message: 'seccompProfile', detail }]);
    });
  });

  test.each([['v1.18', true], ['v1.19', false]])('at restricted %s it runs: %s', (version, runs) => {
    // GIVEN the restricted level / THEN seccompProfile_restricted replaces it from v1.19
    expect(checksAt(PssLevel.RESTRICTED, version).includes('seccompProfile_baseline')).toBe(runs);
    expect(checksAt(PssLevel.RESTRICTED, version).includes('seccompProfile_restricted')).toBe(!runs);
  });
});
