import { deployment } from './helpers';
import { IRule, PssLevel, RuleContext, RuleViolation, Severity } from '../../../src/engine/types';
import { PolicyEvaluator } from '../../../src/evaluator';

/** A user's rule: every resource needs a `team` label (or the label named by the `label` parameter). */
class TeamLabelRule implements IRule {
  public readonly ruleId = 'teamLabel';
  public readonly description = 'Every resource must carry a team label.';
  public readonly message = 'team label missing';
  public readonly fix = 'add metadata.labels.team';
  public readonly severity = Severity.WARNING;
  public readonly seen: string[] = [];

  public evaluate(context: RuleContext): RuleViolation[] {
    this.seen.push(`${context.resource.kind}/${context.resource.name}`);
    const label = typeof context.params.label === 'string' ? context.params.label : 'team';
    const labels = context.manifest?.metadata?.labels ?? {};
    if (typeof labels[label] === 'string') return [];
    return [{ path: '/metadata/labels', detail: `${context.resource.kind} "${context.resource.name}" has no ${label} label` }];
  }
}

/** A user's container rule: no container may be called "main". */
class NoMainContainerRule implements IRule {
  public readonly ruleId = 'noMainContainer';
  public readonly description = 'Containers must have descriptive names.';
  public readonly message = 'container named main';
  public readonly fix = 'rename the container';
  public readonly severity = Severity.ERROR;

  public evaluate(context: RuleContext): RuleViolation[] {
    return context.containers
      .filter(c => c.name === 'main')
      .map(c => ({ container: c.name, path: `${c.path}/name`, detail: `${c.type} entry ${c.index} is named "main"`, fix: 'call it after what it does' }));
  }
}

const labelled = (labels: { [key: string]: string }) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', labels } });

describe('custom rules (IRule)', () => {
  test('a user class gets findings like a built-in rule', () => {
    // GIVEN
    const evaluator = new PolicyEvaluator({ level: PssLevel.PRIVILEGED, customRules: [new TeamLabelRule()] });
    // WHEN
    const findings = evaluator.evaluate(labelled({ app: 'x' }));
    // THEN
    expect(findings).toEqual([{
      ruleId: 'teamLabel',
      severity: Severity.WARNING,
      message: 'team label missing',
      detail: 'ConfigMap "cfg" has no team label',
      fix: 'add metadata.labels.team',
      path: '/metadata/labels',
      paths: ['/metadata/labels'],
      resource: { apiVersion: 'v1', kind: 'ConfigMap', name: 'cfg' },
      manifestIndex: 0,
    }]);
    expect(evaluator.ruleIds()).toEqual(['teamLabel']);
  });

  test('a compliant manifest gets no findings', () => {
    const evaluator = new PolicyEvaluator({ level: PssLevel.PRIVILEGED, customRules: [new TeamLabelRule()] });
    expect(evaluator.evaluate(labelled({ team: 'payments' }))).toEqual([]);
  });

  test('is called for every manifest, pod-bearing or not', () => {
    const rule = new TeamLabelRule();
    new PolicyEvaluator({ level: PssLevel.PRIVILEGED, customRules: [rule] })
      .evaluateAll([labelled({}), deployment({ containers: [{ name: 'a', image: 'a:1' }] })]);
    expect(rule.seen).toEqual(['ConfigMap/cfg', 'Deployment/web']);
  });

  test('sees the containers, and reports per container with its own fix', () => {
    // GIVEN
    const manifest = deployment({ initContainers: [{ name: 'main', image: 'i:1' }], containers: [{ name: 'web', image: 'w:1' }, { name: 'main', image: 'm:1' }] });
    // WHEN
    const findings = new PolicyEvaluator({ level: PssLevel.PRIVILEGED, customRules: [new NoMainContainerRule()] }).evaluate(manifest);
    // THEN
    expect(findings.map(f => [f.path, f.container, f.detail, f.fix])).toEqual([
      ['/spec/template/spec/initContainers/0/name', 'main', 'initContainers entry 0 is named "main"', 'call it after what it does'],
      ['/spec/template/spec/containers/1/name', 'main', 'containers entry 1 is named "main"', 'call it after what it does'],
    ]);
  });

  test('takes parameters and severity overrides by its id', () => {
    const evaluator = new PolicyEvaluator({
      level: PssLevel.PRIVILEGED,
      customRules: [new TeamLabelRule()],
      ruleParams: { teamLabel: { label: 'owner' } },
      severityOverrides: { teamLabel: Severity.ERROR },
    });
    const findings = evaluator.evaluate(labelled({ team: 'payments' }));
    expect(findings.map(f => [f.severity, f.detail])).toEqual([[Severity.ERROR, 'ConfigMap "cfg" has no owner label']]);
  });

  test('runs beside packs and PSS checks, after them', () => {
    const manifest = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'a', image: 'a:1', securityContext: { privileged: true } }] } };
    const findings = new PolicyEvaluator({ level: PssLevel.BASELINE, customRules: [new TeamLabelRule()] }).evaluate(manifest);
    expect(findings.map(f => f.ruleId)).toEqual(['privileged', 'teamLabel']);
  });

  test('a rule that throws becomes an error finding, not a crash', () => {
    // GIVEN
    const broken: IRule = {
      ruleId: 'broken',
      description: 'Always throws.',
      message: 'never shown',
      fix: 'never shown',
      severity: Severity.INFO,
      evaluate: () => { throw new Error('boom'); },
    };
    // WHEN
    const findings = new PolicyEvaluator({ level: PssLevel.PRIVILEGED, customRules: [broken] }).evaluate(labelled({}));
    // THEN
    expect(findings).toEqual([expect.objectContaining({
      ruleId: 'broken',
      severity: Severity.ERROR,
      ruleError: true,
      message: 'rule failed to run',
      detail: 'rule "broken" threw: boom',
    })]);
  });

  test.each(['privileged', 'imageDigest', 'networkPolicy', 'invalidInput'])('fails when the id clashes with the built-in %s', id => {
    const clash = Object.assign(new TeamLabelRule(), { ruleId: id });
    expect(() => new PolicyEvaluator({ customRules: [clash] }))
      .toThrow(new Error(`custom rule id "${id}" is already taken, choose another id`));
  });

  test('fails when two custom rules share an id', () => {
    expect(() => new PolicyEvaluator({ customRules: [new TeamLabelRule(), new TeamLabelRule()] }))
      .toThrow(new Error('custom rule id "teamLabel" is already taken, choose another id'));
  });
});
