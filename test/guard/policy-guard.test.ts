import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App, Chart, Include, Lazy, Testing, Yaml, YamlOutputType } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { compliantDeployment, hardenWithPatches, labels, MemoryLogger, plainDeployment, rawPod, RecordingObserver, tempDir } from './_helpers';
import { IRule, PssLevel, RuleContext, RuleViolation, Severity } from '../../src/engine';
import { GuardMode, PolicyGuard, Suppressions } from '../../src/guard';
import { Packs } from '../../src/packs';
import { ReportFormat } from '../../src/report';

const INSECURE_YAML = path.join(__dirname, 'fixtures', 'insecure.yaml');

/** A custom rule that reports every Deployment with a fixed severity. */
class EveryDeploymentRule implements IRule {
  public readonly ruleId = 'everyDeployment';
  public readonly description = 'Reports every Deployment (test rule).';
  public readonly message = 'deployment seen';
  public readonly fix = 'nothing to fix, this is a test rule';
  constructor(public readonly severity: Severity) {}
  public evaluate(context: RuleContext): RuleViolation[] {
    return context.resource.kind === 'Deployment' ? [{ path: '/kind', detail: `deployment "${context.resource.name}" seen` }] : [];
  }
}

/** A custom rule that throws. */
class BrokenRule implements IRule {
  public readonly ruleId = 'brokenRule';
  public readonly description = 'Always throws (test rule).';
  public readonly message = 'never shown';
  public readonly fix = 'never shown';
  public readonly severity = Severity.WARNING;
  public evaluate(context: RuleContext): RuleViolation[] {
    if (context.resource.kind === 'Deployment') throw new Error('boom');
    return [];
  }
}

function quietGuard(scope: Construct, props: Parameters<typeof PolicyGuard.of>[1] = {}): PolicyGuard {
  return PolicyGuard.of(scope, { reportFormats: [], logger: new MemoryLogger(), ...props });
}

describe('what the guard evaluates', () => {
  test('a plain kplus Deployment fails restricted with seccompProfile_restricted and capabilities_restricted at its construct path', () => {
    // GIVEN
    const app = Testing.app();
    const chart = new Chart(app, 'test');
    plainDeployment(chart, 'web');
    const guard = quietGuard(app);

    // WHEN
    const findings = guard.findings();

    // THEN
    expect(labels(findings)).toEqual([
      'capabilities_restricted@test/web/Resource[main]',
      'seccompProfile_restricted@test/web/Resource[main]',
    ]);
    const capabilities = findings[0];
    expect(capabilities).toMatchObject({
      severity: Severity.ERROR,
      level: PssLevel.RESTRICTED,
      message: 'unrestricted capabilities',
      path: '/spec/template/spec/containers/0/securityContext/capabilities/drop',
      resource: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'test-web-c8ba1bf5' },
      suppressed: false,
      file: `${app.outdir}/test.k8s.yaml`,
    });
    expect(capabilities.suppressionReason).toBeUndefined();
  });

  test('an Include of an insecure YAML file is caught, per included object', () => {
    // GIVEN
    const app = Testing.app();
    const chart = new Chart(app, 'test');
    new Include(chart, 'legacy', { url: INSECURE_YAML });

    // WHEN
    const findings = quietGuard(app, { level: PssLevel.BASELINE }).findings();

    // THEN
    expect(labels(findings)).toEqual([
      'hostNamespaces@test/legacy/legacy-pod-tools',
      'privileged@test/legacy/legacy-pod-tools[agent]',
    ]);
    expect(findings[1]).toMatchObject({
      resource: { apiVersion: 'v1', kind: 'Pod', namespace: 'tools', name: 'legacy' },
      path: '/spec/containers/0/securityContext/privileged',
    });
  });

  test('a raw ApiObject is evaluated like any other', () => {
    // GIVEN
    const app = Testing.app();
    const chart = new Chart(app, 'test');
    rawPod(chart, 'Raw', { containers: [{ name: 'c', image: 'x', securityContext: { privileged: true } }] });

    // WHEN
    const findings = quietGuard(app, { level: PssLevel.BASELINE }).findings();

    // THEN
    expect(labels(findings)).toEqual(['privileged@test/Raw[c]']);
  });

  test('a JSON patch that fixes the fields makes the object pass, because the guard reads toJson()', () => {
    // GIVEN
    const app = Testing.app();
    const chart = new Chart(app, 'test');
    const deployment = plainDeployment(chart, 'web');
    const guard = quietGuard(app);
    expect(guard.findings()).toHaveLength(2);

    // WHEN
    hardenWithPatches(deployment);

    // THEN
    expect(guard.findings()).toEqual([]);
    expect(() => Testing.synth(chart)).not.toThrow();
  });

  test('a guard attached to a chart evaluates only that chart', () => {
    // GIVEN
    const app = Testing.app();
    const guarded = new Chart(app, 'guarded');
    const other = new Chart(app, 'other');
    plainDeployment(guarded, 'a');
    plainDeployment(other, 'b');

    // WHEN
    const findings = quietGuard(guarded).findings();

    // THEN
    expect([...new Set(findings.map(f => f.constructPath))]).toEqual(['guarded/a/Resource']);
  });

  test('findings are sorted by construct path whatever the construction order', () => {
    // GIVEN
    const app = Testing.app();
    const b = new Chart(app, 'b');
    const a = new Chart(app, 'a');
    rawPod(b, 'Z', { containers: [{ name: 'c', image: 'x', securityContext: { privileged: true } }] });
    rawPod(a, 'Y', { containers: [{ name: 'c', image: 'x', securityContext: { privileged: true } }] });
    rawPod(a, 'X', { containers: [{ name: 'c', image: 'x', securityContext: { privileged: true } }] });

    // WHEN
    const findings = quietGuard(app, { level: PssLevel.BASELINE }).findings();

    // THEN
    expect(findings.map(f => f.constructPath)).toEqual(['a/X', 'a/Y', 'b/Z']);
  });

  test('cross-object rules see every chart: a NetworkPolicy in another chart covers the workload', () => {
    // GIVEN
    const app = Testing.app();
    const workloads = new Chart(app, 'workloads');
    const policies = new Chart(app, 'policies');
    const deployment = compliantDeployment(workloads, 'web');
    const guard = quietGuard(app, { rules: [{ ruleId: 'networkPolicy' }] });
    expect(labels(guard.findings())).toEqual(['networkPolicy@workloads/web/Resource']);

    // WHEN
    new ApiObject(policies, 'deny', {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'deny-all' },
      spec: { podSelector: { matchLabels: deployment.matchLabels } },
    } as any);

    // THEN
    expect(guard.findings()).toEqual([]);
  });

  test('a rule that throws becomes a rule-error finding that is reported to observers and fails the synth', () => {
    // GIVEN
    const app = Testing.app();
    const chart = new Chart(app, 'test');
    compliantDeployment(chart, 'web');
    const observer = new RecordingObserver();
    quietGuard(app, { customRules: [new BrokenRule()], observers: [observer] });

    // WHEN
    const synth = () => app.synthYaml();

    // THEN
    expect(synth).toThrow(/test\/web\/Resource {2}rule error {2}brokenRule {2}Deployment\/test-web-[0-9a-f]{8} {2}rule failed to run\n {4}rule "brokenRule" threw: boom/);
    expect(observer.errors.map(f => [f.ruleId, f.constructPath, f.ruleError])).toEqual([['brokenRule', 'test/web/Resource', true]]);
    expect(observer.violations).toEqual([]);
  });
});

