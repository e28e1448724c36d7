import { App, Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { labels, MemoryLogger, plainDeployment, rawPod } from './_helpers';
import { IRule, PssLevel, RuleContext, RuleViolation, Severity } from '../../src/engine';
import { GuardMode, PolicyGuard, PolicyGuardProps, SuppressionEntry, Suppressions } from '../../src/guard';

const REASON = 'accepted for the reason stated here';

class TeamRule implements IRule {
  public readonly ruleId = 'teamLabel';
  public readonly description = 'Every Deployment names its team (test rule).';
  public readonly message = 'missing team label';
  public readonly fix = 'add the team label';
  public readonly severity = Severity.ERROR;
  public evaluate(context: RuleContext): RuleViolation[] {
    return context.resource.kind === 'Deployment' ? [{ path: '/metadata/labels', detail: 'no team label' }] : [];
  }
}

function guardOf(scope: Construct, props: PolicyGuardProps = {}): PolicyGuard {
  return PolicyGuard.of(scope, { reportFormats: [], logger: new MemoryLogger(), ...props });
}

/** An app with chart `test` holding two plain Deployments, `web` and `api`. */
function twoDeployments() {
  const app = Testing.app();
  const chart = new Chart(app, 'test');
  const web = plainDeployment(chart, 'web');
  const api = plainDeployment(chart, 'api');
  return { app, chart, web, api };
}

describe('Suppressions.add', () => {
  test('on a construct covers it and everything below it, and nothing else', () => {
    // GIVEN
    const { app, web } = twoDeployments();

    // WHEN
    Suppressions.add(web, [{ ruleId: 'capabilities_restricted', reason: REASON }]);

    // THEN
    expect(labels(guardOf(app).findings())).toEqual([
      'capabilities_restricted@test/api/Resource[main]',
      'seccompProfile_restricted@test/api/Resource[main]',
      'capabilities_restricted@test/web/Resource[main] (suppressed)',
      'seccompProfile_restricted@test/web/Resource[main]',
    ]);
  });

  test('on a chart covers every object of the chart, with the reason and where it was declared', () => {
    // GIVEN
    const { app, chart } = twoDeployments();

    // WHEN
    Suppressions.add(chart, [
      { ruleId: 'capabilities_restricted', reason: '  the runtime drops capabilities for the whole chart  ' },
      { ruleId: 'seccompProfile_restricted', reason: REASON },
    ]);

    // THEN
    const findings = guardOf(app).findings();
    expect(findings.every(f => f.suppressed)).toBe(true);
    expect(findings[0]).toMatchObject({
      ruleId: 'capabilities_restricted',
      suppressionReason: 'the runtime drops capabilities for the whole chart',
      suppressedBy: 'test',
    });
  });

  test('on the app covers a chart guarded on its own', () => {
    // GIVEN
    const { app, chart } = twoDeployments();
    Suppressions.add(app, [{ ruleId: 'capabilities_restricted', reason: REASON }]);

    // WHEN
    const findings = guardOf(chart).findings();

    // THEN
    expect(findings.filter(f => f.ruleId === 'capabilities_restricted').map(f => f.suppressedBy)).toEqual(['<app>', '<app>']);
  });

  test('the nearest suppression gives the reason', () => {
    // GIVEN
    const { app, chart, web } = twoDeployments();
    Suppressions.add(chart, [{ ruleId: 'capabilities_restricted', reason: 'chart-wide reason text' }]);
    Suppressions.add(web, [{ ruleId: 'capabilities_restricted', reason: 'reason given on the web deployment' }]);

    // WHEN
    const web1 = guardOf(app).findings().find(f => f.constructPath === 'test/web/Resource' && f.ruleId === 'capabilities_restricted')!;

    // THEN
    expect([web1.suppressionReason, web1.suppressedBy]).toEqual(['reason given on the web deployment', 'test/web']);
  });

  test('narrowed to containers covers only those containers, not the pod as a whole', () => {
    // GIVEN
    const app = Testing.app();
    const chart = new Chart(app, 'test');
    const pod = rawPod(chart, 'Pod', {
      hostNetwork: true,
      containers: [
        { name: 'app', image: 'x', securityContext: { privileged: true } },
        { name: 'sidecar', image: 'y', securityContext: { privileged: true } },
      ],
    });

    // WHEN
    Suppressions.add(pod, [
      { ruleId: 'privileged', reason: 'the sidecar manages the network', containers: ['sidecar'] },
      { ruleId: 'hostNamespaces', reason: 'only containers listed, never the pod', containers: ['app'] },
    ]);

    // THEN
    expect(labels(guardOf(app, { level: PssLevel.BASELINE }).findings())).toEqual([
      'hostNamespaces@test/Pod',
      'privileged@test/Pod[app]',
      'privileged@test/Pod[sidecar] (suppressed)',
    ]);
  });

  test('unsuppressible rules cannot be suppressed, and the suppression is reported as unused with a note', () => {
    // GIVEN
    const { app, web } = twoDeployments();
    Suppressions.add(web, [{ ruleId: 'capabilities_restricted', reason: REASON }]);

    // WHEN
    const guard = guardOf(app, { unsuppressibleRules: ['capabilities_restricted'] });

    // THEN
    expect(guard.findings().filter(f => f.suppressed)).toEqual([]);
    expect(guard.report().unusedSuppressions).toEqual([
      { ruleId: 'capabilities_restricted', reason: REASON, scope: 'test/web', note: 'rule "capabilities_restricted" is unsuppressible' },
    ]);
    expect(() => app.synthYaml()).toThrow(/cdk8s-guard: 4 findings at or above "error"/);
  });

  test('a custom rule ID is accepted with allowCustomRuleIds and suppresses that rule', () => {
    // GIVEN
    const { app, web } = twoDeployments();

    // WHEN
    Suppressions.add(web, [{ ruleId: 'teamLabel', reason: 'the web team is named in the chart' }], { allowCustomRuleIds: true });

    // THEN
    const findings = guardOf(app, { customRules: [new TeamRule()], level: PssLevel.BASELINE }).findings();
    expect(labels(findings)).toEqual(['teamLabel@test/api/Resource', 'teamLabel@test/web/Resource (suppressed)']);
  });

  test('a custom rule ID that no rule of the guard has fails the synth, with the closest custom rule', () => {
    // GIVEN
    const { app, web } = twoDeployments();
    Suppressions.add(web, [{ ruleId: 'teamLable', reason: 'the web team is named in the chart' }], { allowCustomRuleIds: true });
    guardOf(app, { customRules: [new TeamRule()], level: PssLevel.BASELINE });

    // WHEN
    const synth = () => app.synthYaml();

    // THEN
    expect(synth).toThrow('unknown rule "teamLable" in suppression at "test/web", did you mean "teamLabel"?');
  });

  test('a suppression of a built-in rule the guard does not run is not judged', () => {
    // GIVEN
    const { app, web } = twoDeployments();
    Suppressions.add(web, [{ ruleId: 'imageDigest', reason: 'tags are pinned by the release process' }]);

    // WHEN
    const report = guardOf(app).report();

    // THEN
    expect(report.unusedSuppressions).toEqual([]);
  });

  test('stores suppressions in node metadata, readable with Suppressions.of', () => {
    // GIVEN
    const { web } = twoDeployments();

    // WHEN
    Suppressions.add(web, [{ ruleId: 'privileged', reason: REASON, containers: ['main'] }]);

    // THEN
    expect(Suppressions.of(web)).toEqual([{ ruleId: 'privileged', reason: REASON, containers: ['main'] }]);
    expect(web.node.metadata.map(m => m.type)).toEqual(['cdk8s-guard:suppression']);
  });

  test('may be declared before any guard exists (as golden constructs do)', () => {
    // GIVEN
    const app = new App({ outdir: Testing.app().outdir });
    const chart = new Chart(app, 'test');
    const web = plainDeployment(chart, 'web');
    Suppressions.add(web, [{ ruleId: 'capabilities_restricted', reason: REASON }, { ruleId: 'seccompProfile_restricted', reason: REASON }]);

    // WHEN
    guardOf(app);

    // THEN
    expect(() => app.synthYaml()).not.toThrow();
  });

  test.each<[string, SuppressionEntry[], string]>([
    ['the list is empty', [], 'no suppressions given for "test/web", pass at least one { ruleId, reason }'],
    ['the reason is shorter than 10 characters', [{ ruleId: 'privileged', reason: 'too short' }],
      'suppression of "privileged" at "test/web" needs a reason of at least 10 characters saying why the finding is accepted, found "too short"'],
    ['the reason is short once trimmed', [{ ruleId: 'privileged', reason: '   short    ' }],
      'suppression of "privileged" at "test/web" needs a reason of at least 10 characters saying why the finding is accepted, found "short"'],
    ['the reason is missing', [{ ruleId: 'privileged' } as SuppressionEntry],
      'suppression of "privileged" at "test/web" needs a reason of at least 10 characters saying why the finding is accepted, found none'],
    ['the rule is a typo of a built-in rule', [{ ruleId: 'imageDigests', reason: REASON }],
      'unknown rule "imageDigests" in suppression at "test/web", did you mean "imageDigest"?'],
    ['the rule is a built-in rule in the wrong case', [{ ruleId: 'ImageDigest', reason: REASON }],
      'unknown rule "ImageDigest" in suppression at "test/web", did you mean "imageDigest"?'],
    ['the rule is unknown and like no built-in rule', [{ ruleId: 'teamOwnership', reason: REASON }],
      'unknown rule "teamOwnership" in suppression at "test/web", expecting a rule id such as "imageDigest" (RULES.md lists them); for a custom rule pass { allowCustomRuleIds: true }'],
    ['the rule id is not an id', [{ ruleId: 'Not An Id', reason: REASON }],
      'unknown rule "Not An Id" in suppression at "test/web", expecting a rule id such as "imageDigest" (RULES.md lists them)'],
    ['the containers list is empty', [{ ruleId: 'privileged', reason: REASON, containers: [] }],
      'suppression of "privileged" at "test/web" has an empty containers list, name at least one container or omit containers to cover them all'],
    ['a container name is empty', [{ ruleId: 'privileged', reason: REASON, containers: [''] }],
      'suppression of "privileged" at "test/web" lists container "", write container names as non-empty strings'],
  ])('fails at the call when %s', (_name, entries, message) => {
    // GIVEN
    const { web } = twoDeployments();

    // THEN
    expect(() => Suppressions.add(web, entries)).toThrow(message);
    expect(Suppressions.of(web)).toEqual([]);
  });

  test('stores nothing when one entry of the list is invalid', () => {
    // GIVEN
    const { web } = twoDeployments();

    // WHEN
    expect(() => Suppressions.add(web, [{ ruleId: 'privileged', reason: REASON }, { ruleId: 'privileged', reason: 'short' }])).toThrow();

    // THEN
    expect(Suppressions.of(web)).toEqual([]);
  });

  test('the app scope is named <app> in messages', () => {
    // GIVEN
    const app = Testing.app();

    // THEN
    expect(() => Suppressions.add(app, [])).toThrow('no suppressions given for "<app>", pass at least one { ruleId, reason }');
  });
});

describe('unused suppressions', () => {
  test('are reported in every report and printed, without failing by default', () => {
    // GIVEN
    const { app, chart, web } = twoDeployments();
    Suppressions.add(web, [{ ruleId: 'capabilities_restricted', reason: REASON }, { ruleId: 'seccompProfile_restricted', reason: REASON }]);
    Suppressions.add(chart, [{ ruleId: 'runAsNonRoot', reason: 'stale since the images run as nobody', containers: ['main'] }]);
    const logger = new MemoryLogger();
    const guard = guardOf(app, { logger });
    Suppressions.add(chart.node.findChild('api'), [{ ruleId: 'capabilities_restricted', reason: REASON }, { ruleId: 'seccompProfile_restricted', reason: REASON }]);

    // WHEN
    app.synthYaml();

    // THEN
    expect(guard.report().unusedSuppressions).toEqual([
      { ruleId: 'runAsNonRoot', reason: 'stale since the images run as nobody', scope: 'test', containers: ['main'] },
    ]);
    expect(logger.messages).toEqual([
      `cdk8s-guard (enforce): 1 unused suppression, which do not fail the synth; the reports in ${guard.reportDir} list them (verbose: true prints them)`,
    ]);
  });

  test('are printed in full with verbose', () => {
    // GIVEN
    const { app, chart, web } = twoDeployments();
    Suppressions.add(chart, [{ ruleId: 'capabilities_restricted', reason: REASON }, { ruleId: 'seccompProfile_restricted', reason: REASON }]);
    Suppressions.add(web, [{ ruleId: 'runAsNonRoot', reason: 'stale since the images run as nobody', containers: ['main'] }]);
    const logger = new MemoryLogger();
    guardOf(app, { logger, verbose: true });

    // WHEN
    app.synthYaml();

    // THEN
    expect(logger.messages).toHaveLength(1);
    expect(logger.messages[0].split('\n')[0]).toBe('cdk8s-guard (enforce): 1 unused suppression, which do not fail the synth');
    expect(logger.messages[0]).toContain('unused suppressions (1):\n  runAsNonRoot at test/web [containers main]: stale since the images run as nobody (matched no finding)');
  });

  test('fail the synth with failOnUnusedSuppressions', () => {
    // GIVEN
    const { app, chart } = twoDeployments();
    Suppressions.add(chart, [
      { ruleId: 'capabilities_restricted', reason: REASON },
      { ruleId: 'seccompProfile_restricted', reason: REASON },
      { ruleId: 'runAsNonRoot', reason: 'stale since the images run as nobody' },
    ]);
    guardOf(app, { failOnUnusedSuppressions: true });

    // THEN
    expect(() => app.synthYaml()).toThrow([
      '  [] cdk8s-guard: 1 unused suppression (failOnUnusedSuppressions), PSS restricted latest; no manifest was written',
      'unused suppressions (1):',
      '  runAsNonRoot at test: stale since the images run as nobody (matched no finding)',
      '',
      '✔ 0 violations, 4 suppressed, 0 errors, 2 resources checked',
    ].join('\n'));
  });

  test('do not fail the synth in warn mode', () => {
    // GIVEN
    const { app, chart } = twoDeployments();
    Suppressions.add(chart, [{ ruleId: 'runAsNonRoot', reason: 'stale since the images run as nobody' }]);
    guardOf(app, { failOnUnusedSuppressions: true, mode: GuardMode.WARN });

    // THEN
    expect(() => app.synthYaml()).not.toThrow();
  });
});
