/**
 * Every workload kind that runs pods is checked like the pod it templates: the newest upstream
 * fixtures (v1.37), wrapped in each kind, get the same findings as the bare pod, at paths under the
 * kind's pod template.
 */
import { Fixture, fixtureFolders, readFolder } from './_fixtures';
import { Finding, PolicyEvaluator, PssLevel } from '../../src';

interface Wrapper {
  readonly kind: string;
  /** Pointer of the pod template (where the pod's `metadata` and `spec` go); '' for a Pod. */
  readonly templatePath: string;
  /** The kind the findings name (a List's findings name its item). */
  readonly resourceKind: string;
  readonly wrap: (pod: { metadata: any; spec: any }) => any;
}

/** An annotation on the workload's own metadata: pod-security admission never reads it. */
const WORKLOAD_METADATA = {
  name: 'workload',
  annotations: { 'container.apparmor.security.beta.kubernetes.io/container1': 'unconfined' },
};

function template(pod: { metadata: any; spec: any }) {
  return { metadata: pod.metadata, spec: pod.spec };
}

function appsKind(kind: string, apiVersion = 'apps/v1'): Wrapper {
  return {
    kind,
    templatePath: '/spec/template',
    resourceKind: kind,
    wrap: pod => ({ apiVersion, kind, metadata: WORKLOAD_METADATA, spec: { template: template(pod) } }),
  };
}

const WRAPPERS: Wrapper[] = [
  { kind: 'Pod', templatePath: '', resourceKind: 'Pod', wrap: pod => ({ apiVersion: 'v1', kind: 'Pod', ...template(pod) }) },
  {
    kind: 'PodTemplate',
    templatePath: '/template',
    resourceKind: 'PodTemplate',
    wrap: pod => ({ apiVersion: 'v1', kind: 'PodTemplate', metadata: WORKLOAD_METADATA, template: template(pod) }),
  },
  appsKind('ReplicationController', 'v1'),
  appsKind('ReplicaSet'),
  appsKind('Deployment'),
  appsKind('DaemonSet'),
  appsKind('StatefulSet'),
  appsKind('Job', 'batch/v1'),
  {
    kind: 'CronJob',
    templatePath: '/spec/jobTemplate/spec/template',
    resourceKind: 'CronJob',
    wrap: pod => ({
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: WORKLOAD_METADATA,
      spec: { schedule: '0 * * * *', jobTemplate: { spec: { template: template(pod) } } },
    }),
  },
  {
    kind: 'List',
    templatePath: '/items/0',
    resourceKind: 'Pod',
    wrap: pod => ({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Pod', ...template(pod) }] }),
  },
];

/** The newest fixtures, pass and fail, per level. */
function newestFixtures(level: PssLevel): Fixture[] {
  return fixtureFolders()
    .filter(f => f.level === level && f.version === 'v1.37')
    .flatMap(f => readFolder(f));
}

/** What must be the same for the pod and its wrapped copy. */
function comparable(findings: Finding[], templatePath: string) {
  return findings.map(f => ({
    ruleId: f.ruleId,
    message: f.message,
    detail: f.detail,
    container: f.container,
    paths: f.paths.map(p => templatePath + p),
  }));
}

const CASES = [PssLevel.BASELINE, PssLevel.RESTRICTED].flatMap(level => WRAPPERS.map(w => [level, w.kind, w] as const));

describe('workload kinds', () => {
  const fixtures = new Map<PssLevel, Fixture[]>();
  beforeAll(() => {
    fixtures.set(PssLevel.BASELINE, newestFixtures(PssLevel.BASELINE));
    fixtures.set(PssLevel.RESTRICTED, newestFixtures(PssLevel.RESTRICTED));
  });

  test.each(CASES)('%s: every v1.37 fixture wrapped in a %s gets the pod\'s findings', (level, _kind, wrapper) => {
    // GIVEN the v1.37 fixtures of the level and an evaluator at v1.37
    const evaluator = new PolicyEvaluator({ level, version: 'v1.37' });
    const pods = fixtures.get(level)!;
    expect(pods.length).toBe(level === PssLevel.BASELINE ? 49 : 99);
    const mismatches: string[] = [];
    let denied = 0;
    for (const { file, pod } of pods) {
      // WHEN the pod and its wrapped copy are evaluated
      const expected = evaluator.evaluate(pod);
      const actual = evaluator.evaluate(wrapper.wrap(pod));
      if (expected.length > 0) denied++;
      // THEN the copy has the same checks, details and containers, at paths under the template
      const want = comparable(expected, wrapper.templatePath);
      const got = comparable(actual, '');
      if (JSON.stringify(got) !== JSON.stringify(want)) {
        mismatches.push(`${file}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
      }
      if (actual.some(f => f.resource.kind !== wrapper.resourceKind || f.manifestIndex !== 0)) {
        mismatches.push(`${file}: findings must name a ${wrapper.resourceKind} at manifest index 0`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(denied).toBe(level === PssLevel.BASELINE ? 34 : 76);
  });

  test('a CronJob finding points into the job template\'s pod spec', () => {
    // GIVEN a CronJob whose pod runs privileged
    const cronJob = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'nightly' },
      spec: {
        schedule: '0 0 * * *',
        jobTemplate: { spec: { template: { spec: { containers: [{ name: 'app', image: 'app', securityContext: { privileged: true } }] } } } },
      },
    };
    // WHEN it is evaluated at baseline
    const findings = new PolicyEvaluator({ level: PssLevel.BASELINE }).evaluate(cronJob);
    // THEN the one finding points at the container's field inside the job template
    expect(findings.map(f => [f.ruleId, f.path, f.container])).toEqual([
      ['privileged', '/spec/jobTemplate/spec/template/spec/containers/0/securityContext/privileged', 'app'],
    ]);
  });
});
