import { applyPatch, deepClone } from 'fast-json-patch';
import { PssLevel } from '../../src';
import { ManifestFixer } from '../../src/hardening/fixer';
import { podWith, restrictedPod } from '../rules/pss/_pod';

/** The operations as `path=value (ruleId)` strings, for readable assertions. */
function ops(manifest: unknown, fixer = new ManifestFixer()): string[] {
  return fixer.fix(manifest).operations.map(o => `${o.path}=${JSON.stringify(o.value)} (${o.ruleId})`);
}

function ruleIds(findings: ReadonlyArray<{ ruleId: string }>): string[] {
  return [...new Set(findings.map(f => f.ruleId))].sort();
}

describe('the default fixes add only what is absent', () => {
  test.each<[string, (pod: any) => void, string[]]>([
    ['adds the pod seccomp profile when no pod or container sets one', p => delete p.spec.securityContext.seccompProfile, [
      '/spec/securityContext/seccompProfile={"type":"RuntimeDefault"} (seccompProfile_restricted)',
    ]],
    ['adds the profile to containers without one when another container sets one', p => {
      delete p.spec.securityContext.seccompProfile;
      p.spec.containers[0].securityContext.seccompProfile = { type: 'Localhost', localhostProfile: 'x.json' };
    }, [
      '/spec/initContainers/0/securityContext/seccompProfile={"type":"RuntimeDefault"} (seccompProfile_restricted)',
    ]],
    ['adds allowPrivilegeEscalation=false to each container that leaves it unset', p => {
      delete p.spec.initContainers[0].securityContext.allowPrivilegeEscalation;
      delete p.spec.containers[0].securityContext.allowPrivilegeEscalation;
    }, [
      '/spec/initContainers/0/securityContext/allowPrivilegeEscalation=false (allowPrivilegeEscalation)',
      '/spec/containers/0/securityContext/allowPrivilegeEscalation=false (allowPrivilegeEscalation)',
    ]],
    ['appends ALL to an existing drop list and keeps the adds', p => {
      p.spec.containers[0].securityContext.capabilities = { drop: ['NET_RAW'], add: ['NET_BIND_SERVICE'] };
    }, [
      '/spec/containers/0/securityContext/capabilities/drop/-="ALL" (capabilities_restricted)',
    ]],
    ['creates the capabilities of a container without them', p => delete p.spec.containers[0].securityContext.capabilities, [
      '/spec/containers/0/securityContext/capabilities={"drop":["ALL"]} (capabilities_restricted)',
    ]],
    ['creates the securityContext of a container without one', p => delete p.spec.containers[0].securityContext, [
      '/spec/containers/0/securityContext={"allowPrivilegeEscalation":false} (allowPrivilegeEscalation)',
      '/spec/containers/0/securityContext/capabilities={"drop":["ALL"]} (capabilities_restricted)',
    ]],
    ['replaces a null securityContext, which Kubernetes reads as absent', p => { p.spec.containers[0].securityContext = null; }, [
      '/spec/containers/0/securityContext={"allowPrivilegeEscalation":false} (allowPrivilegeEscalation)',
      '/spec/containers/0/securityContext/capabilities={"drop":["ALL"]} (capabilities_restricted)',
    ]],
    ['adds runAsNonRoot=true at pod level when the pod and the containers leave it unset', p => delete p.spec.securityContext.runAsNonRoot, [
      '/spec/securityContext/runAsNonRoot=true (runAsNonRoot)',
    ]],
    ['adds runAsNonRoot to Windows pods, which the API allows', p => {
      delete p.spec.securityContext;
      p.spec.os = { name: 'windows' };
    }, [
      '/spec/securityContext={"runAsNonRoot":true} (runAsNonRoot)',
    ]],
  ])('%s', (_name, tweak, expected) => {
    // GIVEN a restricted pod with one field absent
    const pod = podWith(tweak);
    // WHEN it is fixed
    const result = new ManifestFixer().fix(pod);
    // THEN exactly these operations are added, and nothing is left
    expect(result.operations.map(o => `${o.path}=${JSON.stringify(o.value)} (${o.ruleId})`)).toEqual(expected);
    expect(result.decisions).toEqual([]);
  });

  test.each<[string, (pod: any) => void, string[]]>([
    ['never replaces an Unconfined pod profile', p => { p.spec.securityContext.seccompProfile = { type: 'Unconfined' }; }, ['seccompProfile_restricted']],
    ['never replaces allowPrivilegeEscalation=true', p => { p.spec.containers[0].securityContext.allowPrivilegeEscalation = true; }, ['allowPrivilegeEscalation']],
    ['never removes a forbidden capability add', p => { p.spec.containers[0].securityContext.capabilities.add = ['SYS_ADMIN']; }, ['capabilities_restricted']],
    ['never overrides runAsNonRoot=false on the pod', p => { p.spec.securityContext.runAsNonRoot = false; }, ['runAsNonRoot']],
    ['never sets runAsNonRoot on a pod whose container sets false', p => {
      delete p.spec.securityContext.runAsNonRoot;
      p.spec.containers[0].securityContext.runAsNonRoot = false;
    }, ['runAsNonRoot']],
    ['never sets runAsNonRoot on a pod that runs as UID 0', p => {
      delete p.spec.securityContext.runAsNonRoot;
      p.spec.containers[0].securityContext.runAsUser = 0;
    }, ['runAsNonRoot', 'runAsUser']],
    ['never sets allowPrivilegeEscalation=false on a privileged container (the API refuses it)', p => {
      delete p.spec.containers[0].securityContext.allowPrivilegeEscalation;
      p.spec.containers[0].securityContext.privileged = true;
    }, ['allowPrivilegeEscalation', 'privileged']],
    ['never edits a malformed securityContext', p => { p.spec.containers[0].securityContext = 'hardened'; }, ['allowPrivilegeEscalation', 'capabilities_restricted', 'invalidInput']],
    ['leaves privileged, host namespaces and hostPath for a decision', p => {
      p.spec.hostNetwork = true;
      p.spec.volumes = [{ name: 'h', hostPath: { path: '/' } }];
    }, ['hostNamespaces', 'restrictedVolumes']],
  ])('%s', (_name, tweak, expected) => {
    // GIVEN a pod with an explicit value that fixing would change
    const pod = podWith(tweak);
    // WHEN it is fixed
    const result = new ManifestFixer().fix(pod);
    // THEN no operation touches it and the finding is left for a decision
    expect(result.operations).toEqual([]);
    expect(ruleIds(result.decisions)).toEqual(expected);
  });

  test('adds nothing the API refuses to a Windows pod, at versions where the checks still apply', () => {
    // GIVEN a Windows pod without any securityContext, checked at v1.24 (before the Windows exemption)
    const pod = podWith(p => {
      delete p.spec.securityContext.seccompProfile;
      p.spec.os = { name: 'windows' };
      for (const c of [...p.spec.initContainers, ...p.spec.containers]) delete c.securityContext;
    });
    const fixer = new ManifestFixer({ evaluator: { version: 'v1.24' } });
    // WHEN it is fixed
    const result = fixer.fix(pod);
    // THEN no seccomp, privilege escalation or capabilities field is added, and they stay findings
    expect(result.operations).toEqual([]);
    expect(ruleIds(result.decisions)).toEqual(['allowPrivilegeEscalation', 'capabilities_restricted', 'seccompProfile_restricted']);
  });

  test('an object that passes gets no operation', () => {
    // GIVEN a pod that passes restricted
    // WHEN it is fixed
    const result = new ManifestFixer().fix(restrictedPod());
    // THEN nothing is added and nothing is left
    expect(result.operations).toEqual([]);
    expect(result.objects).toEqual([]);
  });

  test('fixes only what the level fails: baseline adds nothing to a pod without securityContext', () => {
    // GIVEN a pod without securityContext, which passes baseline
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'a', image: 'a' }] } };
    // WHEN it is fixed at baseline
    const result = new ManifestFixer({ evaluator: { level: PssLevel.BASELINE } }).fix(pod);
    // THEN nothing is added
    expect(result.operations).toEqual([]);
  });

  test('is idempotent, and its operations applied by another RFC 6902 library give its result', () => {
    // GIVEN a Deployment with nothing hardened
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { template: { spec: { containers: [{ name: 'a', image: 'a' }, { name: 'b', image: 'b', securityContext: { capabilities: { drop: ['NET_RAW'] } } }] } } },
    };
    const fixer = new ManifestFixer();
    // WHEN it is fixed, and the result fixed again
    const first = fixer.fix(deployment);
    const second = fixer.fix(first.fixed);
    // THEN the second fix adds nothing, fast-json-patch gives the same document, and the input is unchanged
    expect(first.operations.length).toBe(6);
    expect(second.operations).toEqual([]);
    const rfc6902 = first.operations.map(o => ({ op: o.op, path: o.path, value: o.value }));
    expect(applyPatch(deepClone(deployment), rfc6902).newDocument).toEqual(first.fixed);
    expect(deployment.spec.template.spec.containers[0]).toEqual({ name: 'a', image: 'a' });
  });

  test('fixes every pod-bearing item of a List, with pointers from the List', () => {
    // GIVEN a List with a CronJob and a ConfigMap
    const list = {
      apiVersion: 'v1',
      kind: 'List',
      items: [
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } },
        { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'job' }, spec: { jobTemplate: { spec: { template: { spec: { securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } }, containers: [{ name: 'j', image: 'j' }] } } } } } },
      ],
    };
    // WHEN it is fixed
    const result = new ManifestFixer().fix(list);
    // THEN the CronJob's container is fixed through the List's pointers, reported as its own object
    expect(ops(list)).toEqual([
      '/items/1/spec/jobTemplate/spec/template/spec/containers/0/securityContext={"allowPrivilegeEscalation":false} (allowPrivilegeEscalation)',
      '/items/1/spec/jobTemplate/spec/template/spec/containers/0/securityContext/capabilities={"drop":["ALL"]} (capabilities_restricted)',
    ]);
    expect(result.objects.map(o => [o.resource.kind, o.basePath, o.operations.length, o.decisions.length])).toEqual([['CronJob', '/items/1', 2, 0]]);
  });
});

