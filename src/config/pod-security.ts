/**
 * Adds the `podSecurityAdmission` rule to an evaluator's properties, with the namespaces and the
 * cluster default of the config file. Every front end (guard, CLI, plugin) runs it unless the
 * config turns it off (`rules.podSecurityAdmission.enabled: false`). @internal
 */
import { GuardConfig } from './guard-config';
import { PackRule } from '../engine/pack';
import { PolicyEvaluatorProps } from '../evaluator';
import { POD_SECURITY_ADMISSION_RULE_ID } from '../rules/org/_pod-security-labels';

/** The evaluator properties with the podSecurityAdmission rule. @internal */
export function withPodSecurityAdmission(props: PolicyEvaluatorProps, config?: GuardConfig): PolicyEvaluatorProps {
  if (config?.disabledRules.includes(POD_SECURITY_ADMISSION_RULE_ID)) return props;
  const params: { [key: string]: any } = {};
  if (config && Object.keys(config.namespaces).length > 0) params.namespaces = config.namespaces;
  if (config?.podSecurityDefaults) params.defaults = config.podSecurityDefaults;
  const rules: PackRule[] = [...(props.rules ?? [])];
  const index = rules.findIndex(r => r.ruleId === POD_SECURITY_ADMISSION_RULE_ID);
  if (index >= 0) rules[index] = { ...rules[index], params: { ...params, ...rules[index].params } };
  else rules.push({ ruleId: POD_SECURITY_ADMISSION_RULE_ID, ...(Object.keys(params).length > 0 ? { params } : {}) });
  return { ...props, rules };
}
