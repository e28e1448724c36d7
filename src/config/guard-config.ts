import { readFileSync } from 'fs';
import { dirname } from 'path';
import { isAlias, isMap, isScalar, LineCounter, Node, parseDocument } from 'yaml';
import { normalizeVulnerabilities, VULNERABILITIES_KEY } from './vulnerabilities';
import { describeValue, isObject } from '../engine/_util';
import { PackRule, RulePack } from '../engine/pack';
import { PodKindTable } from '../engine/pod-templates';
import { PodTemplateKind, PssLevel, ResourceRef, Severity } from '../engine/types';
import { PolicyVersion } from '../engine/version';
import { PolicyEvaluatorProps } from '../evaluator';
import { checkFixes, HardeningFixes } from '../hardening/options';
import { Packs } from '../packs/packs';
import { builtinRegistry } from '../rules';
import { constructPathProblem, containerProblem, reasonProblem, ruleIdProblem } from './_checks';
import { ConfigSuppression, ConfigSuppressionProps } from './suppression';
import { PSS_LEVELS, SEVERITIES as POLICY_SEVERITIES } from '../policy/constants';
import { namespaceLabelsProblem, POD_SECURITY_ADMISSION_RULE_ID } from '../rules/org/_pod-security-labels';
import { VulnerabilityOptions } from '../vulnerabilities/types';

/**
 * How one rule is configured.
 */
export interface RuleConfig {
  /**
   * Severity of the rule's findings, overriding packs and the rule's default.
   * @default - the pack's severity, or the rule's default
   */
  readonly severity?: Severity;
  /**
   * Parameters, merged over the pack's parameters for the rule.
   * @default - the pack's parameters, or the rule's defaults
   */
  readonly params?: { [key: string]: any };
  /**
   * `false` turns off a rule that a pack runs. A rule listed with `enabled` unset or `true` runs
   * even when no pack runs it.
   * @default true
   */
  readonly enabled?: boolean;
}

/**
 * The pod-security admission labels of a namespace (or the cluster default), as pod-security
 * admission reads them: `pod-security.kubernetes.io/<mode>` and `<mode>-version`.
 */
export interface NamespacePodSecurity {
  /**
   * The enforced level.
   * @default - the cluster default (`privileged` unless `podSecurityDefaults` sets it)
   */
  readonly enforce?: PssLevel;
  /**
   * The enforced version: `latest` or `v1.N`.
   * @default 'latest'
   */
  readonly enforceVersion?: string;
  /**
   * The level warned about.
   * @default - the cluster default (`privileged` unless `podSecurityDefaults` sets it)
   */
  readonly warn?: PssLevel;
  /**
   * The warned version.
   * @default 'latest'
   */
  readonly warnVersion?: string;
  /**
   * The audited level.
   * @default - the cluster default (`privileged` unless `podSecurityDefaults` sets it)
   */
  readonly audit?: PssLevel;
  /**
   * The audited version.
   * @default 'latest'
   */
  readonly auditVersion?: string;
}

/**
 * The content of a guard configuration, as a config file holds it.
 */