describe('pod templates of other kinds', () => {
  function elasticsearch(scope: Construct): ApiObject {
    return new ApiObject(scope, 'es', {
      apiVersion: 'elasticsearch.k8s.elastic.co/v1',
      kind: 'Elasticsearch',
      metadata: { name: 'logs' },
      spec: { nodeSets: [{ name: 'default', count: 1, podTemplate: { spec: { containers: [{ name: 'elasticsearch', image: 'es:8', securityContext: { privileged: true } }] } } }] },
    } as any);
  }

  test('the podTemplates prop evaluates a declared kind\'s templates', () => {
    // GIVEN
    const app = Testing.app();
    elasticsearch(new Chart(app, 'test'));
    const observer = new RecordingObserver();
    quietGuard(app, {
      mode: GuardMode.WARN,
      level: PssLevel.BASELINE,
      observers: [observer],
      podTemplates: [{ kind: 'Elasticsearch', group: 'elasticsearch.k8s.elastic.co', paths: ['spec.nodeSets[*].podTemplate'] }],
    });

    // WHEN
    app.synth();

    // THEN
    expect(labels(observer.violations)).toEqual(['privileged@test/es[elasticsearch]']);
  });

  test('without a declaration the template is an unevaluatedPodTemplate warning, never a clean pass', () => {
    // GIVEN
    const app = Testing.app();
    elasticsearch(new Chart(app, 'test'));
    const observer = new RecordingObserver();
    quietGuard(app, { mode: GuardMode.WARN, level: PssLevel.BASELINE, observers: [observer] });

    // WHEN
    app.synth();

    // THEN
    expect(observer.violations.map(f => [f.ruleId, f.severity, f.path])).toEqual([['unevaluatedPodTemplate', Severity.WARNING, '/spec/nodeSets/0/podTemplate']]);
  });
});

