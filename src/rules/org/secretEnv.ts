/**
 * # secretEnv
 *
 * Secrets should reach containers as files, not environment variables: environment variables
 * end up in crash dumps, debug endpoints, child processes and `kubectl describe` output.
 *
 * Reads, for init, regular and ephemeral containers:
 * - `env[].valueFrom.secretKeyRef`
 * - `envFrom[].secretRef`
 *
 * Allowed values: neither is set. Each environment entry that reads a secret is its own
 * violation.
 *
 * @see https://github.com/cdk8s-guard/cdk8s-guard/blob/main/RULES.md#secretenv
 * @internal
 */
import { NSA, ruleDocUrl, unknownParam } from './_common';
import { isObject, own } from '../../engine/_util';
import { CEL_CONTAINER } from '../../engine/cel';
import { defineRule } from '../../engine/rule';
import { RuleViolation, Severity } from '../../engine/types';

function quoted(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : '(unnamed)';
}

export const secretEnv = defineRule({
  id: 'secretEnv',
  scope: 'pod',
  defaultSeverity: Severity.WARNING,
  description: 'Containers should not read secrets into environment variables.',
  message: 'secret in environment variable',
  fix: 'mount the secret as a volume and read it from a file',
  helpUri: ruleDocUrl('secretEnv'),
  cis: ['5.4.1'],
  nsa: [NSA.secrets],
  validateParams: params => unknownParam(params, []),
  entries: [{
    minVersion: 0,
    cel: {
      container: `(!has(${CEL_CONTAINER}.env) || ${CEL_CONTAINER}.env.all(e, !has(e.valueFrom) || !has(e.valueFrom.secretKeyRef)))`
        + ` && (!has(${CEL_CONTAINER}.envFrom) || ${CEL_CONTAINER}.envFrom.all(e, !has(e.secretRef)))`,
    },
    check: pod => {
      const out: RuleViolation[] = [];
      for (let ci = 0; ci < pod.containers.length; ci++) {
        const c = pod.containers[ci];
        const env = own(c.spec, 'env');
        if (Array.isArray(env)) {
          env.forEach((e, i) => {
            const ref = own(own(e, 'valueFrom'), 'secretKeyRef');
            if (!isObject(ref)) return;
            out.push({
              container: c.name,
              path: pod.containerPath(c, 'env', i, 'valueFrom', 'secretKeyRef'),
              detail: `container "${c.name}" reads key ${quoted(own(ref, 'key'))} of secret ${quoted(own(ref, 'name'))} into environment variable ${quoted(own(e, 'name'))}`,
            });
          });
        }
        const envFrom = own(c.spec, 'envFrom');
        if (Array.isArray(envFrom)) {
          envFrom.forEach((e, i) => {
            const ref = own(e, 'secretRef');
            if (!isObject(ref)) return;
            out.push({
              container: c.name,
              path: pod.containerPath(c, 'envFrom', i, 'secretRef'),
              detail: `container "${c.name}" reads every key of secret ${quoted(own(ref, 'name'))} into environment variables`,
            });
          });
        }
      }
      return out;
    },
  }],
});
