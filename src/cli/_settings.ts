import { PolicyCliOptions, policyOptionsOf } from './_options';
import { RunSettings } from './_run';
import { parseSize } from './_size';
import { Severity } from '../engine/types';
import { DEFAULT_MAX_FILE_SIZE } from '../loader/input';
import { oneOf, SEVERITIES } from '../policy/constants';
import { Policy } from '../policy/policy';
import { ReportFormat } from '../report/format';
import { ReportError } from '../report/model';
import { VulnerabilityOptions, VulnerabilitySeverity } from '../vulnerabilities/types';

/** The options commander parsed for `validate`. @internal */
export interface CliOptions extends PolicyCliOptions {
  readonly format: string;
  readonly output?: string;
  readonly failOn: string;
  readonly maxFileSize: string;
  readonly color?: boolean;
  readonly disallowAnnotationExemptions?: boolean;
  /** `--scan-report` files. */
  readonly scanReport?: string[];
  /** `--vex` files. */
  readonly vex?: string[];
  /** `--vuln-severity`. */
  readonly vulnSeverity?: string;
  /** `--ignore-unfixed`. */
  readonly ignoreUnfixed?: boolean;
  readonly verbose?: boolean;
}

/** Everything a run needs, resolved from the options and the config file. @internal */
export interface ResolvedSettings {
  readonly format: ReportFormat;
  readonly failOn: Severity;
  readonly run: Omit<RunSettings, 'stdin'>;
  /** Scanner reports and VEX documents that could not be read (exit 2; the manifests are still checked). */
  readonly inputErrors: ReportError[];
  /** Warnings about the settings, such as expired vulnerability acceptances. */
  readonly warnings: string[];
}

/** The vulnerability gate settings of the CLI flags; undefined when none is given. @internal */
export function vulnerabilityFlags(opts: CliOptions): VulnerabilityOptions | undefined {
  const given = opts.scanReport !== undefined || opts.vex !== undefined || opts.vulnSeverity !== undefined || opts.ignoreUnfixed !== undefined;
  if (!given) return undefined;
  return {
    ...(opts.scanReport ? { reports: opts.scanReport } : {}),
    ...(opts.vex ? { vex: opts.vex } : {}),
    ...(opts.vulnSeverity !== undefined ? { minSeverity: opts.vulnSeverity as VulnerabilitySeverity } : {}),
    ...(opts.ignoreUnfixed !== undefined ? { ignoreUnfixed: opts.ignoreUnfixed } : {}),
  };
}


/** Parses a failure threshold. @internal */
export function parseFailOn(value: string): Severity {
  if ((SEVERITIES as readonly string[]).includes(value)) return value as Severity;
  throw new Error(`invalid fail-on severity "${value}", expecting one of: ${oneOf(SEVERITIES)}`);
}

/**
 * Resolves the CLI options with the policy core. `sourceOf` tells whether an option was given on
 * the command line (`cli`) or is commander's default: explicit options win over the config file,
 * which wins over the defaults (`restricted`, `latest`). @internal
 */
export function resolveSettings(opts: CliOptions, sourceOf: (name: string) => string | undefined, cwd: string): ResolvedSettings {
  const policy = Policy.resolve({
    ...policyOptionsOf(opts, sourceOf, cwd),
    disallowAnnotationExemptions: opts.disallowAnnotationExemptions,
    vulnerabilities: vulnerabilityFlags(opts),
  });
  return {
    format: opts.format as ReportFormat,
    failOn: parseFailOn(opts.failOn),
    run: {
      policy,
      maxFileSize: parseSize(opts.maxFileSize) ?? DEFAULT_MAX_FILE_SIZE,
    },
    inputErrors: policy.inputErrors,
    warnings: policy.warnings,
  };
}
