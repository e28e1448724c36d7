import { VulnerabilitySeverity } from './types';

/**
 * The stable ID of the rule that reports vulnerabilities, written once here so that the SARIF
 * renderer can recognize its findings without importing the rules. @internal
 */
export const IMAGE_VULNERABILITIES = 'imageVulnerabilities';

/** A severity as read from a report: one of the levels, or Grype's `negligible`. @internal */
export type ReportedSeverity = VulnerabilitySeverity | 'negligible';

/** The levels a minimum severity may be set to, most severe first. @internal */
export const MIN_SEVERITY_LEVELS: readonly VulnerabilitySeverity[] = [
  VulnerabilitySeverity.CRITICAL,
  VulnerabilitySeverity.HIGH,
  VulnerabilitySeverity.MEDIUM,
  VulnerabilitySeverity.LOW,
  VulnerabilitySeverity.UNKNOWN,
];

/** The minimum severity when none is given. @internal */
export const DEFAULT_MIN_SEVERITY = VulnerabilitySeverity.HIGH;

/**
 * Rank and SARIF `security-severity` (GitHub's bands: critical above 9.0, high 7.0 to 8.9,
 * medium 4.0 to 6.9, low 0.1 to 3.9) of every reported severity. @internal
 */
const TABLE: { readonly [severity: string]: { readonly rank: number; readonly score: string } } = {
  critical: { rank: 5, score: '9.5' },
  high: { rank: 4, score: '8.0' },
  medium: { rank: 3, score: '5.5' },
  low: { rank: 2, score: '2.0' },
  negligible: { rank: 1, score: '0.5' },
  unknown: { rank: 0, score: '0.0' },
};

/** True when `severity` is at or above `minimum`. @internal */
export function atOrAboveSeverity(severity: ReportedSeverity, minimum: VulnerabilitySeverity): boolean {
  return TABLE[severity].rank >= TABLE[minimum].rank;
}

/** Reads a scanner's severity word (any case); anything else is `unknown`. @internal */
export function readSeverity(value: unknown): ReportedSeverity {
  const word = typeof value === 'string' ? value.toLowerCase() : '';
  return Object.prototype.hasOwnProperty.call(TABLE, word) ? word as ReportedSeverity : VulnerabilitySeverity.UNKNOWN;
}

const MESSAGE = /^([a-z]+) vulnerability /;

/**
 * The short reason of a vulnerability finding, e.g. `critical vulnerability CVE-2019-14697`.
 * The SARIF report reads the severity back from it with `securitySeverityOf`. @internal
 */
export function vulnerabilityMessage(severity: ReportedSeverity, id: string): string {
  return `${severity} vulnerability ${id}`;
}

/**
 * The SARIF `security-severity` of a finding of the imageVulnerabilities rule, or undefined
 * for findings that are not about one vulnerability (unpinned or unscanned images, old reports).
 * @internal
 */
export function securitySeverityOf(ruleId: string, message: string): string | undefined {
  const m = ruleId === IMAGE_VULNERABILITIES ? MESSAGE.exec(message) : null;
  return m && Object.prototype.hasOwnProperty.call(TABLE, m[1]) ? TABLE[m[1]].score : undefined;
}
