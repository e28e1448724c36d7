import { builtinRegistry } from './index';
import { RulePack } from '../engine/pack';
import { BUILTIN_POD_KINDS } from '../engine/pod-templates';
import { RuleRegistry } from '../engine/registry';
import { RuleDefinition } from '../engine/rule';
import { PssLevel } from '../engine/types';
import { Packs } from '../packs/packs';

const LEVEL_RANK: { [level: string]: number } = {
  [PssLevel.PRIVILEGED]: 0,
  [PssLevel.BASELINE]: 1,
  [PssLevel.RESTRICTED]: 2,
};

const SCOPE_TEXT: { [scope: string]: string } = {
  pod: `each pod template (${BUILTIN_POD_KINDS.map(k => (k.admission ? k.kind : `${k.groups[0]} ${k.kind}`)).join(', ')}, kinds declared in podTemplates, and List items)`,
  manifest: 'each manifest',
  set: 'all manifests evaluated together (one synth, or every file given to the CLI)',
};

/** Escapes text for a Markdown table cell. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function code(text: string): string {
  return '`' + text + '`';
}

/** The packs that run a rule, with the severity each gives it. */
function packsOf(def: RuleDefinition, packs: readonly RulePack[]): Array<{ pack: RulePack; severity: string }> {
  const out: Array<{ pack: RulePack; severity: string }> = [];
  for (const pack of packs) {
    if (def.level !== undefined) {
      if (pack.pssLevel !== undefined && LEVEL_RANK[pack.pssLevel] >= LEVEL_RANK[def.level]) out.push({ pack, severity: 'error' });
      continue;
    }
    const rule = pack.rules.find(r => r.ruleId === def.id);
    if (rule) out.push({ pack, severity: rule.severity ?? def.defaultSeverity });
  }
  return out;
}

function versionsOf(def: RuleDefinition): string {
  return (def.entries ?? []).map(e => {
    const overrides = e.overrides && e.overrides.length > 0 ? ` (replaces ${e.overrides.map(code).join(', ')} at the restricted level)` : '';
    return `v1.${e.minVersion}${overrides}`;
  }).join(', ');
}

function mappings(values: readonly string[] | undefined): string {
  return values && values.length > 0 ? values.join('; ') : '—';
}

function renderRule(def: RuleDefinition, packs: readonly RulePack[], replacedBy: ReadonlyMap<string, string[]>): string[] {
  const lines: string[] = [];
  const inPacks = packsOf(def, packs);
  lines.push(`### ${code(def.id)}`, '', def.description, '');
  if (def.level !== undefined) {
    lines.push(`- **Level:** ${def.level} (findings are errors)`);
  } else {
    lines.push(`- **Default severity:** ${def.defaultSeverity}`);
  }
  lines.push(`- **Packs:** ${inPacks.length > 0 ? inPacks.map(p => (def.level !== undefined ? code(p.pack.name) : `${code(p.pack.name)} (${p.severity})`)).join(', ') : 'none (add it with `rules`)'}`);
  lines.push(`- **Runs on:** ${SCOPE_TEXT[def.scope]}`);
  if (def.level !== undefined) {
    lines.push(`- **Versions:** ${versionsOf(def)}`);
    const replacers = replacedBy.get(def.id);
    if (replacers) lines.push(`- **At the restricted level:** replaced by ${replacers.join(', ')}`);
  }
  lines.push(`- **Message:** ${code(def.message)}`);
  lines.push(`- **Fix:** ${def.fix}`);
  lines.push(`- **CIS Kubernetes Benchmark:** ${mappings(def.cis)}`);
  lines.push(`- **NSA/CISA Kubernetes Hardening Guide:** ${mappings(def.nsa)}`);
  if (def.helpUri) lines.push(`- **Reference:** ${def.helpUri}`);
  lines.push('');
  if (def.params && def.params.length > 0) {
    lines.push('| Parameter | Type | Default | Description |', '|---|---|---|---|');
    for (const p of def.params) {
      lines.push(`| ${code(p.name)} | ${code(p.type)} | ${cell(p.default)} | ${cell(p.description)} |`);
    }
    lines.push('');
  } else if (def.level === undefined) {
    lines.push('No parameters.', '');
  }
  return lines;
}

/**
 * Renders RULES.md from the rule definitions and the built-in packs, so that the catalog can
 * never drift from the code. The output is deterministic (rules sorted by ID). @internal
 */
export function renderRulesMarkdown(registry: RuleRegistry = builtinRegistry(), packs: readonly RulePack[] = Packs.all()): string {
  const all = registry.all();
  const pss = all.filter(d => d.level !== undefined)
    .sort((a, b) => LEVEL_RANK[a.level!] - LEVEL_RANK[b.level!] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const org = all.filter(d => d.level === undefined);
  const replacedBy = new Map<string, string[]>();
  for (const def of pss) {
    for (const e of def.entries ?? []) {
      for (const target of e.overrides ?? []) {
        const list = replacedBy.get(target) ?? [];
        list.push(`${code(def.id)} from v1.${e.minVersion}`);
        replacedBy.set(target, list);
      }
    }
  }

  const lines: string[] = [
    '# Rules',
    '',
    '<!-- Generated from the rule definitions in src/rules by `npx projen rules-doc`. Do not edit by hand. -->',
    '',
    `cdk8s-guard has ${pss.length} Pod Security Standards ${pss.length === 1 ? 'check' : 'checks'} and ${org.length} organization ${org.length === 1 ? 'rule' : 'rules'}. ` +
      'Rule IDs are stable: findings, suppressions and reports use them. The PSS checks use the check IDs of ' +
      'Kubernetes pod-security admission verbatim, and report every finding as an error.',
    '',
    '## Packs',
    '',
    '| Pack | PSS level | Organization rules | Description |',
    '|---|---|---|---|',
  ];
  for (const pack of packs) {
    const rules = pack.rules.map(r => `${code(r.ruleId)} (${r.severity ?? registry.get(r.ruleId)?.defaultSeverity ?? '?'})`).join(', ');
    lines.push(`| ${code(pack.name)} | ${pack.pssLevel ?? '—'} | ${rules || '—'} | ${cell(pack.description)} |`);
  }
  lines.push('', '## Index', '', '| Rule | Level or default severity | Packs | CIS | NSA/CISA |', '|---|---|---|---|---|');
  for (const def of [...pss, ...org]) {
    const inPacks = packsOf(def, packs).map(p => p.pack.name).join(', ') || '—';
    lines.push(`| [${code(def.id)}](#${def.id.toLowerCase()}) | ${def.level ?? def.defaultSeverity} | ${inPacks} | ${cell(mappings(def.cis))} | ${cell(mappings(def.nsa))} |`);
  }
  lines.push('', '## Pod Security Standards checks', '',
    'These checks follow Kubernetes pod-security admission: the same IDs, levels, versions and results. ' +
    'Choose them with the `level` and `version` of the evaluator, the guard or the config file.', '');
  for (const def of pss) lines.push(...renderRule(def, packs, replacedBy));
  lines.push('## Organization rules', '',
    'These rules go beyond the Pod Security Standards. Packs choose them and their severity; the config file ' +
    'or `ruleParams` sets their parameters. Each rule\'s source file documents every field it reads.', '');
  for (const def of org) lines.push(...renderRule(def, packs, replacedBy));
  return lines.join('\n').replace(/\n+$/, '') + '\n';
}
