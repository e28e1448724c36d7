import { checksAt, findingsOf, hardenedEphemeral, podWith, summary } from './_pod';
import { PssLevel } from '../../../src';

const BASELINE = { level: PssLevel.BASELINE };

describe('hostProbesAndHostLifecycle', () => {
  test.each<[string, (pod: any) => void]>([
    ['probes have no host', pod => {
      pod.spec.containers[0].livenessProbe = { httpGet: { path: '/healthz', port: 8080 } };
      pod.spec.containers[0].readinessProbe = { tcpSocket: { port: 8080 } };
    }],
    ['the host is empty', pod => { pod.spec.containers[0].startupProbe = { httpGet: { host: '', port: 8080 } }; }],
    ['grpc, exec and sleep handlers are used', pod => {
      pod.spec.containers[0].livenessProbe = { grpc: { port: 9000 } };
      pod.spec.containers[0].readinessProbe = { exec: { command: ['true'] } };
      pod.spec.containers[0].lifecycle = { preStop: { sleep: { seconds: 5 } } };
    }],
  ])('passes when %s', (_name, tweak) => {
    expect(findingsOf('hostProbesAndHostLifecycle', podWith(tweak), BASELINE)).toEqual([]);
  });

  test.each<[string, (c: any) => void, string, string]>([
    ['a liveness probe sets an httpGet host', c => { c.livenessProbe = { httpGet: { host: '10.0.0.1', port: 80 } }; },
      'livenessProbe/httpGet/host', 'livenessProbe.httpGet.host="10.0.0.1"'],
    ['a readiness probe sets a tcpSocket host', c => { c.readinessProbe = { tcpSocket: { host: 'localhost', port: 80 } }; },
      'readinessProbe/tcpSocket/host', 'readinessProbe.tcpSocket.host="localhost"'],
    ['a startup probe sets 127.0.0.1', c => { c.startupProbe = { httpGet: { host: '127.0.0.1', port: 80 } }; },
      'startupProbe/httpGet/host', 'startupProbe.httpGet.host="127.0.0.1"'],
    ['a postStart handler sets a host', c => { c.lifecycle = { postStart: { httpGet: { host: '::1', port: 80 } } }; },
      'lifecycle/postStart/httpGet/host', 'lifecycle.postStart.httpGet.host="::1"'],
    ['a preStop handler sets a host', c => { c.lifecycle = { preStop: { tcpSocket: { host: 'example.com', port: 80 } } }; },
      'lifecycle/preStop/tcpSocket/host', 'lifecycle.preStop.tcpSocket.host="example.com"'],
  ])('fails when %s', (_name, tweak, field, shown) => {
    // GIVEN an ephemeral container with a handler host
    const pod = podWith(p => { p.spec.ephemeralContainers = [hardenedEphemeral()]; tweak(p.spec.ephemeralContainers[0]); });
    // WHEN evaluated at baseline
    const findings = findingsOf('hostProbesAndHostLifecycle', pod, BASELINE);
    // THEN the finding points at the host
    const path = `/spec/ephemeralContainers/0/${field}`;
    expect(findings.map(summary)).toEqual([{
      path, paths: [path], container: 'debug', message: 'probe or lifecycle host', detail: `container "debug" must not set ${shown}`,
    }]);
  });

  test('fails once per container, listing every host', () => {
    const pod = podWith(p => {
      p.spec.containers[0].livenessProbe = { httpGet: { host: 'a', port: 80 } };
      p.spec.containers[0].lifecycle = { preStop: { tcpSocket: { host: 'b', port: 80 } } };
    });
    expect(findingsOf('hostProbesAndHostLifecycle', pod, BASELINE).map(summary)).toEqual([{
      path: '/spec/containers/0/livenessProbe/httpGet/host',
      paths: ['/spec/containers/0/livenessProbe/httpGet/host', '/spec/containers/0/lifecycle/preStop/tcpSocket/host'],
      container: 'app',
      message: 'probe or lifecycle host',
      detail: 'container "app" must not set livenessProbe.httpGet.host="a", lifecycle.preStop.tcpSocket.host="b"',
    }]);
  });

  test.each([['v1.33', 0], ['v1.34', 1]])('a probe host at %s gives %d findings', (version, count) => {
    // GIVEN a probe host / WHEN evaluated at baseline / THEN the check exists from v1.34 only
    const pod = podWith(p => { p.spec.containers[0].livenessProbe = { httpGet: { host: 'a', port: 80 } }; });
    expect(findingsOf('hostProbesAndHostLifecycle', pod, { level: PssLevel.BASELINE, version })).toHaveLength(count);
    expect(checksAt(PssLevel.BASELINE, version).includes('hostProbesAndHostLifecycle')).toBe(count === 1);
  });
});
