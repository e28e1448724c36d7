/**
 * # serviceAccountToken
 *
 * Pods must not mount a Kubernetes API token unless they need one: a stolen token lets an
 * attacker talk to the API server as the pod's service account.
 *
 * Reads:
 * - `spec.automountServiceAccountToken` of the pod template
 *
 * Only the pod-level field is read. Kubernetes mounts the token unless the pod sets the field to
 * `false`, or leaves it unset and its ServiceAccount sets `automountServiceAccountToken: false`.
 * This rule does not look at ServiceAccount objects: the ServiceAccount may be defined elsewhere
 * or changed later, and the pod-level field always wins, so the pod must say `false` itself.
 * Pods that do need a token set the field to `false` anyway and mount a short-lived projected
 * token, or suppress the finding with a reason.
 *
 * Allowed values: `false`.
 *
 * @see https://github.com/cdk8s-guard/cdk8s-guard/blob/main/RULES.md#serviceaccounttoken
 * @internal
 */
import { NSA, ruleDocUrl, unknownParam } from './_common';
import { own } from '../../engine/_util';
import { celIs, CEL_SPEC } from '../../engine/cel';
import { defineRule } from '../../engine/rule';
import { Severity } from '../../engine/types';

export const serviceAccountToken = defineRule({
  id: 'serviceAccountToken',
  scope: 'pod',
  defaultSeverity: Severity.WARNING,
  description: 'Pods must set automountServiceAccountToken to false.',
  message: 'automountServiceAccountToken != false',
  fix: 'set spec.automountServiceAccountToken: false on the pod template',
  helpUri: ruleDocUrl('serviceAccountToken'),
  cis: ['5.1.6'],
  nsa: [NSA.tokens],
  validateParams: params => unknownParam(params, []),
  entries: [{
    minVersion: 0,
    cel: { pod: celIs(CEL_SPEC, ['automountServiceAccountToken'], 'false') },
    check: pod => {
      const value = own(pod.spec, 'automountServiceAccountToken');
      if (value === false) return [];
      return [{
        path: pod.path('automountServiceAccountToken'),
        detail: value === true
          ? 'pod sets automountServiceAccountToken=true'
          : 'pod leaves automountServiceAccountToken unset, so the service account token is mounted unless its ServiceAccount opts out',
      }];
    },
  }],
});