export interface GuardConfigProps {
  /**
   * The Pod Security Standards level. Packs that require a stricter level raise it.
   * @default - not set: the evaluator's default (`restricted`)
   */
  readonly level?: PssLevel;
  /**
   * The Pod Security Standards version, `latest` or `v1.N`.
   * @default - not set: the evaluator's default (`latest`)
   */
  readonly version?: string;
  /**
   * Names of built-in packs to run: `hardened`, `pss-baseline`, `pss-restricted`, `rbac`.
   * @default - no packs
   */
  readonly packs?: string[];
  /**
   * Organization rules by ID: severity, parameters, and whether they run.
   * @default - no rule settings
   */
  readonly rules?: { [ruleId: string]: RuleConfig };
  /**
   * Accepted findings, each with a reason.
   * @default - none
   */
  readonly suppressions?: ConfigSuppressionProps[];
  /**
   * Rule IDs whose findings can never be suppressed (built-in or custom).
   * @default - every rule can be suppressed
   */
  readonly unsuppressible?: string[];
  /**
   * Ignore the suppressions made in code: `Suppressions.add` and the golden constructs' typed
   * exceptions, which travel with the manifests in the `cdk8s-guard.io/suppressions` annotation.
   * For pipelines that must not trust an app's own exemptions. Config suppressions still apply.
   * @default false
   */
  readonly disallowAnnotationExemptions?: boolean;
  /**
   * The vulnerability gate: scanner reports, VEX documents, minimum severity, acceptances. In a
   * config file, report and VEX paths are relative to the file.
   * @default - no vulnerability gate: the imageVulnerabilities rule does not run
   */
  readonly vulnerabilities?: VulnerabilityOptions;
  /**
   * The opt-in fixes of `Hardening` and `cdk8s-guard fix`, by name.
   * @default - no opt-in fixes
   */
  readonly hardening?: HardeningFixes;
  /**
   * Further kinds whose objects hold pod templates, and where, e.g.
   * `{ kind: Elasticsearch, group: elasticsearch.k8s.elastic.co, paths: [spec.nodeSets[*].podTemplate] }`.
   * @default - only the built-in kinds
   */
  readonly podTemplates?: PodTemplateKind[];
  /**
   * Pod-security admission labels of namespaces the app does not own (no `Namespace` object
   * among the inputs), by namespace name. The `podSecurityAdmission` rule reads them.
   * @default - none
   */
  readonly namespaces?: { [name: string]: NamespacePodSecurity };
  /**
   * The cluster's pod-security admission default, for namespaces (and modes) without labels.
   * @default - privileged for every mode
   */
  readonly podSecurityDefaults?: NamespacePodSecurity;
}

/** Where a value sits in the input, for error messages. */
type Locator = (path: ReadonlyArray<string | number>, onKey: boolean) => string;

const TOP_KEYS = ['level', 'version', 'packs', 'rules', 'suppressions', 'unsuppressible', 'disallowAnnotationExemptions', VULNERABILITIES_KEY, 'hardening', 'podTemplates', 'namespaces', 'podSecurityDefaults'];
const POD_TEMPLATE_KEYS = ['kind', 'group', 'paths'];
const RULE_KEYS = ['severity', 'params', 'enabled'];
const SUPPRESSION_KEYS = ['ruleId', 'reason', 'resource', 'containers', 'constructPath'];
const RESOURCE_KEYS = ['kind', 'namespace', 'name'];
const LEVELS: readonly string[] = PSS_LEVELS;
const SEVERITIES: readonly string[] = POLICY_SEVERITIES;

