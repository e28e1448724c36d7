/**
 * The policy's constants and value tables, defined once: the guard, the CLI, the cdk8s CLI
 * plugin, the config file and the constructs import them from here. @internal
 */
import { PssLevel, Severity } from '../engine/types';
import { ReportFormat } from '../report/format';

/** The smallest reason a suppression or exception accepts, in characters after trimming. @internal */
export const MIN_REASON_LENGTH = 10;

/** The shape of rule IDs, built-in and custom (`imageDigest`, `seccompProfile_restricted`). @internal */
export const RULE_ID_PATTERN = /^[a-z][A-Za-z0-9]*(_[a-z]+)?$/;

/** Every Pod Security Standards level, least strict first. @internal */
export const PSS_LEVELS: readonly PssLevel[] = [PssLevel.PRIVILEGED, PssLevel.BASELINE, PssLevel.RESTRICTED];

/** The levels a policy can be checked at (privileged allows everything). @internal */
export const CHECKED_LEVELS: readonly PssLevel[] = [PssLevel.BASELINE, PssLevel.RESTRICTED];

/** Every severity, most severe first. @internal */
export const SEVERITIES: readonly Severity[] = [Severity.ERROR, Severity.WARNING, Severity.INFO];

/** Every report format. @internal */
export const REPORT_FORMATS: readonly ReportFormat[] = [
  ReportFormat.JSON, ReportFormat.SARIF, ReportFormat.JUNIT, ReportFormat.MARKDOWN, ReportFormat.TEXT,
];

/** The formats the guard writes at every synth unless told otherwise. @internal */
export const DEFAULT_REPORT_FORMATS: readonly ReportFormat[] = [ReportFormat.JSON, ReportFormat.SARIF, ReportFormat.JUNIT, ReportFormat.MARKDOWN];

/** `a, b, c`: the values of a table, for error messages. @internal */
export function oneOf(values: readonly string[]): string {
  return values.join(', ');
}
