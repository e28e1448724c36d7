/**
 * # serviceAccountToken
 *
 * Pods must not mount a Kubernetes API token unless they need one: a stolen token lets an
 * attacker talk to the API server as the pod's service account.
 *
 * This rule looks at the whole set of manifests evaluated together (one synth, or every file
 * given to the CLI). It reads:
 * - `spec.automountServiceAccountToken` of the pod template
 * - `spec.serviceAccountName` (else the deprecated `spec.serviceAccount`, else `default`) and
 *   `metadata.namespace` of the pod-bearing resource
 * - `automountServiceAccountToken` of the `ServiceAccount` of that name and namespace, when the
 *   inputs hold it
 *
 * Kubernetes decides as this rule does: the pod's field wins when it is set; a pod that leaves it
 * unset takes its ServiceAccount's; when neither says, the token is mounted. A ServiceAccount
 * that is not among the inputs cannot be known, so a pod that leaves the field unset is then
 * reported. A resource without `metadata.namespace` is taken to be in the namespace named by
 * `defaultNamespace`, for pods and ServiceAccounts alike.
 *
 * Allowed values: the pod sets `false`, or leaves the field unset and its ServiceAccount in the
 * inputs sets `false`. Pods that do need a token mount a short-lived projected token, or
 * suppress the finding with a reason.
 *
 * Parameters:
 * - `defaultNamespace`: the namespace resources without `metadata.namespace` are taken to be in.
 *   Default `"default"`.
 *
 * @see https://github.com/cdk8s-guard/cdk8s-guard/blob/main/RULES.md#serviceaccounttoken
 * @internal
 */
import { DEFAULT_NAMESPACE, DEFAULT_NAMESPACE_PARAM, defaultNamespaceParam, NONE, NSA, ruleDocUrl, unknownParam } from './_common';
import { indexServiceAccounts, namespaceOf, podServiceAccount, tokenAutomount } from './_rbac';
import { defineRule, SetMember } from '../../engine/rule';
import { RuleViolation, Severity } from '../../engine/types';

export const serviceAccountToken = defineRule({
  id: 'serviceAccountToken',
  scope: 'set',
  defaultSeverity: Severity.WARNING,
  description: 'Pods must not mount a service account token: automountServiceAccountToken must be false on the pod, or on its ServiceAccount when the pod leaves it unset.',
  message: 'automountServiceAccountToken != false',
  fix: 'set spec.automountServiceAccountToken: false on the pod template',
  helpUri: ruleDocUrl('serviceAccountToken'),
  cis: ['5.1.6'],
  nsa: [NSA.tokens],
  params: [DEFAULT_NAMESPACE_PARAM],
  validateParams: params => unknownParam(params, ['defaultNamespace']) ?? defaultNamespaceParam(params),
  checkSet: (members: readonly SetMember[], params) => {
    const fallback: string = params.defaultNamespace ?? DEFAULT_NAMESPACE;
    const accounts = indexServiceAccounts(members, fallback);
    let out: RuleViolation[] | undefined;
    for (let i = 0; i < members.length; i++) {
      const m = members[i];
      const pod = m.pod;
      if (!pod) continue;
      const namespace = namespaceOf(m.object) ?? fallback;
      const sa = podServiceAccount(pod);
      const account = accounts?.get(`${namespace}/${sa}`);
      const automount = tokenAutomount(pod, account);
      if (!automount.mounted) continue;
      const detail = automount.by === 'pod'
        ? 'pod sets automountServiceAccountToken=true'
        : automount.by === 'serviceAccount'
          ? `pod leaves automountServiceAccountToken unset, and its ServiceAccount "${sa}" in namespace "${namespace}" sets automountServiceAccountToken=true`
          : account !== undefined
            ? `pod leaves automountServiceAccountToken unset, and its ServiceAccount "${sa}" in namespace "${namespace}" does not set it, so the token is mounted`
            : 'pod leaves automountServiceAccountToken unset, so the service account token is mounted unless its ServiceAccount opts out';
      (out ??= []).push({ manifestIndex: m.manifestIndex, path: pod.path('automountServiceAccountToken'), detail });
    }
    return out ?? NONE;
  },
});
