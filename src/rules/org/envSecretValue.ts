/**
 * # envSecretValue
 *
 * A credential must not be written into a manifest as the literal value of an environment
 * variable: the manifest is in git, in the cluster's etcd unencrypted, and in every
 * `kubectl get -o yaml`.
 *
 * Reads, for init, regular and ephemeral containers:
 * - `env[].name`: the name looks like a credential when, upper-cased and with every character
 *   other than letters and digits removed, it contains `PASSWORD`, `PASSWD`, `PASSPHRASE`,
 *   `SECRET`, `TOKEN`, `APIKEY`, `PRIVATEKEY` or `CREDENTIAL`; and its last word (after the
 *   last `_`, `-` or `.`) is not `FILE`, `PATH`, `DIR` or `NAME`, which name where the
 *   credential is, not the credential (`DB_PASSWORD_FILE`)
 * - `env[].value`: a non-empty string that is not just a reference to another variable
 *   (`$(OTHER)`)
 *
 * Allowed values: such a variable takes its value from `valueFrom` (better still, the
 * credential is mounted as a file), or has an empty value. The value is never shown in findings.
 *
 * Parameters:
 * - `allowedNames`: variable names that are not credentials although they look like one
 *   (a name, or a prefix ending in `*`). Default: none.
 *
 * @see https://github.com/cdk8s-guard/cdk8s-guard/blob/main/RULES.md#envsecretvalue
 * @internal
 */
import { matchesName, NONE, NSA, ruleDocUrl, validatePatternParams } from './_common';
import { own } from '../../engine/_util';
import { defineRule } from '../../engine/rule';
import { RuleViolation, Severity } from '../../engine/types';

const CREDENTIAL_WORDS = ['PASSWORD', 'PASSWD', 'PASSPHRASE', 'SECRET', 'TOKEN', 'APIKEY', 'PRIVATEKEY', 'CREDENTIAL'];
const REFERENCE_SUFFIXES = ['FILE', 'PATH', 'DIR', 'NAME'];
const VARIABLE_REFERENCE = /^\$\([A-Za-z_][A-Za-z0-9_.-]*\)$/;

/** True when an environment variable's name looks like a credential. @internal */
export function looksLikeCredential(name: string): boolean {
  const compact = name.toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (!CREDENTIAL_WORDS.some(w => compact.includes(w))) return false;
  const words = name.toUpperCase().split(/[_.-]/);
  return !REFERENCE_SUFFIXES.includes(words[words.length - 1]);
}

export const envSecretValue = defineRule({
  id: 'envSecretValue',
  scope: 'pod',
  defaultSeverity: Severity.ERROR,
  description: 'Environment variables named like credentials must not have a literal value.',
  message: 'credential in environment variable value',
  fix: 'store the credential in a Secret managed outside the manifests and mount it as a file (or use valueFrom.secretKeyRef)',
  helpUri: ruleDocUrl('envSecretValue'),
  nsa: [NSA.secrets],
  params: [{
    name: 'allowedNames',
    type: 'string[]',
    description: 'Variable names that are not credentials although they look like one (exact, or a prefix ending in `*`).',
    default: '[] (none)',
  }],
  validateParams: params => validatePatternParams(params, ['allowedNames'], '["TOKEN_TTL", "PASSWORD_MIN_*"]'),
  entries: [{
    minVersion: 0,
    check: (pod, ctx) => {
      let out: RuleViolation[] | undefined;
      for (let ci = 0; ci < pod.containers.length; ci++) {
        const c = pod.containers[ci];
        const env = own(c.spec, 'env');
        if (!Array.isArray(env)) continue;
        for (let i = 0; i < env.length; i++) {
          const name = own(env[i], 'name');
          const value = own(env[i], 'value');
          if (typeof value !== 'string' || value === '' || typeof name !== 'string') continue;
          if (VARIABLE_REFERENCE.test(value) || !looksLikeCredential(name) || matchesName(ctx.params.allowedNames, name)) continue;
          (out ??= []).push({
            container: c.name,
            path: pod.containerPath(c, 'env', i, 'value'),
            detail: `container "${c.name}" sets environment variable "${name}" to a literal value`,
          });
        }
      }
      return out ?? NONE;
    },
  }],
});
