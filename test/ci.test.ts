/**
 * What `npm test` and `.ci/run` run, read from .ci/run and the projen tasks: the suite runs once
 * per CI run, without coverage, after the compile and the type check of the tests, and CI still
 * builds the docs and the package and refuses a build that changes tracked files.
 */
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');

interface Step { readonly spawn?: string; readonly exec?: string; readonly execArgs?: string[] }
const TASKS: { [name: string]: { steps?: Step[] } } = JSON.parse(fs.readFileSync(path.join(ROOT, '.projen', 'tasks.json'), 'utf8')).tasks;
const PACKAGE = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** The commands a task runs, its spawned tasks expanded in order. */
function commandsOf(task: string): string[] {
  const def = TASKS[task];
  if (!def) throw new Error(`no projen task "${task}"`);
  return (def.steps ?? []).flatMap(step => {
    if (step.spawn) return commandsOf(step.spawn);
    if (step.exec) return [step.exec];
    if (step.execArgs) return [step.execArgs.join(' ')];
    return [];
  });
}

/** The commands .ci/run runs: `npm test` and `npx projen <task>` expanded through the tasks. */
function ciCommands(): string[] {
  const script = fs.readFileSync(path.join(ROOT, '.ci', 'run'), 'utf8');
  return script.split('\n').map(l => l.trim()).filter(l => l !== '' && !l.startsWith('#')).flatMap(line => {
    if (line === 'npm test') return commandsOf('test');
    const projen = /^npx projen(?: (\S+))?$/.exec(line);
    if (projen) return commandsOf(projen[1] ?? 'default');
    return [line];
  });
}

const isJest = (command: string) => /^jest\b/.test(command);

describe('npm test', () => {
  test('compiles, type-checks the tests, runs jest once without coverage, then eslint', () => {
    // GIVEN the commands of the test task
    const commands = commandsOf('test');
    // THEN they run in this order
    expect(commands.map(c => c.split(' ')[0])).toEqual(['jsii', 'tsc', 'jest', 'eslint']);
    expect(commands[1]).toBe('tsc --noEmit -p test/tsconfig.json');
    expect(commands[2]).not.toMatch(/--coverage/);
    // AND jest collects no coverage unless asked, and uses every core
    expect(PACKAGE.jest.collectCoverage).toBe(false);
    expect(PACKAGE.jest.maxWorkers).toBe('100%');
  });

  test('coverage is its own task', () => {
    expect(commandsOf('test:coverage').filter(isJest)).toEqual(['jest --passWithNoTests --updateSnapshot=none --coverage']);
  });
});

describe('.ci/run', () => {
  const commands = ciCommands();

  test('runs the suite and the type check of the tests once', () => {
    expect(commands.filter(isJest)).toHaveLength(1);
    expect(commands.filter(c => c === 'tsc --noEmit -p test/tsconfig.json')).toHaveLength(1);
    expect(commands.filter(c => /^eslint\b/.test(c))).toHaveLength(1);
  });

  test('still runs every step of the full build but the second test run', () => {
    // GIVEN the build's commands without its test step
    const test = commandsOf('test');
    const build = commandsOf('build');
    const start = build.findIndex((_c, i) => test.every((t, j) => build[i + j] === t));
    expect(start).toBeGreaterThanOrEqual(0);
    const buildWithoutTests = [...build.slice(0, start), ...build.slice(start + test.length)];
    // THEN CI runs each of them (project synthesis, compile, API.md, RULES.md, package)
    for (const command of buildWithoutTests) expect(commands).toContain(command);
    expect(commands).toContain('jsii-docgen -o API.md');
    // AND refuses a build that changes tracked files
    expect(commands).toContain('changes=$(git status --porcelain)');
  });
});
