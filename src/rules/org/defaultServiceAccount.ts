/**
 * # defaultServiceAccount
 *
 * Pods must run as a service account of their own, not as the namespace's `default` one, so that
 * permissions granted for one workload are not shared by every pod in the namespace.
 *
 * Reads:
 * - `spec.serviceAccountName` of the pod template
 * - `spec.serviceAccount` (the deprecated alias), used only when `serviceAccountName` is unset,
 *   as Kubernetes does
 *
 * Allowed values: a service account name other than `default`. Unset (or empty) means `default`.
 *
 * @see https://github.com/cdk8s-guard/cdk8s-guard/blob/main/RULES.md#defaultserviceaccount
 * @internal
 */
import { NSA, ruleDocUrl, unknownParam } from './_common';
import { own } from '../../engine/_util';
import { CEL_SPEC } from '../../engine/cel';
import { defineRule } from '../../engine/rule';
import { Severity } from '../../engine/types';

export const defaultServiceAccount = defineRule({
  id: 'defaultServiceAccount',
  scope: 'pod',
  defaultSeverity: Severity.WARNING,
  description: 'Pods must run as a dedicated service account, not the namespace\'s default one.',
  message: 'default service account',
  fix: 'create a ServiceAccount for the workload and set spec.serviceAccountName to it',
  helpUri: ruleDocUrl('defaultServiceAccount'),
  cis: ['5.1.5'],
  nsa: [NSA.tokens],
  validateParams: params => unknownParam(params, []),
  entries: [{
    minVersion: 0,
    cel: {
      pod: `has(${CEL_SPEC}.serviceAccountName) && ${CEL_SPEC}.serviceAccountName != "" ? ${CEL_SPEC}.serviceAccountName != "default"`
        + ` : has(${CEL_SPEC}.serviceAccount) && ${CEL_SPEC}.serviceAccount != "" && ${CEL_SPEC}.serviceAccount != "default"`,
    },
    check: pod => {
      const name = own(pod.spec, 'serviceAccountName');
      const alias = own(pod.spec, 'serviceAccount');
      if (typeof name === 'string' && name !== '') {
        if (name !== 'default') return [];
        return [{ path: pod.path('serviceAccountName'), detail: 'pod sets serviceAccountName "default"' }];
      }
      if (typeof alias === 'string' && alias !== '') {
        if (alias !== 'default') return [];
        return [{ path: pod.path('serviceAccount'), detail: 'pod sets serviceAccount "default"' }];
      }
      return [{ path: pod.path('serviceAccountName'), detail: 'pod leaves serviceAccountName unset, so it runs as the "default" service account' }];
    },
  }],
});
