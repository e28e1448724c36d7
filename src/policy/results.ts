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
