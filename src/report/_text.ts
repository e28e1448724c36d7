import { count, isFailing, resourceLabel, severityRank } from './_common';
import { GuardReport, ReportResult } from './model';
import { Severity } from '../engine/types';

interface Paint {
  red(s: string): string;
  yellow(s: string): string;
  blue(s: string): string;
  green(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

const ansi = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;
const COLOR: Paint = { red: ansi(31, 39), yellow: ansi(33, 39), blue: ansi(34, 39), green: ansi(32, 39), dim: ansi(2, 22), bold: ansi(1, 22) };
const id = (s: string) => s;
const PLAIN: Paint = { red: id, yellow: id, blue: id, green: id, dim: id, bold: id };

// C0 controls (but tab and line feed), DEL and C1 controls: never sent to a terminal as they are.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/** Makes a value safe to print: control characters become `?`, line breaks keep the indentation. */
function clean(value: string, indent: string): string {
  return value.replace(CONTROL, '?').replace(/\r?\n/g, `\n${indent}`);
}

function severityWord(r: ReportResult): string {
  if (r.ruleError) return 'rule error';
  if (r.suppressed) return 'suppressed';
  return r.severity;
}

function paintSeverity(word: string, r: ReportResult, p: Paint): string {
  if (r.ruleError) return p.red(word);
  if (r.suppressed) return p.dim(word);
  return r.severity === Severity.ERROR ? p.red(word) : r.severity === Severity.WARNING ? p.yellow(word) : p.blue(word);
}

/** `Kind/name`, then `/container` when the finding is about one. */
function subjectOf(r: ReportResult): string {
  const kind = r.resource.kind || '<no kind>';
  const name = r.resource.name || '<no name>';
  return `${kind}/${name}${r.container !== undefined && r.container !== '' ? `/${r.container}` : ''}`;
}

/** `file:line`; without a line, the construct path (the guard's findings) or the file. */
function locationOf(r: ReportResult): string {
  if (r.file !== undefined && r.line !== undefined) return `${r.file}:${r.line}`;
  return r.constructPath ?? r.file ?? '';
}

/** Makes a value safe to print on one line: control characters become `?`, line breaks spaces. */
function oneLine(value: string): string {
  return value.replace(/\r?\n/g, ' ').replace(CONTROL, '?');
}

/** Widths of a column are capped, so that one long value does not push every line right. */
const MAX_COLUMN = 60;

/**
 * Renders console text: one line per finding, `file:line  severity  ruleId  Kind/name[/container]
 * message`, grouped by resource; with `verbose`, the detail, the pointer and the fix below each
 * (a fix shared by several findings of one resource, such as a pod-level fix, once). Then the
 * per-rule totals, the unused suppressions, the errors, the skipped files and the summary.
 * @internal
 */
export function renderText(report: GuardReport, failOn: Severity, color: boolean, verbose = false): string {
  const p = color ? COLOR : PLAIN;
  const out: string[] = [];

  // Group by resource, keeping the order of first appearance.
  const groups = new Map<string, ReportResult[]>();
  for (const r of report.results) {
    const key = `${r.file ?? ''}\u0000${r.constructPath ?? ''}\u0000${r.documentIndex ?? ''}\u0000${resourceLabel(r.resource)}`;
    let list = groups.get(key);
    if (!list) groups.set(key, list = []);
    list.push(r);
  }
  const rows = report.results.map(r => ({
    r,
    location: oneLine(locationOf(r)),
    severity: severityWord(r),
    subject: oneLine(subjectOf(r)),
  }));
  const rowOf = new Map(rows.map(row => [row.r, row]));
  const width = (values: string[]) => Math.min(MAX_COLUMN, Math.max(0, ...values.map(v => v.length)));
  const locationWidth = width(rows.map(row => row.location));
  const severityWidth = width(rows.map(row => row.severity));
  const ruleWidth = width(rows.map(row => row.r.ruleId));
  const subjectWidth = width(rows.map(row => row.subject));
  // Detail lines start at a fixed indent, whatever the width of the file and line column.
  const indent = '    ';

  let firstGroup = true;
  for (const results of groups.values()) {
    if (!firstGroup) out.push('');
    firstGroup = false;
    const fixesShown = new Set<string>();
    for (const r of results) {
      const row = rowOf.get(r)!;
      const message = r.suppressed
        ? `${oneLine(r.message)} (suppressed: ${oneLine(r.suppressionReason ?? '')}${r.suppressedBy !== undefined ? `, by ${oneLine(r.suppressedBy)}` : ''})`
        : oneLine(r.message);
      const line = [
        row.location.padEnd(locationWidth),
        paintSeverity(row.severity.padEnd(severityWidth), r, p),
        p.bold(oneLine(r.ruleId).padEnd(ruleWidth)),
        row.subject.padEnd(subjectWidth),
        message,
      ].join('  ');
      out.push(r.suppressed ? p.dim(line) : line);
      if (!verbose) continue;
      out.push(`${indent}${clean(r.detail, indent)}`);
      out.push(`${indent}${p.dim('at')} ${clean(r.path || '/', indent)}`);
      if (r.constructPath !== undefined && row.location !== oneLine(r.constructPath)) out.push(`${indent}${p.dim('construct')} ${clean(r.constructPath, indent)}`);
      if (!fixesShown.has(r.fix)) {
        fixesShown.add(r.fix);
        out.push(`${indent}${p.dim('fix:')} ${clean(r.fix, indent)}`);
      }
    }
  }
  if (report.results.length > 0) out.push('');

  // Per-rule totals: unsuppressed findings by rule, the most frequent first.
  const totals = new Map<string, { count: number; suppressed: number }>();
  for (const r of report.results) {
    const t = totals.get(r.ruleId) ?? { count: 0, suppressed: 0 };
    if (r.suppressed) t.suppressed++;
    else t.count++;
    totals.set(r.ruleId, t);
  }
  if (totals.size > 0) {
    out.push('per rule:');
    const sorted = [...totals.entries()].sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const idWidth = Math.max(...sorted.map(([ruleId]) => ruleId.length));
    for (const [ruleId, t] of sorted) {
      out.push(`  ${ruleId.padEnd(idWidth)}  ${t.count}${t.suppressed > 0 ? ` (${t.suppressed} suppressed)` : ''}`);
    }
    out.push('');
  }

  if (report.unusedSuppressions.length > 0) {
    out.push(p.yellow(`unused suppressions (${report.unusedSuppressions.length}):`));
    for (const u of report.unusedSuppressions) {
      const containers = u.containers ? ` [containers ${u.containers.join(', ')}]` : '';
      out.push(`  ${u.ruleId} at ${clean(u.scope, '    ')}${clean(containers, '    ')}: ${clean(u.reason, '    ')} ${p.dim(`(${u.note ?? 'matched no finding'})`)}`);
    }
    out.push('');
  }
  if (report.errors.length > 0) {
    out.push(p.red(`errors (${report.errors.length}):`));
    for (const e of report.errors) {
      const where = e.file !== undefined ? `${e.file}${e.line !== undefined ? `:${e.line}` : ''}${e.documentIndex !== undefined ? ` [document ${e.documentIndex}]` : ''}: ` : '';
      out.push(`  ${clean(where, '    ')}${clean(e.message, '    ')}`);
    }
    out.push('');
  }
  const skipped = report.skipped ?? [];
  if (skipped.length > 0) {
    out.push(`skipped (${skipped.length}):`);
    for (const k of skipped) out.push(`  ${clean(k.file, '    ')}: ${clean(k.reason, '    ')}`);
    out.push('');
  }

  const unsuppressed = report.results.filter(r => !r.suppressed && !r.ruleError);
  const failing = report.results.filter(r => isFailing(r, failOn)).length;
  const bySeverity = [Severity.ERROR, Severity.WARNING, Severity.INFO]
    .map(s => [s, unsuppressed.filter(r => r.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .sort((a, b) => severityRank(a[0]) - severityRank(b[0]))
    .map(([s, n]) => `${s} ${n}`);
  const s = report.summary;
  const breakdown = bySeverity.length > 1 ? ` (${bySeverity.join(', ')})` : '';
  const skippedText = skipped.length > 0 ? `, ${count(skipped.length, 'file')} skipped` : '';
  const line = `${count(s.violations, 'violation')}${breakdown}, ${s.suppressed} suppressed, ${count(s.errors, 'error')}, ${count(s.resources, 'resource')} checked${skippedText}`;
  const bad = failing > 0 || report.errors.length > 0;
  out.push(bad ? p.red(`✖ ${line}`) : p.green(`✔ ${line}`));
  return `${out.join('\n')}\n`;
}
