import { TOOL_NAME } from './_common';
import { GuardReport, HardeningResourceReport, ReportError, ReportResult, UnusedSuppression } from './model';
import { RuleInfo, ResourceRef } from '../engine/types';

/** The version of the JSON document's shape; bumped on any incompatible change. @internal */
export const JSON_SCHEMA_VERSION = 1;

function resourceJson(r: ResourceRef): object {
  return {
    apiVersion: r.apiVersion,
    kind: r.kind,
    ...(r.namespace !== undefined ? { namespace: r.namespace } : {}),
    name: r.name,
  };
}

/** One result, keys in a fixed order, absent optional fields omitted. @internal */
export function resultJson(r: ReportResult): object {
  return {
    ruleId: r.ruleId,
    severity: r.severity,
    ...(r.level !== undefined ? { level: r.level } : {}),
    message: r.message,
    detail: r.detail,
    fix: r.fix,
    path: r.path,
    ...(r.container !== undefined ? { container: r.container } : {}),
    resource: resourceJson(r.resource),
    ...(r.constructPath !== undefined ? { constructPath: r.constructPath } : {}),
    ...(r.file !== undefined ? { file: r.file } : {}),
    ...(r.documentIndex !== undefined ? { documentIndex: r.documentIndex } : {}),
    ...(r.line !== undefined ? { line: r.line } : {}),
    suppressed: r.suppressed,
    ...(r.suppressionReason !== undefined ? { suppressionReason: r.suppressionReason } : {}),
    ...(r.suppressedBy !== undefined ? { suppressedBy: r.suppressedBy } : {}),
    ...(r.ruleError ? { ruleError: true } : {}),
    ...(r.helpUri !== undefined ? { helpUri: r.helpUri } : {}),
  };
}

function errorJson(e: ReportError): object {
  return {
    ...(e.file !== undefined ? { file: e.file } : {}),
    ...(e.documentIndex !== undefined ? { documentIndex: e.documentIndex } : {}),
    ...(e.line !== undefined ? { line: e.line } : {}),
    message: e.message,
  };
}

function unusedJson(u: UnusedSuppression): object {
  return {
    ruleId: u.ruleId,
    reason: u.reason,
    scope: u.scope,
    ...(u.containers !== undefined ? { containers: [...u.containers] } : {}),
    ...(u.note !== undefined ? { note: u.note } : {}),
  };
}

function ruleJson(r: RuleInfo): object {
  return {
    id: r.ruleId,
    severity: r.severity,
    description: r.description,
    message: r.message,
    fix: r.fix,
    ...(r.helpUri !== undefined ? { helpUri: r.helpUri } : {}),
  };
}

function hardeningJson(h: HardeningResourceReport): object {
  return {
    resource: resourceJson(h.resource),
    ...(h.constructPath !== undefined ? { constructPath: h.constructPath } : {}),
    ...(h.file !== undefined ? { file: h.file } : {}),
    ...(h.documentIndex !== undefined ? { documentIndex: h.documentIndex } : {}),
    operations: h.operations.map(o => ({
      op: o.op,
      path: o.path,
      value: o.value,
      ruleId: o.ruleId,
      ...(o.container !== undefined ? { container: o.container } : {}),
    })),
    decisions: h.decisions.map(d => ({
      ruleId: d.ruleId,
      severity: d.severity,
      message: d.message,
      detail: d.detail,
      path: d.path,
      ...(d.container !== undefined ? { container: d.container } : {}),
    })),
  };
}

/** Renders the JSON report (see docs/reports.md for its schema). @internal */
export function renderJson(report: GuardReport): string {
  const doc = {
    schemaVersion: JSON_SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: report.toolVersion },
    policy: { level: report.level, version: report.version, effectiveVersion: report.effectiveVersion },
    summary: {
      resources: report.summary.resources,
      violations: report.summary.violations,
      suppressed: report.summary.suppressed,
      errors: report.summary.errors,
      skipped: report.summary.skipped ?? 0,
    },
    results: report.results.map(resultJson),
    errors: report.errors.map(errorJson),
    skipped: (report.skipped ?? []).map(s => ({ file: s.file, reason: s.reason })),
    unusedSuppressions: report.unusedSuppressions.map(unusedJson),
    rules: report.rules.map(ruleJson),
    // Additive: present only when hardening ran.
    ...(report.hardening !== undefined ? { hardening: report.hardening.map(hardeningJson) } : {}),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