describe('enforce mode', () => {
  test('app.synth() throws one error listing path, resource, rule, field, message and fix, and writes no manifest', () => {
    // GIVEN
    const app = Testing.app();
    const chart = new Chart(app, 'test');
    plainDeployment(chart, 'web');
    PolicyGuard.of(app, { logger: new MemoryLogger() });

    // WHEN
    const synth = () => app.synth();

    // THEN
    const file = `${app.outdir}/test.k8s.yaml`;
    expect(synth).toThrow([
      'Validation failed with the following errors:',
      '  [] cdk8s-guard: 2 findings at or above "error", PSS restricted latest; no manifest was written',
      'test/web/Resource  error  capabilities_restricted    Deployment/test-web-c8ba1bf5/main  unrestricted capabilities',
      '    container "main" must set securityContext.capabilities.drop=["ALL"]',
      '    at /spec/template/spec/containers/0/securityContext/capabilities/drop',
      '    fix: set securityContext.capabilities.drop to ["ALL"] and add at most NET_BIND_SERVICE',
      'test/web/Resource  error  seccompProfile_restricted  Deployment/test-web-c8ba1bf5/main  seccompProfile',
      '    pod or container "main" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"',
      '    at /spec/template/spec/containers/0/securityContext/seccompProfile/type',
      '    fix: set spec.securityContext.seccompProfile.type to RuntimeDefault (or Localhost with a profile)',
      '',
      'per rule:',
      '  capabilities_restricted    1',
      '  seccompProfile_restricted  1',
      '',
      '✖ 2 violations, 0 suppressed, 0 errors, 1 resource checked',
      'fix each finding, or accept it with Suppressions.add(construct, [{ ruleId, reason }]) and a reason of at least 10 characters',
    ].join('\n'));
    expect(fs.existsSync(file)).toBe(false);
    expect(fs.readdirSync(app.outdir)).toEqual([]);
    expect(fs.readdirSync(`${app.outdir}-guard-reports`).sort()).toEqual(['guard-report.json', 'guard-report.junit.xml', 'guard-report.md', 'guard-report.sarif']);
  });

  test('with reportFormats [] a failed synth leaves the outdir empty', () => {
    // GIVEN
    const app = Testing.app();
    plainDeployment(new Chart(app, 'test'), 'web');
    quietGuard(app);

    // WHEN
    expect(() => app.synth()).toThrow(/cdk8s-guard: 2 findings at or above "error"/);

    // THEN
    expect(fs.readdirSync(app.outdir)).toEqual([]);
  });

  test.each([
    ['app.synthYaml()', (app: App, _chart: Chart) => app.synthYaml()],
    ['Testing.synth(chart)', (_app: App, chart: Chart) => Testing.synth(chart)],
    ['chart.toJson()', (_app: App, chart: Chart) => chart.toJson()],
  ])('%s throws the same error', (_name, synth) => {
    // GIVEN
    const app = Testing.app();
    const chart = new Chart(app, 'test');
    plainDeployment(chart, 'web');
    quietGuard(app);

    // THEN
    expect(() => synth(app, chart)).toThrow(/cdk8s-guard: 2 findings at or above "error", PSS restricted latest/);
  });

  test('the guard\'s error comes with the other validation errors of the tree', () => {
    // GIVEN
    const app = Testing.app();
    const chart = new Chart(app, 'test');
    plainDeployment(chart, 'web');
    chart.node.addValidation({ validate: () => ['chart problem'] });
    quietGuard(app);

    // THEN
    expect(() => app.synthYaml()).toThrow(/\[test\] chart problem/);
    expect(() => app.synthYaml()).toThrow(/\[\] cdk8s-guard: 2 findings/);
  });

  test('a compliant app synthesizes, writes its manifests and reports, and prints nothing', () => {
    // GIVEN
    const app = Testing.app();
    compliantDeployment(new Chart(app, 'test'), 'web');
    const logger = new MemoryLogger();
    PolicyGuard.of(app, { logger });

    // WHEN
    app.synth();

    // THEN
    expect(fs.readdirSync(app.outdir)).toEqual(['test.k8s.yaml']);
    expect(fs.readdirSync(`${app.outdir}-guard-reports`).sort()).toEqual(['guard-report.json', 'guard-report.junit.xml', 'guard-report.md', 'guard-report.sarif']);
    expect(logger.messages).toEqual([]);
  });

  test('the threshold: warnings fail only when failOn is lowered to warning', () => {
    // GIVEN
    const build = (failOn?: Severity) => {
      const app = Testing.app();
      compliantDeployment(new Chart(app, 'test'), 'web');
      const logger = new MemoryLogger();
      quietGuard(app, { customRules: [new EveryDeploymentRule(Severity.WARNING)], logger, ...(failOn ? { failOn } : {}) });
      return { app, logger };
    };

    // WHEN
    const atError = build();
    const atWarning = build(Severity.WARNING);

    // THEN
    expect(() => atError.app.synthYaml()).not.toThrow();
    expect(atError.logger.messages).toEqual([
      `cdk8s-guard (enforce): 1 finding below "error" (1 warning), which do not fail the synth; the reports in ${atError.app.outdir}-guard-reports list them (verbose: true prints them)`,
    ]);
    expect(() => atWarning.app.synthYaml()).toThrow(/cdk8s-guard: 1 finding at or above "warning"/);
  });

  test('info findings pass at the default threshold and fail at failOn info', () => {
    // GIVEN
    const app = Testing.app();
    compliantDeployment(new Chart(app, 'test'), 'web');
    quietGuard(app, { customRules: [new EveryDeploymentRule(Severity.INFO)], failOn: Severity.INFO });

    // THEN
    expect(() => app.synthYaml()).toThrow(/1 finding at or above "info"/);
  });
});

describe('warn mode', () => {
  test('the synth succeeds, manifests are written, and the list is printed once', () => {
    // GIVEN
    const app = Testing.app();
    plainDeployment(new Chart(app, 'a'), 'web');
    plainDeployment(new Chart(app, 'b'), 'web');
    const logger = new MemoryLogger();
    const observer = new RecordingObserver();
    PolicyGuard.of(app, { mode: GuardMode.WARN, logger, observers: [observer] });

    // WHEN
    app.synth();

    // THEN
    expect(fs.existsSync(path.join(app.outdir, 'a.k8s.yaml'))).toBe(true);
    expect(fs.existsSync(path.join(app.outdir, 'b.k8s.yaml'))).toBe(true);
    expect(logger.messages).toHaveLength(1);
    const printed = logger.messages[0];
    expect(printed.split('\n')[0]).toBe('cdk8s-guard (warn): 4 findings at or above "error", the synth continues');
    expect(printed).toMatch(/^a\/web\/Resource {2}error /m);
    expect(printed).toMatch(/^b\/web\/Resource {2}error /m);
    expect(printed.split('\n').pop()).toBe('✖ 4 violations, 0 suppressed, 0 errors, 2 resources checked');
    expect(labels(observer.violations)).toEqual([
      'capabilities_restricted@a/web/Resource[main]',
      'seccompProfile_restricted@a/web/Resource[main]',
      'capabilities_restricted@b/web/Resource[main]',
      'seccompProfile_restricted@b/web/Resource[main]',
    ]);
  });
});

