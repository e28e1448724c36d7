import * as path from 'path';
import { GuardConfig } from '../config/guard-config';
import { withPodSecurityAdmission } from '../config/pod-security';
import { ConfigSuppression } from '../config/suppression';
import { RulePack } from '../engine/pack';
import { PssLevel, Severity } from '../engine/types';
import { PolicyEvaluatorProps } from '../evaluator';
import { RunSettings, SuppressionMatcher } from './_run';
import { parseSize } from './_size';
import { DEFAULT_MAX_FILE_SIZE } from '../loader/input';
import { Packs } from '../packs/packs';
import { ReportFormat } from '../report/format';
import { ReportResult, UnusedSuppression } from '../report/model';

/** The options commander parsed for `validate`. @internal */
export interface CliOptions {
  readonly level: string;
  readonly pssVersion: string;
  readonly pack?: string[];
  readonly allowRegistry?: string[];
  readonly config?: string;
  readonly format: string;
  readonly output?: string;
  readonly failOn: string;
  readonly maxFileSize: string;
  readonly color?: boolean;
}

/** Everything a run needs, resolved from the options and the config file. @internal */
export interface ResolvedSettings {
  readonly format: ReportFormat;
  readonly failOn: Severity;
  readonly run: Omit<RunSettings, 'stdin'>;
  /** The config suppressions that matched none of these results. */
  readonly unusedSuppressions: (results: readonly ReportResult[]) => UnusedSuppression[];
}

/** The options that can come from the command line, the config file, or a plugin's properties. @internal */
export interface PolicyChoice {
  /** `--level`, when given explicitly. */
  readonly level?: string;
  /** `--pss-version`, when given explicitly. */
  readonly version?: string;
  /** `--pack` names. */
  readonly packs?: readonly string[];
  /** `--config` file. */
  readonly config?: string;
  /** `--allow-registry` prefixes: the `allowed` parameter of the imageRegistry rule. */
  readonly allowRegistries?: readonly string[];
}

const IMAGE_REGISTRY = 'imageRegistry';

/**
 * Sets the trusted registries given on the command line, and refuses, with the options that fix
 * it, a run whose packs select imageRegistry without any trusted registry. @internal
 */
function withRegistries(props: PolicyEvaluatorProps, allowRegistries: readonly string[] | undefined): PolicyEvaluatorProps {
  const selectedBy = (props.packs ?? []).find(p => p.rules.some(r => r.ruleId === IMAGE_REGISTRY && r.params?.allowed === undefined));
  const configured = props.ruleParams?.[IMAGE_REGISTRY]?.allowed !== undefined
    || (props.rules ?? []).some(r => r.ruleId === IMAGE_REGISTRY && r.params?.allowed !== undefined);
  if (allowRegistries === undefined || allowRegistries.length === 0) {
    if (selectedBy && !configured) {
      throw new Error(`pack "${selectedBy.name}" runs the imageRegistry rule, which needs the trusted registries: pass --allow-registry PREFIX (repeatable), or set rules.imageRegistry.params.allowed in the config file`);
    }
    return props;
  }
  const selected = (props.packs ?? []).some(p => p.rules.some(r => r.ruleId === IMAGE_REGISTRY))
    || (props.rules ?? []).some(r => r.ruleId === IMAGE_REGISTRY);
  if (!selected) {
    throw new Error('--allow-registry sets the trusted registries of the imageRegistry rule, which no pack runs: add --pack hardened, or select imageRegistry in the config file');
  }
  return {
    ...props,
    ruleParams: {
      ...props.ruleParams,
      [IMAGE_REGISTRY]: { ...props.ruleParams?.[IMAGE_REGISTRY], allowed: [...allowRegistries] },
    },
  };
}

const LEVELS: { [name: string]: PssLevel } = {
  baseline: PssLevel.BASELINE,
  restricted: PssLevel.RESTRICTED,
  privileged: PssLevel.PRIVILEGED,
};

/** Parses a failure threshold. @internal */
export function parseFailOn(value: string): Severity {
  switch (value) {
    case 'error': return Severity.ERROR;
    case 'warning': return Severity.WARNING;
    case 'info': return Severity.INFO;
    default: throw new Error(`invalid fail-on severity "${value}", expecting one of: error, warning, info`);
  }
}

/**
 * Resolves the policy (evaluator settings and suppressions) the way the CLI and the cdk8s CLI
 * plugin share: explicit options win over the config file, which wins over the defaults
 * (`restricted`, `latest`); packs named by options run besides the config's packs. @internal
 */
export function resolvePolicy(choice: PolicyChoice, cwd: string): {
  evaluator: PolicyEvaluatorProps;
  suppress: SuppressionMatcher;
  unusedSuppressions: (results: readonly ReportResult[]) => UnusedSuppression[];
  /** The config file's suppressions, without those of unsuppressible rules. */
  suppressions: readonly ConfigSuppression[];
} {
  const config = choice.config !== undefined ? GuardConfig.fromFile(path.resolve(cwd, choice.config)) : undefined;
  const extraPacks: RulePack[] = (choice.packs ?? []).map(name => Packs.named(name));
  const base: PolicyEvaluatorProps = config ? config.evaluatorProps(extraPacks) : { packs: extraPacks };
  let level = base.level;
  if (choice.level !== undefined) {
    level = LEVELS[choice.level];
    if (level === undefined) throw new Error(`invalid level "${choice.level}", expecting one of: baseline, restricted`);
  }
  const evaluator: PolicyEvaluatorProps = withPodSecurityAdmission({
    ...withRegistries(base, choice.allowRegistries),
    level: level ?? PssLevel.RESTRICTED,
    version: choice.version ?? base.version ?? 'latest',
  }, config);
  const used = new Set<ConfigSuppression>();
  const suppress: SuppressionMatcher = (finding, _site, constructPath) => {
    if (!config) return undefined;
    const s = config.suppressionFor(finding.resource, finding.ruleId, finding.container, constructPath);
    if (!s) return undefined;
    used.add(s);
    return { reason: s.reason, by: `config:${choice.config}` };
  };
  const unusedSuppressions = () => (config?.suppressions ?? [])
    .filter(s => !used.has(s))
    .map(s => ({
      ruleId: s.ruleId,
      reason: s.reason,
      scope: `config:${choice.config}`,
      ...(s.containers ? { containers: [...s.containers] } : {}),
    }));
  const suppressions = (config?.suppressions ?? []).filter(s => !config!.unsuppressible.includes(s.ruleId));
  return { evaluator, suppress, unusedSuppressions, suppressions };
}

/**
 * Resolves the CLI options. `sourceOf` tells whether an option was given on the command line
 * (`cli`) or is commander's default. @internal
 */
export function resolveSettings(opts: CliOptions, sourceOf: (name: string) => string | undefined, cwd: string): ResolvedSettings {
  const explicit = (name: string) => sourceOf(name) === 'cli';
  const policy = resolvePolicy({
    level: explicit('level') ? opts.level : undefined,
    version: explicit('pssVersion') ? opts.pssVersion : undefined,
    packs: opts.pack,
    config: opts.config,
    allowRegistries: opts.allowRegistry,
  }, cwd);
  return {
    format: opts.format as ReportFormat,
    failOn: parseFailOn(opts.failOn),
    run: {
      evaluator: policy.evaluator,
      maxFileSize: parseSize(opts.maxFileSize) ?? DEFAULT_MAX_FILE_SIZE,
      suppress: policy.suppress,
    },
    unusedSuppressions: policy.unusedSuppressions,
  };
}
