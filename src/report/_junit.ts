import { fileLabel, groupByResource, isFailing, resourceLabel } from './_common';
import { TextSink } from './_sink';
import { xmlAttr, xmlEscape } from './_xml';
import { GuardReport, ReportResource, ReportResult } from './model';
import { Severity } from '../engine/types';

interface Case {
  readonly body: string;
  readonly outcome: 'pass' | 'failure' | 'error' | 'skipped';
}

function findingText(r: ReportResult): string {
  const lines = [`${r.ruleId} (${r.severity}): ${r.message}: ${r.detail}`, `  at ${r.path || '/'}`];
  if (r.container !== undefined) lines.push(`  container: ${r.container}`);
  if (r.line !== undefined) lines.push(`  line: ${r.line}`);
  lines.push(`  fix: ${r.fix}`);
  if (r.suppressed) lines.push(`  suppressed: ${r.suppressionReason ?? ''}`);
  return lines.join('\n');
}

/**
 * The case of one resource: an error when a rule failed to run on it, a failure when it has
 * unsuppressed findings at or above the threshold (all of them in the text), else a pass; its
 * other findings (below the threshold, or suppressed) are kept as output.
 */
function caseFor(results: ReportResult[], failOn: Severity): Case {
  if (results.length === 0) return { body: '', outcome: 'pass' };
  const errors = results.filter(r => r.ruleError && !r.suppressed);
  const failing = results.filter(r => !r.ruleError && isFailing(r, failOn));
  const other = results.filter(r => !errors.includes(r) && !failing.includes(r));
  const otherText = other.length > 0 ? `<system-out>${xmlEscape(other.map(findingText).join('\n'))}</system-out>` : '';
  const rules = (list: ReportResult[]) => [...new Set(list.map(r => r.ruleId))].join(',');
  if (errors.length > 0) {
    const text = [...errors, ...failing].map(findingText).join('\n');
    return { outcome: 'error', body: `<error type="${xmlAttr(rules(errors))}" message="${xmlAttr(`${errors[0].ruleId}: ${errors[0].detail}`)}">${xmlEscape(text)}</error>${otherText}` };
  }
  if (failing.length > 0) {
    const message = failing.length === 1
      ? `${failing[0].ruleId}: ${failing[0].message}: ${failing[0].detail}`
      : `${failing.length} findings: ${rules(failing)}`;
    const text = failing.map(findingText).join('\n');
    return { outcome: 'failure', body: `<failure type="${xmlAttr(rules(failing))}" message="${xmlAttr(message)}">${xmlEscape(text)}</failure>${otherText}` };
  }
  return { outcome: 'pass', body: otherText };
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

  /** Adds a test case of another class than the suite's. */
  public addCase(escapedClassname: string, escapedName: string, c: Case): void {
    tally(this.counts, c.outcome);
    const open = `    <testcase classname="${escapedClassname}" name="${escapedName}"`;
    this.parts.push(c.body === '' ? `${open}/>\n` : `${open}>${c.body}</testcase>\n`);
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
 * What a test case's `classname` says: where the resource is (its construct path, or its file
 * and line), else the resource itself. The suite name adds the resource to the place.
 */
function caseClassName(resource: ReportResource): string {
  if (resource.constructPath !== undefined) return resource.constructPath;
  const where = fileLabel(resource.file, resource.line);
  if (where === undefined) return resourceLabel(resource.resource);
  return resource.documentIndex !== undefined ? `${where} document ${resource.documentIndex}` : where;
}

/** The name of a suite: the file its resources come from, else where they are in the construct tree. */
function suiteOf(resource: ReportResource): string {
  if (resource.file !== undefined) return resource.file;
  if (resource.constructPath !== undefined) {
    const slash = resource.constructPath.indexOf('/');
    return slash < 0 ? resource.constructPath : resource.constructPath.slice(0, slash);
  }
  return 'resources';
}

/**
 * Renders JUnit XML: one test suite per manifest file (or chart, for findings without a file) and
 * one test case per resource, which fails with every failing finding of that resource. Rules that
 * do not apply to a resource make no case of their own. A report can hold thousands of resources,
 * almost all of them passing: the suites are rendered one after another, and written once the
 * totals for the document's head are known. @internal
 */
export function renderJunit(report: GuardReport, failOn: Severity, sink: TextSink): void {
  const total: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  const suites = new Map<string, Suite>();
  const groups = groupByResource(report);
  for (let g = 0; g < groups.length; g++) {
    const group = groups[g];
    const name = suiteOf(group.resource);
    let suite = suites.get(name);
    if (suite === undefined) suites.set(name, suite = new Suite(xmlAttr(name), ''));
    suite.addCase(xmlAttr(caseClassName(group.resource)), xmlAttr(resourceLabel(group.resource.resource)), caseFor(group.results, failOn));
  }
  const texts: string[] = [];
  const closeSuite = (suite: Suite): void => {
    const c = suite.counts;
    total.tests += c.tests;
    total.failures += c.failures;
    total.errors += c.errors;
    total.skipped += c.skipped;
    texts.push(suite.text());
  };
  for (const suite of suites.values()) closeSuite(suite);
  if (report.errors.length > 0) {
    const suite = new Suite('input errors', 'input errors');
    report.errors.forEach((e, i) => suite.add(xmlAttr(fileLabel(e.file, e.line) ?? `error ${i + 1}`), {
      outcome: 'error',
      body: `<error type="inputError" message="${xmlAttr(e.message)}">${xmlEscape(e.message)}</error>`,
    }));
    closeSuite(suite);
  }
  if (report.unusedSuppressions.length > 0) {
    const suite = new Suite('unused suppressions', 'unused suppressions');
    for (const u of report.unusedSuppressions) {
      const containers = u.containers ? ` containers ${u.containers.join(', ')}` : '';
      const message = `unused suppression of "${u.ruleId}" at ${u.scope}${containers}: ${u.reason}${u.note ? `; ${u.note}` : ''}`;
      suite.add(xmlAttr(`${u.ruleId} at ${u.scope}`), { outcome: 'skipped', body: `<skipped message="${xmlAttr(message)}"/>` });
    }
    closeSuite(suite);
  }
  sink.write('<?xml version="1.0" encoding="UTF-8"?>\n'
    + `<testsuites name="cdk8s-guard" tests="${total.tests}" failures="${total.failures}" errors="${total.errors}" skipped="${total.skipped}">\n`);
  for (const text of texts) sink.write(text);
  sink.write('</testsuites>\n');
}