describe('once per synth', () => {
  function appWithCharts(charts: number) {
    const app = Testing.app();
    const list: Chart[] = [];
    for (let i = 0; i < charts; i++) {
      const chart = new Chart(app, `chart${i}`);
      compliantDeployment(chart, 'web');
      list.push(chart);
    }
    const observer = new RecordingObserver();
    const guard = quietGuard(app, { observers: [observer] });
    return { app, charts: list, observer, guard };
  }

  test('app.synth() with several charts evaluates the tree once, and cdk8s validates once instead of 1 + charts times', () => {
    // GIVEN
    const { app, observer, guard } = appWithCharts(4);
    let validations = 0;
    app.node.addValidation({ validate: () => { validations++; return []; } });

    // WHEN
    app.synth();

    // THEN (the guard hands each chart's checked manifests to cdk8s, so no chart render validates again)
    expect(validations).toBe(1);
    expect(guard.evaluations).toBe(1);
    expect(observer.reports).toHaveLength(1);
    expect(observer.reports[0].summary.resources).toBe(4);
  });

  test('app.synthYaml() evaluates once', () => {
    // GIVEN
    const { app, observer } = appWithCharts(3);

    // WHEN
    app.synthYaml();

    // THEN
    expect(observer.reports).toHaveLength(1);
  });

  test('each Testing.synth(chart) is a synth of its own and evaluates once', () => {
    // GIVEN
    const { charts, observer } = appWithCharts(3);

    // WHEN
    Testing.synth(charts[0]);
    Testing.synth(charts[1]);

    // THEN
    expect(observer.reports).toHaveLength(2);
  });

  test('a tree changed between two synths in the same tick is evaluated afresh', () => {
    // GIVEN
    const { app, charts, observer } = appWithCharts(2);
    app.synth();

    // WHEN
    const late = plainDeployment(charts[1], 'late');
    const second = () => app.synth();

    // THEN
    expect(second).toThrow(/chart1\/late\/Resource/);
    expect(observer.reports).toHaveLength(2);

    // WHEN the late deployment is fixed by a patch, without any new construct
    hardenWithPatches(late);

    // THEN
    expect(() => app.synth()).not.toThrow();
    expect(observer.reports).toHaveLength(3);
  });

  test('findings() evaluates every time and calls no observer', () => {
    // GIVEN
    const { observer, guard } = appWithCharts(2);

    // WHEN
    guard.findings();
    guard.findings();

    // THEN
    expect(guard.evaluations).toBe(2);
    expect(observer.reports).toHaveLength(0);
  });
});

describe('rendering once per synth', () => {
  /** A ConfigMap whose data counts how many times it was rendered. */
  function countingConfigMap(chart: Chart) {
    let renders = 0;
    const obj = new ApiObject(chart, 'counter', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'counter' },
      data: { render: Lazy.any({ produce: () => String(++renders) }) },
    } as any);
    return { obj, renders: () => renders };
  }

  test('cdk8s writes exactly the manifests the guard checked, rendering each object once', () => {
    // GIVEN
    const app = Testing.app();
    const chart = new Chart(app, 'test');
    const counter = countingConfigMap(chart);
    quietGuard(app);

    // WHEN
    app.synth();

    // THEN
    expect(counter.renders()).toBe(1);
    expect(Yaml.load(path.join(app.outdir, 'test.k8s.yaml'))[0].data).toEqual({ render: '1' });
    expect(Object.prototype.hasOwnProperty.call(counter.obj, 'toJson')).toBe(false);
  });

  test('without a guard cdk8s renders the same object once too (the baseline)', () => {
    // GIVEN
    const app = Testing.app();
    const counter = countingConfigMap(new Chart(app, 'test'));

    // WHEN
    app.synth();

    // THEN
    expect(counter.renders()).toBe(1);
  });

  test('after a synth that another validation stopped, toJson() and the next synth render afresh', () => {
    // GIVEN
    const app = Testing.app();
    const chart = new Chart(app, 'test');
    const counter = countingConfigMap(chart);
    quietGuard(app);
    let fail = true;
    chart.node.addValidation({ validate: () => (fail ? ['not yet'] : []) });
    expect(() => app.synth()).toThrow(/not yet/);
    expect(Object.prototype.hasOwnProperty.call(counter.obj, 'toJson')).toBe(false);
    expect(Object.prototype.hasOwnProperty.call(chart, 'toJson')).toBe(false);

    // WHEN
    const direct = counter.obj.toJson();
    fail = false;
    app.synth();

    // THEN
    expect(direct.data).toEqual({ render: '2' });
    expect(Yaml.load(path.join(app.outdir, 'test.k8s.yaml'))[0].data).toEqual({ render: '3' });
    expect(counter.renders()).toBe(3);
  });
});