describe('opt-in fixes', () => {
  const bare = () => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      template: {
        spec: {
          securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [{ name: 'app', image: 'a', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } }, resources: { requests: { cpu: '2' } } }],
        },
      },
    },
  });

  test('disableServiceAccountToken sets automountServiceAccountToken=false where unset', () => {
    // GIVEN the fix is named
    const fixer = new ManifestFixer({ fixes: { disableServiceAccountToken: true } });
    // WHEN a pod without the field, and one that sets true, are fixed
    const unset = fixer.fix(bare());
    const explicit = fixer.fix({ ...bare(), spec: { template: { spec: { ...bare().spec.template.spec, automountServiceAccountToken: true } } } });
    // THEN only the first gets it
    expect(unset.operations.map(o => [o.path, o.value, o.ruleId])).toEqual([['/spec/template/spec/automountServiceAccountToken', false, 'serviceAccountToken']]);
    expect(explicit.operations).toEqual([]);
  });

  test('readOnlyRootFilesystem mounts an emptyDir at each writable path', () => {
    // GIVEN the fix with /tmp and /var/cache writable
    const fixer = new ManifestFixer({ fixes: { readOnlyRootFilesystem: true, writablePaths: ['/tmp', '/var/cache'] } });
    // WHEN a Deployment is fixed
    const result = fixer.fix(bare());
    // THEN the container is read-only with two emptyDir mounts, and a second fix adds nothing
    const spec = (result.fixed as any).spec.template.spec;
    expect(spec.containers[0].securityContext.readOnlyRootFilesystem).toBe(true);
    expect(spec.volumes).toEqual([{ name: 'writable-app-tmp', emptyDir: {} }, { name: 'writable-app-var-cache', emptyDir: {} }]);
    expect(spec.containers[0].volumeMounts).toEqual([{ name: 'writable-app-tmp', mountPath: '/tmp' }, { name: 'writable-app-var-cache', mountPath: '/var/cache' }]);
    expect(new Set(result.operations.map(o => o.ruleId))).toEqual(new Set(['readOnlyRootFilesystem']));
    expect(fixer.fix(result.fixed).operations).toEqual([]);
  });

  test('readOnlyRootFilesystem is never added to a Windows pod', () => {
    // GIVEN a Windows Deployment and the fix
    const fixer = new ManifestFixer({ fixes: { readOnlyRootFilesystem: true, writablePaths: ['/tmp'] } });
    const windows = bare();
    (windows.spec.template.spec as any).os = { name: 'windows' };
    // WHEN it is fixed
    const result = fixer.fix(windows);
    // THEN nothing is added (the API refuses readOnlyRootFilesystem for Windows pods)
    expect(result.operations).toEqual([]);
  });

  test('defaultLimits and defaultRequests fill in missing resources without going below a request', () => {
    // GIVEN a container requesting 2 CPUs, and defaults of 1 CPU and 256Mi
    const fixer = new ManifestFixer({ fixes: { defaultRequests: { cpu: '100m', memory: '128Mi' }, defaultLimits: { cpu: '1', memory: '256Mi' } } });
    // WHEN it is fixed
    const result = fixer.fix(bare());
    // THEN the memory request and limit are added, the CPU request is kept, and no CPU limit below it is added
    expect(result.operations.map(o => [o.path, o.value, o.ruleId])).toEqual([
      ['/spec/template/spec/containers/0/resources/requests/memory', '128Mi', 'resourceRequests'],
      ['/spec/template/spec/containers/0/resources/limits', { memory: '256Mi' }, 'resourceLimits'],
    ]);
  });
});
