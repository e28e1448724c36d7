import { PssLevel, Severity, RuleInfo } from '../../src/engine';
import { GuardReport, HardeningResourceReport, ReportResult } from '../../src/report';

const DEPLOYMENT = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' };
const POD = { apiVersion: 'v1', kind: 'Pod', name: 'debug' };

/** Rules as a guard at restricted with one custom warning rule would report them. */
export const RULES: RuleInfo[] = [
  { ruleId: 'privileged', description: 'Containers must not run privileged.', message: 'privileged', fix: 'remove securityContext.privileged or set it to false', severity: Severity.ERROR, helpUri: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline' },
  { ruleId: 'capabilities_restricted', description: 'Containers must drop ALL capabilities.', message: 'unrestricted capabilities', fix: 'drop ALL', severity: Severity.ERROR },
  { ruleId: 'teamLabel', description: 'Deployments name their team.', message: 'missing team label', fix: 'add the team label', severity: Severity.WARNING },
];

/** A guard finding (construct path and synthesized file). */
export const GUARD_RESULT: ReportResult = {
  ruleId: 'capabilities_restricted',
  severity: Severity.ERROR,
  level: PssLevel.RESTRICTED,
  message: 'unrestricted capabilities',
  detail: 'container "main" must set securityContext.capabilities.drop=["ALL"]',
  fix: 'drop ALL',
  path: '/spec/template/spec/containers/0/securityContext/capabilities/drop',
  container: 'main',
  resource: DEPLOYMENT,
  suppressed: false,
  file: 'dist/shop.k8s.yaml',
  constructPath: 'shop/web/Resource',
};

/** A suppressed guard finding, whose reason holds characters every format must escape. */
export const SUPPRESSED_RESULT: ReportResult = {
  ...GUARD_RESULT,
  ruleId: 'privileged',
  level: PssLevel.BASELINE,
  message: 'privileged',
  detail: 'container "main" must not set securityContext.privileged=true',
  fix: 'remove securityContext.privileged or set it to false',
  path: '/spec/template/spec/containers/0/securityContext/privileged',
  suppressed: true,
  suppressionReason: 'needs <raw> device access | ticket "OPS-1" & \'more\'\u0001\nsecond line',
  suppressedBy: 'shop/web',
  helpUri: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
};

/** A warning from a custom rule. */
export const WARNING_RESULT: ReportResult = {
  ruleId: 'teamLabel',
  severity: Severity.WARNING,
  message: 'missing team label',
  detail: 'no team label',
  fix: 'add the team label',
  path: '/metadata/labels',
  resource: DEPLOYMENT,
  suppressed: false,
  file: 'dist/shop.k8s.yaml',
  constructPath: 'shop/web/Resource',
};

/** A CLI finding: file, document and line, no construct path. */
export const CLI_RESULT: ReportResult = {
  ruleId: 'privileged',
  severity: Severity.ERROR,
  level: PssLevel.BASELINE,
  message: 'privileged',
  detail: 'container "debug" must not set securityContext.privileged=true',
  fix: 'remove securityContext.privileged or set it to false',
  path: '/spec/containers/0/securityContext/privileged',
  container: 'debug',
  resource: POD,
  suppressed: false,
  file: 'manifests/debug pod.yaml',
  documentIndex: 1,
  line: 14,
};

/** A rule that failed to run. */
export const RULE_ERROR_RESULT: ReportResult = {
  ruleId: 'teamLabel',
  severity: Severity.ERROR,
  message: 'rule failed to run',
  detail: 'rule "teamLabel" threw: boom',
  fix: 'report the failure of rule "teamLabel", or fix the custom rule',
  path: '',
  resource: POD,
  suppressed: false,
  file: 'manifests/debug pod.yaml',
  documentIndex: 1,
  line: 3,
  ruleError: true,
};

/** An invalid-input finding, whose rule is not in the rule list. */
export const INVALID_INPUT_RESULT: ReportResult = {
  ruleId: 'invalidInput',
  severity: Severity.ERROR,
  message: 'invalid manifest',
  detail: 'spec.hostPID must be a boolean, found string "yes"',
  fix: 'write hostPID as true or false',
  path: '/spec/hostPID',
  resource: POD,
  suppressed: false,
  file: 'manifests/debug pod.yaml',
  documentIndex: 1,
  line: 9,
};

/** A report with every kind of entry. */
export function fullReport(): GuardReport {
  const results = [GUARD_RESULT, SUPPRESSED_RESULT, WARNING_RESULT, CLI_RESULT, RULE_ERROR_RESULT, INVALID_INPUT_RESULT];
  return {
    toolVersion: '1.2.3',
    level: PssLevel.RESTRICTED,
    version: 'latest',
    effectiveVersion: 'v1.33',
    summary: { resources: 3, violations: 4, suppressed: 1, errors: 2, skipped: 1 },
    results,
    errors: [{ file: 'manifests/broken.yaml', documentIndex: 0, line: 2, message: 'invalid YAML: bad indentation' }],
    skipped: [{ file: 'manifests/chart/Chart.yaml', reason: 'holds no Kubernetes object: a Helm chart description (Chart.yaml)' }],
    unusedSuppressions: [
      { ruleId: 'runAsNonRoot', reason: 'images run as nobody', scope: 'shop', containers: ['main'] },
      { ruleId: 'privileged', reason: 'kept for the migration', scope: 'config:guard.yaml', note: 'rule "privileged" is unsuppressible' },
    ],
    rules: RULES,
    resources: [
      { resource: { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'shop', name: 'settings' }, constructPath: 'shop/settings', file: 'dist/shop.k8s.yaml' },
      { resource: DEPLOYMENT, constructPath: 'shop/web/Resource', file: 'dist/shop.k8s.yaml' },
      { resource: POD, file: 'manifests/debug pod.yaml', documentIndex: 1, line: 1 },
    ],
  };
}

/** A report without findings. */
export function emptyReport(): GuardReport {
  return {
    toolVersion: '1.2.3',
    level: PssLevel.BASELINE,
    version: 'v1.30',
    effectiveVersion: 'v1.30',
    summary: { resources: 0, violations: 0, suppressed: 0, errors: 0 },
    results: [],
    errors: [],
    unusedSuppressions: [],
    rules: RULES.slice(0, 1),
  };
}

/** A hardening section: one operation applied and one decision left on an Included Deployment. */
export const HARDENING: HardeningResourceReport[] = [{
  resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'ingress', name: 'controller' },
  constructPath: 'app/ingress/controller',
  file: 'vendor/ingress.yaml',
  documentIndex: 14,
  operations: [{ op: 'add', path: '/spec/template/spec/securityContext', value: { seccompProfile: { type: 'RuntimeDefault' } }, ruleId: 'seccompProfile_restricted' }],
  decisions: [{ ruleId: 'privileged', severity: Severity.ERROR, message: 'privileged', detail: 'container "c" must not set securityContext.privileged=true', path: '/spec/template/spec/containers/0/securityContext/privileged', container: 'c' }],
}];