describe('rendering once per synth, chart by chart', () => {
  /** ConfigMaps that count their renders, `perChart` in each of `charts` charts. */
  function countingApp(charts: number, perChart: number, props: { yamlOutputType?: YamlOutputType } = {}) {
    const app = Testing.app(props);
    let renders = 0;
    const objects: ApiObject[] = [];
    for (let c = 0; c < charts; c++) {
      const chart = new Chart(app, `chart${c}`);
      for (let i = 0; i < perChart; i++) {
        objects.push(new ApiObject(chart, `cm${i}`, {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: `cm${i}` },
          data: { render: Lazy.any({ produce: () => String(++renders) }) },
        } as any));
      }
    }
    return { app, objects, renders: () => renders };
  }

  test.each([
    ['synth()', (app: App) => app.synth(), YamlOutputType.FILE_PER_CHART, 6],
    ['synthYaml()', (app: App) => app.synthYaml(), YamlOutputType.FILE_PER_CHART, 6],
    ['synth() with one file for the app', (app: App) => app.synth(), YamlOutputType.FILE_PER_APP, 6],
    ['synth() with a file per resource', (app: App) => app.synth(), YamlOutputType.FILE_PER_RESOURCE, 6],
    // cdk8s renders this output type object by object, not through Chart.toJson: each object twice
    ['synth() with a folder per chart', (app: App) => app.synth(), YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE, 12],
  ])('%s renders each object %#', (_name, run, yamlOutputType, expected) => {
    // GIVEN
    const { app, objects, renders } = countingApp(2, 3, { yamlOutputType });
    quietGuard(app);

    // WHEN
    run(app);

    // THEN
    expect(renders()).toBe(expected);
    expect(objects.filter(o => Object.prototype.hasOwnProperty.call(o, 'toJson'))).toEqual([]);
  });

  test('after a synth no chart keeps the guard\'s toJson, so the guard holds no manifest', () => {
    // GIVEN
    const { app } = countingApp(2, 3);
    quietGuard(app);

    // WHEN
    app.synth();

    // THEN
    expect(app.charts.filter(c => Object.prototype.hasOwnProperty.call(c, 'toJson'))).toEqual([]);
  });

  test('the manifests written are exactly those of a synth without the guard, in cdk8s\'s dependency order', () => {
    // GIVEN two identical apps whose objects depend on each other against construction order
    const build = (withGuard: boolean) => {
      const app = Testing.app();
      for (const name of ['a', 'b']) {
        const chart = new Chart(app, name);
        const first = new ApiObject(chart, 'first', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'first' } });
        const second = new ApiObject(chart, 'second', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'second' } });
        const third = compliantDeployment(chart, 'web');
        first.node.addDependency(second);
        second.node.addDependency(third);
      }
      Chart.of(app.node.findChild('a')).node.addDependency(app.node.findChild('b'));
      if (withGuard) quietGuard(app);
      app.synth();
      return fs.readdirSync(app.outdir).sort().map(f => [f, fs.readFileSync(path.join(app.outdir, f), 'utf8')]);
    };

    // WHEN
    const guarded = build(true);
    const plain = build(false);

    // THEN
    expect(guarded.length).toBe(2);
    expect(guarded).toEqual(plain);
  });

  test('a chart rendered by a validation inside the synth gets the checked manifests, as cdk8s does', () => {
    // GIVEN a validation that renders the other chart while the app synthesizes
    const { app, objects, renders } = countingApp(2, 2);
    quietGuard(app);
    const first = Chart.of(objects[0]);
    let rendered: any[] | undefined;
    let started = false;
    objects[3].node.addValidation({
      validate: () => {
        if (!started) {
          started = true;
          rendered = first.toJson();
        }
        return [];
      },
    });

    // WHEN
    app.synth();

    // THEN every object rendered once; the validation and the synth got the manifests the guard checked
    expect(rendered?.map(m => m.data.render)).toEqual(['1', '2']);
    expect(renders()).toBe(4);
    expect(Yaml.load(path.join(app.outdir, 'chart0.k8s.yaml')).map((m: any) => m.data.render)).toEqual(['1', '2']);
  });
});

describe('observers', () => {
  test('get one callback per outcome, then the report', () => {
    // GIVEN
    const app = Testing.app();
    const chart = new Chart(app, 'test');
    const web = plainDeployment(chart, 'web');
    compliantDeployment(chart, 'api');
    Suppressions.add(web, [{ ruleId: 'seccompProfile_restricted', reason: 'the node profile applies seccomp' }]);
    Suppressions.add(chart, [{ ruleId: 'runAsUser', reason: 'kept for the migration of the jobs' }]);
    const observer = new RecordingObserver();
    quietGuard(app, { mode: GuardMode.WARN, observers: [observer] });

    // WHEN
    app.synthYaml();

    // THEN
    expect(labels(observer.violations)).toEqual(['capabilities_restricted@test/web/Resource[main]']);
    expect(labels(observer.suppressed)).toEqual(['seccompProfile_restricted@test/web/Resource[main] (suppressed)']);
    expect(observer.suppressed[0]).toMatchObject({ suppressionReason: 'the node profile applies seccomp', suppressedBy: 'test/web' });
    expect(observer.compliant.map(r => r.constructPath)).toEqual(['test/api/Resource']);
    expect(observer.unused).toEqual([{ ruleId: 'runAsUser', reason: 'kept for the migration of the jobs', scope: 'test' }]);
    expect(observer.reports[0].summary).toEqual({ resources: 2, violations: 1, suppressed: 1, errors: 0 });
  });
});

