import { atOrAboveSeverity, readSeverity, securitySeverityOf, vulnerabilityMessage } from '../../src/vulnerabilities/severity';
import { VulnerabilitySeverity } from '../../src/vulnerabilities/types';

describe('vulnerability severities', () => {
  test.each<[string, string]>([
    ['CRITICAL', 'critical'], ['High', 'high'], ['medium', 'medium'], ['LOW', 'low'], ['Negligible', 'negligible'], ['UNKNOWN', 'unknown'], ['', 'unknown'], ['severe', 'unknown'],
  ])('reads the scanner severity %j as %s', (word, severity) => {
    expect(readSeverity(word)).toBe(severity);
  });

  test('ranks negligible below low and above unknown', () => {
    expect(atOrAboveSeverity('negligible', VulnerabilitySeverity.LOW)).toBe(false);
    expect(atOrAboveSeverity('negligible', VulnerabilitySeverity.UNKNOWN)).toBe(true);
    expect(atOrAboveSeverity(VulnerabilitySeverity.HIGH, VulnerabilitySeverity.HIGH)).toBe(true);
    expect(atOrAboveSeverity(VulnerabilitySeverity.MEDIUM, VulnerabilitySeverity.HIGH)).toBe(false);
  });

  test.each<[string, string, string | undefined]>([
    ['imageVulnerabilities', vulnerabilityMessage(VulnerabilitySeverity.CRITICAL, 'CVE-1'), '9.5'],
    ['imageVulnerabilities', vulnerabilityMessage(VulnerabilitySeverity.HIGH, 'CVE-1'), '8.0'],
    ['imageVulnerabilities', vulnerabilityMessage(VulnerabilitySeverity.MEDIUM, 'CVE-1'), '5.5'],
    ['imageVulnerabilities', vulnerabilityMessage(VulnerabilitySeverity.LOW, 'CVE-1'), '2.0'],
    ['imageVulnerabilities', vulnerabilityMessage('negligible', 'CVE-1'), '0.5'],
    ['imageVulnerabilities', vulnerabilityMessage(VulnerabilitySeverity.UNKNOWN, 'CVE-1'), '0.0'],
    ['imageVulnerabilities', 'image not pinned by digest', undefined],
    ['imageVulnerabilities', 'no scan report covers the image', undefined],
    ['myRule', 'critical vulnerability CVE-1', undefined],
  ])('gives %s findings with message %j the SARIF security-severity %s', (ruleId, message, score) => {
    expect(securitySeverityOf(ruleId, message)).toBe(score);
  });
});
