import { fileLabel, groupByResource, isFailing, resourceLabel } from './_common';
import { TextSink } from './_sink';
import { xmlAttr, xmlEscape } from './_xml';
import { GuardReport, ReportResource, ReportResult } from './model';
import { Severity } from '../engine/types';

interface Case {
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
  if (results.length === 0) return { body: '', outcome: 'pass' };
  const errors = results.filter(r => r.ruleError && !r.suppressed);
  const failing = results.filter(r => !r.ruleError && isFailing(r, failOn));
  const other = results.filter(r => !errors.includes(r) && !failing.includes(r));
  const otherText = other.length > 0 ? `\n${other.map(findingText).join('\n')}` : '';
  if (errors.length > 0) {
    const text = [...errors, ...failing].map(findingText).join('\n') + otherText;
    return { outcome: 'error', body: `<error type="${xmlAttr(ruleId)}" message="${xmlAttr(errors[0].detail)}">${xmlEscape(text)}</error>` };
  }
  if (failing.length > 0) {
    const message = failing.length === 1 ? `${failing[0].message}: ${failing[0].detail}` : `${failing.length} findings: ${failing[0].message}`;
    const text = failing.map(findingText).join('\n') + otherText;
    return { outcome: 'failure', body: `<failure type="${xmlAttr(ruleId)}" message="${xmlAttr(message)}">${xmlEscape(text)}</failure>` };
  }
  const suppressed = results.filter(r => r.suppressed);
  if (suppressed.length === results.length) {
    const reasons = [...new Set(suppressed.map(r => r.suppressionReason ?? ''))].join('; ');
    return { outcome: 'skipped', body: `<skipped message="${xmlAttr(`suppressed: ${reasons}`)}"/><system-out>${xmlEscape(results.map(findingText).join('\n'))}</system-out>` };
  }
  // Only findings below the failure threshold (some perhaps suppressed): the case passes, the findings are kept as output.
  return { outcome: 'pass', body: `<system-out>${xmlEscape(results.map(findingText).join('\n'))}</system-out>` };
}

interface Counts { tests: number; failures: number; errors: number; skipped: number }

function tally(counts: Counts, outcome: Case['outcome']): void {
  counts.tests++;
  if (outcome === 'failure') counts.failures++;
  else if (outcome === 'error') counts.errors++;
  else if (outcome === 'skipped') counts.skipped++;
}

/**
 * A suite with at least one case that is not a plain pass: rendered whole (head and cases) before
 * the document is written, because the document's head states the totals.
 */
class Suite {
  public readonly counts: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  private readonly parts: string[] = [''];

  /**
   * @param name the suite's escaped name
   * @param classname the escaped class name of its cases
   */
  constructor(private readonly name: string, private readonly classname: string) {}

  /** Adds a test case. `escapedName` is the case's name, escaped. */
  public add(escapedName: string, c: Case): void {
    tally(this.counts, c.outcome);
    const open = `    <testcase classname="${this.classname}" name="${escapedName}"`;
    this.parts.push(c.body === '' ? `${open}/>\n` : `${open}>${c.body}</testcase>\n`);
  }

  /** Adds a passing test case, given the end of its text (`<escaped name>"/>` and a line break). */
  public addPass(end: string): void {
    this.counts.tests++;
    this.parts.push(`    <testcase classname="${this.classname}" name="${end}`);
  }

  /** The suite's text. */
  public text(): string {
    const c = this.counts;
    this.parts[0] = `  <testsuite name="${this.name}" tests="${c.tests}" failures="${c.failures}" errors="${c.errors}" skipped="${c.skipped}">\n`;
    this.parts.push('  </testsuite>\n');
    return this.parts.join('');
  }
}

/**
 * The text of a suite whose cases all pass, one per escaped rule ID, cut at each place where the
 * suite's escaped class name goes; the suite's name (which comes first) is put before it.
 */
function passingTemplate(escapedNames: readonly string[]): string[] {
  const template: string[] = [];
  let between = `" tests="${escapedNames.length}" failures="0" errors="0" skipped="0">\n`;
  for (const name of escapedNames) {
    template.push(`${between}    <testcase classname="`);
    between = `" name="${name}"/>\n`;
  }
  template.push(`${between}  </testsuite>\n`);
  return template;
}

/**
 * What a test case's `classname` says: where the resource is (its construct path, or its file
 * and line), else the resource itself. The suite name adds the resource to the place.
 */
