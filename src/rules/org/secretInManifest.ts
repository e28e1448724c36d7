/**
 * # secretInManifest
 *
 * A Secret with its data in the manifests is a credential committed to git (and to every build
 * artifact and CI log that holds the synthesized YAML). Secrets should come from an external
 * store, with only a reference in the manifests.
 *
 * Reads, on every `Secret` (core group):
 * - `data` and `stringData`: keys with a non-empty value
 * - `type`, to match `allowedTypes`
 *
 * Allowed values: neither field holds a key with a non-empty value. A Secret without data (for
 * example a `kubernetes.io/service-account-token` Secret that Kubernetes fills in) is fine.
 * Only the keys are named in findings, never the values.
 *
 * Parameters:
 * - `allowedNames`: names of Secrets that may hold data (a name, or a prefix ending in `*`).
 *   Default: none.
 * - `allowedTypes`: Secret types that may hold data, e.g. `kubernetes.io/dockerconfigjson` for
 *   a pull secret that is not sensitive. Default: none.
 *
 * @see https://github.com/cdk8s-guard/cdk8s-guard/blob/main/RULES.md#secretinmanifest
 * @internal
 */
import { manifestBasePath, matchesName, NONE, NSA, ruleDocUrl, validatePatternParams } from './_common';
import { describeObject, nameOf, namespaceOf } from './_rbac';
import { joinPointer } from '../../engine/_pointer';
import { isObject, own } from '../../engine/_util';
import { apiGroupOf } from '../../engine/pod-templates';
import { defineRule } from '../../engine/rule';
import { Severity } from '../../engine/types';

const FIELDS = ['data', 'stringData'] as const;

/** The keys of a map whose values are non-empty strings (other values are reported by the input check). */
function filledKeys(map: unknown): string[] {
  if (!isObject(map)) return [];
  return Object.keys(map).filter(k => typeof map[k] === 'string' && map[k] !== '');
}

export const secretInManifest = defineRule({
  id: 'secretInManifest',
  scope: 'manifest',
  defaultSeverity: Severity.WARNING,
  description: 'Secrets should not carry their data in the manifests.',
  message: 'secret data in manifest',
  fix: 'keep the credential out of git: deliver the Secret from an external secret store (External Secrets Operator, Sealed Secrets or the Secrets Store CSI driver) and remove data and stringData',
  helpUri: ruleDocUrl('secretInManifest'),
  nsa: [NSA.secrets],
  params: [
    {
      name: 'allowedNames',
      type: 'string[]',
      description: 'Names of Secrets that may hold data (exact, or a prefix ending in `*`).',
      default: '[] (none)',
    },
    {
      name: 'allowedTypes',
      type: 'string[]',
      description: 'Secret types that may hold data, e.g. `kubernetes.io/dockerconfigjson`.',
      default: '[] (none)',
    },
  ],
  validateParams: params => validatePatternParams(params, ['allowedNames', 'allowedTypes'], '["public-ca", "kubernetes.io/dockerconfigjson"]'),
  checkManifest: ctx => {
    const object = ctx.manifest;
    if (own(object, 'kind') !== 'Secret' || apiGroupOf(own(object, 'apiVersion')) !== '') return NONE;
    const phrases: string[] = [];
    const paths: string[] = [];
    for (const field of FIELDS) {
      const keys = filledKeys(own(object, field));
      if (keys.length === 0) continue;
      phrases.push(`${keys.map(k => JSON.stringify(k)).join(', ')} in ${field}`);
      paths.push(field);
    }
    if (phrases.length === 0) return NONE;
    const name = nameOf(object);
    const type = own(object, 'type');
    if (matchesName(ctx.params.allowedNames, name) || (typeof type === 'string' && matchesName(ctx.params.allowedTypes, type))) return NONE;
    const base = manifestBasePath(ctx);
    return [{
      path: joinPointer(base, paths[0]),
      ...(paths.length > 1 ? { extraPaths: [joinPointer(base, paths[1])] } : {}),
      detail: `${describeObject('Secret', name, namespaceOf(object))} holds ${phrases.join(' and ')}`,
    }];
  },
});
