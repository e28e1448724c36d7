import { MIN_SEVERITY_LEVELS } from './severity';
import { VulnerabilityAcceptance, VulnerabilityOptions, VulnerabilitySeverity } from './types';

import { describeValue, isObject, own } from '../engine/_util';
import { MIN_REASON_LENGTH } from '../policy/constants';

/** Reports a problem at a path inside the options (the CLI config adds line and column). @internal */
export type OptionReporter = (path: ReadonlyArray<string | number>, message: string, onKey?: boolean) => void;

/** The keys of the options, in documented order. @internal */
export const VULNERABILITY_KEYS = ['reports', 'vex', 'minSeverity', 'ignoreUnfixed', 'accept', 'maxReportAge'];
const ACCEPT_KEYS = ['id', 'reason', 'expires', 'images', 'packages'];
/** The smallest reason an acceptance takes: the policy's, as for suppressions. @internal */
export const MIN_ACCEPT_REASON_LENGTH = MIN_REASON_LENGTH;

const AGE = /^([1-9][0-9]*)([dh])$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A report age such as `7d` or `12h`, in milliseconds; undefined when it is not one. @internal */
export function parseReportAge(value: string): number | undefined {
  const m = AGE.exec(value);
  if (!m) return undefined;
  return Number(m[1]) * (m[2] === 'd' ? 86_400_000 : 3_600_000);
}

/** The start (UTC) of the day after a `YYYY-MM-DD` date; undefined when it is not a real date. @internal */
export function dayAfter(date: string): number | undefined {
  const m = DATE.exec(date);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const d = new Date(ms);
  if (d.getUTCFullYear() !== Number(m[1]) || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) return undefined;
  return ms + 86_400_000;
}

function stringList(value: unknown, path: ReadonlyArray<string | number>, what: string, report: OptionReporter): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) {
    report(path, `${path[path.length - 1]} must be a list of ${what}, found ${describeValue(value)}`);
    return undefined;
  }
  let ok = true;
  value.forEach((item, i) => {
    if (typeof item !== 'string' || item.trim() === '') {
      report([...path, i], `${path[path.length - 1]}[${i}] must be a non-empty string (${what}), found ${describeValue(item)}`);
      ok = false;
    }
  });
  return ok ? [...value] : undefined;
}

/**
 * Validates vulnerability options (from a config file, plugin properties or guard properties),
 * reporting every problem at its path. Returns the options when there is none. @internal
 */
export function checkVulnerabilityOptions(raw: unknown, report: OptionReporter): VulnerabilityOptions | undefined {
  if (raw === undefined || raw === null) return {};
  if (!isObject(raw)) {
    report([], `vulnerabilities must be a map with keys such as reports, minSeverity and accept, found ${describeValue(raw)}`);
    return undefined;
  }
  let ok = true;
  const problem: OptionReporter = (path, message, onKey) => {
    ok = false;
    report(path, message, onKey);
  };
  for (const key of Object.keys(raw)) {
    if (!VULNERABILITY_KEYS.includes(key)) problem([key], `unknown key "${key}" in vulnerabilities, expecting one of: ${VULNERABILITY_KEYS.join(', ')}`, true);
  }
  const reports = stringList(own(raw, 'reports'), ['reports'], 'Trivy or Grype JSON report files', problem);
  const vex = stringList(own(raw, 'vex'), ['vex'], 'OpenVEX or CycloneDX VEX files', problem);
  const minSeverity = own(raw, 'minSeverity');
  if (minSeverity !== undefined && minSeverity !== null && !(MIN_SEVERITY_LEVELS as readonly unknown[]).includes(minSeverity)) {
    problem(['minSeverity'], `invalid minSeverity ${typeof minSeverity === 'string' ? `"${minSeverity}"` : describeValue(minSeverity)}, expecting one of: ${MIN_SEVERITY_LEVELS.join(', ')}`);
  }
  const ignoreUnfixed = own(raw, 'ignoreUnfixed');
  if (ignoreUnfixed !== undefined && ignoreUnfixed !== null && typeof ignoreUnfixed !== 'boolean') {
    problem(['ignoreUnfixed'], `ignoreUnfixed must be true or false, found ${describeValue(ignoreUnfixed)}`);
  }
  const maxReportAge = own(raw, 'maxReportAge');
  if (maxReportAge !== undefined && maxReportAge !== null && (typeof maxReportAge !== 'string' || parseReportAge(maxReportAge) === undefined)) {
    problem(['maxReportAge'], `invalid maxReportAge ${typeof maxReportAge === 'string' ? `"${maxReportAge}"` : describeValue(maxReportAge)}, expecting a whole number of days or hours such as "7d" or "12h"`);
  }
  const accept: VulnerabilityAcceptance[] = [];
  const rawAccept = own(raw, 'accept');
  if (rawAccept !== undefined && rawAccept !== null) {
    if (!Array.isArray(rawAccept)) {
      problem(['accept'], `accept must be a list of { id, reason, expires } maps, found ${describeValue(rawAccept)}`);
    } else {
      rawAccept.forEach((a, i) => {
        const entry = checkAcceptance(a, ['accept', i], problem);
        if (entry) accept.push(entry);
      });
    }
  }
  if (!ok) return undefined;
  return {
    ...(reports ? { reports } : {}),
    ...(vex ? { vex } : {}),
    ...(typeof minSeverity === 'string' ? { minSeverity: minSeverity as VulnerabilitySeverity } : {}),
    ...(typeof ignoreUnfixed === 'boolean' ? { ignoreUnfixed } : {}),
    ...(rawAccept !== undefined && rawAccept !== null ? { accept } : {}),
    ...(typeof maxReportAge === 'string' ? { maxReportAge } : {}),
  };
}

