/**
 * # resourceLimits
 *
 * Containers must cap the CPU and memory they use, so that one container cannot exhaust its
 * node (a denial of service for every other pod there).
 *
 * Reads, for init and regular containers:
 * - `resources.limits.cpu`, `resources.limits.memory`
 * - `resources.limits.ephemeral-storage` (with `requireEphemeralStorage`)
 *
 * Ephemeral containers are not checked: Kubernetes does not allow resources on them.
 * Pod-level `spec.resources` is not read. A namespace LimitRange that adds default limits at
 * admission is not visible in the manifest and is not taken into account.
 *
 * Allowed values: each required resource has a limit, written as a non-empty quantity.
 *
 * Parameters:
 * - `requireEphemeralStorage`: also require `ephemeral-storage`. Default `false`.
 *
 * @see https://github.com/cdk8s-guard/cdk8s-guard/blob/main/RULES.md#resourcelimits
 * @internal
 */
import { booleanParam, NSA, ruleDocUrl, unknownParam } from './_common';
import { celResources, checkResources } from './_resources';
import { defineRule } from '../../engine/rule';
import { Severity } from '../../engine/types';

export const resourceLimits = defineRule({
  id: 'resourceLimits',
  scope: 'pod',
  defaultSeverity: Severity.ERROR,
  description: 'Init and regular containers must set CPU and memory limits.',
  message: 'resource limits not set',
  fix: 'set resources.limits.cpu and resources.limits.memory on every container',
  helpUri: ruleDocUrl('resourceLimits'),
  nsa: [NSA.resources],
  params: [{
    name: 'requireEphemeralStorage',
    type: 'boolean',
    description: 'Also require an `ephemeral-storage` limit.',
    default: 'false',
  }],
  validateParams: params => unknownParam(params, ['requireEphemeralStorage']) ?? booleanParam(params, 'requireEphemeralStorage'),
  entries: [{
    minVersion: 0,
    cel: params => celResources('limits', params.requireEphemeralStorage === true ? ['cpu', 'memory', 'ephemeral-storage'] : ['cpu', 'memory'], false),
    check: (pod, ctx) => checkResources(
      pod,
      'limits',
      ctx.params.requireEphemeralStorage === true ? ['cpu', 'memory', 'ephemeral-storage'] : ['cpu', 'memory'],
      false,
    ),
  }],
});
