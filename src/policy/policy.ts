import * as path from 'path';
import { oneOf, PSS_LEVELS } from './constants';
import { builtinRuleIds, unknownRuleProblem } from './rule-ids';
import { withPodSecurityAdmission } from '../config/pod-security';
import { builtinRegistry } from '../rules';
import { LedgerPolicy, SuppressionLedger } from './suppressions';
import { GuardConfig } from '../config/guard-config';
import { ConfigSuppression } from '../config/suppression';
import { PackRule, RulePack } from '../engine/pack';
import { IRule, PodTemplateKind, PssLevel } from '../engine/types';
import { PolicyVersion } from '../engine/version';
import { PolicyEvaluator, PolicyEvaluatorProps } from '../evaluator';
import { Packs } from '../packs/packs';
import { ReportError } from '../report/model';
import { mergeVulnerabilityOptions, resolveVulnerabilities, withVulnerabilityRule } from '../vulnerabilities/resolve';
import { VulnerabilityOptions } from '../vulnerabilities/types';

const IMAGE_REGISTRY = 'imageRegistry';

/** How a front end names its options, for the messages that tell the user how to fix a setting. @internal */
export interface PolicyHints {
  /** How to give the trusted registries, e.g. `pass --allow-registry PREFIX (repeatable)`. */
  readonly allowRegistries: string;
  /** What to do when trusted registries are given but no pack runs imageRegistry. */
  readonly registriesWithoutRule: string;
}

/** What a front end gives to resolve its policy. Explicit values win over the config file. @internal */
export interface PolicyOptions {
  /** The PSS level, when given explicitly. */
  readonly level?: string;
  /** The PSS version, when given explicitly. */
  readonly version?: string;
  /** Packs to run besides the config file's (objects, or built-in names). */
  readonly packs?: ReadonlyArray<RulePack | string>;
  /** Individual rules to run. */
  readonly rules?: readonly PackRule[];
  /** Kinds whose objects hold pod templates, besides the built-in ones and the config file's. */
  readonly podTemplates?: readonly PodTemplateKind[];
  /** Custom rules. */
  readonly customRules?: readonly IRule[];
  /** Parameters by rule ID, merged over the packs', the rules' and the config file's. */
  readonly ruleParams?: { readonly [ruleId: string]: { [key: string]: any } };
  /** A config file, relative to `cwd`. */
  readonly configFile?: string;
  /** Rule IDs whose findings are never suppressed, besides the config file's. */
  readonly unsuppressible?: readonly string[];
  /** Trusted registries of the imageRegistry rule. */
  readonly allowRegistries?: readonly string[];
  /** Ignore the suppressions made in code (recorded in the manifests' annotation). */
  readonly disallowAnnotationExemptions?: boolean;
  /** The vulnerability gate, merged over the config file's `vulnerabilities:` section (paths relative to `cwd`). */
  readonly vulnerabilities?: VulnerabilityOptions;
  /** The directory relative paths are resolved against. */
  readonly cwd?: string;
  /** How the front end names its options. */
  readonly hints: PolicyHints;
}


/**
 * The one resolution of a policy from a config file, explicit options and packs. `PolicyGuard`,
 * the CLI and the cdk8s CLI plugin are thin adapters over it, so they run the same rules with the
 * same parameters and match suppressions the same way. @internal
 */
export class Policy implements LedgerPolicy {
  /**
   * Resolves a policy.
   * @throws when a setting is invalid; the message names it and the fix
   */
  public static resolve(options: PolicyOptions): Policy {
    return new Policy(options);
  }

  public readonly config?: GuardConfig;
  public readonly evaluatorProps: PolicyEvaluatorProps;
  public readonly evaluator: PolicyEvaluator;
  public readonly configSuppressions: readonly ConfigSuppression[];
  public readonly configLabel: string;
  /** Rule IDs made unsuppressible by the settings (props, flags, config). */
  public readonly unsuppressible: ReadonlySet<string>;
  /** Rule IDs that no suppression can ever cover, whatever the settings. */
  public readonly neverSuppressed: ReadonlySet<string>;
  public readonly disallowAnnotationExemptions: boolean;
  public readonly builtinRuleIds: ReadonlySet<string>;
  /** Built-in and custom rule IDs: the IDs a suppression may name. */
  public readonly knownRuleIds: ReadonlySet<string>;
  public readonly hints: PolicyHints;
  /** Inputs of the policy that could not be read (scanner reports, VEX documents): reported as input errors. */
  public readonly inputErrors: ReportError[];
  /** Warnings about the settings, such as expired vulnerability acceptances. */
  public readonly warnings: string[];

