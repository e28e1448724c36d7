import { readFileSync } from 'fs';
import * as path from 'path';
import { buildGate } from './gate';
import { parseScanReport, ScanReport, VulnerabilityInputError } from './reports';
import { IMAGE_VULNERABILITIES } from './severity';
import { VulnerabilityOptions } from './types';
import { parseVex, VexStatement } from './vex';
import { PackRule } from '../engine/pack';
import { PolicyEvaluatorProps } from '../evaluator';
import { GATE_PARAM } from '../rules/org/imageVulnerabilities';

/** The vulnerability gate of one run, ready for the evaluator. @internal */
export interface ResolvedVulnerabilities {
  /** The imageVulnerabilities rule with its loaded parameters; undefined when no settings were given. */
  readonly rule?: PackRule;
  /** Reports and VEX documents that could not be read or understood (each names its file). */
  readonly errors: VulnerabilityInputError[];
  /** Expired acceptances, one line each. */
  readonly warnings: string[];
}

/**
 * Combines vulnerability settings from several places (config file, then flags or properties):
 * lists are joined in order, and a later scalar replaces an earlier one. Undefined when none is
 * given, so that the rule runs only when asked for. @internal
 */
export function mergeVulnerabilityOptions(...layers: ReadonlyArray<VulnerabilityOptions | undefined>): VulnerabilityOptions | undefined {
  const given = layers.filter((l): l is VulnerabilityOptions => l !== undefined);
  if (given.length === 0) return undefined;
  const join = <T>(key: 'reports' | 'vex' | 'accept'): T[] | undefined => {
    const lists = given.map(l => l[key] as T[] | undefined).filter((l): l is T[] => l !== undefined);
    return lists.length > 0 ? ([] as T[]).concat(...lists) : undefined;
  };
  const last = <K extends 'minSeverity' | 'ignoreUnfixed' | 'maxReportAge'>(key: K): VulnerabilityOptions[K] | undefined => {
    let value: VulnerabilityOptions[K] | undefined;
    for (const l of given) if (l[key] !== undefined) value = l[key];
    return value;
  };
  const reports = join<string>('reports');
  const vex = join<string>('vex');
  const accept = join<NonNullable<VulnerabilityOptions['accept']>[number]>('accept');
  const minSeverity = last('minSeverity');
  const ignoreUnfixed = last('ignoreUnfixed');
  const maxReportAge = last('maxReportAge');
  return {
    ...(reports ? { reports } : {}),
    ...(vex ? { vex } : {}),
    ...(minSeverity !== undefined ? { minSeverity } : {}),
    ...(ignoreUnfixed !== undefined ? { ignoreUnfixed } : {}),
    ...(accept ? { accept } : {}),
    ...(maxReportAge !== undefined ? { maxReportAge } : {}),
  };
}

/**
 * Reads a report or VEX file. It is named, in findings and errors, by its path relative to
 * `baseDir` when it lies below it (so a config file's paths and the same paths given as flags
 * read alike), otherwise by its absolute path.
 */
function read(given: string, baseDir: string, what: string): { file: string; text: string } | { error: VulnerabilityInputError } {
  const resolved = path.resolve(baseDir, given);
  const relative = path.relative(baseDir, resolved);
  const file = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : resolved;
  try {
    return { file, text: readFileSync(resolved, 'utf8') };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unknown error';
    return { error: { file, message: `cannot read ${what} "${file}" (${code}), check the path` } };
  }
}

/**
 * Turns vulnerability settings into the imageVulnerabilities rule and its parameters, reading
 * every report and VEX document (relative paths from `baseDir`; nothing is fetched). The guard,
 * the CLI and the plugin all call this, so they load, filter and match the same way. A file
 * that cannot be read or understood is an error naming it; the others are still used, and the
 * rule still runs. Never throws for bad input. @internal
 */
export function resolveVulnerabilities(
  options: VulnerabilityOptions | undefined,
  baseDir: string,
  now: number = Date.now(),
): ResolvedVulnerabilities {
  if (options === undefined) return { errors: [], warnings: [] };
  const errors: VulnerabilityInputError[] = [];
  const reports: ScanReport[] = [];
  for (const given of options.reports ?? []) {
    const got = read(given, baseDir, 'scan report');
    if ('error' in got) {
      errors.push(got.error);
      continue;
    }
    const parsed = parseScanReport(got.text, got.file);
    if (parsed.ok) reports.push(parsed.value);
    else errors.push(parsed.error);
  }
  const vex: VexStatement[] = [];
  const order = { next: 0 };
  for (const given of options.vex ?? []) {
    const got = read(given, baseDir, 'VEX document');
    if ('error' in got) {
      errors.push(got.error);
      continue;
    }
    const parsed = parseVex(got.text, got.file, order);
    if (parsed.ok) vex.push(...parsed.value);
    else errors.push(parsed.error);
  }
  const { gate, warnings } = buildGate({
    reports,
    vex,
    ...(options.minSeverity !== undefined ? { minSeverity: options.minSeverity } : {}),
    ...(options.ignoreUnfixed !== undefined ? { ignoreUnfixed: options.ignoreUnfixed } : {}),
    ...(options.accept !== undefined ? { accept: options.accept } : {}),
    ...(options.maxReportAge !== undefined ? { maxReportAge: options.maxReportAge } : {}),
  }, now);
  return { rule: { ruleId: IMAGE_VULNERABILITIES, params: { [GATE_PARAM]: gate } }, errors, warnings };
}

/**
 * Adds the gate's rule to evaluator settings. A setting of the rule elsewhere (its severity in
 * a config file's rules) is kept; only its parameters come from the gate. @internal
 */
export function withVulnerabilityRule(props: PolicyEvaluatorProps, rule: PackRule | undefined): PolicyEvaluatorProps {
  if (!rule) return props;
  const existing = (props.rules ?? []).find(r => r.ruleId === rule.ruleId);
  const ruleParams = { ...(props.ruleParams ?? {}) };
  delete ruleParams[rule.ruleId];
  return {
    ...props,
    rules: [
      ...(props.rules ?? []).filter(r => r.ruleId !== rule.ruleId),
      { ...rule, ...(existing?.severity !== undefined ? { severity: existing.severity } : {}) },
    ],
    ruleParams,
  };
}