describe('PolicyGuard.of', () => {
  test('returns the same guard on later calls, with or without the same props', () => {
    // GIVEN
    const app = Testing.app();
    const guard = PolicyGuard.of(app, { mode: GuardMode.WARN, packs: [Packs.PSS_BASELINE], level: PssLevel.BASELINE });

    // THEN
    expect(PolicyGuard.of(app)).toBe(guard);
    expect(PolicyGuard.of(app, { mode: GuardMode.WARN, failOn: Severity.ERROR, packs: [Packs.named('pss-baseline')] })).toBe(guard);
  });

  test.each([
    ['mode', { mode: GuardMode.ENFORCE }, 'the guard has "warn", this call gives "enforce"'],
    ['level', { level: PssLevel.BASELINE }, 'the guard has "restricted", this call gives "baseline"'],
    ['version', { version: 'v1.25' }, 'the guard has "latest", this call gives "v1.25"'],
    ['packs', { packs: [Packs.HARDENED] }, 'the guard has [], this call gives [pack "hardened"]'],
    ['failOnUnusedSuppressions', { failOnUnusedSuppressions: true }, 'the guard has false, this call gives true'],
    ['reportDir', { reportDir: 'elsewhere' }, 'the guard has unset, this call gives "elsewhere"'],
    ['unsuppressibleRules', { unsuppressibleRules: ['privileged'] }, 'the guard has [], this call gives ["privileged"]'],
  ])('fails when a later call gives %s another value', (prop, props, values) => {
    // GIVEN
    const app = Testing.app();
    PolicyGuard.of(app, { mode: GuardMode.WARN });

    // THEN
    expect(() => PolicyGuard.of(app, props)).toThrow(`conflicting policy guard property "${prop}" for "<app>": ${values}; pass the same value or omit it`);
  });

  test('fails when the scope is neither an App nor a Chart', () => {
    // GIVEN
    const app = Testing.app();
    const chart = new Chart(app, 'test');
    const deployment = plainDeployment(chart, 'web');

    // THEN
    expect(() => PolicyGuard.of(deployment)).toThrow('cannot attach a policy guard to "test/web" (Deployment), attach it to an App or a Chart, e.g. PolicyGuard.of(app)');
  });

  test('fails when a guard already covers the chart through the app', () => {
    // GIVEN
    const app = Testing.app();
    const chart = new Chart(app, 'test');
    PolicyGuard.of(app);

    // THEN
    expect(() => PolicyGuard.of(chart)).toThrow('a policy guard is already attached to "<app>", which contains "test"; use PolicyGuard.of(app) or attach guards only to sibling charts');
  });

  test('fails when a chart of the app already has its own guard', () => {
    // GIVEN
    const app = Testing.app();
    const chart = new Chart(app, 'test');
    PolicyGuard.of(chart);

    // THEN
    expect(() => PolicyGuard.of(app)).toThrow('a policy guard is already attached to "test", inside "<app>"; attach one guard to the app, or guards only to sibling charts');
  });

  test('sibling charts may have guards of their own', () => {
    // GIVEN
    const app = Testing.app();
    const prod = new Chart(app, 'prod');
    const dev = new Chart(app, 'dev');

    // THEN
    expect(PolicyGuard.of(prod, { level: PssLevel.RESTRICTED })).not.toBe(PolicyGuard.of(dev, { level: PssLevel.BASELINE }));
  });

  test.each([
    ['version', { version: 'v1.05' }, 'invalid policy version "v1.05", expecting "latest" or "v1.<minor>" such as "v1.30"'],
    ['mode', { mode: 'audit' as GuardMode }, 'invalid guard mode "audit", expecting one of: enforce, warn'],
    ['failOn', { failOn: 'fatal' as Severity }, 'invalid failOn severity "fatal", expecting one of: error, warning, info'],
    ['reportFormats', { reportFormats: ['html' as ReportFormat] }, 'invalid report format "html", expecting one of: json, sarif, junit, markdown, text'],
    ['reportDir', { reportDir: '' }, 'invalid reportDir "", expecting a directory path or leave it unset for "<outdir>-guard-reports"'],
    ['unsuppressibleRules', { unsuppressibleRules: ['noSuchRule'] }, 'unknown rule "noSuchRule" in unsuppressibleRules, expecting a rule id such as "imageDigest" (RULES.md lists them)'],
    ['unsuppressibleRules', { unsuppressibleRules: ['Privileged'] }, 'unknown rule "Privileged" in unsuppressibleRules, did you mean "privileged"?'],
    ['configFile', { configFile: '/no/such/guard.yaml' }, 'cannot read config file "/no/such/guard.yaml" (ENOENT), check the path'],
  ])('fails at the call when %s is invalid', (_prop, props, message) => {
    // GIVEN
    const app = Testing.app();

    // THEN
    expect(() => PolicyGuard.of(app, props)).toThrow(message);
  });

  test('resolves its defaults once and exposes them', () => {
    // GIVEN
    const app = Testing.app();

    // WHEN
    const guard = PolicyGuard.of(app);

    // THEN
    expect({
      level: guard.level,
      version: guard.version,
      mode: guard.mode,
      failOn: guard.failOn,
      failOnUnusedSuppressions: guard.failOnUnusedSuppressions,
      reportFormats: guard.reportFormats,
      reportDir: guard.reportDir,
      unsuppressibleRules: guard.unsuppressibleRules,
    }).toEqual({
      level: PssLevel.RESTRICTED,
      version: 'latest',
      mode: GuardMode.ENFORCE,
      failOn: Severity.ERROR,
      failOnUnusedSuppressions: false,
      reportFormats: [ReportFormat.JSON, ReportFormat.SARIF, ReportFormat.JUNIT, ReportFormat.MARKDOWN],
      reportDir: `${app.outdir}-guard-reports`,
      unsuppressibleRules: [],
    });
  });

  test('a pack that requires a stricter level raises it', () => {
    // GIVEN
    const app = Testing.app();

    // WHEN
    const guard = PolicyGuard.of(app, { level: PssLevel.BASELINE, packs: [Packs.PSS_RESTRICTED] });

    // THEN
    expect(guard.level).toBe(PssLevel.RESTRICTED);
  });
});

