/**
 * The public API as jsii sees it (the `.jsii` assembly that `npm test` compiles first): every
 * type and member is documented, and every optional property documents its default, because
 * jsii turns these docs into API.md and into the docs of every other language.
 */
import * as fs from 'fs';
import * as path from 'path';

interface Docs { readonly summary?: string; readonly default?: string }
interface Member { readonly name: string; readonly docs?: Docs; readonly optional?: boolean }
interface JsiiType {
  readonly fqn: string;
  readonly kind: string;
  readonly docs?: Docs;
  readonly properties?: Member[];
  readonly methods?: Member[];
  readonly members?: Member[];
}

const ASSEMBLY = path.join(__dirname, '..', '.jsii');

function loadTypes(): JsiiType[] {
  if (!fs.existsSync(ASSEMBLY)) {
    throw new Error(`no jsii assembly at ${ASSEMBLY}, run "npx projen compile" (npm test does it first)`);
  }
  const assembly = JSON.parse(fs.readFileSync(ASSEMBLY, 'utf8'));
  return Object.values(assembly.types) as JsiiType[];
}

describe('public API documentation', () => {
  const types = loadTypes();

  test('the assembly exports the main entry points', () => {
    const names = types.map(t => t.fqn);
    for (const name of ['PolicyEvaluator', 'PolicyGuard', 'Suppressions', 'Packs', 'GuardConfig', 'HardenedContainer',
      'SecurePod', 'SecureDeployment', 'SecureStatefulSet', 'SecureDaemonSet', 'SecureJob', 'SecureCronJob',
      'SecureNamespace', 'ReportRenderer', 'GuardValidationPlugin', 'IRule']) {
      expect(names).toContain(`cdk8s-guard.${name}`);
    }
  });

  test('every type and member has a summary', () => {
    const undocumented: string[] = [];
    for (const t of types) {
      if (!t.docs?.summary) undocumented.push(t.fqn);
      for (const m of [...t.properties ?? [], ...t.methods ?? [], ...t.members ?? []]) {
        if (!m.docs?.summary) undocumented.push(`${t.fqn}.${m.name}`);
      }
    }
    expect(undocumented).toEqual([]);
  });

  test('every optional property documents its default', () => {
    const withoutDefault: string[] = [];
    for (const t of types) {
      for (const p of t.properties ?? []) {
        if (p.optional && p.docs?.default === undefined) withoutDefault.push(`${t.fqn}.${p.name}`);
      }
    }
    expect(withoutDefault).toEqual([]);
  });
});
