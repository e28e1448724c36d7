import { Decision } from './suppressions';
import { Finding } from '../engine/types';
import { ReportResult } from '../report/model';

/** Where a finding was found: the fields a front end knows. @internal */
export interface ResultLocation {
  readonly file?: string;
  readonly documentIndex?: number;
  readonly line?: number;
  readonly constructPath?: string;
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The one mapping from an engine finding to the result every front end reports and every
 * renderer renders. Built field by field, in the documented key order of `ReportResult`;
 * optional keys are present only when set. @internal
 */
export function toResult(f: Finding, at: ResultLocation, decision: Decision | undefined): ReportResult {
  const r = { ruleId: f.ruleId, severity: f.severity } as Writable<ReportResult>;
  if (f.level !== undefined) r.level = f.level;
  r.message = f.message;
  r.detail = f.detail;
  r.fix = f.fix;
  r.path = f.path;
  if (f.container !== undefined) r.container = f.container;
  r.resource = f.resource;
  r.suppressed = decision !== undefined;
  if (decision !== undefined) {
    r.suppressionReason = decision.reason;
    r.suppressedBy = decision.by;
  }
  if (f.ruleError) r.ruleError = true;
  if (at.file !== undefined) r.file = at.file;
  if (at.documentIndex !== undefined) r.documentIndex = at.documentIndex;
  if (at.line !== undefined) r.line = at.line;
  if (at.constructPath !== undefined) r.constructPath = at.constructPath;
  if (f.helpUri !== undefined) r.helpUri = f.helpUri;
  return r;
}

/**
 * A `podSecurityAdmission` finding names the checks the namespace's admission fails; where some
 * of those checks are suppressed here, the cluster still rejects the pods, so the finding names
 * the suppressions that hide them. Returns the results with those details added. @internal
 */
export function nameHiddenChecks(results: readonly ReportResult[], ruleId: string): ReportResult[] {
  if (!results.some(r => r.ruleId === ruleId)) return [...results];
  const keyOf = (r: ReportResult) => `${r.constructPath ?? ''}|${r.file ?? ''}|${r.documentIndex ?? ''}|${r.resource.kind}|${r.resource.namespace ?? ''}|${r.resource.name}`;
  const suppressed = new Map<string, ReportResult[]>();
  for (const r of results) {
    if (!r.suppressed) continue;
    const list = suppressed.get(keyOf(r)) ?? [];
    list.push(r);
    suppressed.set(keyOf(r), list);
  }
  return results.map(r => {
    if (r.ruleId !== ruleId) return r;
    const checks = / fails ([\w, ]+)$/.exec(r.detail)?.[1].split(', ') ?? [];
    const hiding = (suppressed.get(keyOf(r)) ?? []).filter(s => checks.includes(s.ruleId));
    if (hiding.length === 0) return r;
    const named = [...new Set(hiding.map(s => `${s.ruleId} (by ${s.suppressedBy}: ${s.suppressionReason})`))];
    return { ...r, detail: `${r.detail}; suppressed here but not in the cluster: ${named.join(', ')}` };
  });
}
