/**
 * The options every command that resolves a policy takes (`validate`, `fix`, `admission-policy`),
 * defined once, and how they become the policy core's options. @internal
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { parseSize } from './_size';
import { PolicyVersion } from '../engine/version';
import { DEFAULT_MAX_FILE_SIZE, formatSize } from '../loader/input';
import { CHECKED_LEVELS } from '../policy/constants';
import { PolicyHints, PolicyOptions } from '../policy/policy';

/** The policy options commander parsed. @internal */
export interface PolicyCliOptions {
  readonly level: string;
  readonly pssVersion: string;
  readonly pack?: string[];
  readonly allowRegistry?: string[];
  readonly config?: string;
}

/** How the CLI names its options in messages. @internal */
export const CLI_HINTS: PolicyHints = {
  allowRegistries: 'pass --allow-registry PREFIX (repeatable)',
  registriesWithoutRule: '--allow-registry sets the trusted registries of the imageRegistry rule, which no pack runs: add --pack hardened, or select imageRegistry in the config file',
};

/** Collects a repeatable option. @internal */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Adds `--level`, `--pss-version`, `--pack`, `--allow-registry` and `--config` to a command. @internal */
export function addPolicyOptions(command: Command, packHelp: string, configHelp: string): Command {
  return command
    .addOption(new Option('--level <level>', 'Pod Security Standards level').choices([...CHECKED_LEVELS]).default('restricted'))
    .addOption(new Option('--pss-version <version>', 'Pod Security Standards version: latest or v1.N').default('latest')
      .argParser(v => {
        if (!PolicyVersion.isValid(v)) throw new InvalidArgumentError('expecting "latest" or "v1.<minor>" such as "v1.30"');
        return v;
      }))
    .addOption(new Option('--pack <name>', packHelp).argParser(collect))
    .addOption(new Option('--allow-registry <prefix>', 'trusted registry or repository prefix for the imageRegistry rule (repeatable), e.g. registry.example.com/').argParser(collect))
    .addOption(new Option('--config <file>', configHelp));
}

/** Adds `--max-file-size` to a command. @internal */
export function addMaxFileSizeOption(command: Command): Command {
  return command.addOption(new Option('--max-file-size <size>', 'largest input file, e.g. 10MiB or 512KiB').default(formatSize(DEFAULT_MAX_FILE_SIZE).replace(' ', ''))
    .argParser(v => {
      if (parseSize(v) === undefined) throw new InvalidArgumentError('expecting a positive size such as 10MiB, 512KiB or 1048576');
      return v;
    }));
}

/**
 * The policy core's options for the parsed policy options: `--level` and `--pss-version` count
 * only when given on the command line (`sourceOf` tells), so the config file's apply otherwise.
 * @internal
 */
export function policyOptionsOf(opts: PolicyCliOptions, sourceOf: (name: string) => string | undefined, cwd: string): PolicyOptions {
  const explicit = (name: string) => sourceOf(name) === 'cli';
  return {
    level: explicit('level') ? opts.level : undefined,
    version: explicit('pssVersion') ? opts.pssVersion : undefined,
    packs: opts.pack,
    configFile: opts.config,
    allowRegistries: opts.allowRegistry,
    cwd,
    hints: CLI_HINTS,
  };
}
