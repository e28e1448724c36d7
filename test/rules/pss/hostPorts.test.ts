import { findingsOf, podWith, summary } from './_pod';
import { PssLevel } from '../../../src';

const BASELINE = { level: PssLevel.BASELINE };

describe('hostPorts', () => {
  test.each<[string, (pod: any) => void]>([
    ['no port is declared', () => {}],
    ['ports have no hostPort', pod => { pod.spec.containers[0].ports = [{ containerPort: 8080 }]; }],
    ['hostPort is 0', pod => { pod.spec.containers[0].ports = [{ containerPort: 8080, hostPort: 0 }]; }],
  ])('passes when %s', (_name, tweak) => {
    expect(findingsOf('hostPorts', podWith(tweak), BASELINE)).toEqual([]);
  });

  test.each<[string, (pod: any) => void, string, string[], string]>([
    ['a container uses a host port', pod => { pod.spec.containers[0].ports = [{ containerPort: 80, hostPort: 8080 }]; },
      'app', ['/spec/containers/0/ports/0/hostPort'], 'container "app" uses hostPort 8080'],
    ['an init container uses host ports', pod => {
      pod.spec.initContainers[0].ports = [{ containerPort: 80, hostPort: 80 }, { containerPort: 81 }, { containerPort: 443, hostPort: 443 }];
    }, 'init', ['/spec/initContainers/0/ports/0/hostPort', '/spec/initContainers/0/ports/2/hostPort'],
    'container "init" uses hostPorts 80, 443'],
  ])('fails when %s', (_name, tweak, container, paths, detail) => {
    // GIVEN a pod binding host ports
    // WHEN evaluated at baseline
    const findings = findingsOf('hostPorts', podWith(tweak), BASELINE);
    // THEN one finding per container lists the ports
    expect(findings.map(summary)).toEqual([{ path: paths[0], paths, container, detail, message: 'hostPort' }]);
  });
});
