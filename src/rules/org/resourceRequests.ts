/**
 * # resourceRequests
 *
 * Containers must request the CPU and memory they need, so the scheduler places them on nodes
 * that have room and a noisy neighbour cannot starve them.
 *
 * Reads, for init and regular containers:
 * - `resources.requests.cpu`, `resources.requests.memory`
 * - `resources.requests.ephemeral-storage` (with `requireEphemeralStorage`)
 * - `resources.limits.<same names>`: Kubernetes sets a missing request to its limit, so a limit
 *   counts as a request
 *
 * Ephemeral containers are not checked: Kubernetes does not allow resources on them.
 * Pod-level `spec.resources` is not read.
 *
 * Allowed values: each required resource has a request (or a limit), written as a non-empty
 * quantity.
 *
 * Parameters:
 * - `requireEphemeralStorage`: also require `ephemeral-storage`. Default `false`.
 *
 * @see https://github.com/cdk8s-guard/cdk8s-guard/blob/main/RULES.md#resourcerequests
 * @internal
 */
import { booleanParam, NSA, ruleDocUrl, unknownParam } from './_common';
import { celResources, checkResources } from './_resources';
import { defineRule } from '../../engine/rule';
import { Severity } from '../../engine/types';

export const resourceRequests = defineRule({
  id: 'resourceRequests',
  scope: 'pod',
  defaultSeverity: Severity.ERROR,
  description: 'Init and regular containers must set CPU and memory requests.',
  message: 'resource requests not set',
  fix: 'set resources.requests.cpu and resources.requests.memory on every container',
  helpUri: ruleDocUrl('resourceRequests'),
  nsa: [NSA.resources],
  params: [{
    name: 'requireEphemeralStorage',
    type: 'boolean',
    description: 'Also require an `ephemeral-storage` request.',
    default: 'false',
  }],
  validateParams: params => unknownParam(params, ['requireEphemeralStorage']) ?? booleanParam(params, 'requireEphemeralStorage'),
  entries: [{
    minVersion: 0,
    cel: params => celResources('requests', params.requireEphemeralStorage === true ? ['cpu', 'memory', 'ephemeral-storage'] : ['cpu', 'memory'], true),
    check: (pod, ctx) => checkResources(
      pod,
      'requests',
      ctx.params.requireEphemeralStorage === true ? ['cpu', 'memory', 'ephemeral-storage'] : ['cpu', 'memory'],
      true,
    ),
  }],
});