  private constructor(options: PolicyOptions) {
    const cwd = options.cwd ?? process.cwd();
    this.hints = options.hints;
    const config = options.configFile !== undefined ? GuardConfig.fromFile(path.resolve(cwd, options.configFile)) : undefined;
    this.config = config;

    let level: PssLevel | undefined = config?.level;
    if (options.level !== undefined) {
      if (!(PSS_LEVELS as readonly string[]).includes(options.level)) {
        throw new Error(`invalid level ${JSON.stringify(options.level)}, expecting one of: ${oneOf(PSS_LEVELS)}`);
      }
      level = options.level as PssLevel;
    }
    let version = config?.version;
    if (options.version !== undefined) {
      if (typeof options.version !== 'string' || !PolicyVersion.isValid(options.version)) {
        throw new Error(`invalid policy version ${JSON.stringify(options.version)}, expecting "latest" or "v1.<minor>" such as "v1.30"`);
      }
      version = options.version;
    }
    const extraPacks = (options.packs ?? []).map(p => (typeof p === 'string' ? Packs.named(p) : p));
    const base: PolicyEvaluatorProps = config ? config.evaluatorProps(extraPacks) : { packs: extraPacks };
    const ruleParams: { [ruleId: string]: { [key: string]: any } } = { ...(base.ruleParams ?? {}) };
    for (const [id, params] of Object.entries(options.ruleParams ?? {})) ruleParams[id] = { ...(ruleParams[id] ?? {}), ...params };
    const props: PolicyEvaluatorProps = {
      level: level ?? PssLevel.RESTRICTED,
      version: version ?? 'latest',
      packs: base.packs ?? [],
      rules: [...(base.rules ?? []), ...(options.rules ?? [])],
      customRules: [...(options.customRules ?? [])],
      ruleParams,
      severityOverrides: base.severityOverrides ?? {},
      podTemplates: [...(base.podTemplates ?? []), ...(options.podTemplates ?? [])],
    };
    // The vulnerability gate: the config's section, then the front end's settings; files are read once, here.
    const gate = resolveVulnerabilities(mergeVulnerabilityOptions(config?.vulnerabilities, options.vulnerabilities), cwd);
    this.inputErrors = gate.errors;
    this.warnings = gate.warnings;
    // The namespaces' pod-security admission: every front end checks it, from the config's labels.
    this.evaluatorProps = withPodSecurityAdmission(withVulnerabilityRule(this.withRegistries(props, options.allowRegistries), gate.rule), config);
    this.evaluator = new PolicyEvaluator(this.evaluatorProps);

    this.builtinRuleIds = builtinRuleIds();
    const known = new Set(this.builtinRuleIds);
    for (const r of options.customRules ?? []) known.add(r.ruleId);
    this.knownRuleIds = known;

    const unsuppressible = new Set<string>(config?.unsuppressible ?? []);
    for (const id of options.unsuppressible ?? []) {
      const problem = unknownRuleProblem(id, 'in unsuppressibleRules', known);
      if (problem) throw new Error(problem);
      unsuppressible.add(id);
    }
    for (const id of config?.unsuppressible ?? []) {
      const problem = unknownRuleProblem(id, `in unsuppressible of config file "${config!.source}"`, known);
      if (problem) throw new Error(problem);
    }
    this.unsuppressible = unsuppressible;
    const never = new Set<string>();
    for (const def of builtinRegistry().all()) if (def.neverSuppressed) never.add(def.id);
    this.neverSuppressed = never;
    this.configSuppressions = config?.suppressions ?? [];
    for (const s of this.configSuppressions) {
      const problem = unknownRuleProblem(s.ruleId, `in a suppression of config file "${config!.source}"${s.location ? ` (${s.location})` : ''}`, known);
      if (problem) throw new Error(problem);
    }
    this.configLabel = `config:${options.configFile ?? 'config'}`;
    this.disallowAnnotationExemptions = options.disallowAnnotationExemptions === true || config?.disallowAnnotationExemptions === true;
  }

  /** The IDs of the rules the evaluator runs. */
  public ruleIds(): string[] {
    return this.evaluator.ruleIds();
  }

  /** A fresh suppression ledger for one evaluation. */
  public ledger(): SuppressionLedger {
    return new SuppressionLedger(this);
  }

  /**
   * The problem with a code suppression's rule ID, or undefined when the policy knows the rule.
   * @param where e.g. `in suppression at "app/web"`
   */
  public ruleIdProblem(id: string, where: string): string | undefined {
    return unknownRuleProblem(id, where, this.knownRuleIds);
  }

  /**
   * Sets the trusted registries, and refuses, with the settings that fix it, a policy whose packs
   * run imageRegistry without any trusted registry.
   */
  private withRegistries(props: PolicyEvaluatorProps, allowRegistries: readonly string[] | undefined): PolicyEvaluatorProps {
    const selectedBy = (props.packs ?? []).find(p => p.rules.some(r => r.ruleId === IMAGE_REGISTRY && r.params?.allowed === undefined));
    const configured = props.ruleParams?.[IMAGE_REGISTRY]?.allowed !== undefined
      || (props.rules ?? []).some(r => r.ruleId === IMAGE_REGISTRY && r.params?.allowed !== undefined);
    if (allowRegistries === undefined || allowRegistries.length === 0) {
      if (selectedBy && !configured) {
        throw new Error(`pack "${selectedBy.name}" runs the imageRegistry rule, which needs the trusted registries: ${this.hints.allowRegistries}, or set rules.imageRegistry.params.allowed in the config file`);
      }
      return props;
    }
    const selected = (props.packs ?? []).some(p => p.rules.some(r => r.ruleId === IMAGE_REGISTRY))
      || (props.rules ?? []).some(r => r.ruleId === IMAGE_REGISTRY);
    if (!selected) {
      throw new Error(this.hints.registriesWithoutRule);
    }
    return {
      ...props,
      ruleParams: {
        ...props.ruleParams,
        [IMAGE_REGISTRY]: { ...props.ruleParams?.[IMAGE_REGISTRY], allowed: [...allowRegistries] },
      },
    };
  }
}
