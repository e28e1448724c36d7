/**
 * `cdk8s-guard admission-policy`: the policy as a YAML stream of admission objects.
 */
import * as fs from 'fs';
import { parseAllDocuments } from 'yaml';
import { runMain, TempDir } from './helpers';

function documents(text: string): any[] {
  return parseAllDocuments(text).map(d => d.toJS());
}

describe('cdk8s-guard admission-policy', () => {
  let tmp: TempDir;
  beforeEach(() => { tmp = new TempDir(); });
  afterEach(() => tmp.cleanup());

  test('writes the restricted policy and its denying binding by default', async () => {
    // GIVEN no options WHEN running the command
    const run = await runMain(['admission-policy']);
    // THEN it exits 0 with a policy and a binding, and nothing on stderr
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const docs = documents(run.stdout);
    expect(docs.map(d => `${d.kind}/${d.metadata.name}`)).toEqual([
      'ValidatingAdmissionPolicy/cdk8s-guard',
      'ValidatingAdmissionPolicyBinding/cdk8s-guard',
    ]);
    expect(docs[0].metadata.annotations['cdk8s-guard/policy']).toBe('level=restricted, version=v1.37');
    expect(docs[0].spec.failurePolicy).toBe('Fail');
    expect(docs[0].spec.validations.map((v: any) => v.message.split(':')[0])).toEqual([
      'appArmorProfile', 'hostNamespaces', 'hostPorts', 'hostProbesAndHostLifecycle', 'privileged', 'seLinuxOptions', 'sysctls',
      'windowsHostProcess', 'allowPrivilegeEscalation', 'capabilities_restricted', 'procMount_restricted', 'restrictedVolumes',
      'runAsNonRoot', 'runAsUser', 'seccompProfile_restricted',
    ]);
    expect(docs[1].spec).toEqual({ policyName: 'cdk8s-guard', validationActions: ['Deny'] });
  });

  test('matches Pods and every workload kind', async () => {
    // GIVEN no options WHEN running the command
    const run = await runMain(['admission-policy']);
    // THEN the match constraints list every kind the engine reads pod templates from
    expect(documents(run.stdout)[0].spec.matchConstraints.resourceRules).toEqual([
      { apiGroups: [''], apiVersions: ['*'], operations: ['CREATE', 'UPDATE'], resources: ['pods', 'pods/ephemeralcontainers', 'podtemplates', 'replicationcontrollers'] },
      { apiGroups: ['apps'], apiVersions: ['*'], operations: ['CREATE', 'UPDATE'], resources: ['daemonsets', 'deployments', 'replicasets', 'statefulsets'] },
      { apiGroups: ['batch'], apiVersions: ['*'], operations: ['CREATE', 'UPDATE'], resources: ['cronjobs', 'jobs'] },
      { apiGroups: ['extensions'], apiVersions: ['*'], operations: ['CREATE', 'UPDATE'], resources: ['daemonsets', 'deployments', 'replicasets'] },
    ]);
  });

  test('lists the rules it cannot express on stderr, and warns for warning rules', async () => {
    // GIVEN the hardened pack WHEN running the command with --action warn
    const run = await runMain(['admission-policy', '--pack', 'hardened', '--allow-registry', 'registry.example.com/', '--action', 'warn']);
    // THEN the rules left out are on stderr, and both bindings warn
    expect(run.code).toBe(0);
    expect(run.stderr).toBe([
      'cdk8s-guard: rule "envSecretValue" is not in the admission policy: it has no CEL form',
      'cdk8s-guard: rule "hostPathReadOnly" is not in the admission policy: it has no CEL form',
      'cdk8s-guard: rule "imagePullPolicy" is not in the admission policy: it has no CEL form',
      'cdk8s-guard: rule "imageRegistry" is not in the admission policy: it has no CEL form',
      'cdk8s-guard: rule "imageTag" is not in the admission policy: it has no CEL form',
      'cdk8s-guard: rule "invalidImageReference" is not in the admission policy: it has no CEL form',
      'cdk8s-guard: rule "networkPolicy" is not in the admission policy: cross-object rule: it reads other objects than the one admitted',
      'cdk8s-guard: rule "rbacClusterAdmin" is not in the admission policy: manifest rule: it has no CEL form',
      'cdk8s-guard: rule "rbacEscalation" is not in the admission policy: manifest rule: it has no CEL form',
      'cdk8s-guard: rule "rbacExecAttach" is not in the admission policy: manifest rule: it has no CEL form',
      'cdk8s-guard: rule "rbacSecretsAccess" is not in the admission policy: manifest rule: it has no CEL form',
      'cdk8s-guard: rule "rbacWildcard" is not in the admission policy: manifest rule: it has no CEL form',
      'cdk8s-guard: rule "rbacWorkloadCreate" is not in the admission policy: manifest rule: it has no CEL form',
      'cdk8s-guard: rule "secretInManifest" is not in the admission policy: manifest rule: it has no CEL form',
      'cdk8s-guard: rule "serviceAccountToken" is not in the admission policy: cross-object rule: it reads other objects than the one admitted',
      'cdk8s-guard: rule "workloadPrivileges" is not in the admission policy: cross-object rule: it reads other objects than the one admitted',
      '',
    ].join('\n'));
    const docs = documents(run.stdout);
    expect(docs.filter(d => d.kind === 'ValidatingAdmissionPolicyBinding').map(d => d.spec.validationActions)).toEqual([['Warn'], ['Warn']]);
  });

  test('turns config suppressions that name a workload into exemptions, and says which it cannot', async () => {
    // GIVEN a config with a workload suppression and a namespace-wide one
    const config = tmp.write('guard.yaml', [
      'suppressions:',
      '  - ruleId: runAsNonRoot',
      '    reason: the log agent must read the node logs as root',
      '    resource: {kind: DaemonSet, namespace: logging, name: agent}',
      '    containers: [agent]',
      '  - ruleId: hostPorts',
      '    reason: every pod of this namespace may use host ports',
      '    resource: {namespace: edge}',
      '',
    ].join('\n'));
    // WHEN running the command with --output
    const run = await runMain(['admission-policy', '--config', config, '--output', tmp.path('vap.yaml')]);
    // THEN the workload suppression is an exemption with its reason, and the other is named on stderr
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('cdk8s-guard: the suppression of "hostPorts" (every pod of this namespace may use host ports) is not an exemption in the admission policy: it does not name the kind, namespace and name of one workload, so the cluster cannot scope it\n');
    const policy = documents(fs.readFileSync(tmp.path('vap.yaml'), 'utf8'))[0];
    expect(JSON.parse(policy.metadata.annotations['cdk8s-guard/exemptions'])).toEqual([{
      ruleId: 'runAsNonRoot', kind: 'DaemonSet', namespace: 'logging', name: 'agent', containers: ['agent'], reason: 'the log agent must read the node logs as root',
    }]);
    expect(policy.spec.variables.map((v: any) => v.name)).toEqual(['podTemplate', 'podSpec', 'podAnnotations', 'exempt0']);
  });

  test.each([
    ['an unknown action', ['--action', 'block'], "error: option '--action <action>' argument 'block' is invalid. Allowed choices are deny, warn, audit.\n(run with --help for usage)\n"],
    ['a bad version', ['--pss-version', '1.30'], "error: option '--pss-version <version>' argument '1.30' is invalid. expecting \"latest\" or \"v1.<minor>\" such as \"v1.30\"\n(run with --help for usage)\n"],
    ['an unknown pack', ['--pack', 'strict'], 'cdk8s-guard: unknown pack "strict", expecting one of: hardened, pss-baseline, pss-restricted, rbac\n'],
    ['a pack that needs registries', ['--pack', 'hardened'], 'cdk8s-guard: pack "hardened" runs the imageRegistry rule, which needs the trusted registries: pass --allow-registry PREFIX (repeatable), or set rules.imageRegistry.params.allowed in the config file\n'],
  ])('fails with exit 2 on %s', async (_name, args, message) => {
    // GIVEN bad arguments WHEN running the command THEN it exits 2 with the message and no output
    const run = await runMain(['admission-policy', ...args]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(message);
  });
});