function caseClassName(resource: ReportResource): string {
  if (resource.constructPath !== undefined) return resource.constructPath;
  const where = fileLabel(resource.file, resource.line);
  if (where === undefined) return resourceLabel(resource.resource);
  return resource.documentIndex !== undefined ? `${where} document ${resource.documentIndex}` : where;
}

/**
 * Renders JUnit XML: one test suite per resource and one test case per rule. A report can hold
 * tens of thousands of test cases, almost all of them passes: the suites whose cases all pass are
 * written straight to the sink from one template, and only the others are rendered beforehand,
 * since the document's head states the totals. @internal
 */
export function renderJunit(report: GuardReport, failOn: Severity, sink: TextSink): void {
  // The report's rules, each once, in order; a result of another rule adds a case after them.
  const ruleIndex = new Map<string, number>();
  const ruleIds: string[] = [];
  for (const rule of report.rules) {
    if (ruleIndex.has(rule.ruleId)) continue;
    ruleIndex.set(rule.ruleId, ruleIds.length);
    ruleIds.push(rule.ruleId);
  }
  const escapedNames = new Map<string, string>();
  const caseName = (name: string): string => {
    let escaped = escapedNames.get(name);
    if (escaped === undefined) escapedNames.set(name, escaped = xmlAttr(name));
    return escaped;
  };
  const passNames = ruleIds.map(caseName);
  const passEnds = passNames.map(name => `${name}"/>\n`);
  const total: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };

  // Each group becomes either the text of a suite with other outcomes, or undefined: all pass.
  const groups = groupByResource(report);
  const rendered: Array<string | undefined> = new Array(groups.length);
  const closeSuite = (suite: Suite): string => {
    const c = suite.counts;
    total.tests += c.tests;
    total.failures += c.failures;
    total.errors += c.errors;
    total.skipped += c.skipped;
    return suite.text();
  };
  for (let g = 0; g < groups.length; g++) {
    const group = groups[g];
    if (group.results.length === 0) {
      total.tests += ruleIds.length;
      continue;
    }
    const suite = new Suite(xmlAttr(suiteName(group.resource)), xmlAttr(caseClassName(group.resource)));
    const byRule: Array<ReportResult[] | undefined> = new Array(ruleIds.length);
    let others: Map<string, ReportResult[]> | undefined;
    for (let k = 0; k < group.results.length; k++) {
      const r = group.results[k];
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
    for (let i = 0; i < ruleIds.length; i++) {
      const results = byRule[i];
      if (results === undefined) suite.addPass(passEnds[i]);
      else suite.add(passNames[i], caseFor(ruleIds[i], results, failOn));
    }
    if (others) for (const [id, results] of others) suite.add(caseName(id), caseFor(id, results, failOn));
    rendered[g] = closeSuite(suite);
  }
  const tail: string[] = [];
  if (report.errors.length > 0) {
    const suite = new Suite('input errors', 'input errors');
    report.errors.forEach((e, i) => suite.add(xmlAttr(fileLabel(e.file, e.line) ?? `error ${i + 1}`), {
      outcome: 'error',
      body: `<error type="inputError" message="${xmlAttr(e.message)}">${xmlEscape(e.message)}</error>`,
    }));
    tail.push(closeSuite(suite));
  }
  if (report.unusedSuppressions.length > 0) {
    const suite = new Suite('unused suppressions', 'unused suppressions');
    for (const u of report.unusedSuppressions) {
      const containers = u.containers ? ` containers ${u.containers.join(', ')}` : '';
      const message = `unused suppression of "${u.ruleId}" at ${u.scope}${containers}: ${u.reason}${u.note ? `; ${u.note}` : ''}`;
      suite.add(xmlAttr(`${u.ruleId} at ${u.scope}`), { outcome: 'skipped', body: `<skipped message="${xmlAttr(message)}"/>` });
    }
    tail.push(closeSuite(suite));
  }

  sink.write('<?xml version="1.0" encoding="UTF-8"?>\n'
    + `<testsuites name="cdk8s-guard" tests="${total.tests}" failures="${total.failures}" errors="${total.errors}" skipped="${total.skipped}">\n`);
  const passing = passingTemplate(passNames);
  for (let g = 0; g < groups.length; g++) {
    const text = rendered[g];
    if (text !== undefined) {
      sink.write(text);
      continue;
    }
    const resource = groups[g].resource;
    sink.write(`  <testsuite name="${xmlAttr(suiteName(resource))}`);
    sink.write(passing.join(xmlAttr(caseClassName(resource))));
  }
  for (const text of tail) sink.write(text);
  sink.write('</testsuites>\n');
}