function own(obj: { [key: string]: any }, key: string): any {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

function keyList(keys: readonly string[]): string {
  return keys.join(', ');
}

interface Normalized {
  readonly level?: PssLevel;
  readonly version?: string;
  readonly packNames: string[];
  readonly rules: Map<string, RuleConfig>;
  readonly suppressions: ConfigSuppression[];
  readonly unsuppressible: string[];
  readonly disallowAnnotationExemptions?: boolean;
  readonly vulnerabilities?: VulnerabilityOptions;
  readonly hardening?: HardeningFixes;
  readonly podTemplates: PodTemplateKind[];
  readonly namespaces: { [name: string]: NamespacePodSecurity };
  readonly podSecurityDefaults?: NamespacePodSecurity;
}

type Reporter = (path: ReadonlyArray<string | number>, message: string, onKey?: boolean) => void;

/**
 * Validates the pod-security keys `namespaces` and `podSecurityDefaults`. @internal
 */
function normalizePodSecurity(raw: { [key: string]: any }, report: Reporter): Pick<Normalized, 'namespaces' | 'podSecurityDefaults'> {
  const namespaces: { [name: string]: NamespacePodSecurity } = {};
  const declared = own(raw, 'namespaces');
  if (declared !== undefined && declared !== null) {
    if (!isObject(declared)) {
      report(['namespaces'], `namespaces must be a map from namespace name to labels such as {payments: {enforce: restricted}}, found ${describeValue(declared)}`);
    } else {
      for (const name of Object.keys(declared)) {
        const problem = namespaceLabelsProblem(declared[name]);
        if (problem) report(['namespaces', name], `namespace "${name}" ${problem}`);
        else namespaces[name] = { ...declared[name] };
      }
    }
  }
  const defaults = own(raw, 'podSecurityDefaults');
  if (defaults === undefined || defaults === null) return { namespaces };
  const problem = namespaceLabelsProblem(defaults);
  if (problem) {
    report(['podSecurityDefaults'], `podSecurityDefaults ${problem}`);
    return { namespaces };
  }
  return { namespaces, podSecurityDefaults: { ...defaults } };
}

/**
 * Validates raw config content, collecting every problem with its position. @internal
 */
function normalize(raw: unknown, at: Locator, baseDir?: string): Normalized {
  const problems: string[] = [];
  const report = (path: ReadonlyArray<string | number>, message: string, onKey = false) => {
    const where = at(path, onKey);
    problems.push(where ? `${where}: ${message}` : message);
  };
  const result: {
    level?: PssLevel;
    version?: string;
    packNames: string[];
    rules: Map<string, RuleConfig>;
    suppressions: ConfigSuppression[];
    unsuppressible: string[];
    disallowAnnotationExemptions?: boolean;
    vulnerabilities?: VulnerabilityOptions;
    hardening?: HardeningFixes;
    podTemplates: PodTemplateKind[];
    namespaces: { [name: string]: NamespacePodSecurity };
    podSecurityDefaults?: NamespacePodSecurity;
  } = { packNames: [], rules: new Map(), suppressions: [], unsuppressible: [], namespaces: {}, podTemplates: [] };

  if (raw === null || raw === undefined) return result;
  if (!isObject(raw)) {
    report([], `a config must be a map with keys such as level, packs, rules and suppressions, found ${describeValue(raw)}`);
    throw new Error(problems.join('\n'));
  }
  for (const key of Object.keys(raw)) {
    if (!TOP_KEYS.includes(key)) report([key], `unknown key "${key}", expecting one of: ${keyList(TOP_KEYS)}`, true);
  }

  const level = own(raw, 'level');
  if (level !== undefined && level !== null) {
    if (typeof level === 'string' && LEVELS.includes(level)) result.level = level as PssLevel;
    else report(['level'], `invalid level ${typeof level === 'string' ? `"${level}"` : describeValue(level)}, expecting one of: ${keyList(LEVELS)}`);
  }

  const version = own(raw, 'version');
  if (version !== undefined && version !== null) {
    if (typeof version === 'string' && PolicyVersion.isValid(version)) {
      result.version = version;
    } else {
      report(['version'], typeof version === 'string'
        ? `invalid policy version "${version}", expecting "latest" or "v1.<minor>" such as "v1.30"`
        : `invalid policy version ${describeValue(version)}, expecting "latest" or "v1.<minor>" such as "v1.30" (quote it)`);
    }
  }

  const packs = own(raw, 'packs');
  if (packs !== undefined && packs !== null) {
    if (!Array.isArray(packs)) {
      report(['packs'], `packs must be a list of pack names such as [hardened], found ${describeValue(packs)}`);
    } else {
      packs.forEach((name, i) => {
        if (typeof name !== 'string' || !Packs.names().includes(name)) {
          report(['packs', i], `unknown pack ${typeof name === 'string' ? JSON.stringify(name) : describeValue(name)}, expecting one of: ${Packs.names().join(', ')}`);
        } else if (result.packNames.includes(name)) {
          report(['packs', i], `pack "${name}" is listed twice, list each pack once`);
        } else {
          result.packNames.push(name);
        }
      });
    }
  }

  const rules = own(raw, 'rules');
  if (rules !== undefined && rules !== null) {
    if (!isObject(rules)) {
      report(['rules'], `rules must be a map from rule id to { severity, params, enabled }, found ${describeValue(rules)}`);
    } else {
      const registry = builtinRegistry();
      const orgIds = registry.all().filter(d => d.level === undefined).map(d => d.id);
      for (const id of Object.keys(rules)) {
        const def = registry.get(id);
        if (!def) {
          report(['rules', id], `unknown rule "${id}", expecting one of: ${orgIds.join(', ')}`, true);
          continue;
        }
        if (def.level !== undefined) {
          report(['rules', id], `rule "${id}" is a Pod Security Standards check and cannot be configured, choose the checks with level and accept findings with suppressions`, true);
          continue;
        }
        const entry = rules[id];
        if (entry === null || entry === undefined) {
          result.rules.set(id, {});
          continue;
        }
        if (!isObject(entry)) {
          report(['rules', id], `rule "${id}" must be a map with severity, params or enabled, found ${describeValue(entry)}`);
          continue;
        }
        let ok = true;
        for (const key of Object.keys(entry)) {
          if (!RULE_KEYS.includes(key)) {
            report(['rules', id, key], `unknown key "${key}" in rule "${id}", expecting one of: ${keyList(RULE_KEYS)}`, true);
            ok = false;
          }
        }
        const severity = own(entry, 'severity');
        if (severity !== undefined && (typeof severity !== 'string' || !SEVERITIES.includes(severity))) {
          report(['rules', id, 'severity'], `invalid severity ${typeof severity === 'string' ? `"${severity}"` : describeValue(severity)} for rule "${id}", expecting one of: ${keyList(SEVERITIES)}`);
          ok = false;
        }
        const enabled = own(entry, 'enabled');
        if (enabled !== undefined && typeof enabled !== 'boolean') {
          report(['rules', id, 'enabled'], `enabled of rule "${id}" must be true or false, found ${describeValue(enabled)}`);
          ok = false;
        }
        const params = own(entry, 'params');
        if (params !== undefined && params !== null) {
          if (!isObject(params)) {
            report(['rules', id, 'params'], `params of rule "${id}" must be a map, found ${describeValue(params)}`);
            ok = false;
          } else {
            const problem = def.validateParams?.(params);
            if (problem) {
              report(['rules', id, 'params'], `invalid parameters for rule "${id}": ${problem}`);
              ok = false;
            }
          }
        }
        if (ok) {
          result.rules.set(id, {
            ...(severity !== undefined ? { severity: severity as Severity } : {}),
            ...(isObject(params) ? { params: { ...params } } : {}),
            ...(enabled !== undefined ? { enabled } : {}),
          });
        }
      }
    }
  }

  const unsuppressible = own(raw, 'unsuppressible');
  if (unsuppressible !== undefined && unsuppressible !== null) {
    if (!Array.isArray(unsuppressible)) {
      report(['unsuppressible'], `unsuppressible must be a list of rule ids such as [privileged, imageRegistry], found ${describeValue(unsuppressible)}`);
    } else {
      unsuppressible.forEach((id, i) => {
        const problem = ruleIdProblem(id, 'in unsuppressible');
        if (problem) report(['unsuppressible', i], problem);
        else if (!result.unsuppressible.includes(id)) result.unsuppressible.push(id);
      });
    }
  }

  const disallow = own(raw, 'disallowAnnotationExemptions');
  if (disallow !== undefined && disallow !== null) {
    if (typeof disallow === 'boolean') result.disallowAnnotationExemptions = disallow;
    else report(['disallowAnnotationExemptions'], `disallowAnnotationExemptions must be true or false, found ${describeValue(disallow)}`);
  }

  const suppressions = own(raw, 'suppressions');
  if (suppressions !== undefined && suppressions !== null) {
    if (!Array.isArray(suppressions)) {
      report(['suppressions'], `suppressions must be a list of { ruleId, reason, ... } maps, found ${describeValue(suppressions)}`);
    } else {
      suppressions.forEach((s, i) => {
        const suppression = normalizeSuppression(s, i, report, result.unsuppressible, at);
        if (suppression) result.suppressions.push(suppression);
      });
    }
  }

  const vulnerabilities = own(raw, VULNERABILITIES_KEY);
  if (vulnerabilities !== undefined) {
    const options = normalizeVulnerabilities(vulnerabilities, report, baseDir);
    if (options) result.vulnerabilities = options;
  }

  const hardening = own(raw, 'hardening');
  if (hardening !== undefined && hardening !== null) {
    const checked = checkFixes(hardening, (key, onKey) => at(['hardening', ...key], onKey));
    problems.push(...checked.problems);
    result.hardening = checked.fixes;
  }

  const podTemplates = own(raw, 'podTemplates');
  if (podTemplates !== undefined && podTemplates !== null) {
    if (!Array.isArray(podTemplates)) {
      report(['podTemplates'], `podTemplates must be a list of { kind, group, paths } maps, found ${describeValue(podTemplates)}`);
    } else {
      podTemplates.forEach((d, i) => {
        if (isObject(d)) {
          for (const key of Object.keys(d)) {
            if (!POD_TEMPLATE_KEYS.includes(key)) report(['podTemplates', i, key], `unknown key "${key}", expecting one of: ${keyList(POD_TEMPLATE_KEYS)}`, true);
          }
        }
        const problem = PodKindTable.validate([d], 'podTemplates');
        if (problem) report(['podTemplates', i], problem.replace('podTemplates[0]', `podTemplates[${i}]`));
        else result.podTemplates.push({ kind: d.kind, group: d.group, paths: [...d.paths] });
      });
    }
  }
  const podSecurity = normalizePodSecurity(raw, report);
  result.namespaces = podSecurity.namespaces;
  if (podSecurity.podSecurityDefaults) result.podSecurityDefaults = podSecurity.podSecurityDefaults;

  if (problems.length > 0) throw new Error(problems.join('\n'));
  return result;
}

function normalizeSuppression(
  s: unknown,
  i: number,
  report: (path: ReadonlyArray<string | number>, message: string, onKey?: boolean) => void,
  unsuppressible: readonly string[],
  at: Locator,
): ConfigSuppression | undefined {
  const base = ['suppressions', i];
  if (!isObject(s)) {
    report(base, `a suppression must be a map with ruleId and reason, found ${describeValue(s)}`);
    return undefined;
  }
  let ok = true;
  const fail = (path: ReadonlyArray<string | number>, message: string, onKey = false) => {
    report(path, message, onKey);
    ok = false;
  };
  for (const key of Object.keys(s)) {
    if (!SUPPRESSION_KEYS.includes(key)) fail([...base, key], `unknown key "${key}" in suppression, expecting one of: ${keyList(SUPPRESSION_KEYS)}`, true);
  }
  const ruleId = own(s, 'ruleId');
  if (ruleId === undefined || ruleId === null) {
    report(base, 'a suppression needs a ruleId, e.g. ruleId: imageDigest');
    return undefined;
  }
  const idProblem = ruleIdProblem(ruleId, 'in suppression');
  if (idProblem) {
    report([...base, 'ruleId'], idProblem);
    return undefined;
  }
  if (ruleId === POD_SECURITY_ADMISSION_RULE_ID) {
    fail([...base, 'ruleId'], `rule "${ruleId}" can never be suppressed: the cluster knows no suppressions, change the workload or the namespace's pod-security labels`);
  } else if (unsuppressible.includes(ruleId)) {
    fail([...base, 'ruleId'], `rule "${ruleId}" is unsuppressible, remove this suppression or remove the rule from unsuppressible`);
  }
  const reason = own(s, 'reason');
  const reasonIssue = reasonProblem(reason, ruleId);
  if (reasonIssue) fail(reason === undefined ? base : [...base, 'reason'], reasonIssue);

  const resource = own(s, 'resource');
  let resourceProps: { kind?: string; namespace?: string; name?: string } | undefined;
  if (resource !== undefined && resource !== null) {
    if (!isObject(resource)) {
      fail([...base, 'resource'], `resource of suppression "${ruleId}" must be a map with kind, namespace or name, found ${describeValue(resource)}`);
    } else {
      resourceProps = {};
      for (const key of Object.keys(resource)) {
        const value = resource[key];
        if (!RESOURCE_KEYS.includes(key)) {
          fail([...base, 'resource', key], `unknown key "${key}" in resource of suppression "${ruleId}", expecting one of: ${keyList(RESOURCE_KEYS)}`, true);
        } else if (typeof value !== 'string') {
          fail([...base, 'resource', key], `resource.${key} of suppression "${ruleId}" must be a string, found ${describeValue(value)}`);
        } else {
          (resourceProps as any)[key] = value;
        }
      }
    }
  }

  const containers = own(s, 'containers');
  if (containers !== undefined && containers !== null) {
    if (!Array.isArray(containers)) {
      fail([...base, 'containers'], `containers of suppression "${ruleId}" must be a list of container names, found ${describeValue(containers)}`);
    } else {
      containers.forEach((name, j) => {
        const problem = containerProblem(name, ruleId);
        if (problem) fail([...base, 'containers', j], problem);
      });
    }
  }

  const constructPath = own(s, 'constructPath');
  if (constructPath !== undefined && constructPath !== null) {
    const problem = constructPathProblem(constructPath, ruleId);
    if (problem) fail([...base, 'constructPath'], problem);
  }
  if (!ok) return undefined;
  const location = at(base, false);
  return new ConfigSuppression({
    ...(location ? { location } : {}),
    ruleId,
    reason,
    ...(resourceProps ? { resource: resourceProps } : {}),
    ...(Array.isArray(containers) ? { containers } : {}),
    ...(typeof constructPath === 'string' ? { constructPath } : {}),
  });
}

/** Removes the disabled rules from a pack (the same pack when none are disabled). */
function withoutRules(pack: RulePack, disabled: ReadonlySet<string>): RulePack {
  if (!pack.rules.some(r => disabled.has(r.ruleId))) return pack;
  return new RulePack({
    name: pack.name,
    description: pack.description,
    ...(pack.pssLevel !== undefined ? { pssLevel: pack.pssLevel } : {}),
    rules: pack.rules.filter(r => !disabled.has(r.ruleId)),
  });
}

function yamlLocator(fileName: string, doc: ReturnType<typeof parseDocument>, counter: LineCounter): Locator {
  const position = (offset: number) => {
    const { line, col } = counter.linePos(offset);
    return `${fileName}:${line}:${col}`;
  };
  const resolve = (node: unknown): unknown => (isAlias(node) ? node.resolve(doc) : node);
  return (path, onKey) => {
    for (let length = path.length; length >= 0; length--) {
      const prefix = path.slice(0, length);
      if (onKey && length === path.length && length > 0) {
        const parent = resolve(length === 1 ? doc.contents : doc.getIn(prefix.slice(0, -1), true));
        if (isMap(parent)) {
          const pair = parent.items.find(p => isScalar(p.key) && String(p.key.value) === String(prefix[length - 1]));
          const keyNode = pair?.key as Node | undefined;
          if (keyNode?.range) return position(keyNode.range[0]);
        }
        continue;
      }
      const node = (length === 0 ? doc.contents : doc.getIn(prefix, true)) as Node | null | undefined;
      if (node && typeof node === 'object' && node.range) return position(node.range[0]);
    }
    return `${fileName}:1:1`;
  };
}

/** The text of a map key that starts at `offset` (quotes removed). */
function keyAt(source: string, offset: number): string {
  const rest = source.slice(offset);
  const quoted = /^(["'])((?:(?!\1).)*)\1/.exec(rest);
  if (quoted) return quoted[2];
  return rest.split(/:(?:\s|$)|\n/)[0].trim();
}

const describeYamlError = (code: string, message: string, source: string, pos: readonly [number, number]): string => {
  switch (code) {
    case 'DUPLICATE_KEY':
      return `duplicate key ${JSON.stringify(keyAt(source, pos[0]))}, write each key once`;
    case 'MULTIPLE_DOCS':
      return 'a config file holds one YAML document, found several: remove the "---" separators';
    default: {
      const first = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '').replace(/\.$/, '');
      return `invalid YAML: ${first.charAt(0).toLowerCase()}${first.slice(1)}, fix the syntax`;
    }
  }
};

/**
 * A guard configuration: the PSS level and version, the packs, rule settings, suppressions
 * and unsuppressible rules. Load it from a YAML or JSON file with `GuardConfig.fromFile`, from
 * text with `GuardConfig.parse`, or build it in code with `GuardConfig.fromProps`. Both the policy
 * guard and the CLI read it, and hand `evaluatorProps()` to the `PolicyEvaluator`.
 */
export class GuardConfig {
  /**
   * Reads a YAML or JSON config file (JSON is read as YAML, which it is a subset of).
   * @throws when the file cannot be read or is not a valid config; the message names the file,
   * line and column of every problem, and the fix
   */
  public static fromFile(path: string): GuardConfig {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'unknown error';
      throw new Error(`cannot read config file "${path}" (${code}), check the path`);
    }
    return GuardConfig.parse(text, path);
  }

  /**
   * Parses config text (YAML or JSON). Duplicate keys, unknown keys and wrong types are errors.
   * @param text the file content
   * @param fileName the name used in error messages
   * @throws when the text is not a valid config; every problem is listed on its own line as
   * `<fileName>:<line>:<column>: <problem and fix>`
   */
  public static parse(text: string, fileName: string = 'config'): GuardConfig {
    const counter = new LineCounter();
    const doc = parseDocument(text, { uniqueKeys: true, lineCounter: counter, prettyErrors: false, logLevel: 'error' });
    if (doc.errors.length > 0) {
      throw new Error(doc.errors.map(e => {
        const { line, col } = counter.linePos(e.pos[0]);
        return `${fileName}:${line}:${col}: ${describeYamlError(e.code, e.message, text, e.pos)}`;
      }).join('\n'));
    }
    const raw = doc.toJS({ maxAliasCount: 100 });
    return new GuardConfig(normalize(raw, yamlLocator(fileName, doc, counter), dirname(fileName)), fileName);
  }

  /**
   * Builds a config in code, validated like a file.
   * @throws when the properties are not valid
   */
  public static fromProps(props: GuardConfigProps = {}): GuardConfig {
    return new GuardConfig(normalize(props, () => ''), 'config');
  }

  /** Where the config came from: the file name, or `config` when built in code. */
  public readonly source: string;
  /**
   * The Pod Security Standards level.
   * @default - not set: the evaluator's default (`restricted`)
   */
  public readonly level?: PssLevel;
  /**
   * The Pod Security Standards version.
   * @default - not set: the evaluator's default (`latest`)
   */
  public readonly version?: string;
  /** The names of the packs the config lists, in its order. */
  public readonly packNames: string[];
  /** The packs the config lists, without the rules it disables. */
  public readonly packs: RulePack[];
  /**
   * The organization rules the config turns on that none of its packs runs (with their
   * severity and parameters). Use `evaluatorProps()` to combine them with more packs.
   */
  public readonly rules: PackRule[];
  /** Parameters by rule ID, for the rules the config turns on or leaves on. */
  public readonly ruleParams: { [ruleId: string]: { [key: string]: any } };
  /** Severities by rule ID. */
  public readonly severityOverrides: { [ruleId: string]: Severity };
  /** IDs of the rules the config turns off (`enabled: false`), sorted. */
  public readonly disabledRules: string[];
  /** The suppressions, in the config's order. */
  public readonly suppressions: ConfigSuppression[];
  /** The kinds declared under `podTemplates`, in the config's order. */
  public readonly podTemplates: PodTemplateKind[];
  /** Rule IDs whose findings are never suppressed. */
  public readonly unsuppressible: string[];
  /** True when the suppressions recorded in the manifests (made in code) are ignored. */
  public readonly disallowAnnotationExemptions: boolean;
  /**
   * The vulnerability gate, with report and VEX paths relative to the working directory (a
   * file's paths are joined to the file's directory).
   * @default - no vulnerabilities section
   */
  public readonly vulnerabilities?: VulnerabilityOptions;
  /**
   * The opt-in fixes of the `hardening` section.
   * @default - no opt-in fixes
   */
  public readonly hardening?: HardeningFixes;
  /** Pod-security admission labels of namespaces not among the inputs, by name. */
  public readonly namespaces: { [name: string]: NamespacePodSecurity };
  /**
   * The cluster's pod-security admission default.
   * @default - privileged for every mode
   */
  public readonly podSecurityDefaults?: NamespacePodSecurity;

  private readonly ruleSettings: Map<string, RuleConfig>;

  private constructor(config: Normalized, source: string) {
    this.source = source;
    this.level = config.level;
    this.version = config.version;
    this.ruleSettings = config.rules;
    const disabled = new Set<string>();
    const ruleParams: { [ruleId: string]: { [key: string]: any } } = {};
    const severityOverrides: { [ruleId: string]: Severity } = {};
    for (const [id, setting] of config.rules) {
      if (setting.enabled === false) {
        disabled.add(id);
        continue;
      }
      if (setting.params) ruleParams[id] = setting.params;
      if (setting.severity) severityOverrides[id] = setting.severity;
    }
    this.disabledRules = [...disabled].sort();
    this.packNames = [...config.packNames];
    this.packs = config.packNames.map(name => withoutRules(Packs.named(name), disabled));
    this.rules = this.rulesBeyond(this.packs);
    this.ruleParams = ruleParams;
    this.severityOverrides = severityOverrides;
    this.suppressions = config.suppressions;
    this.unsuppressible = config.unsuppressible;
    this.disallowAnnotationExemptions = config.disallowAnnotationExemptions === true;
    this.vulnerabilities = config.vulnerabilities;
    this.hardening = config.hardening;
    this.podTemplates = config.podTemplates;
    this.namespaces = config.namespaces;
    if (config.podSecurityDefaults) this.podSecurityDefaults = config.podSecurityDefaults;
  }

  /**
   * The properties to give `new PolicyEvaluator(...)`: level, version, packs (the config's, then
   * `extraPacks`, such as packs chosen on a command line), rules, parameters and severities.
   * Rules the config disables are removed from every pack, `extraPacks` included.
   * @param extraPacks more packs to run; a pack the config already lists is not added twice
   */
  public evaluatorProps(extraPacks: RulePack[] = []): PolicyEvaluatorProps {
    const disabled = new Set(this.disabledRules);
    const packs = [...this.packs];
    for (const pack of extraPacks) {
      if (!packs.some(p => p.name === pack.name)) packs.push(withoutRules(pack, disabled));
    }
    return {
      ...(this.level !== undefined ? { level: this.level } : {}),
      ...(this.version !== undefined ? { version: this.version } : {}),
      packs,
      rules: this.rulesBeyond(packs),
      ruleParams: { ...this.ruleParams },
      severityOverrides: { ...this.severityOverrides },
      ...(this.podTemplates.length > 0 ? { podTemplates: this.podTemplates.map(d => ({ ...d, paths: [...d.paths] })) } : {}),
    };
  }

  /** True when findings of this rule can never be suppressed. */
  public isUnsuppressible(ruleId: string): boolean {
    return ruleId === POD_SECURITY_ADMISSION_RULE_ID || this.unsuppressible.includes(ruleId);
  }

  /**
   * The first suppression that covers a finding, or undefined when none does or the rule is
   * unsuppressible.
   */
  public suppressionFor(resource: ResourceRef, ruleId: string, container?: string, constructPath?: string): ConfigSuppression | undefined {
    if (this.isUnsuppressible(ruleId)) return undefined;
    return this.suppressions.find(s => s.matches(resource, ruleId, container, constructPath));
  }

  private rulesBeyond(packs: readonly RulePack[]): PackRule[] {
    const inPacks = new Set<string>();
    for (const pack of packs) for (const r of pack.rules) inPacks.add(r.ruleId);
    const out: PackRule[] = [];
    for (const [id, setting] of this.ruleSettings) {
      if (setting.enabled === false || inPacks.has(id)) continue;
      out.push({
        ruleId: id,
        ...(setting.severity ? { severity: setting.severity } : {}),
        ...(setting.params ? { params: { ...setting.params } } : {}),
      });
    }
    return out;
  }
}
