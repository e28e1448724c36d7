import * as fs from 'fs';
import * as path from 'path';
import { GuardReport, ReportResource, ReportResult } from './model';
import { ResourceRef, Severity } from '../engine/types';

/** The tool's name in every report. @internal */
export const TOOL_NAME = 'cdk8s-guard';
/** Where the tool is documented. @internal */
export const TOOL_URI = 'https://github.com/cdk8s-guard/cdk8s-guard';

const SEVERITY_RANK: { [s: string]: number } = {
  [Severity.ERROR]: 0,
  [Severity.WARNING]: 1,
  [Severity.INFO]: 2,
};

/** 0 for error, 1 for warning, 2 for info (unknown values rank lowest). @internal */
export function severityRank(severity: Severity | string): number {
  return SEVERITY_RANK[severity] ?? 3;
}

/** True when `severity` is at or above `threshold`. @internal */
export function atOrAbove(severity: Severity | string, threshold: Severity | string): boolean {
  return severityRank(severity) <= severityRank(threshold);
}

/** True when an unsuppressed result fails at this threshold (rule errors always fail). @internal */
export function isFailing(result: ReportResult, threshold: Severity | string): boolean {
  return !result.suppressed && (result.ruleError === true || atOrAbove(result.severity, threshold));
}

let cachedVersion: string | undefined;

/** The version in this package's package.json. @internal */
export function packageVersion(): string {
  if (cachedVersion === undefined) {
    try {
      const json = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
      cachedVersion = typeof json.version === 'string' ? json.version : '0.0.0';
    } catch {
      cachedVersion = '0.0.0';
    }
  }
  return cachedVersion!;
}

/** `Deployment prod/web` or `Deployment web` (no namespace). @internal */
export function resourceLabel(resource: ResourceRef): string {
  const kind = resource.kind || '<no kind>';
  const name = resource.name || '<no name>';
  return resource.namespace ? `${kind} ${resource.namespace}/${name}` : `${kind} ${name}`;
}

/** `file:line`, `file`, or undefined. @internal */
export function fileLabel(file: string | undefined, line: number | undefined): string | undefined {
  if (file === undefined) return undefined;
  return line !== undefined ? `${file}:${line}` : file;
}

/** The key that identifies the resource a result or resource entry is about. @internal */
export function resourceKey(r: ReportResult | ReportResource): string {
  if (r.constructPath !== undefined) return `c:${r.constructPath}`;
  const res = r.resource;
  const where = r.file !== undefined ? `f:${r.file}#${r.documentIndex ?? ''}` : '';
  return `${where}|${res.apiVersion}|${res.kind}|${res.namespace ?? ''}|${res.name}`;
}

/** A resource entry for a result (used when a report lists no resources). @internal */
export function resourceOf(r: ReportResult): ReportResource {
  return {
    resource: r.resource,
    ...(r.constructPath !== undefined ? { constructPath: r.constructPath } : {}),
    ...(r.file !== undefined ? { file: r.file } : {}),
    ...(r.documentIndex !== undefined ? { documentIndex: r.documentIndex } : {}),
  };
}

/**
 * The resources of a report with their results, in the report's resource order (then those only
 * named by results, in result order). @internal
 */
export function groupByResource(report: GuardReport): Array<{ resource: ReportResource; results: ReportResult[] }> {
  const groups = new Map<string, { resource: ReportResource; results: ReportResult[] }>();
  const resources = report.resources ?? [];
  for (let i = 0; i < resources.length; i++) {
    const r = resources[i];
    const key = resourceKey(r);
    if (!groups.has(key)) groups.set(key, { resource: r, results: [] });
  }
  const results = report.results;
  for (let i = 0; i < results.length; i++) {
    const r = results[i];
    const key = resourceKey(r);
    let group = groups.get(key);
    if (!group) {
      group = { resource: resourceOf(r), results: [] };
      groups.set(key, group);
    }
    group.results.push(r);
  }
  return [...groups.values()];
}

/** A pluralized count: `1 violation`, `2 violations`. @internal */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
