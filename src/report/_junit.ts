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

/** Parts are joined into a chunk at the end of a suite once there are this many. */
const CHUNK_PARTS = 2048;

/**
 * Writes the XML as a list of parts: a report can hold tens of thousands of test cases (one per
 * resource and rule). Parts are joined into larger chunks as the writing goes, so the many small
 * strings die young instead of being kept (and copied by the garbage collector) until the end.
 */
class JunitWriter {
  public readonly chunks: string[] = [];
  private readonly parts: string[] = [];
  public readonly total: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  private readonly names = new Map<string, string>();

  /** A test case's escaped name (rule IDs repeat in every suite). */
  public caseName(name: string): string {
    let escaped = this.names.get(name);
    if (escaped === undefined) this.names.set(name, escaped = xmlAttr(name));
    return escaped;
  }

  /** Opens a suite; returns a function that closes it with the counts of the cases written. */
  public suite(name: string): { classname: string; counts: Counts; close: () => void } {
    const parts = this.parts;
    const classname = xmlAttr(name);
    const counts: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
    const head = parts.length;
    parts.push(''); // the head, once the counts are known
    return {
      classname,
      counts,
      close: () => {
        parts[head] = `  <testsuite name="${classname}" tests="${counts.tests}" failures="${counts.failures}" errors="${counts.errors}" skipped="${counts.skipped}">\n`;
        parts.push('  </testsuite>\n');
        if (parts.length >= CHUNK_PARTS) this.flush();
      },
    };
  }

  /** Joins the parts written so far into one chunk. */
  public flush(): string[] {
    if (this.parts.length > 0) {
      this.chunks.push(this.parts.join(''));
      this.parts.length = 0;
    }
    return this.chunks;
  }

  /**
   * Writes passing test cases, one per name, to the open suite: the common case of a resource
   * with no finding, written with one join.
   */
  public passingCases(suite: { classname: string; counts: Counts }, escapedNames: readonly string[]): void {
    if (escapedNames.length === 0) return;
    suite.counts.tests += escapedNames.length;
    this.total.tests += escapedNames.length;
    const open = `    <testcase classname="${suite.classname}" name="`;
    this.parts.push(open + escapedNames.join(`"/>\n${open}`) + '"/>\n');
  }

  /** Writes one test case of the open suite. */
  public testCase(suite: { classname: string; counts: Counts }, c: Case): void {
    tally(suite.counts, c.outcome);
    tally(this.total, c.outcome);
    const open = `    <testcase classname="${suite.classname}" name="${this.caseName(c.name)}"`;
    this.parts.push(c.body === '' ? `${open}/>\n` : `${open}>${c.body}</testcase>\n`);
  }
}

/** Renders JUnit XML: one test suite per resource and one test case per rule. @internal */
export function renderJunit(report: GuardReport, failOn: Severity): string {
  // The report's rules, each once, in order; a result of another rule adds a case after them.
  const ruleIndex = new Map<string, number>();
  const passes: Case[] = [];
  for (const rule of report.rules) {
    if (ruleIndex.has(rule.id)) continue;
    ruleIndex.set(rule.id, passes.length);
    passes.push({ name: rule.id, body: '', outcome: 'pass' });
  }
  const out = new JunitWriter();
  const passNames = passes.map(c => out.caseName(c.name));
  for (const group of groupByResource(report)) {
    const suite = out.suite(suiteName(group.resource));
    if (group.results.length === 0) {
      out.passingCases(suite, passNames);
      suite.close();
      continue;
    }
    const byRule: Array<ReportResult[] | undefined> = new Array(passes.length);
    let others: Map<string, ReportResult[]> | undefined;
    for (const r of group.results) {
      const i = ruleIndex.get(r.ruleId);
      if (i !== undefined) {
        (byRule[i] ??= []).push(r);
      } else {
        others ??= new Map();
        let list = others.get(r.ruleId);
        if (list === undefined) others.set(r.ruleId, list = []);
        list.push(r);
      }
    }
    for (let i = 0; i < passes.length; i++) {
      const results = byRule[i];
      out.testCase(suite, results === undefined ? passes[i] : caseFor(passes[i].name, results, failOn));
    }
    if (others) for (const [id, results] of others) out.testCase(suite, caseFor(id, results, failOn));
    suite.close();
  }
  if (report.errors.length > 0) {
    const suite = out.suite('input errors');
    report.errors.forEach((e, i) => out.testCase(suite, {
      name: fileLabel(e.file, e.line) ?? `error ${i + 1}`,
      outcome: 'error',
      body: `<error type="inputError" message="${xmlAttr(e.message)}">${xmlEscape(e.message)}</error>`,
    }));
    suite.close();
  }
  if (report.unusedSuppressions.length > 0) {
    const suite = out.suite('unused suppressions');
    for (const u of report.unusedSuppressions) {
      const containers = u.containers ? ` containers ${u.containers.join(', ')}` : '';
      const message = `unused suppression of "${u.ruleId}" at ${u.scope}${containers}: ${u.reason}${u.note ? `; ${u.note}` : ''}`;
      out.testCase(suite, { name: `${u.ruleId} at ${u.scope}`, outcome: 'skipped', body: `<skipped message="${xmlAttr(message)}"/>` });
    }
    suite.close();
  }
  const t = out.total;
  return '<?xml version="1.0" encoding="UTF-8"?>\n'
    + `<testsuites name="cdk8s-guard" tests="${t.tests}" failures="${t.failures}" errors="${t.errors}" skipped="${t.skipped}">\n`
    + out.flush().join('')
    + '</testsuites>\n';
}
