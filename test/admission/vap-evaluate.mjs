// Evaluates ValidatingAdmissionPolicies the way the API server applies them to a CREATE request,
// with one CEL engine: `cel-js` (@marcbachmann/cel-js) or `bufbuild` (@bufbuild/cel).
// stdin: {"engine", "policySets": [[{"policy", "binding"}]],
//         "requests": [{"object", "namespace", "policySet", "operation" (CREATE), "oldObject" (UPDATE)}]}
// (`policySet` is the index of the policies that apply to the request).
// stdout: one verdict per request: {"denied", "failures": [message], "errors": [message]}
import { Environment } from '@marcbachmann/cel-js';
import { celEnv, isCelError, parse, plan } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';

const input = JSON.parse(await new Promise(resolve => {
  let text = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', chunk => { text += chunk; });
  process.stdin.on('end', () => resolve(text));
}));

/** JSON integers become CEL ints, as the API server's typed objects have them. */
function toCel(value) {
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map(toCel);
  if (value !== null && typeof value === 'object') {
    const out = {};
    for (const key of Object.keys(value)) out[key] = toCel(value[key]);
    return out;
  }
  return value;
}

function compiler(engine) {
  if (engine === 'cel-js') {
    const env = new Environment({ unlistedVariablesAreDyn: true, homogeneousAggregateLiterals: false });
    return expression => {
      const run = env.parse(expression);
      return activation => {
        try {
          return { value: run(activation) };
        } catch (e) {
          return { error: String(e.message).split('\n')[0] };
        }
      };
    };
  }
  if (engine === 'bufbuild') {
    const env = celEnv({ funcs: strings });
    return expression => {
      const run = plan(env, parse(expression));
      return activation => {
        try {
          const value = run(activation);
          return isCelError(value) ? { error: value.message } : { value };
        } catch (e) {
          return { error: String(e.message) };
        }
      };
    };
  }
  throw new Error(`unknown engine ${engine}`);
}

const compile = compiler(input.engine);
const policySets = input.policySets.map(set => set.map(({ policy, binding }) => ({
  rules: policy.spec.matchConstraints.resourceRules,
  conditions: (policy.spec.matchConditions ?? []).map(c => ({ name: c.name, run: compile(c.expression) })),
  variables: (policy.spec.variables ?? []).map(v => ({ name: v.name, run: compile(v.expression) })),
  validations: policy.spec.validations.map(v => ({ message: v.message, expression: v.expression, run: compile(v.expression) })),
  deny: binding.spec.validationActions.includes('Deny'),
})));

function groupOf(apiVersion) {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

function matches(rules, object, operation) {
  const group = groupOf(object.apiVersion ?? '');
  const resource = String(object.kind).toLowerCase() + 's';
  return rules.some(r => r.operations.includes(operation) && r.apiGroups.includes(group) && r.resources.includes(resource));
}

const verdicts = input.requests.map(({ object, namespace, policySet, operation, oldObject }) => {
  const policies = policySets[policySet];
  const celObject = toCel(object);
  const op = operation ?? 'CREATE';
  const request = { namespace: namespace ?? '', operation: op, kind: { kind: object.kind } };
  const celOld = op === 'UPDATE' ? toCel(oldObject) : null;
  const failures = [];
  const errors = [];
  let denied = false;
  for (const policy of policies) {
    if (!matches(policy.rules, object, op)) continue;
    const variables = {};
    const broken = new Set();
    const activation = { object: celObject, oldObject: celOld, request, variables };
    // A false match condition skips the policy; one that errors counts as a failure (failurePolicy Fail).
    const conditionResults = policy.conditions.map(c => c.run(activation));
    if (conditionResults.some(r => 'error' in r)) {
      errors.push(...conditionResults.filter(r => 'error' in r).map(r => `matchCondition: ${r.error}`));
      denied = true;
      continue;
    }
    if (conditionResults.some(r => r.value !== true)) continue;
    for (const v of policy.variables) {
      const result = v.run(activation);
      if ('error' in result) broken.add(v.name);
      else variables[v.name] = result.value;
    }
    for (const validation of policy.validations) {
      const usesBroken = [...broken].some(name => validation.expression.includes(`variables.${name}`));
      const result = usesBroken ? { error: 'a variable it reads failed' } : validation.run(activation);
      if ('error' in result) {
        errors.push(`${validation.message}: ${result.error}`);
      } else if (result.value !== true) {
        failures.push(validation.message);
      } else {
        continue;
      }
      if (policy.deny) denied = true;
    }
  }
  return { denied, failures, errors };
});
process.stdout.write(JSON.stringify(verdicts));
