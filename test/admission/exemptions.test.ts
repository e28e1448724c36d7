/**
 * Exemptions from suppressions: an exemption covers one rule, for one workload in one namespace,
 * the objects that workload creates, and only the containers it names.
 */
import { AdmissionRequest, ENGINES, evaluateAll, Verdict } from './_vap';
import { PolicyEvaluator, PssLevel } from '../../src';
import { AdmissionAction, AdmissionExemption, emitAdmissionPolicies } from '../../src/admission/emit';

jest.setTimeout(60_000);

const REASON = 'the log agent reads the node logs as root';

/** A restricted pod spec whose `agent` container runs as root and mounts a hostPath. */
function agentSpec(overrides: { agent?: any; app?: any } = {}): any {
  const hardened = {
    allowPrivilegeEscalation: false,
    runAsNonRoot: true,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  };
  return {
    containers: [
      { name: 'app', image: 'app', securityContext: { ...hardened, ...overrides.app } },
      { name: 'agent', image: 'agent', securityContext: { ...hardened, runAsNonRoot: undefined, ...overrides.agent } },
    ].map(c => ({ ...c, securityContext: JSON.parse(JSON.stringify(c.securityContext)) })),
    volumes: [{ name: 'logs', hostPath: { path: '/var/log' } }],
  };
}

function owner(kind: string, name: string, apiVersion: string, controller = true): any {
  return { apiVersion, kind, name, uid: `${name}-uid`, controller };
}

function workload(kind: string, apiVersion: string, name: string, namespace: string, spec: any): any {
  const template = { metadata: { labels: { app: name } }, spec };
  const body = kind === 'CronJob' ? { schedule: '0 * * * *', jobTemplate: { spec: { template } } } : { template };
  return { apiVersion, kind, metadata: { name, namespace }, spec: body };
}

function pod(name: string, namespace: string, spec: any, metadata: any = {}): any {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, ...metadata }, spec };
}

const EXEMPTIONS: AdmissionExemption[] = [
  { ruleId: 'runAsNonRoot', reason: REASON, resource: { kind: 'Deployment', namespace: 'logging', name: 'agent' }, containers: ['agent'] },
  { ruleId: 'restrictedVolumes', reason: 'the log agent reads /var/log on the node', resource: { kind: 'Deployment', namespace: 'logging', name: 'agent' } },
  ...['StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicaSet'].flatMap(kind => [
    { ruleId: 'runAsNonRoot', reason: REASON, resource: { kind, namespace: 'logging', name: 'agent' }, containers: ['agent'] },
    { ruleId: 'restrictedVolumes', reason: REASON, resource: { kind, namespace: 'logging', name: 'agent' } },
  ]),
];

const RS_OF_DEPLOYMENT = owner('ReplicaSet', 'agent-5d8f9c7b6', 'apps/v1');
const HASH = { labels: { 'pod-template-hash': '5d8f9c7b6' } };

