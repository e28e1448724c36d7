import { Brief, briefs, C, deployment, evaluateRule, I, Tweak, tweaked } from './helpers';

const base = () => ({
  initContainers: [{ name: 'init', image: 'migrate:1', volumeMounts: [{ name: 'logs', mountPath: '/logs', readOnly: true }] }],
  containers: [
    { name: 'app', image: 'app:1', volumeMounts: [{ name: 'logs', mountPath: '/var/log', readOnly: true }, { name: 'scratch', mountPath: '/tmp' }] },
  ],
  volumes: [{ name: 'logs', hostPath: { path: '/var/log', type: 'Directory' } }, { name: 'scratch', emptyDir: {} }],
});
const writable = (c: string, mountPath: string, volume = 'logs', hostPath = '/var/log') =>
  `container "${c}" mounts hostPath volume "${volume}" (host path "${hostPath}") at "${mountPath}" without readOnly: true`;

describe('hostPathReadOnly', () => {
  test.each<[string, Tweak, Brief[]]>([
    ['passes when every hostPath mount is read-only (writable emptyDir is fine)', () => {}, []],
    ['fails when a container leaves readOnly unset', s => { delete s.containers[0].volumeMounts[0].readOnly; }, [
      { path: `${C}/0/volumeMounts/0`, container: 'app', detail: writable('app', '/var/log') },
    ]],
    ['fails when an init container sets readOnly: false', s => { s.initContainers[0].volumeMounts[0].readOnly = false; }, [
      { path: `${I}/0/volumeMounts/0`, container: 'init', detail: writable('init', '/logs') },
    ]],
    ['fails once per writable mount', s => {
      s.volumes.push({ name: 'sock', hostPath: { path: '/run/containerd/containerd.sock' } });
      s.containers[0].volumeMounts.push({ name: 'sock', mountPath: '/run/c.sock' }, { name: 'logs', mountPath: '/logs2' });
    }, [
      { path: `${C}/0/volumeMounts/2`, container: 'app', detail: writable('app', '/run/c.sock', 'sock', '/run/containerd/containerd.sock') },
      { path: `${C}/0/volumeMounts/3`, container: 'app', detail: writable('app', '/logs2') },
    ]],
    ['passes for a hostPath volume nobody mounts', s => { s.volumes.push({ name: 'unused', hostPath: { path: '/etc' } }); }, []],
  ])('%s', (_name, tweak, expected) => {
    expect(briefs('hostPathReadOnly', [deployment(tweaked(base, tweak))])).toEqual(expected);
  });

  test('reports an error by default, and lets allowedPaths write', () => {
    const spec = tweaked(base, s => { delete s.containers[0].volumeMounts[0].readOnly; });
    expect(evaluateRule('hostPathReadOnly', [deployment(spec)])[0]).toMatchObject({ severity: 'error', message: 'writable hostPath mount', fix: 'set readOnly: true on the volumeMount of the hostPath volume' });
    expect(briefs('hostPathReadOnly', [deployment(spec)], { allowedPaths: ['/var/log'] })).toEqual([]);
    expect(briefs('hostPathReadOnly', [deployment(spec)], { allowedPaths: ['/var/*'] })).toEqual([]);
    expect(briefs('hostPathReadOnly', [deployment(spec)], { allowedPaths: ['/var/lib'] })).toHaveLength(1);
  });
});
