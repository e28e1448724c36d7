/**
 * # defaultNamespace
 *
 * Workloads must not be placed in the `default` namespace, where everything lands by accident
 * and which is hard to isolate, nor in `kube-system`, which belongs to the cluster's own
 * components.
 *
 * Reads, for every kind that runs pods (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet,
 * ReplicationController, Job, CronJob, PodTemplate, and the items of a List):
 * - `metadata.namespace`
 *
 * An unset namespace is not flagged: cdk8s charts often leave it unset and the namespace is
 * chosen at deploy time (`kubectl apply -n`, a GitOps tool, the kubeconfig context), which the
 * manifest cannot show.
 *
 * Allowed values: unset, or any namespace not in `forbidden`.
 *
 * Parameters:
 * - `forbidden`: namespaces workloads must not use. Default `["default", "kube-system"]`.
 *
 * @see https://github.com/cdk8s-guard/cdk8s-guard/blob/main/RULES.md#defaultnamespace
 * @internal
 */
import { NSA, objectBasePath, ruleDocUrl, stringListParam, unknownParam } from './_common';
import { joinPointer } from '../../engine/_pointer';
import { own } from '../../engine/_util';
import { celStrings } from '../../engine/cel';
import { defineRule } from '../../engine/rule';
import { Severity } from '../../engine/types';

const DEFAULT_FORBIDDEN = ['default', 'kube-system'];

export const defaultNamespace = defineRule({
  id: 'defaultNamespace',
  scope: 'pod',
  defaultSeverity: Severity.WARNING,
  description: 'Workloads must not be placed explicitly in the default or kube-system namespace.',
  message: 'workload in default or system namespace',
  fix: 'set metadata.namespace to the application\'s own namespace',
  helpUri: ruleDocUrl('defaultNamespace'),
  cis: ['5.7.4'],
  nsa: [NSA.namespaces],
  params: [{
    name: 'forbidden',
    type: 'string[]',
    description: 'Namespaces that workloads must not use.',
    default: '["default", "kube-system"]',
  }],
  validateParams: params => {
    const unknown = unknownParam(params, ['forbidden']);
    if (unknown) return unknown;
    if (own(params, 'forbidden') === undefined) return undefined;
    return stringListParam(params.forbidden, 'forbidden', '["default", "kube-system"]', true);
  },
  entries: [{
    minVersion: 0,
    cel: params => ({ pod: `!(request.namespace in ${celStrings(params.forbidden ?? DEFAULT_FORBIDDEN)})` }),
    check: (pod, ctx) => {
      const forbidden: readonly string[] = ctx.params.forbidden ?? DEFAULT_FORBIDDEN;
      const namespace = ctx.resource.namespace;
      if (namespace === undefined || !forbidden.includes(namespace)) return [];
      return [{
        path: joinPointer(objectBasePath(pod), 'metadata', 'namespace'),
        detail: `${ctx.resource.kind} "${ctx.resource.name}" is placed in namespace "${namespace}"`,
      }];
    },
  }],
});