/** [name, object, namespace, rule IDs that deny it ([] when it passes)]. */
const CASES: Array<[string, any, string, string[]]> = [
  ['the exempted Deployment passes', workload('Deployment', 'apps/v1', 'agent', 'logging', agentSpec()), 'logging', []],
  ['its ReplicaSet passes', { ...workload('ReplicaSet', 'apps/v1', 'agent-5d8f9c7b6', 'logging', agentSpec()), metadata: { name: 'agent-5d8f9c7b6', namespace: 'logging', ownerReferences: [owner('Deployment', 'agent', 'apps/v1')] } }, 'logging', []],
  ['its Pod passes', pod('agent-5d8f9c7b6-x2x7k', 'logging', agentSpec(), { ...HASH, ownerReferences: [RS_OF_DEPLOYMENT] }), 'logging', []],
  ['the exempted StatefulSet\'s Pod passes', pod('agent-0', 'logging', agentSpec(), { ownerReferences: [owner('StatefulSet', 'agent', 'apps/v1')] }), 'logging', []],
  ['the exempted DaemonSet\'s Pod passes', pod('agent-x2x7k', 'logging', agentSpec(), { ownerReferences: [owner('DaemonSet', 'agent', 'apps/v1')] }), 'logging', []],
  ['the exempted Job\'s Pod passes', pod('agent-x2x7k', 'logging', agentSpec(), { ownerReferences: [owner('Job', 'agent', 'batch/v1')] }), 'logging', []],
  ['the exempted CronJob passes', workload('CronJob', 'batch/v1', 'agent', 'logging', agentSpec()), 'logging', []],
  ['the exempted CronJob\'s Job passes', { ...workload('Job', 'batch/v1', 'agent-29417040', 'logging', agentSpec()), metadata: { name: 'agent-29417040', namespace: 'logging', ownerReferences: [owner('CronJob', 'agent', 'batch/v1')] } }, 'logging', []],
  ['the exempted CronJob\'s Pod passes', pod('agent-29417040-x2x7k', 'logging', agentSpec(), { ownerReferences: [owner('Job', 'agent-29417040', 'batch/v1')] }), 'logging', []],
  ['the exempted ReplicaSet\'s Pod passes', pod('agent-x2x7k', 'logging', agentSpec(), { ownerReferences: [owner('ReplicaSet', 'agent', 'apps/v1')] }), 'logging', []],
  ['fails when another container runs as root', workload('Deployment', 'apps/v1', 'agent', 'logging', agentSpec({ app: { runAsNonRoot: false } })), 'logging', ['runAsNonRoot']],
  ['fails when the exempted container breaks another rule', workload('Deployment', 'apps/v1', 'agent', 'logging', agentSpec({ agent: { allowPrivilegeEscalation: true } })), 'logging', ['allowPrivilegeEscalation']],
  ['fails when the same name is in another namespace', workload('Deployment', 'apps/v1', 'agent', 'default', agentSpec()), 'default', ['restrictedVolumes', 'runAsNonRoot']],
  ['fails when the Pod of the same name is in another namespace', pod('agent-5d8f9c7b6-x2x7k', 'default', agentSpec(), { ...HASH, ownerReferences: [RS_OF_DEPLOYMENT] }), 'default', ['restrictedVolumes', 'runAsNonRoot']],
  ['fails when another workload is admitted', workload('Deployment', 'apps/v1', 'web', 'logging', agentSpec()), 'logging', ['restrictedVolumes', 'runAsNonRoot']],
  ['fails when another kind has the name', pod('agent', 'logging', agentSpec()), 'logging', ['restrictedVolumes', 'runAsNonRoot']],
  ['fails when a look-alike Deployment is admitted', workload('Deployment', 'apps/v1', 'agent-x', 'logging', agentSpec()), 'logging', ['restrictedVolumes', 'runAsNonRoot']],
  ['fails when a Pod of a look-alike Deployment is admitted', pod('agent-x-5d8f9c7b6-x2x7k', 'logging', agentSpec(), { ...HASH, ownerReferences: [owner('ReplicaSet', 'agent-x-5d8f9c7b6', 'apps/v1')] }), 'logging', ['restrictedVolumes', 'runAsNonRoot']],
  ['fails when a Pod forges its pod-template-hash', pod('agent-x-5d8f9c7b6-x2x7k', 'logging', agentSpec(), { labels: { 'pod-template-hash': 'x-5d8f9c7b6' }, ownerReferences: [owner('ReplicaSet', 'agent-x-5d8f9c7b6', 'apps/v1')] }), 'logging', ['restrictedVolumes', 'runAsNonRoot']],
  ['fails when the owner reference is not the controller', pod('agent-x2x7k', 'logging', agentSpec(), { ownerReferences: [owner('DaemonSet', 'agent', 'apps/v1', false)] }), 'logging', ['restrictedVolumes', 'runAsNonRoot']],
  ['fails when the owner is of another API group', pod('agent-x2x7k', 'logging', agentSpec(), { ownerReferences: [owner('DaemonSet', 'agent', 'example.com/v1')] }), 'logging', ['restrictedVolumes', 'runAsNonRoot']],
  ['fails when a Job of a look-alike CronJob name owns the Pod', pod('agent-x-1-x2x7k', 'logging', agentSpec(), { ownerReferences: [owner('Job', 'agent-x-1', 'batch/v1')] }), 'logging', ['restrictedVolumes', 'runAsNonRoot']],
];

