import { count, fileLabel, isFailing, resourceLabel } from './_common';
import { GuardReport, ReportResult } from './model';
import { Severity } from '../engine/types';

const CELL_SPECIAL = /[\u0000-\u001F\u007F&\\|<>]/;

/** Escapes a table cell: pipes, line breaks, and Markdown/HTML specials that would change the table. */
function cell(value: string): string {
  if (!CELL_SPECIAL.test(value)) return value;
  return value
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r?\n/g, '<br>');
}

const CODE_SPECIAL = /[|\r\n]/;

/** Inline code that survives backticks in the value. */
function code(value: string): string {
  if (value === '') return '';
  const v = !CODE_SPECIAL.test(value) ? value : value.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  const fence = v.includes('`') ? '``' : '`';
  return `${fence}${fence === '``' ? ' ' : ''}${v}${fence === '``' ? ' ' : ''}${fence}`;
}

function where(r: ReportResult): string {
  const parts: string[] = [];
  if (r.constructPath !== undefined) parts.push(code(r.constructPath));
  const file = fileLabel(r.file, r.line);
  if (file !== undefined) parts.push(code(file));
  return parts.join('<br>');
}

const SEVERITY_ICON: { [s: string]: string } = {
  [Severity.ERROR]: '🔴 error',
  [Severity.WARNING]: '🟠 warning',
  [Severity.INFO]: '🔵 info',
};

function table(header: string[], rows: string[][], maxRows: number | undefined): string[] {
  const shown = maxRows !== undefined && rows.length > maxRows ? rows.slice(0, Math.max(0, maxRows)) : rows;
  const out = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const row of shown) out.push(`| ${row.join(' | ')} |`);
  if (shown.length < rows.length) out.push('', `_…and ${count(rows.length - shown.length, 'more row')} (see the JSON or SARIF report)._`);
  return out;
}

/** Renders a Markdown summary for a pull-request comment. @internal */
export function renderMarkdown(report: GuardReport, failOn: Severity, maxRows: number | undefined): string {
  const unsuppressed = report.results.filter(r => !r.suppressed);
  const suppressed = report.results.filter(r => r.suppressed);
  const failing = unsuppressed.filter(r => isFailing(r, failOn)).length;
  const s = report.summary;
  const out: string[] = [];
  const verdict = failing > 0 || report.errors.length > 0 ? '❌' : '✅';
  out.push(`## ${verdict} cdk8s-guard: ${count(s.violations, 'violation')}, ${s.suppressed} suppressed, ${count(s.errors, 'error')}`);
  out.push('');
  out.push(`Pod Security Standards **${report.level}** at \`${report.version}\` (checks as of \`${report.effectiveVersion}\`) · ${count(s.resources, 'resource')} checked · ${count(failing, 'finding')} at or above **${failOn}** · cdk8s-guard ${report.toolVersion}`);
  out.push('');
  if (unsuppressed.length > 0) {
    out.push(`### Findings (${unsuppressed.length})`, '');
    out.push(...table(
      ['Severity', 'Rule', 'Resource', 'Where', 'Field', 'Problem', 'Fix'],
      unsuppressed.map(r => [
        r.ruleError ? '⚠️ rule error' : SEVERITY_ICON[r.severity] ?? r.severity,
        code(r.ruleId),
        cell(resourceLabel(r.resource)) + (r.container !== undefined ? `<br>container ${code(r.container)}` : ''),
        where(r),
        code(r.path || '/'),
        cell(`${r.message}: ${r.detail}`),
        cell(r.fix),
      ]),
      maxRows,
    ));
    out.push('');
  } else {
    out.push('No unsuppressed findings.', '');
  }
  if (suppressed.length > 0) {
    out.push(`### Suppressed (${suppressed.length})`, '');
    out.push(...table(
      ['Rule', 'Resource', 'Where', 'Field', 'Reason', 'Suppressed at'],
      suppressed.map(r => [
        code(r.ruleId),
        cell(resourceLabel(r.resource)) + (r.container !== undefined ? `<br>container ${code(r.container)}` : ''),
        where(r),
        code(r.path),
        cell(r.suppressionReason ?? ''),
        r.suppressedBy !== undefined ? code(r.suppressedBy) : '',
      ]),
      maxRows,
    ));
    out.push('');
  }
  if (report.unusedSuppressions.length > 0) {
    out.push(`### Unused suppressions (${report.unusedSuppressions.length})`, '');
    out.push(...table(
      ['Rule', 'Declared at', 'Containers', 'Reason', 'Note'],
      report.unusedSuppressions.map(u => [
        code(u.ruleId),
        code(u.scope),
        u.containers ? u.containers.map(code).join(', ') : 'all',
        cell(u.reason),
        cell(u.note ?? 'matched no finding'),
      ]),
      maxRows,
    ));
    out.push('');
  }
  if (report.hardening !== undefined && report.hardening.length > 0) {
    const ops = report.hardening.reduce((n, h) => n + h.operations.length, 0);
    const decisions = report.hardening.reduce((n, h) => n + h.decisions.length, 0);
    out.push(`### Hardening (${count(ops, 'operation')} applied, ${count(decisions, 'decision')} left)`, '');
    const rows: string[][] = [];
    for (const h of report.hardening) {
      const resource = cell(resourceLabel(h.resource));
      const at = [
        ...(h.constructPath !== undefined ? [code(h.constructPath)] : []),
        ...(h.file !== undefined ? [code(h.file) + (h.documentIndex !== undefined ? ` document ${h.documentIndex}` : '')] : []),
      ].join('<br>');
      for (const o of h.operations) {
        rows.push([resource, at, '🛠️ applied', code(o.ruleId), code(`${o.op} ${o.path}`), code(JSON.stringify(o.value))]);
      }
      for (const d of h.decisions) {
        rows.push([resource, at, '⚖️ decision', code(d.ruleId), code(d.path || '/'), cell(`${d.message}: ${d.detail}`)]);
      }
    }
    out.push(...table(['Resource', 'Where', 'Outcome', 'Rule', 'Operation or field', 'Value or problem'], rows, maxRows));
    out.push('');
  }
  if (report.errors.length > 0) {
    out.push(`### Errors (${report.errors.length})`, '');
    out.push(...table(
      ['Where', 'Error'],
      report.errors.map(e => [code(fileLabel(e.file, e.line) ?? '') + (e.documentIndex !== undefined ? ` document ${e.documentIndex}` : ''), cell(e.message)]),
      maxRows,
    ));
    out.push('');
  }
  const skipped = report.skipped ?? [];
  if (skipped.length > 0) {
    out.push(`### Skipped files (${skipped.length})`, '');
    out.push(...table(['File', 'Reason'], skipped.map(k => [code(k.file), cell(k.reason)]), maxRows));
    out.push('');
  }
  return out.join('\n');
}
