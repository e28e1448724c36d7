import { PackRule, RulePack } from '../engine/pack';
import { PssLevel, Severity } from '../engine/types';

function frozen(pack: RulePack): RulePack {
  for (const rule of pack.rules) Object.freeze(rule);
  Object.freeze(pack.rules);
  return Object.freeze(pack);
}

const HARDENED_RULES: PackRule[] = [
  { ruleId: 'defaultNamespace', severity: Severity.WARNING },
  { ruleId: 'defaultServiceAccount', severity: Severity.WARNING },
  { ruleId: 'imageDigest', severity: Severity.WARNING },
  { ruleId: 'imagePullPolicy', severity: Severity.WARNING },
  { ruleId: 'imageRegistry', severity: Severity.ERROR },
  { ruleId: 'imageTag', severity: Severity.ERROR },
  { ruleId: 'invalidImageReference', severity: Severity.ERROR },
  { ruleId: 'networkPolicy', severity: Severity.WARNING },
  { ruleId: 'readOnlyRootFilesystem', severity: Severity.ERROR },
  { ruleId: 'resourceLimits', severity: Severity.ERROR },
  { ruleId: 'resourceRequests', severity: Severity.ERROR },
  { ruleId: 'rootGroup', severity: Severity.ERROR },
  { ruleId: 'secretEnv', severity: Severity.WARNING },
  { ruleId: 'serviceAccountToken', severity: Severity.WARNING },
];

/**
 * The built-in rule packs. Packs are data: each names a Pod Security Standards level and the
 * organization rules it runs, with their severities. Give them to `PolicyEvaluator` (or the
 * policy guard) with `packs: [Packs.HARDENED]`, or pick one by name with `Packs.named('hardened')`.
 */
export class Packs {
  /**
   * Pod Security Standards, baseline level (`pss-baseline`): blocks known privilege escalations.
   * Runs no organization rules.
   */
  public static readonly PSS_BASELINE: RulePack = frozen(new RulePack({
    name: 'pss-baseline',
    description: 'Pod Security Standards baseline level: blocks known privilege escalations.',
    pssLevel: PssLevel.BASELINE,
  }));

  /**
   * Pod Security Standards, restricted level (`pss-restricted`): current pod hardening best
   * practice. Runs no organization rules.
   */
  public static readonly PSS_RESTRICTED: RulePack = frozen(new RulePack({
    name: 'pss-restricted',
    description: 'Pod Security Standards restricted level: current pod hardening best practice.',
    pssLevel: PssLevel.RESTRICTED,
  }));

  /**
   * The restricted level plus every organization rule (`hardened`). `imageRegistry` has no
   * default: give the allowed registries with `ruleParams: { imageRegistry: { allowed: [...] } }`
   * (or in the config file), otherwise the evaluator refuses to start.
   */
  public static readonly HARDENED: RulePack = frozen(new RulePack({
    name: 'hardened',
    description: 'Pod Security Standards restricted level plus every organization rule: image provenance and pinning, resources, read-only root filesystem, service accounts, root group, secrets in environment variables, namespaces and network policies.',
    pssLevel: PssLevel.RESTRICTED,
    rules: HARDENED_RULES,
  }));

  /** Every built-in pack, sorted by name. */
  public static all(): RulePack[] {
    return [Packs.HARDENED, Packs.PSS_BASELINE, Packs.PSS_RESTRICTED];
  }

  /** The names of the built-in packs, sorted. */
  public static names(): string[] {
    return Packs.all().map(p => p.name);
  }

  /**
   * The built-in pack with this name: `hardened`, `pss-baseline` or `pss-restricted`.
   * @throws when no built-in pack has this name
   */
  public static named(name: string): RulePack {
    const found = Packs.all().find(p => p.name === name);
    if (!found) {
      throw new Error(`unknown pack ${JSON.stringify(name)}, expecting one of: ${Packs.names().join(', ')}`);
    }
    return found;
  }

  private constructor() {}
}
