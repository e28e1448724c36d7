import { fileLabel, groupByResource, isFailing, resourceLabel } from './_common';
import { xmlAttr, xmlEscape } from './_xml';
import { GuardReport, ReportResource, ReportResult } from './model';
import { Severity } from '../engine/types';

interface Case {
  readonly name: string;
  readonly body: string;
  readonly outcome: 'pass' | 'failure' | 'error' | 'skipped';
}

function suiteName(resource: ReportResource): string {
  const label = resourceLabel(resource.resource);
  const where = resource.constructPath ?? fileLabel(resource.file, resource.line);
  const doc = resource.constructPath === undefined && resource.documentIndex !== undefined ? ` document ${resource.documentIndex}` : '';
  return where !== undefined ? `${where}${doc} (${label})` : label;
}

function findingText(r: ReportResult): string {
  const lines = [`${r.message}: ${r.detail}`, `  at ${r.path || '/'}`];
  if (r.container !== undefined) lines.push(`  container: ${r.container}`);
  if (r.line !== undefined) lines.push(`  line: ${r.line}`);
  lines.push(`  fix: ${r.fix}`);
  if (r.suppressed) lines.push(`  suppressed: ${r.suppressionReason ?? ''}`);
  return lines.join('\n');
}

function caseFor(ruleId: string, results: ReportResult[], failOn: Severity): Case {
  if (results.length === 0) return { name: ruleId, body: '', outcome: 'pass' };
  const errors = results.filter(r => r.ruleError && !r.suppressed);
  const failing = results.filter(r => !r.ruleError && isFailing(r, failOn));
  const other = results.filter(r => !errors.includes(r) && !failing.includes(r));
  const otherText = other.length > 0 ? `\n${other.map(findingText).join('\n')}` : '';
  if (errors.length > 0) {
    const text = [...errors, ...failing].map(findingText).join('\n') + otherText;
    return { name: ruleId, outcome: 'error', body: `<error type="${xmlAttr(ruleId)}" message="${xmlAttr(errors[0].detail)}">${xmlEscape(text)}</error>` };
  }
  if (failing.length > 0) {
    const message = failing.length === 1 ? `${failing[0].message}: ${failing[0].detail}` : `${failing.length} findings: ${failing[0].message}`;
    const text = failing.map(findingText).join('\n') + otherText;
    return { name: ruleId, outcome: 'failure', body: `<failure type="${xmlAttr(ruleId)}" message="${xmlAttr(message)}">${xmlEscape(text)}</failure>` };
  }
  const suppressed = results.filter(r => r.suppressed);
  if (suppressed.length === results.length) {
    const reasons = [...new Set(suppressed.map(r => r.suppressionReason ?? ''))].join('; ');
    return { name: ruleId, outcome: 'skipped', body: `<skipped message="${xmlAttr(`suppressed: ${reasons}`)}"/><system-out>${xmlEscape(results.map(findingText).join('\n'))}</system-out>` };
  }
  // Only findings below the failure threshold (some perhaps suppressed): the case passes, the findings are kept as output.
  return { name: ruleId, outcome: 'pass', body: `<system-out>${xmlEscape(results.map(findingText).join('\n'))}</system-out>` };
}

interface Counts { tests: number; failures: number; errors: number; skipped: number }

function tally(counts: Counts, outcome: Case['outcome']): void {
  counts.tests++;
  if (outcome === 'failure') counts.failures++;
  else if (outcome === 'error') counts.errors++;
  else if (outcome === 'skipped') counts.skipped++;
}

function suiteXml(name: string, cases: Case[], total: Counts, caseName: (name: string) => string): string {
  const counts: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  const classname = xmlAttr(name);
  const lines: string[] = [];
  for (const c of cases) {
    tally(counts, c.outcome);
    tally(total, c.outcome);
    const open = `    <testcase classname="${classname}" name="${caseName(c.name)}"`;
    lines.push(c.body === '' ? `${open}/>` : `${open}>${c.body}</testcase>`);
  }
  const head = `  <testsuite name="${classname}" tests="${counts.tests}" failures="${counts.failures}" errors="${counts.errors}" skipped="${counts.skipped}">`;
  return `${head}\n${lines.join('\n')}${lines.length > 0 ? '\n' : ''}  </testsuite>`;
}

/** Renders JUnit XML: one test suite per resource and one test case per rule. @internal */
export function renderJunit(report: GuardReport, failOn: Severity): string {
  const ruleIds = report.rules.map(r => r.id);
  const suites: Array<{ name: string; cases: Case[] }> = [];
  const allPass: Case[] = ruleIds.map(id => ({ name: id, body: '', outcome: 'pass' }));
  for (const group of groupByResource(report)) {
    if (group.results.length === 0) {
      suites.push({ name: suiteName(group.resource), cases: allPass });
      continue;
    }
    const byRule = new Map<string, ReportResult[]>();
    for (const id of ruleIds) byRule.set(id, []);
    for (const r of group.results) {
      if (!byRule.has(r.ruleId)) byRule.set(r.ruleId, []);
      byRule.get(r.ruleId)!.push(r);
    }
    suites.push({ name: suiteName(group.resource), cases: [...byRule].map(([id, results]) => caseFor(id, results, failOn)) });
  }
  if (report.errors.length > 0) {
    suites.push({
      name: 'input errors',
      cases: report.errors.map((e, i) => ({
        name: fileLabel(e.file, e.line) ?? `error ${i + 1}`,
        outcome: 'error' as const,
        body: `<error type="inputError" message="${xmlAttr(e.message)}">${xmlEscape(e.message)}</error>`,
      })),
    });
  }
  if (report.unusedSuppressions.length > 0) {
    suites.push({
      name: 'unused suppressions',
      cases: report.unusedSuppressions.map(u => {
        const containers = u.containers ? ` containers ${u.containers.join(', ')}` : '';
        const message = `unused suppression of "${u.ruleId}" at ${u.scope}${containers}: ${u.reason}${u.note ? `; ${u.note}` : ''}`;
        return { name: `${u.ruleId} at ${u.scope}`, outcome: 'skipped' as const, body: `<skipped message="${xmlAttr(message)}"/>` };
      }),
    });
  }
  const total: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  const names = new Map<string, string>();
  const caseName = (name: string) => {
    let escaped = names.get(name);
    if (escaped === undefined) names.set(name, escaped = xmlAttr(name));
    return escaped;
  };
  const body = suites.map(s => suiteXml(s.name, s.cases, total, caseName));
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="cdk8s-guard" tests="${total.tests}" failures="${total.failures}" errors="${total.errors}" skipped="${total.skipped}">`,
    ...body,
    '</testsuites>',
    '',
  ].join('\n');
}
