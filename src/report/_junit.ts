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

interface Suite {
  readonly classname: string;
  readonly counts: Counts;
  /** The suite's text, its head (once the counts are known) first. */
  readonly parts: string[];
}

/**
 * Writes the XML one suite at a time: a report can hold tens of thousands of test cases (one per
 * resource and rule). The small strings of a suite are joined when it closes, so they die young,
 * and the document (one string per suite) is joined once at the end: copying a report of
 * megabytes costs time, so it is copied once only.
 */
class JunitWriter {
  private readonly suites: string[] = [''];
  public readonly total: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  private readonly names = new Map<string, string>();

  /** A test case's escaped name (rule IDs repeat in every suite). */
  public caseName(name: string): string {
    let escaped = this.names.get(name);
    if (escaped === undefined) this.names.set(name, escaped = xmlAttr(name));
    return escaped;
  }

  /** Opens a suite; close it with `close` once its cases are written. */
  public suite(name: string): Suite {
    return { classname: xmlAttr(name), counts: { tests: 0, failures: 0, errors: 0, skipped: 0 }, parts: [''] };
  }

  /** Closes a suite with the counts of the cases written. */
  public close(suite: Suite): void {
    const { classname, counts, parts } = suite;
    parts[0] = `  <testsuite name="${classname}" tests="${counts.tests}" failures="${counts.failures}" errors="${counts.errors}" skipped="${counts.skipped}">\n`;
    parts.push('  </testsuite>\n');
    this.suites.push(parts.join(''));
  }

  /**
   * Writes a whole suite of passing test cases: the common case of a resource with no finding.
   * `template` is the suite's text cut where its escaped name goes (see `passingTemplate`), so
   * the suite is written with one join.
   */
  public passingSuite(name: string, template: readonly string[], cases: number): void {
    this.total.tests += cases;
    this.suites.push(template.join(xmlAttr(name)));
  }

  /** Writes one test case of an open suite. */
  public testCase(suite: Suite, c: Case): void {
    tally(suite.counts, c.outcome);
    tally(this.total, c.outcome);
    const open = `    <testcase classname="${suite.classname}" name="${this.caseName(c.name)}"`;
    suite.parts.push(c.body === '' ? `${open}/>\n` : `${open}>${c.body}</testcase>\n`);
  }

  /** Writes one passing test case of an open suite, given the end of its text (`<name>"/>` and a line break). */
  public passingCase(suite: Suite, end: string): void {
    suite.counts.tests++;
    this.total.tests++;
    suite.parts.push(`    <testcase classname="${suite.classname}" name="${end}`);
  }

  /** The document. */
  public end(): string {
    const t = this.total;
    const suites = this.suites;
    suites[0] = '<?xml version="1.0" encoding="UTF-8"?>\n'
      + `<testsuites name="cdk8s-guard" tests="${t.tests}" failures="${t.failures}" errors="${t.errors}" skipped="${t.skipped}">\n`;
    suites.push('</testsuites>\n');
    return suites.join('');
  }
}

/**
 * The text of a suite of passing test cases, one per escaped name, cut at each place the suite's
 * escaped name goes (its name, then the class name of each case).
 */
function passingTemplate(escapedNames: readonly string[]): string[] {
  const template = ['  <testsuite name="'];
  let between = `" tests="${escapedNames.length}" failures="0" errors="0" skipped="0">\n`;
  for (const name of escapedNames) {
    template.push(`${between}    <testcase classname="`);
    between = `" name="${name}"/>\n`;
  }
  template.push(`${between}  </testsuite>\n`);
  return template;
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
  const passing = passingTemplate(passNames);
  const passEnds = passNames.map(name => `${name}"/>\n`);
  for (const group of groupByResource(report)) {
    if (group.results.length === 0) {
      out.passingSuite(suiteName(group.resource), passing, passes.length);
      continue;
    }
    const suite = out.suite(suiteName(group.resource));
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
      if (results === undefined) out.passingCase(suite, passEnds[i]);
      else out.testCase(suite, caseFor(passes[i].name, results, failOn));
    }
    if (others) for (const [id, results] of others) out.testCase(suite, caseFor(id, results, failOn));
    out.close(suite);
  }
  if (report.errors.length > 0) {
    const suite = out.suite('input errors');
    report.errors.forEach((e, i) => out.testCase(suite, {
      name: fileLabel(e.file, e.line) ?? `error ${i + 1}`,
      outcome: 'error',
      body: `<error type="inputError" message="${xmlAttr(e.message)}">${xmlEscape(e.message)}</error>`,
    }));
    out.close(suite);
  }
  if (report.unusedSuppressions.length > 0) {
    const suite = out.suite('unused suppressions');
    for (const u of report.unusedSuppressions) {
      const containers = u.containers ? ` containers ${u.containers.join(', ')}` : '';
      const message = `unused suppression of "${u.ruleId}" at ${u.scope}${containers}: ${u.reason}${u.note ? `; ${u.note}` : ''}`;
      out.testCase(suite, { name: `${u.ruleId} at ${u.scope}`, outcome: 'skipped', body: `<skipped message="${xmlAttr(message)}"/>` });
    }
    out.close(suite);
  }
  return out.end();
}
