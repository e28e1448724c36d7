import { PackRule, RulePack } from '../engine/pack';
import { PssLevel, Severity } from '../engine/types';

function frozen(pack: RulePack): RulePack {
  for (const rule of pack.rules) Object.freeze(rule);
  Object.freeze(pack.rules);
  return Object.freeze(pack);
}

/** The RBAC rules and the cross-object privileges of each workload: the `rbac` pack, also run by `hardened`. */
const RBAC_RULES: PackRule[] = [
  { ruleId: 'rbacClusterAdmin', severity: Severity.ERROR },
  { ruleId: 'rbacEscalation', severity: Severity.ERROR },
  { ruleId: 'rbacExecAttach', severity: Severity.WARNING },
  { ruleId: 'rbacSecretsAccess', severity: Severity.WARNING },
  { ruleId: 'rbacWildcard', severity: Severity.ERROR },
  { ruleId: 'rbacWorkloadCreate', severity: Severity.WARNING },
  { ruleId: 'workloadPrivileges', severity: Severity.WARNING },
];

function byId(a: PackRule, b: PackRule): number {
  return a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0;
}

const HARDENED_RULES: PackRule[] = [
  { ruleId: 'defaultNamespace', severity: Severity.WARNING },
  { ruleId: 'defaultServiceAccount', severity: Severity.WARNING },
  { ruleId: 'envSecretValue', severity: Severity.ERROR },
  { ruleId: 'hostPathReadOnly', severity: Severity.ERROR },
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
  { ruleId: 'secretInManifest', severity: Severity.WARNING },
  { ruleId: 'serviceAccountToken', severity: Severity.WARNING },
  ...RBAC_RULES.map(r => ({ ...r })),
].sort(byId);

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
    description: 'Pod Security Standards restricted level plus every organization rule: image provenance and pinning, resources, read-only root filesystem, writable hostPath mounts, service accounts, root group, secrets in environment variables and in manifests, namespaces, network policies, RBAC and the privileges behind each workload.',
    pssLevel: PssLevel.RESTRICTED,
    rules: HARDENED_RULES,
  }));

  /**
   * Least privilege beyond the pod (`rbac`): the RBAC rules on Roles, ClusterRoles and their
   * bindings (wildcards, cluster-admin, secrets, workload creation, exec and attach, escalation),
   * and `workloadPrivileges`, which reports each workload whose mounted service account token
   * holds one of those permissions through a binding in the inputs. Does not raise the PSS level;
   * `hardened` runs the same rules.
   */
  public static readonly RBAC: RulePack = frozen(new RulePack({
    name: 'rbac',
    description: 'RBAC least privilege: wildcards, cluster-admin bindings, secrets access, workload creation, exec and attach, escalation, and the privileges behind each workload\'s service account.',
    rules: RBAC_RULES,
  }));

  /** Every built-in pack, sorted by name. */
  public static all(): RulePack[] {
    return [Packs.HARDENED, Packs.PSS_BASELINE, Packs.PSS_RESTRICTED, Packs.RBAC];
  }

  /** The names of the built-in packs, sorted. */
  public static names(): string[] {
    return Packs.all().map(p => p.name);
  }

  /**
   * The built-in pack with this name: `hardened`, `pss-baseline`, `pss-restricted` or `rbac`.
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
