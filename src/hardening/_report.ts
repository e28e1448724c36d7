import { FixOperation } from './fixer';
import { Finding, ResourceRef } from '../engine/types';
import { HardeningDecisionReport, HardeningOperationReport, HardeningResourceReport } from '../report/model';

/** A fix operation as reports show it. @internal */
export function operationReport(o: FixOperation): HardeningOperationReport {
  return {
    op: o.op,
    path: o.path,
    value: o.value,
    ruleId: o.ruleId,
    ...(o.container !== undefined ? { container: o.container } : {}),
  };
}

/** A finding left for a decision, as reports show it. @internal */
export function decisionReport(f: Finding): HardeningDecisionReport {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    detail: f.detail,
    path: f.path,
    ...(f.container !== undefined ? { container: f.container } : {}),
  };
}

/** One resource's hardening, as reports show it. @internal */
export function resourceReport(
  resource: ResourceRef,
  operations: readonly FixOperation[],
  decisions: readonly Finding[],
  where: { constructPath?: string; file?: string; documentIndex?: number },
): HardeningResourceReport {
  return {
    resource,
    ...(where.constructPath !== undefined ? { constructPath: where.constructPath } : {}),
    ...(where.file !== undefined ? { file: where.file } : {}),
    ...(where.documentIndex !== undefined ? { documentIndex: where.documentIndex } : {}),
    operations: operations.map(operationReport),
    decisions: decisions.map(decisionReport),
  };
}