describe('config file', () => {
  test('adds its suppressions (by construct path and for everything) and unsuppressible rules', () => {
    // GIVEN
    const app = Testing.app();
    const chart = new Chart(app, 'test');
    plainDeployment(chart, 'web');
    const api = plainDeployment(chart, 'api');
    Suppressions.add(api, [{ ruleId: 'privileged', reason: 'the api needs the device plugin' }]);

    // WHEN
    const guard = quietGuard(app, { configFile: path.join(__dirname, 'fixtures', 'guard-config.yaml') });
    const report = guard.report();

    // THEN
    expect(guard.unsuppressibleRules).toEqual(['privileged']);
    expect(labels(guard.findings())).toEqual([
      'capabilities_restricted@test/api/Resource[main]',
      'seccompProfile_restricted@test/api/Resource[main]',
      'capabilities_restricted@test/web/Resource[main]',
      'seccompProfile_restricted@test/web/Resource[main] (suppressed)',
    ]);
    expect(guard.findings()[3]).toMatchObject({ suppressedBy: `config:${path.join(__dirname, 'fixtures', 'guard-config.yaml')}` });
    expect(report.unusedSuppressions).toEqual([
      { ruleId: 'privileged', reason: 'the api needs the device plugin', scope: 'test/api', note: 'rule "privileged" is unsuppressible' },
      { ruleId: 'runAsUser', reason: 'kept for the migration period of the batch jobs', scope: `config:${path.join(__dirname, 'fixtures', 'guard-config.yaml')}` },
    ]);
  });

  test('an explicit level wins over the config file, as a flag does in the CLI', () => {
    // GIVEN
    const app = Testing.app();
    const file = path.join(__dirname, 'fixtures', 'guard-config.yaml');

    // WHEN
    const guard = PolicyGuard.of(app, { configFile: file, level: PssLevel.BASELINE });

    // THEN
    expect(guard.level).toBe(PssLevel.BASELINE);
  });
});

describe('manifest files', () => {
  function synthWarn(app: App): PolicyGuard {
    const guard = PolicyGuard.of(app, { mode: GuardMode.WARN, reportFormats: [], logger: new MemoryLogger() });
    app.synth();
    return guard;
  }

  function expectFilesExist(guard: PolicyGuard): string[] {
    const files = [...new Set(guard.findings().map(f => f.file!))];
    for (const file of files) expect(fs.existsSync(file)).toBe(true);
    return files.map(f => path.relative(App.of(guard.scope).outdir, f));
  }

  test.each([
    [YamlOutputType.FILE_PER_CHART, ['a.k8s.yaml', 'b.k8s.yaml']],
    [YamlOutputType.FILE_PER_APP, ['app.k8s.yaml']],
    [YamlOutputType.FILE_PER_RESOURCE, ['Deployment.a-web-c840bfe3.k8s.yaml', 'Deployment.b-web-c830284c.k8s.yaml']],
    [YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE, ['a/Deployment.a-web-c840bfe3.k8s.yaml', 'b/Deployment.b-web-c830284c.k8s.yaml']],
  ])('name the files app.synth() writes with yamlOutputType %s', (yamlOutputType, expected) => {
    // GIVEN
    const app = new App({ outdir: tempDir(), yamlOutputType });
    plainDeployment(new Chart(app, 'a'), 'web');
    plainDeployment(new Chart(app, 'b'), 'web');

    // WHEN
    const guard = synthWarn(app);

    // THEN
    expect(expectFilesExist(guard)).toEqual(expected);
  });

  test('follow cdk8s\'s numbered names when charts depend on each other', () => {
    // GIVEN
    const app = new App({ outdir: tempDir(), outputFileExtension: '.yml' });
    const a = new Chart(app, 'a');
    const b = new Chart(app, 'b');
    plainDeployment(a, 'web');
    plainDeployment(b, 'web');
    a.addDependency(b);

    // WHEN
    const guard = synthWarn(app);

    // THEN
    expect(expectFilesExist(guard).sort()).toEqual(['0000-b.yml', '0001-a.yml']);
  });
});