describe('admission policy exemptions', () => {
  const evaluator = new PolicyEvaluator({ level: PssLevel.RESTRICTED });
  const emitted = emitAdmissionPolicies({ evaluator, action: AdmissionAction.DENY, exemptions: EXEMPTIONS });
  let verdicts: { [engine: string]: Verdict[] };

  beforeAll(async () => {
    const requests: AdmissionRequest[] = CASES.map(([, object, namespace]) => ({ object, namespace }));
    verdicts = await evaluateAll([emitted.policies], requests);
  });

  test.each(CASES.map((c, i) => [c[0], i, c[3]] as const))('%s', (_name, index, deniedBy) => {
    for (const engine of ENGINES) {
      // GIVEN the restricted policy with the exemptions, WHEN the object is admitted
      const verdict = verdicts[engine][index];
      // THEN it is denied by exactly the rules expected, with no evaluation error
      expect({ engine, errors: verdict.errors }).toEqual({ engine, errors: [] });
      expect({ engine, denied: verdict.denied, rules: verdict.failures.map(m => m.split(':')[0]).sort() })
        .toEqual({ engine, denied: deniedBy.length > 0, rules: deniedBy });
    }
  });

  test('the reasons are kept in an annotation of the policy', () => {
    // GIVEN the emitted policy WHEN reading its exemptions annotation
    const annotation = JSON.parse(emitted.policies[0].policy.metadata.annotations['cdk8s-guard/exemptions']);
    // THEN every exemption is listed with its reason
    expect(annotation).toHaveLength(EXEMPTIONS.length);
    expect(annotation[0]).toEqual({ ruleId: 'runAsNonRoot', kind: 'Deployment', namespace: 'logging', name: 'agent', containers: ['agent'], reason: REASON });
  });

  test.each([
    ['an unknown rule', { ruleId: 'imageDigest', reason: REASON, resource: { kind: 'Deployment', namespace: 'logging', name: 'agent' } },
      `exemption from rule "imageDigest" for Deployment logging/agent: the policy has no such rule, expecting one of: ${new PolicyEvaluator().ruleIds().join(', ')}`],
    ['a kind that runs no pods', { ruleId: 'runAsNonRoot', reason: REASON, resource: { kind: 'Service', namespace: 'logging', name: 'agent' } },
      'exemption from rule "runAsNonRoot" names kind "Service", expecting one of: CronJob, DaemonSet, Deployment, Job, Pod, PodTemplate, ReplicaSet, ReplicationController, StatefulSet'],
  ])('fails when an exemption names %s', (_name, exemption, message) => {
    // GIVEN a bad exemption WHEN emitting THEN the error names it and the fix
    expect(() => emitAdmissionPolicies({ evaluator, action: AdmissionAction.DENY, exemptions: [exemption] }))
      .toThrow(new Error(message));
  });
});

describe('admission policy updates', () => {
  jest.setTimeout(60_000);

  test('an update that keeps the pod spec is not checked again; one that changes it is', async () => {
    // GIVEN a pod that breaks the restricted level, stored before the policy existed
    const { policies } = emitAdmissionPolicies({ evaluator: new PolicyEvaluator({ level: PssLevel.RESTRICTED }), action: AdmissionAction.DENY });
    const old = pod('legacy', 'apps', { containers: [{ name: 'app', image: 'app' }] });
    const relabelled = { ...old, metadata: { ...old.metadata, labels: { team: 'web' } } };
    const changed = { ...old, spec: { containers: [{ name: 'app', image: 'app:2' }] } };
    // WHEN it is relabelled, and when its spec changes
    const verdicts = await evaluateAll([policies], [
      { object: relabelled, oldObject: old, operation: 'UPDATE', namespace: 'apps' },
      { object: changed, oldObject: old, operation: 'UPDATE', namespace: 'apps' },
    ]);
    // THEN only the spec change is refused, by both engines
    for (const engine of ENGINES) {
      expect({ engine, denied: verdicts[engine].map(v => v.denied), errors: verdicts[engine].flatMap(v => v.errors) })
        .toEqual({ engine, denied: [false, true], errors: [] });
    }
  });
});
