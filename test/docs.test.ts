/**
 * The hand-written docs link to the generated RULES.md and API.md instead of repeating their
 * tables, so that nothing can drift: no table in README.md or docs/rules.md lists rules or packs
 * by ID or the props of a public struct. (docs/constructs.md's exceptions table names exceptions,
 * some of which share a rule's ID.)
 */
import * as fs from 'fs';
import * as path from 'path';
import { Packs } from '../src/packs';
import { builtinRegistry } from '../src/rules';

const ROOT = path.join(__dirname, '..');
/** The hand-written docs that describe the rules, packs and the guard's props. */
const HAND_WRITTEN = ['README.md', 'docs/rules.md'];

/** The first-column identifiers (in backticks) of each markdown table of a file, with the table's first line. */
function tablesOf(file: string): Array<{ line: number; header: string; keys: string[] }> {
  const lines = fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n');
  const tables: Array<{ line: number; header: string; keys: string[] }> = [];
  let current: { line: number; header: string; keys: string[] } | undefined;
  lines.forEach((text, i) => {
    if (!text.startsWith('|')) {
      current = undefined;
      return;
    }
    if (!current) {
      current = { line: i + 1, header: text, keys: [] };
      tables.push(current);
      return;
    }
    const first = text.split('|')[1] ?? '';
    for (const m of first.matchAll(/`([^`]+)`/g)) current.keys.push(m[1]);
  });
  return tables;
}

/** The property names of each struct in the jsii assembly (which `npm test` compiles first). */
function structProps(): Map<string, Set<string>> {
  const assembly = JSON.parse(fs.readFileSync(path.join(ROOT, '.jsii'), 'utf8'));
  const result = new Map<string, Set<string>>();
  for (const t of Object.values(assembly.types) as any[]) {
    if (t.kind === 'interface' && t.datatype) result.set(t.fqn, new Set((t.properties ?? []).map((p: any) => p.name)));
  }
  return result;
}

describe('hand-written docs', () => {
  const ruleIds = new Set(builtinRegistry().all().map(d => d.id));
  const packNames = new Set(Packs.all().map(p => p.name));

  test.each(HAND_WRITTEN)('%s repeats no table of RULES.md (rules or packs by ID)', (file) => {
    // GIVEN the tables of the file
    // WHEN their first columns are read
    const repeated = tablesOf(file)
      .filter(t => t.keys.filter(k => ruleIds.has(k) || packNames.has(k) || /^Packs\.[A-Z_]+$/.test(k)).length >= 2)
      .map(t => `${file}:${t.line}: ${t.header}`);
    // THEN none lists rules or packs
    expect(repeated).toEqual([]);
  });

  test.each(HAND_WRITTEN)('%s repeats no props table of API.md', (file) => {
    // GIVEN the props of every public struct
    const structs = structProps();
    // WHEN a table's first column lists at least three props of one struct
    const repeated = tablesOf(file).flatMap(t => [...structs]
      .filter(([, props]) => t.keys.filter(k => props.has(k)).length >= 3)
      .map(([fqn]) => `${file}:${t.line}: ${t.header} repeats ${fqn}`));
    // THEN there is none
    expect(repeated).toEqual([]);
  });

  test('README.md and docs/rules.md link to the generated references', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const rules = fs.readFileSync(path.join(ROOT, 'docs', 'rules.md'), 'utf8');
    expect(readme).toContain('(API.md#cdk8s-guard.PolicyGuardProps)');
    expect(readme).toContain('(RULES.md)');
    expect(rules).toContain('(../RULES.md#index)');
    expect(rules).toContain('(../RULES.md#packs)');
    // AND the anchors exist in the generated files
    expect(fs.readFileSync(path.join(ROOT, 'API.md'), 'utf8')).toContain('id="cdk8s-guard.PolicyGuardProps"');
    const generatedRules = fs.readFileSync(path.join(ROOT, 'RULES.md'), 'utf8');
    expect(generatedRules).toMatch(/^## Index$/m);
    expect(generatedRules).toMatch(/^## Packs$/m);
  });
});
