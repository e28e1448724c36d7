import { readFileSync } from 'fs';
import { join } from 'path';
import { RulePack } from '../../src/engine/pack';
import { RuleRegistry } from '../../src/engine/registry';
import { defineRule } from '../../src/engine/rule';
import { PssLevel, Severity } from '../../src/engine/types';
import { Packs } from '../../src/packs';
import { builtinRegistry } from '../../src/rules';
import { renderRulesMarkdown } from '../../src/rules/catalog';

describe('rule catalog', () => {
  const rendered = renderRulesMarkdown();

  test('the committed RULES.md matches the rule definitions', () => {
    const committed = readFileSync(join(__dirname, '..', '..', 'RULES.md'), 'utf8');
    if (committed !== rendered) {
      throw new Error('RULES.md differs from the rule definitions: run `npx projen rules-doc` and commit RULES.md');
    }
  });

  test('documents every built-in rule with its own section', () => {
    for (const def of builtinRegistry().all()) {
      expect(rendered).toContain(`\n### \`${def.id}\`\n\n${def.description}\n`);
      expect(rendered).toContain(`- **Fix:** ${def.fix}\n`);
    }
  });

  test('renders a rule\'s severity, packs, parameters and mappings', () => {
    const section = rendered.slice(rendered.indexOf('### `imageRegistry`'), rendered.indexOf('### `imageTag`'));
    expect(section).toContain('- **Default severity:** error\n');
    expect(section).toContain('- **Packs:** `hardened` (error)\n');
    expect(section).toContain('- **CIS Kubernetes Benchmark:** 5.5.1\n');
    expect(section).toContain('- **NSA/CISA Kubernetes Hardening Guide:** Pod security: building secure container images\n');
    expect(section).toContain('| `allowed` | `string[]` | - none: the parameter is required |');
    expect(section).toContain('- **Reference:** https://github.com/cdk8s-guard/cdk8s-guard/blob/main/RULES.md#imageregistry\n');
  });

  test('renders PSS checks with their level, packs, versions and overrides', () => {
    // GIVEN a small registry with an overriding restricted check
    const check = () => [];
    const registry = new RuleRegistry([
      defineRule({ id: 'hostThing', level: PssLevel.BASELINE, scope: 'pod', defaultSeverity: Severity.ERROR, description: 'Base check.', message: 'm', fix: 'f', entries: [{ minVersion: 0, check }] }),
      defineRule({ id: 'hostThing_restricted', level: PssLevel.RESTRICTED, scope: 'pod', defaultSeverity: Severity.ERROR, description: 'Strict check.', message: 'm', fix: 'f', cis: ['5.2.1'], entries: [{ minVersion: 0, check }, { minVersion: 25, overrides: ['hostThing'], check }] }),
      defineRule({ id: 'orgThing', scope: 'pod', defaultSeverity: Severity.INFO, description: 'Org check.', message: 'm', fix: 'f | g', entries: [{ minVersion: 0, check }] }),
    ]);
    const packs = [new RulePack({ name: 'base', description: 'Base | pack.', pssLevel: PssLevel.BASELINE }), new RulePack({ name: 'org', description: 'Org.', rules: [{ ruleId: 'orgThing' }] })];
    // WHEN
    const md = renderRulesMarkdown(registry, packs);
    // THEN
    expect(md).toContain('cdk8s-guard has 2 Pod Security Standards checks and 1 organization rule.');
    expect(md).toContain('| `base` | baseline | — | Base \\| pack. |');
    expect(md).toContain('| `org` | — | `orgThing` (info) | Org. |');
    expect(md).toContain('| [`hostThing`](#hostthing) | baseline | base | — | — |');
    expect(md).toContain('| [`hostThing_restricted`](#hostthing_restricted) | restricted | — | 5.2.1 | — |');
    expect(md).toContain('- **At the restricted level:** replaced by `hostThing_restricted` from v1.25\n');
    expect(md).toContain('- **Versions:** v1.0, v1.25 (replaces `hostThing` at the restricted level)\n');
    expect(md).toContain('- **Packs:** `org` (info)\n');
    expect(md).toContain('No parameters.');
    expect(md.endsWith('\n')).toBe(true);
    expect(md.endsWith('\n\n')).toBe(false);
  });

  test('is deterministic', () => {
    expect(renderRulesMarkdown()).toBe(rendered);
    expect(renderRulesMarkdown(builtinRegistry(), Packs.all())).toBe(rendered);
  });
});
