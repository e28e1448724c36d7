#!/usr/bin/env node
// The cdk8s-guard command line. It validates any Kubernetes YAML or JSON (Helm output, kustomize
// builds, hand-written manifests) with the same engine, packs, config and report renderers as
// the synth-time guard. It deliberately imports no cdk8s, cdk8s-plus or constructs module, so
// it starts fast: only the engine, rules, packs, config, report and loader are reached from here.
import { Command, CommanderError, Option } from 'commander';
import { addAdmissionCommand } from './_admission';
import { FIX_FORMATS, FixCliOptions, renderDecisions, renderDiff, renderPatch, renderYaml, resolveFixSettings, runFix, writeFixed } from './_fix';
import { addMaxFileSizeOption, addPolicyOptions, collect } from './_options';
import { runValidation } from './_run';
import { CliOptions, resolveSettings } from './_settings';
import { parseSize } from './_size';
import { DEFAULT_MAX_FILE_SIZE, expandInputs } from '../loader/input';
import { REPORT_FORMATS, SEVERITIES } from '../policy/constants';
import { isFailing, packageVersion } from '../report/_common';
import { ReportBuilder } from '../report/builder';
import { ReportFormat } from '../report/format';
import { ReportRenderer } from '../report/renderer';
import { MIN_SEVERITY_LEVELS } from '../vulnerabilities/severity';

/** Streams and environment of one CLI run (the real process, or fakes in tests). @internal */
export interface CliIo {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream;
  readonly stdin: NodeJS.ReadableStream;
  readonly env: { [key: string]: string | undefined };
  readonly cwd?: string;
}

/** Exit status: no failing finding. @internal */
export const EXIT_OK = 0;
/** Exit status: an unsuppressed finding at or above `--fail-on`. @internal */
export const EXIT_VIOLATIONS = 1;
/** Exit status: an input could not be read or parsed, or the arguments or config are wrong. @internal */
export const EXIT_ERROR = 2;

const FORMATS: string[] = [ReportFormat.TEXT, ...REPORT_FORMATS.filter(f => f !== ReportFormat.TEXT)];
const FAIL_ON: string[] = [...SEVERITIES];
const VULN_SEVERITIES: string[] = [...MIN_SEVERITY_LEVELS];

function writeAll(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise(resolve => {
    if (text.length === 0) return resolve();
    stream.write(text, () => resolve());
  });
}

