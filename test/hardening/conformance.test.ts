/**
 * Acceptance of the fixer on the vendored upstream pod-security admission fixtures: on every
 * restricted fail fixture of the newest version, evaluated at latest, the fix adds no finding,
 * resolves the four fixable checks wherever the fixture fails them only through an absent field,
 * and leaves everything else reported; every pass fixture gets no change.
 */
import { Finding, PssLevel } from '../../src';
import { ManifestFixer } from '../../src/hardening/fixer';
import { Fixture, fixtureFolders, readFolder } from '../conformance/_fixtures';

const FIXABLE = ['seccompProfile_restricted', 'allowPrivilegeEscalation', 'capabilities_restricted', 'runAsNonRoot'];

/** The value a JSON pointer names, or undefined. */
function at(doc: any, pointer: string): unknown {
  let node = doc;
  for (const token of pointer.slice(1).split('/').map(t => t.replace(/~1/g, '/').replace(/~0/g, '~'))) {
    if (node === null || typeof node !== 'object') return undefined;
    node = node[token];
  }
  return node;
}

/**
 * True when every finding of the rule is about an absent field: each of its fields is unset, or,
 * for capabilities, the finding is only about `drop` lacking ALL (not about a forbidden add).
 * runAsNonRoot also counts only when no UID 0 is set (the fix never forces a UID), and
 * allowPrivilegeEscalation only on containers that are not privileged (the API refuses
 * `allowPrivilegeEscalation: false` together with `privileged: true`).
 */
function failsOnlyThroughAbsence(pod: any, findings: readonly Finding[], ruleId: string): boolean {
  const mine = findings.filter(f => f.ruleId === ruleId);
  if (mine.length === 0) return false;
  if (ruleId === 'runAsNonRoot' && JSON.stringify(pod).includes('"runAsUser":0')) return false;
  if (ruleId === 'allowPrivilegeEscalation' && mine.some(f => at(pod, f.path.replace(/allowPrivilegeEscalation$/, 'privileged')) === true)) return false;
  return mine.every(f => f.paths.every(p => (ruleId === 'capabilities_restricted' ? p.endsWith('/capabilities/drop') : at(pod, p) === undefined)));
}

function keys(findings: readonly Finding[]): string[] {
  return findings.map(f => `${f.ruleId}|${f.container ?? ''}`).sort();
}

const folders = fixtureFolders().filter(f => f.level === PssLevel.RESTRICTED);
const newest = folders[folders.length - 1].version;
const failFixtures: Fixture[] = readFolder(folders.find(f => f.version === newest && f.expect === 'fail')!);
const passFolders = fixtureFolders().filter(f => f.expect === 'pass');

describe(`restricted fail fixtures of ${newest}, at latest`, () => {
  const fixer = new ManifestFixer({ evaluator: { level: PssLevel.RESTRICTED, version: 'latest' } });

  test('there are fail fixtures for every fixable check', () => {
    // GIVEN the vendored fixtures WHEN they are listed THEN each fixable check has some
    for (const id of FIXABLE) expect(failFixtures.some(f => f.checkId === id)).toBe(true);
  });

  test.each(failFixtures.map(f => [f.file, f] as const))('%s: no new finding, absent fields fixed, the rest reported', (_file, fixture) => {
    // GIVEN a fixture that fails restricted
    const before = fixer.evaluator.evaluate(fixture.pod);
    expect(before.length).toBeGreaterThan(0);
    // WHEN it is fixed
    const result = fixer.fix(fixture.pod);
    const after = fixer.evaluator.evaluate(result.fixed);
    // THEN the fixed pod has no finding the original lacked (by rule and container)
    const remaining = [...keys(before)];
    for (const k of keys(after)) {
      const i = remaining.indexOf(k);
      expect(i).toBeGreaterThanOrEqual(0);
      remaining.splice(i, 1);
    }
    // AND each fixable check that failed only through absence is resolved, and the others are not
    for (const id of FIXABLE) {
      const absent = failsOnlyThroughAbsence(fixture.pod, before, id);
      if (absent) expect(after.filter(f => f.ruleId === id)).toEqual([]);
      else if (before.some(f => f.ruleId === id)) expect(after.some(f => f.ruleId === id)).toBe(true);
    }
    // AND every finding of a check the fixer does not fix stays, unchanged
    const unfixable = (fs: readonly Finding[]) => fs.filter(f => !FIXABLE.includes(f.ruleId)).map(f => `${f.ruleId}|${f.path}|${f.detail}`);
    expect(unfixable(after)).toEqual(unfixable(before));
    // AND the decisions are what is left, and a second fix adds nothing
    expect(keys(result.decisions)).toEqual(keys(after));
    expect(fixer.fix(result.fixed).operations).toEqual([]);
  });

  test('the fix resolves a fixable check on the fixtures that target it only through absence', () => {
    // GIVEN the fixtures that target a fixable check
    const targeted = failFixtures.filter(f => FIXABLE.includes(f.checkId ?? ''));
    // WHEN they are fixed
    const resolved = targeted.filter(f => !fixer.fix(f.pod).decisions.some(d => d.ruleId === f.checkId)).map(f => f.file);
    // THEN exactly those whose failure is an absent field are resolved
    const expected = targeted.filter(f => failsOnlyThroughAbsence(f.pod, fixer.evaluator.evaluate(f.pod), f.checkId!)).map(f => f.file);
    expect(resolved).toEqual(expected);
    expect(resolved.length).toBeGreaterThanOrEqual(8);
  });
});

describe.each(passFolders.map(f => [f.name, f] as const))('pass fixtures of %s', (_name, folder) => {
  const fixer = new ManifestFixer({ evaluator: { level: folder.level, version: folder.version } });

  test('get no change', () => {
    // GIVEN every pass fixture of the folder
    const fixtures = readFolder(folder);
    // WHEN each is fixed at the folder's level and version
    const changed = fixtures.filter(f => fixer.fix(f.pod).operations.length > 0).map(f => f.file);
    // THEN none gets an operation
    expect(fixtures.length).toBeGreaterThan(0);
    expect(changed).toEqual([]);
  });
});
