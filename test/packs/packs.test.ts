import { RulePack } from '../../src/engine/pack';
import { PssLevel, Severity } from '../../src/engine/types';
import { PolicyEvaluator } from '../../src/evaluator';
import { Packs } from '../../src/packs';
import { builtinRegistry } from '../../src/rules';

/** What a pack runs, as a reviewable list: `ruleId:severity`. */
function pinned(pack: RulePack): string[] {
  return pack.rules.map(r => `${r.ruleId}:${r.severity}`);
}

describe('Packs', () => {
  test('PSS_BASELINE runs the baseline level and no organization rules', () => {
    expect(Packs.PSS_BASELINE.name).toBe('pss-baseline');
    expect(Packs.PSS_BASELINE.pssLevel).toBe(PssLevel.BASELINE);
    expect(pinned(Packs.PSS_BASELINE)).toEqual([]);
  });

  test('PSS_RESTRICTED runs the restricted level and no organization rules', () => {
    expect(Packs.PSS_RESTRICTED.name).toBe('pss-restricted');
    expect(Packs.PSS_RESTRICTED.pssLevel).toBe(PssLevel.RESTRICTED);
    expect(pinned(Packs.PSS_RESTRICTED)).toEqual([]);
  });

  test('HARDENED runs the restricted level and every organization rule at a pinned severity', () => {
    expect(Packs.HARDENED.name).toBe('hardened');
    expect(Packs.HARDENED.pssLevel).toBe(PssLevel.RESTRICTED);
    expect(pinned(Packs.HARDENED)).toEqual([
      'defaultNamespace:warning',
      'defaultServiceAccount:warning',
      'envSecretValue:error',
      'hostPathReadOnly:error',
      'imageDigest:warning',
      'imagePullPolicy:warning',
      'imageRegistry:error',
      'imageTag:error',
      'invalidImageReference:error',
      'networkPolicy:warning',
      'rbacClusterAdmin:error',
      'rbacEscalation:error',
      'rbacExecAttach:warning',
      'rbacSecretsAccess:warning',
      'rbacWildcard:error',
      'rbacWorkloadCreate:warning',
      'readOnlyRootFilesystem:error',
      'resourceLimits:error',
      'resourceRequests:error',
      'rootGroup:error',
      'secretEnv:warning',
      'secretInManifest:warning',
      'serviceAccountToken:warning',
      'workloadPrivileges:warning',
    ]);
    expect(Packs.HARDENED.rules.every(r => r.params === undefined)).toBe(true);
  });

  test('RBAC runs the RBAC rules and the privileges behind each workload at a pinned severity, without a PSS level', () => {
    expect(Packs.RBAC.name).toBe('rbac');
    expect(Packs.RBAC.pssLevel).toBeUndefined();
    expect(pinned(Packs.RBAC)).toEqual([
      'rbacClusterAdmin:error',
      'rbacEscalation:error',
      'rbacExecAttach:warning',
      'rbacSecretsAccess:warning',
      'rbacWildcard:error',
      'rbacWorkloadCreate:warning',
      'workloadPrivileges:warning',
    ]);
    expect(Packs.RBAC.rules.every(r => r.params === undefined)).toBe(true);
  });

  test('HARDENED runs every rule of RBAC at the same severity', () => {
    expect(pinned(Packs.HARDENED)).toEqual(expect.arrayContaining(pinned(Packs.RBAC)));
  });

  test('RBAC reports a workload bound to cluster-admin and the binding itself, and leaves the pod alone', () => {
    // GIVEN
    const manifests = [
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'ops' }, roleRef: { kind: 'ClusterRole', name: 'cluster-admin' }, subjects: [{ kind: 'ServiceAccount', name: 'web', namespace: 'shop' }] },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'shop' }, spec: { serviceAccountName: 'web', containers: [{ name: 'a', image: 'nginx' }] } },
    ];
    // WHEN
    const evaluator = new PolicyEvaluator({ level: PssLevel.PRIVILEGED, packs: [Packs.RBAC] });
    // THEN
    expect(evaluator.level).toBe(PssLevel.PRIVILEGED);
    expect(evaluator.evaluateAll(manifests).map(f => `${f.ruleId}:${f.severity}:${f.resource.kind}`)).toEqual([
      'rbacClusterAdmin:error:ClusterRoleBinding',
      'workloadPrivileges:warning:Pod',
    ]);
  });

  test('HARDENED covers every organization rule of the registry but imageVulnerabilities and podSecurityAdmission', () => {
    // imageVulnerabilities needs scanner reports: it runs when vulnerability settings are given, never from a pack;
    // podSecurityAdmission runs in every front end, whatever the packs.
    const orgIds = builtinRegistry().all().filter(d => d.level === undefined && d.id !== 'imageVulnerabilities' && d.id !== 'podSecurityAdmission').map(d => d.id);
    expect(orgIds).toHaveLength(24);
    expect(Packs.HARDENED.rules.map(r => r.ruleId)).toEqual(orgIds);
    expect(Packs.all().flatMap(p => p.rules.map(r => r.ruleId))).not.toContain('imageVulnerabilities');
  });

  test('all() lists every pack sorted by name, and names() their names', () => {
    expect(Packs.all()).toEqual([Packs.HARDENED, Packs.PSS_BASELINE, Packs.PSS_RESTRICTED, Packs.RBAC]);
    expect(Packs.names()).toEqual(['hardened', 'pss-baseline', 'pss-restricted', 'rbac']);
  });

  test.each([
    ['hardened', Packs.HARDENED],
    ['pss-baseline', Packs.PSS_BASELINE],
    ['pss-restricted', Packs.PSS_RESTRICTED],
    ['rbac', Packs.RBAC],
  ])('named(%s) returns the pack', (name, pack) => {
    expect(Packs.named(name)).toBe(pack);
  });

  test('named fails for an unknown pack, listing the valid ones', () => {
    expect(() => Packs.named('Hardened')).toThrow(new Error('unknown pack "Hardened", expecting one of: hardened, pss-baseline, pss-restricted, rbac'));
  });

  test('packs cannot be changed by accident', () => {
    expect(() => (Packs.HARDENED.rules as any).push({ ruleId: 'x' })).toThrow(TypeError);
    expect(() => { (Packs.HARDENED.rules[0] as any).severity = Severity.INFO; }).toThrow(TypeError);
    expect(Packs.HARDENED.rules).toHaveLength(24);
    expect(() => { (Packs.RBAC.rules[0] as any).severity = Severity.INFO; }).toThrow(TypeError);
  });

  describe('with the evaluator', () => {
    test('PSS_BASELINE raises a privileged evaluator to baseline', () => {
      const evaluator = new PolicyEvaluator({ level: PssLevel.PRIVILEGED, packs: [Packs.PSS_BASELINE] });
      expect(evaluator.level).toBe(PssLevel.BASELINE);
    });

    test('HARDENED refuses to run until the allowed registries are given', () => {
      expect(() => new PolicyEvaluator({ packs: [Packs.HARDENED] })).toThrow(new Error(
        'invalid parameters for rule "imageRegistry": allowed is missing, list the registries images may come from, e.g. { allowed: ["registry.example.com/", "ghcr.io/acme/"] }',
      ));
    });

    test('HARDENED runs the restricted checks and every organization rule', () => {
      // GIVEN
      const evaluator = new PolicyEvaluator({ packs: [Packs.HARDENED], ruleParams: { imageRegistry: { allowed: ['registry.example.com/'] } } });
      // WHEN
      const ids = evaluator.ruleIds();
      // THEN
      expect(evaluator.level).toBe(PssLevel.RESTRICTED);
      expect(ids).toEqual(expect.arrayContaining(['privileged', 'runAsNonRoot', ...Packs.HARDENED.rules.map(r => r.ruleId)]));
    });

    test('a compliant hardened Deployment and its NetworkPolicy get no findings', () => {
      // GIVEN
      const digest = 'sha256:' + 'c'.repeat(64);
      const container = (name: string) => ({
        name,
        image: `registry.example.com/app:1.0@${digest}`,
        resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '500m', memory: '128Mi' } },
        securityContext: {
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          runAsNonRoot: true,
          runAsUser: 10001,
          runAsGroup: 10001,
          capabilities: { drop: ['ALL'] },
          seccompProfile: { type: 'RuntimeDefault' },
        },
      });
      const manifests = [
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'web', namespace: 'shop' },
          spec: {
            selector: { matchLabels: { app: 'web' } },
            template: {
              metadata: { labels: { app: 'web' } },
              spec: {
                serviceAccountName: 'web',
                automountServiceAccountToken: false,
                securityContext: { fsGroup: 10001 },
                initContainers: [container('init')],
                containers: [container('app')],
              },
            },
          },
        },
        { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny', namespace: 'shop' }, spec: { podSelector: {} } },
      ];
      const evaluator = new PolicyEvaluator({ packs: [Packs.HARDENED], ruleParams: { imageRegistry: { allowed: ['registry.example.com/'] } } });
      // WHEN / THEN
      expect(evaluator.evaluateAll(manifests)).toEqual([]);
    });

    test('the pack severity is what findings carry', () => {
      const evaluator = new PolicyEvaluator({ packs: [Packs.HARDENED], ruleParams: { imageRegistry: { allowed: ['docker.io/'] } } });
      const findings = evaluator.evaluate({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'a', image: 'nginx' }] } });
      const severityOf = (id: string) => findings.find(f => f.ruleId === id)?.severity;
      expect(severityOf('imageTag')).toBe(Severity.ERROR);
      expect(severityOf('imageDigest')).toBe(Severity.WARNING);
      expect(severityOf('imageRegistry')).toBeUndefined();
    });
  });
});