function checkAcceptance(a: unknown, base: ReadonlyArray<string | number>, report: OptionReporter): VulnerabilityAcceptance | undefined {
  if (!isObject(a)) {
    report(base, `an acceptance must be a map with id, reason and expires, found ${describeValue(a)}`);
    return undefined;
  }
  let ok = true;
  const problem: OptionReporter = (path, message, onKey) => {
    ok = false;
    report(path, message, onKey);
  };
  for (const key of Object.keys(a)) {
    if (!ACCEPT_KEYS.includes(key)) problem([...base, key], `unknown key "${key}" in acceptance, expecting one of: ${ACCEPT_KEYS.join(', ')}`, true);
  }
  const id = own(a, 'id');
  if (typeof id !== 'string' || id.trim() === '') {
    problem(id === undefined ? base : [...base, 'id'], `an acceptance needs an id such as "CVE-2019-14697", found ${id === undefined ? 'none' : describeValue(id)}`);
    return undefined;
  }
  const reason = own(a, 'reason');
  if (typeof reason !== 'string' || reason.trim().length < MIN_ACCEPT_REASON_LENGTH) {
    problem(reason === undefined ? base : [...base, 'reason'], `acceptance of "${id}" needs a reason of at least ${MIN_ACCEPT_REASON_LENGTH} characters saying why the risk is accepted, found ${typeof reason === 'string' ? `"${reason.trim()}"` : 'none'}`);
  }
  const expires = own(a, 'expires');
  if (typeof expires !== 'string' || dayAfter(expires) === undefined) {
    problem(expires === undefined ? base : [...base, 'expires'], `acceptance of "${id}" needs an expires date written YYYY-MM-DD such as "2027-01-31", found ${expires === undefined ? 'none' : typeof expires === 'string' ? `"${expires}"` : `${describeValue(expires)} (quote the date)`}`);
  }
  const images = stringList(own(a, 'images'), [...base, 'images'], 'image name prefixes such as "ghcr.io/acme/"', problem);
  const packages = stringList(own(a, 'packages'), [...base, 'packages'], 'package names such as "musl"', problem);
  if (!ok) return undefined;
  return {
    id,
    reason: reason as string,
    expires: expires as string,
    ...(images ? { images } : {}),
    ...(packages ? { packages } : {}),
  };
}

/**
 * The problems with vulnerability options given as properties (plugin, guard), each as
 * `vulnerabilities.accept[0].reason: …`. Empty when there is none. @internal
 */
export function vulnerabilityOptionProblems(raw: unknown): string[] {
  const problems: string[] = [];
  checkVulnerabilityOptions(raw, (at, message) => {
    const where = at.map(k => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('');
    problems.push(`vulnerabilities${where}: ${message}`);
  });
  return problems;
}
