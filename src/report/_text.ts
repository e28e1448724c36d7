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

function severityWord(r: ReportResult, p: Paint): string {
  if (r.ruleError) return p.red('rule error');
  const word = r.severity.padEnd(7);
  return r.severity === Severity.ERROR ? p.red(word) : r.severity === Severity.WARNING ? p.yellow(word) : p.blue(word);
}

/** Renders console text, grouped by file (or construct tree) and resource. @internal */
export function renderText(report: GuardReport, failOn: Severity, color: boolean): string {
  const p = color ? COLOR : PLAIN;
  const out: string[] = [];

  // Group by file, then by resource, keeping the order of first appearance.
  const files = new Map<string, Map<string, ReportResult[]>>();
  for (const r of report.results) {
    const fileKey = r.file ?? '';
    let resources = files.get(fileKey);
    if (!resources) files.set(fileKey, resources = new Map());
    const resKey = `${r.constructPath ?? ''}\u0000${r.documentIndex ?? ''}\u0000${resourceLabel(r.resource)}`;
    let list = resources.get(resKey);
    if (!list) resources.set(resKey, list = []);
    list.push(r);
  }

  for (const [file, resources] of files) {
    const indent = file === '' ? '' : '  ';
    if (file !== '') out.push(p.bold(clean(file, '')));
    for (const results of resources.values()) {
      const first = results[0];
      const at = first.constructPath !== undefined ? ` ${p.dim(`(${clean(first.constructPath, '')})`)}` : '';
      const doc = first.constructPath === undefined && first.documentIndex !== undefined ? p.dim(` [document ${first.documentIndex}]`) : '';
      out.push(`${indent}${p.bold(clean(resourceLabel(first.resource), ''))}${doc}${at}`);
      const lineWidth = Math.max(0, ...results.map(r => (r.line !== undefined ? String(r.line).length : 0)));
      const pad = (r: ReportResult) => (lineWidth > 0 ? `${(r.line !== undefined ? String(r.line) : '').padStart(lineWidth)}  ` : '');
      const cont = `${indent}  ${' '.repeat(lineWidth > 0 ? lineWidth + 2 : 0)}        `;
      for (const r of results) {
        const container = r.container !== undefined ? ` [container ${clean(r.container, cont)}]` : '';
        if (r.suppressed) {
          out.push(p.dim(`${indent}  ${pad(r)}suppressed ${r.ruleId}${container}: ${clean(r.message, cont)}`));
          out.push(p.dim(`${cont}reason: ${clean(r.suppressionReason ?? '', cont)}${r.suppressedBy !== undefined ? ` (${clean(r.suppressedBy, cont)})` : ''}`));
          continue;
        }
        out.push(`${indent}  ${pad(r)}${severityWord(r, p)} ${p.bold(r.ruleId)}${container}: ${clean(r.message, cont)}`);
        out.push(`${cont}${clean(r.detail, cont)}`);
        out.push(`${cont}${p.dim('at')} ${clean(r.path || '/', cont)}`);
        out.push(`${cont}${p.dim('fix:')} ${clean(r.fix, cont)}`);
      }
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

  const unsuppressed = report.results.filter(r => !r.suppressed && !r.ruleError);
  const failing = report.results.filter(r => isFailing(r, failOn)).length;
  const bySeverity = [Severity.ERROR, Severity.WARNING, Severity.INFO]
    .map(s => [s, unsuppressed.filter(r => r.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .sort((a, b) => severityRank(a[0]) - severityRank(b[0]))
    .map(([s, n]) => `${s} ${n}`);
  const s = report.summary;
  const breakdown = bySeverity.length > 1 ? ` (${bySeverity.join(', ')})` : '';
  const line = `${count(s.violations, 'violation')}${breakdown}, ${s.suppressed} suppressed, ${count(s.errors, 'error')}, ${count(s.resources, 'resource')} checked`;
  const bad = failing > 0 || report.errors.length > 0;
  out.push(bad ? p.red(`✖ ${line}`) : p.green(`✔ ${line}`));
  return `${out.join('\n')}\n`;
}
