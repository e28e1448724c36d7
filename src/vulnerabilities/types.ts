/**
 * The severity of a vulnerability, as scanners report it.
 */
export enum VulnerabilitySeverity {
  /** Trivy `CRITICAL`, Grype `Critical`. */
  CRITICAL = 'critical',
  /** Trivy `HIGH`, Grype `High`. */
  HIGH = 'high',
  /** Trivy `MEDIUM`, Grype `Medium`. */
  MEDIUM = 'medium',
  /** Trivy `LOW`, Grype `Low` (Grype's `Negligible` ranks below it). */
  LOW = 'low',
  /** No severity known: Trivy `UNKNOWN`, Grype `Unknown`. The lowest level. */
  UNKNOWN = 'unknown',
}

/**
 * A vulnerability whose risk is accepted for a while: until `expires`, its findings are
 * reported as suppressed with `reason`. After that date it suppresses nothing and a warning
 * names it.
 */
export interface VulnerabilityAcceptance {
  /** The vulnerability ID, e.g. `CVE-2019-14697` (compared without regard to case). */
  readonly id: string;
  /** Why the risk is accepted: at least 10 characters. */
  readonly reason: string;
  /** The last day the acceptance holds, `YYYY-MM-DD` (UTC). */
  readonly expires: string;
  /**
   * Image name prefixes the acceptance is narrowed to, e.g. `ghcr.io/acme/`; matched like the
   * registry prefixes of the imageRegistry rule.
   * @default - every image
   */
  readonly images?: string[];
  /**
   * Package names the acceptance is narrowed to, e.g. `musl`.
   * @default - every package
   */
  readonly packages?: string[];
}

/**
 * The vulnerability gate: scanner reports, VEX documents and filters for the
 * imageVulnerabilities rule. The config file's `vulnerabilities:` section, the CLI's
 * `--scan-report`, `--vex`, `--vuln-severity` and `--ignore-unfixed`, the plugin's and the
 * guard's `vulnerabilities` property all take this shape.
 */
export interface VulnerabilityOptions {
  /**
   * Trivy JSON (`trivy image -f json`, SchemaVersion 2) or Grype JSON (`grype -o json`) reports.
   * In a config file, paths are relative to the config file; elsewhere, to the working directory.
   * @default - no reports: every pinned image gets a "no scan report covers" finding
   */
  readonly reports?: string[];
  /**
   * VEX documents (OpenVEX, or CycloneDX with `vulnerabilities[].analysis`). A `not_affected` or
   * `fixed` statement whose product matches the image suppresses the vulnerability, with the
   * justification as the reason.
   * @default - none
   */
  readonly vex?: string[];
  /**
   * The lowest severity reported: `critical`, `high`, `medium`, `low` or `unknown`.
   * @default VulnerabilitySeverity.HIGH
   */
  readonly minSeverity?: VulnerabilitySeverity;
  /**
   * Skip vulnerabilities without a fix (Trivy status other than `fixed`, Grype `fix.state`
   * other than `fixed`).
   * @default false
   */
  readonly ignoreUnfixed?: boolean;
  /**
   * Accepted vulnerabilities, each with a reason and an expiry date.
   * @default - none
   */
  readonly accept?: VulnerabilityAcceptance[];
  /**
   * The oldest a report may be, from its creation time: a whole number of days or hours such as
   * `7d` or `12h`. An older report, or one without a creation time, is a finding.
   * @default - reports of any age are used
   */
  readonly maxReportAge?: string;
}

