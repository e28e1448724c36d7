import { findingsOf, podWith, summary } from './_pod';
import { PssLevel } from '../../../src';

const BASELINE = { level: PssLevel.BASELINE };

describe('windowsHostProcess', () => {
  test.each<[string, (pod: any) => void]>([
    ['windowsOptions are absent', () => {}],
    ['hostProcess is false', pod => {
      pod.spec.os = { name: 'windows' };
      pod.spec.securityContext.windowsOptions = { hostProcess: false };
      pod.spec.containers[0].securityContext.windowsOptions = { hostProcess: false, runAsUserName: 'ContainerUser' };
    }],
  ])('passes when %s', (_name, tweak) => {
    expect(findingsOf('windowsHostProcess', podWith(tweak), BASELINE)).toEqual([]);
  });

  test.each<[string, (pod: any) => void, string, string, string | undefined]>([
    ['the pod is a HostProcess pod', pod => { pod.spec.securityContext.windowsOptions = { hostProcess: true }; },
      '/spec/securityContext/windowsOptions/hostProcess', 'pod must not set securityContext.windowsOptions.hostProcess=true', undefined],
    ['a container is a HostProcess container', pod => { pod.spec.containers[0].securityContext.windowsOptions = { hostProcess: true }; },
      '/spec/containers/0/securityContext/windowsOptions/hostProcess', 'container "app" must not set securityContext.windowsOptions.hostProcess=true', 'app'],
    ['a Windows pod is a HostProcess pod (no OS exemption)', pod => {
      pod.spec.os = { name: 'windows' };
      pod.spec.securityContext.windowsOptions = { hostProcess: true };
    }, '/spec/securityContext/windowsOptions/hostProcess', 'pod must not set securityContext.windowsOptions.hostProcess=true', undefined],
  ])('fails when %s', (_name, tweak, path, detail, container) => {
    const findings = findingsOf('windowsHostProcess', podWith(tweak), BASELINE);
    expect(findings.map(summary)).toEqual([{ path, paths: [path], ...(container ? { container } : {}), message: 'hostProcess', detail }]);
  });
});
