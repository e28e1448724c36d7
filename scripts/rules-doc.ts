// Regenerates RULES.md from the rule definitions (projen task `rules-doc`).
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { renderRulesMarkdown } from '../src/rules/catalog';

const target = join(__dirname, '..', 'RULES.md');
const rendered = renderRulesMarkdown();
let current: string | undefined;
try {
  current = readFileSync(target, 'utf8');
} catch {
  current = undefined;
}
if (current !== rendered) {
  writeFileSync(target, rendered);
  console.log('RULES.md updated');
} else {
  console.log('RULES.md is up to date');
}
