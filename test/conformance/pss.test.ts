/**
 * Conformance with Kubernetes pod-security admission: every upstream fixture, evaluated at its own
 * level and version, gets the upstream verdict. No exclusion list.
 */
import { CHECKS_BY_PREFIX, fixtureFolders, listFolder, OVERRIDDEN_BY, prefixOf, readFolder } from './_fixtures';
import { Finding, PolicyEvaluator, Severity } from '../../src';

const folders = fixtureFolders();

/** What is wrong with one fixture's findings, or undefined when it conforms. */
function mismatch(expect: 'pass' | 'fail', level: string, file: string, findings: Finding[]): string | undefined {
  const summary = () => JSON.stringify(findings.map(f => `${f.ruleId}: ${f.message} (${f.detail})`));
  if (expect === 'pass') {
    return findings.length === 0 ? undefined : `${file}: expected no findings, got ${summary()}`;
  }
  if (!findings.some(f => f.severity === Severity.ERROR)) return `${file}: expected a denial, got ${summary()}`;
  const check = CHECKS_BY_PREFIX[prefixOf(file)];
  if (!check) return `${file}: no check is named after this file`;
  const accepted = [check.id];
  if (level === 'restricted' && OVERRIDDEN_BY[check.id]) accepted.push(OVERRIDDEN_BY[check.id]);
  if (!findings.some(f => accepted.includes(f.ruleId))) {
    return `${file}: expected a finding of ${accepted.join(' or ')}, got ${summary()}`;
  }
  if (!findings.some(f => f.message.includes(check.substring) || f.detail.includes(check.substring))) {
    return `${file}: expected the denial to contain "${check.substring}", got ${summary()}`;
  }
  return undefined;
}

describe('pod-security admission conformance', () => {
  test('the vendored corpus has every upstream file', () => {
    // GIVEN the vendored fixtures
    // WHEN counting the files of every folder
    const total = folders.reduce((sum, folder) => sum + listFolder(folder).length, 0);
    // THEN there are exactly as many as upstream ships, in 2 levels × 38 versions × pass/fail
    expect(total).toBe(4537);
    expect(folders).toHaveLength(2 * 38 * 2);
  });

  test.each(folders.map(f => [f.name, f] as const))('%s', (_name, folder) => {
    // GIVEN every pod of the folder and an evaluator at the folder's level and version
    const evaluator = new PolicyEvaluator({ level: folder.level, version: folder.version });
    const fixtures = readFolder(folder);
    expect(fixtures.length).toBeGreaterThan(0);
    // WHEN each pod is evaluated
    const mismatches: string[] = [];
    for (const fixture of fixtures) {
      const problem = mismatch(folder.expect, folder.level, fixture.file, evaluator.evaluate(fixture.pod));
      if (problem) mismatches.push(problem);
    }
    // THEN every verdict is the upstream one
    expect(mismatches).toEqual([]);
  });
});
