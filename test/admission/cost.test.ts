/**
 * Every emitted expression stays under the API server's per-expression cost limit, and every
 * policy (whose binding evaluates all of its expressions) under the per-binding budget, for pods of
 * up to 100 containers and 100 volumes.
 */
import { estimateCost, POD_BOUNDS } from './_cost';
import { Packs, PolicyEvaluator, PssLevel } from '../../src';
import { AdmissionAction, AdmissionExemption, emitAdmissionPolicies } from '../../src/admission/emit';

const PER_EXPRESSION_LIMIT = 1_000_000;
const PER_BINDING_BUDGET = 10_000_000;

const EXEMPTIONS: AdmissionExemption[] = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'].flatMap(kind => [
  { ruleId: 'runAsNonRoot', reason: 'the agent runs as root on purpose', resource: { kind, namespace: 'logging', name: 'agent' }, containers: ['agent', 'sidecar'] },
  { ruleId: 'restrictedVolumes', reason: 'the agent reads the node logs', resource: { kind, namespace: 'logging', name: 'agent' } },
]);

describe('cost estimate', () => {
  test.each([
    ['a constant', 'true', 1],
    ['a field test', 'has(a.b)', 2],
    ['both sides of &&', 'a && b', 3],
    ['the dearer branch of a conditional', 'a ? b : c.d', 4],
    // range, initial value, per element the condition (2) and the step (5), result
    ['a literal list of 3 elements', '[1, 2, 3].all(x, x > 0)', (1 + 3) + 1 + 3 * (2 + 5) + 1],
    ['a list of the bound size', 'l.all(x, x > 0)', 1 + 1 + 100 * (2 + 5) + 1],
    ['a string function', 's.startsWith("a")', 1 + 103 + 1 + 1],
  ])('estimates %s', (_name, expression, expected) => {
    // GIVEN an expression WHEN estimating its cost THEN it is the modelled cost
    expect(estimateCost(expression)).toBe(expected);
  });

  test('nested lists multiply', () => {
    // GIVEN a comprehension over a comprehension WHEN estimating THEN the inner cost is paid per outer element
    const inner = estimateCost('l.all(y, y > 0)');
    expect(estimateCost('l.all(x, x.l.all(y, y > 0))')).toBeGreaterThan(POD_BOUNDS.maxItems * (inner - 1));
  });

  const combos: Array<[string, PolicyEvaluator]> = [];
  for (const level of [PssLevel.BASELINE, PssLevel.RESTRICTED]) {
    for (let minor = 0; minor <= 37; minor++) combos.push([`${level} v1.${minor}`, new PolicyEvaluator({ level, version: `v1.${minor}` })]);
  }
  combos.push(['the hardened pack', new PolicyEvaluator({ packs: [Packs.HARDENED], ruleParams: { imageRegistry: { allowed: ['registry.example.com/'] } } })]);

  test.each(combos)('%s stays within the limits, with exemptions', (_name, evaluator) => {
    // GIVEN the emitted policies, with exemptions for the checks that have them
    const ids = new Set(evaluator.ruleIds());
    const exemptions = EXEMPTIONS.filter(e => ids.has(e.ruleId));
    const { policies } = emitAdmissionPolicies({ evaluator, action: AdmissionAction.DENY, exemptions });
    for (const { policy } of policies) {
      // WHEN estimating each expression
      const expressions = [...policy.spec.matchConditions, ...policy.spec.variables, ...policy.spec.validations];
      const costs = expressions.map((v: any) => estimateCost(v.expression));
      // THEN each is under the per-expression limit and all together under the binding's budget
      expect(Math.max(...costs)).toBeLessThan(PER_EXPRESSION_LIMIT);
      expect(costs.reduce((a, b) => a + b, 0)).toBeLessThan(PER_BINDING_BUDGET);
    }
  });
});
