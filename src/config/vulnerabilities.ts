import * as path from 'path';
import { checkVulnerabilityOptions, OptionReporter } from '../vulnerabilities/options';
import { VulnerabilityOptions } from '../vulnerabilities/types';

/** The config file key of the vulnerability gate. @internal */
export const VULNERABILITIES_KEY = 'vulnerabilities';

/**
 * Validates the `vulnerabilities:` section of a config file, reporting each problem at its
 * position, and makes its report and VEX paths relative to the config file's directory
 * (`baseDir`; undefined for a config built in code, whose paths stay as written). @internal
 */
export function normalizeVulnerabilities(raw: unknown, report: OptionReporter, baseDir: string | undefined): VulnerabilityOptions | undefined {
  const options = checkVulnerabilityOptions(raw, (p, message, onKey) => report([VULNERABILITIES_KEY, ...p], message, onKey));
  if (!options) return undefined;
  const near = (file: string) => (baseDir === undefined || path.isAbsolute(file) ? file : path.join(baseDir, file));
  return {
    ...options,
    ...(options.reports ? { reports: options.reports.map(near) } : {}),
    ...(options.vex ? { vex: options.vex.map(near) } : {}),
  };
}