describe('manifest files of charts that cdk8s numbers', () => {
  /** Two charts a and b with a Deployment each, linked by `link`. */
  function linkedApp(link: (app: App, a: Chart, b: Chart) => void): { app: App; a: Chart } {
    const app = new App({ outdir: tempDir() });
    const a = new Chart(app, 'a');
    const b = new Chart(app, 'b');
    plainDeployment(a, 'web');
    plainDeployment(b, 'web');
    link(app, a, b);
    return { app, a };
  }

  const links: Array<[string, (app: App, a: Chart, b: Chart) => void, string[]]> = [
    ['a construct depends on a construct of another chart', (_app, a, b) => a.node.findChild('web').node.addDependency(b.node.findChild('web')), ['0000-b.k8s.yaml', '0001-a.k8s.yaml']],
    ['a chart contains another chart', (_app, a) => plainDeployment(new Chart(a, 'inner'), 'web'), ['0000-a-inner-c8aa543e.k8s.yaml', '0001-a.k8s.yaml', '0002-b.k8s.yaml']],
    ['the other chart contains a chart', (_app, _a, b) => plainDeployment(new Chart(b, 'inner'), 'web'), ['0000-a.k8s.yaml', '0001-b-inner-c831ebfb.k8s.yaml', '0002-b.k8s.yaml']],
    ['no chart depends on another', () => undefined, ['a.k8s.yaml', 'b.k8s.yaml']],
  ];

  test.each(links)('with a guard on the app, when %s', (_name, link, expected) => {
    // GIVEN
    const { app } = linkedApp(link);
    const guard = PolicyGuard.of(app, { mode: GuardMode.WARN, reportFormats: [], logger: new MemoryLogger() });

    // WHEN
    app.synth();

    // THEN
    const files = [...new Set(guard.findings().map(f => path.relative(app.outdir, f.file!)))].sort();
    expect(files).toEqual(expected);
    expect(fs.readdirSync(app.outdir).sort()).toEqual(expected);
  });

  test.each(links)('with a guard on a chart, when %s', (_name, link, expected) => {
    // GIVEN
    const { app, a } = linkedApp(link);
    const guard = PolicyGuard.of(a, { mode: GuardMode.WARN, reportFormats: [], logger: new MemoryLogger() });

    // WHEN
    app.synth();

    // THEN the chart's objects name the files cdk8s wrote for a and the charts inside it
    const files = [...new Set(guard.findings().map(f => path.relative(app.outdir, f.file!)))].sort();
    expect(files).toEqual(expected.filter(f => /(^|-)a(-|\.)/.test(f)));
    expect(fs.readdirSync(app.outdir).sort()).toEqual(expected);
  });
});

describe('reports written at synth', () => {
  test('go to reportDir in the formats asked for', () => {
    // GIVEN
    const app = Testing.app();
    plainDeployment(new Chart(app, 'test'), 'web');
    const dir = path.join(tempDir(), 'nested', 'reports');
    PolicyGuard.of(app, { mode: GuardMode.WARN, reportDir: dir, reportFormats: [ReportFormat.JSON, ReportFormat.TEXT], logger: new MemoryLogger() });

    // WHEN
    app.synth();

    // THEN
    expect(fs.readdirSync(dir).sort()).toEqual(['guard-report.json', 'guard-report.txt']);
    const json = JSON.parse(fs.readFileSync(path.join(dir, 'guard-report.json'), 'utf8'));
    expect(json.summary).toEqual({ resources: 1, violations: 2, suppressed: 0, errors: 0, skipped: 0 });
    expect(json.results.map((r: any) => [r.ruleId, r.constructPath, r.file])).toEqual([
      ['capabilities_restricted', 'test/web/Resource', `${app.outdir}/test.k8s.yaml`],
      ['seccompProfile_restricted', 'test/web/Resource', `${app.outdir}/test.k8s.yaml`],
    ]);
  });

  test('report() builds the same report without writing it', () => {
    // GIVEN
    const app = Testing.app();
    plainDeployment(new Chart(app, 'test'), 'web');
    const guard = PolicyGuard.of(app);

    // WHEN
    const report = guard.report();

    // THEN
    expect(report.summary).toEqual({ resources: 1, violations: 2, suppressed: 0, errors: 0 });
    expect(report.resources).toEqual([{
      resource: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'test-web-c8ba1bf5' },
      constructPath: 'test/web/Resource',
      file: `${app.outdir}/test.k8s.yaml`,
    }]);
    expect(fs.readdirSync(app.outdir)).toEqual([]);
  });
});

describe('Helm', () => {
  test('Helm output is plain ApiObjects, like Include, so the guard covers it (helm is not installed here)', () => {
    // GIVEN a chart built the way cdk8s's Helm construct builds one: ApiObjects under a construct
    const app = Testing.app();
    const chart = new Chart(app, 'test');
    const helmLike = new Construct(chart, 'release');
    new ApiObject(helmLike, 'pod', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { hostPID: true, containers: [{ name: 'c', image: 'x' }] } } as any);

    // WHEN
    const findings = quietGuard(app, { level: PssLevel.BASELINE }).findings();

    // THEN
    expect(labels(findings)).toEqual(['hostNamespaces@test/release/pod']);
  });
});

describe('kplus workloads', () => {
  test('a kplus Job is checked like a Deployment', () => {
    // GIVEN
    const app = Testing.app();
    const chart = new Chart(app, 'test');
    new kplus.Job(chart, 'job', { containers: [{ image: 'busybox' }] });

    // WHEN
    const findings = quietGuard(app).findings();

    // THEN
    expect(labels(findings)).toEqual([
      'capabilities_restricted@test/job/Resource[main]',
      'seccompProfile_restricted@test/job/Resource[main]',
    ]);
  });
});