/**
 * Runs the CLI with `argv` (without `node` and the script) and returns the exit status. Never
 * throws and never prints a stack trace: every failure becomes a message and exit status 2.
 * @internal
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let status = EXIT_ERROR;
  const program = new Command('cdk8s-guard')
    .description('Checks Kubernetes manifests against the Pod Security Standards and organization rules.')
    .version(packageVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'print this help')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: s => io.stdout.write(s),
      writeErr: s => io.stderr.write(s),
    });

  const validateCommand = program
    .command('validate')
    .description('Validate YAML or JSON manifests: files, directories (recursively *.yaml, *.yml, *.json) or - for standard input.')
    .argument('<paths...>', 'files, directories, or - for standard input');
  addPolicyOptions(validateCommand, 'rule pack to run besides the level (repeatable), e.g. hardened', 'config file (YAML or JSON): level, version, packs, rule parameters, severities, suppressions')
    .addOption(new Option('--format <format>', 'report format').choices(FORMATS).default('text'))
    .addOption(new Option('--output <file>', 'write the report to this file instead of standard output'))
    .addOption(new Option('--fail-on <severity>', 'lowest severity that fails the run').choices(FAIL_ON).default('error'));
  addMaxFileSizeOption(validateCommand)
    .addOption(new Option('--scan-report <file>', 'Trivy (trivy image -f json) or Grype (grype -o json) report for the imageVulnerabilities rule (repeatable)').argParser(collect))
    .addOption(new Option('--vex <file>', 'OpenVEX or CycloneDX VEX document whose not_affected and fixed statements suppress vulnerabilities (repeatable)').argParser(collect))
    .addOption(new Option('--vuln-severity <level>', 'lowest vulnerability severity reported (default: high, or the config file\'s)').choices(VULN_SEVERITIES))
    .option('--ignore-unfixed', 'skip vulnerabilities that have no fix')
    .option('--disallow-annotation-exemptions', 'ignore the suppressions recorded in the manifests\' cdk8s-guard.io/suppressions annotation (decisions made in code)')
    .option('--verbose', 'text format: print the detail, the JSON pointer and the fix below each finding')
    .option('--no-color', 'never colour the text output (colour is used only on a terminal, and never when NO_COLOR is set)')
    .action(async (paths: string[], opts: CliOptions, command: Command) => {
      status = await validate(paths, opts, command, io);
    });

  const fixCommand = program
    .command('fix')
    .description('Harden YAML or JSON manifests by adding what is absent (seccomp profile, allowPrivilegeEscalation, capabilities.drop ALL, runAsNonRoot), and list what needs a decision. Prints a unified diff unless --write or --format says otherwise.')
    .argument('<paths...>', 'files, directories, or - for standard input');
  addPolicyOptions(fixCommand, 'rule pack whose findings are listed besides the level\'s (repeatable), e.g. hardened', 'config file (YAML or JSON): level, version, packs, rule parameters, suppressions, hardening')
    .option('--write', 'edit the files in place (comments, key order, quoting and untouched documents are kept)')
    .addOption(new Option('--format <format>', 'output: a unified diff, the fixed YAML stream, or the RFC 6902 operations per document').choices(FIX_FORMATS).default('diff'))
    .option('--disable-service-account-token', 'opt-in fix disableServiceAccountToken: set automountServiceAccountToken: false where unset')
    .option('--read-only-root-filesystem', 'opt-in fix readOnlyRootFilesystem: set readOnlyRootFilesystem: true where unset')
    .addOption(new Option('--writable-path <path>', 'with --read-only-root-filesystem: mount an emptyDir at this path (repeatable), e.g. /tmp').argParser(collect))
    .addOption(new Option('--default-request <name=quantity>', 'opt-in fix defaultRequests: request this much where unset (repeatable), e.g. cpu=100m').argParser(collect))
    .addOption(new Option('--default-limit <name=quantity>', 'opt-in fix defaultLimits: limit to this much where unset (repeatable), e.g. memory=256Mi').argParser(collect));
  addMaxFileSizeOption(fixCommand)
    .action(async (paths: string[], opts: FixCliOptions, command: Command) => {
      status = await fix(paths, opts, command, io);
    });
  addAdmissionCommand(program, io, code => { status = code; });

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.code === 'commander.helpDisplayed' || err.code === 'commander.version' ? EXIT_OK : EXIT_ERROR;
    }
    io.stderr.write(`cdk8s-guard: ${(err as Error)?.message ?? String(err)}\n`);
    return EXIT_ERROR;
  }
  return status;
}

async function validate(paths: string[], opts: CliOptions, command: Command, io: CliIo): Promise<number> {
  let settings;
  try {
    settings = resolveSettings(opts, (name: string) => command.getOptionValueSource(name), io.cwd ?? process.cwd());
  } catch (err) {
    io.stderr.write(`cdk8s-guard: ${(err as Error).message}\n`);
    return EXIT_ERROR;
  }
  const toFile = opts.output !== undefined;
  const machineFormat = settings.format !== 'text';
  for (const w of settings.warnings) io.stderr.write(`cdk8s-guard: warning: ${w}\n`);
  const printError = (e: { file?: string; line?: number; message: string }) =>
    io.stderr.write(`cdk8s-guard: ${e.file ?? ''}${e.line !== undefined ? `:${e.line}` : ''}: ${e.message}\n`);
  if (toFile || machineFormat) settings.inputErrors.forEach(printError);
  let outcome;
  try {
    outcome = await runValidation(expandInputs(paths), {
      ...settings.run,
      stdin: io.stdin,
      collectResources: settings.format === 'junit',
      // With a machine format on standard output, input errors also go to stderr for people.
      onError: toFile || machineFormat ? printError : undefined,
      onSkip: toFile || machineFormat
        ? k => io.stderr.write(`cdk8s-guard: note: ${k.file}: skipped, ${k.reason}\n`)
        : undefined,
    });
  } catch (err) {
    // Bad settings the evaluator refuses (an unknown rule, missing rule parameters).
    io.stderr.write(`cdk8s-guard: ${(err as Error).message}\n`);
    return EXIT_ERROR;
  }
  // Unreadable scanner reports come first, then unreadable manifests.
  const errors = [...settings.inputErrors, ...outcome.errors];
  const report = ReportBuilder.create({
    evaluator: outcome.evaluator,
    results: outcome.results,
    resourceCount: outcome.resources,
    errors,
    skipped: outcome.skipped,
    unusedSuppressions: outcome.unusedSuppressions,
    ...(outcome.resourceList ? { resources: outcome.resourceList } : {}),
  });
  const failOn = settings.failOn;
  const color = !toFile && opts.color !== false && !io.env.NO_COLOR && io.stdout.isTTY === true;
  if (toFile) {
    try {
      ReportRenderer.writeFile(report, settings.format, opts.output!, { color, failOn, verbose: opts.verbose === true });
    } catch (err) {
      io.stderr.write(`cdk8s-guard: cannot write the report to "${opts.output}": ${(err as Error).message}, check the path\n`);
      return EXIT_ERROR;
    }
    // The report goes to the file; the terminal still gets the one-line summary.
    const text = ReportRenderer.render(report, ReportFormat.TEXT, { failOn });
    const summary = text.trimEnd().split('\n').pop() ?? '';
    await writeAll(io.stdout, `${summary} (report written to ${opts.output})\n`);
  } else {
    await writeAll(io.stdout, ReportRenderer.render(report, settings.format, { color, failOn, verbose: opts.verbose === true }));
  }
  if (errors.length > 0) return EXIT_ERROR;
  return outcome.results.some(r => isFailing(r, failOn)) ? EXIT_VIOLATIONS : EXIT_OK;
}

async function fix(paths: string[], opts: FixCliOptions, command: Command, io: CliIo): Promise<number> {
  let settings;
  try {
    if (opts.write && paths.includes('-')) {
      throw new Error('--write cannot edit standard input, drop --write to print the diff, or pass files');
    }
    settings = resolveFixSettings(opts, (name: string) => command.getOptionValueSource(name), io.cwd ?? process.cwd());
  } catch (err) {
    io.stderr.write(`cdk8s-guard: ${(err as Error).message}\n`);
    return EXIT_ERROR;
  }
  let outcome;
  try {
    outcome = await runFix(expandInputs(paths), {
      ...settings,
      maxFileSize: parseSize(opts.maxFileSize) ?? DEFAULT_MAX_FILE_SIZE,
      stdin: io.stdin,
      onError: e => io.stderr.write(`cdk8s-guard: ${e.file ?? ''}${e.line !== undefined ? `:${e.line}` : ''}: ${e.message}\n`),
    });
  } catch (err) {
    io.stderr.write(`cdk8s-guard: ${(err as Error).message}\n`);
    return EXIT_ERROR;
  }
  if (opts.write) {
    let written: string[];
    try {
      written = writeFixed(outcome);
    } catch (err) {
      io.stderr.write(`cdk8s-guard: cannot write the fixed file: ${(err as Error).message}, check the permissions\n`);
      return EXIT_ERROR;
    }
    for (const file of written) io.stderr.write(`cdk8s-guard: fixed ${file}\n`);
  } else {
    const format = opts.format;
    await writeAll(io.stdout, format === 'yaml' ? renderYaml(outcome) : format === 'patch' ? renderPatch(outcome) : renderDiff(outcome));
  }
  const decisions = renderDecisions(outcome);
  if (decisions.text !== '') io.stderr.write(decisions.text);
  if (outcome.errors.length > 0) return EXIT_ERROR;
  return decisions.failing > 0 ? EXIT_VIOLATIONS : EXIT_OK;
}

if (require.main === module) {
  main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env })
    .then(code => { process.exitCode = code; }, (err: unknown) => {
      process.stderr.write(`cdk8s-guard: internal error: ${(err as Error)?.message ?? String(err)}\n`);
      process.exitCode = EXIT_ERROR;
    });
}
