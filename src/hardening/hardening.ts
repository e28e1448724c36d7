import * as fs from 'fs';
import { ApiObject, Include, IncludeProps, JsonPatch } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { resourceReport } from './_report';
import { FixOperation, ManifestFixer } from './fixer';
import { checkFixes, HardeningFixes, OPT_IN_KEYS } from './options';
import { GuardConfig } from '../config/guard-config';
import { resourceRefOf } from '../engine/manifest';
import { RulePack } from '../engine/pack';
import { Finding, PssLevel, ResourceRef } from '../engine/types';
import { PolicyVersion } from '../engine/version';
import { parseDocuments } from '../loader/documents';
import { HardeningResourceReport } from '../report/model';

/**
 * Properties of `Hardening.apply`: the policy the objects are hardened for, and the opt-in fixes.
 */
export interface HardeningProps extends HardeningFixes {
  /**
   * The Pod Security Standards level whose failures are fixed (where only an absent field fails)
   * and reported. Use the guard's level.
   * @default - the config file's level, else PssLevel.RESTRICTED
   */
  readonly level?: PssLevel;
  /**
   * The Pod Security Standards version: `latest` or `v1.N`.
   * @default - the config file's version, else 'latest'
   */
  readonly version?: string;
  /**
   * Rule packs whose findings are reported as decisions besides the level's (use the guard's packs).
   * @default - the config file's packs, else none
   */
  readonly packs?: RulePack[];
  /**
   * Parameters by rule ID, for the packs' rules (e.g. `imageRegistry`'s allowed registries).
   * @default - the config file's parameters, else none
   */
  readonly ruleParams?: { [ruleId: string]: { [key: string]: any } };
  /**
   * A guard config file (YAML or JSON): its level, version, packs, rule parameters and its
   * `hardening` section (the opt-in fixes) are used where these props leave them unset.
   * @default - no config file
   */
  readonly configFile?: string;
}

interface ObjectRecord {
  readonly resource: ResourceRef;
  readonly operations: FixOperation[];
  decisions: Finding[];
}

/** Hardening instances by the root of their tree. */
const BY_ROOT = new WeakMap<IConstruct, Hardening[]>();
/** The hardening applied to a scope. */
const BY_SCOPE = new WeakMap<IConstruct, Hardening>();
/** Each hardening's patching, for the guard (which hardens the tree before it evaluates). */
const HARDEN = new WeakMap<Hardening, () => void>();
/** Files Included through `Hardening.include`. */
const INCLUDE_URLS = new WeakMap<Include, string>();

function where(scope: IConstruct): string {
  return scope.node.path === '' ? '<app>' : scope.node.path;
}

/**
 * Hardens third-party objects in a cdk8s tree (`Include`, `Helm`, raw `ApiObject`s, plain
 * cdk8s-plus objects) with JSON patches, the way an aspect would: every pod-bearing ApiObject
 * below the scope gets `ApiObject.addJsonPatch` operations that add what is absent and nothing
 * else (a seccomp profile of `RuntimeDefault`, `allowPrivilegeEscalation: false`, `ALL` in
 * `capabilities.drop`, `runAsNonRoot: true`), plus the opt-in fixes you name. Explicit values are
 * never overridden; what fixing would change (privileged, host namespaces, hostPath, forbidden
 * capability adds, …) is left for a decision and listed in `report()`.
 *
 * When patches are computed: lazily, at synth. `apply` adds a validation to the scope
 * (`node.addValidation`); cdk8s runs every validation before it renders any manifest, so objects
 * added after `apply` (Helm charts rendered later, `addContainer` calls, new constructs) are
 * hardened too. A `PolicyGuard` on the same app hardens the tree first, before it evaluates, so the
 * guard always checks the patched objects and lists the hardening in its reports. Each object is
 * patched once, from its rendering at the first synth (or `report()` call) that reaches it.
 */
export class Hardening {
  /**
   * Hardens every pod-bearing ApiObject below `scope` at synth.
   * @param scope any construct: an App, a Chart, an Include, a Helm chart
   * @param props the policy and the opt-in fixes
   * @throws when a property is invalid, or hardening is already applied to this scope with other properties
   */
  public static apply(scope: IConstruct, props?: HardeningProps): Hardening {
    const existing = BY_SCOPE.get(scope);
    if (existing) {
      if (props !== undefined) {
        throw new Error(`hardening is already applied to "${where(scope)}", call Hardening.apply(scope) once with all the properties`);
      }
      return existing;
    }
    const hardening = new Hardening(scope, props ?? {});
    BY_SCOPE.set(scope, hardening);
    const root = scope.node.root;
    const list = BY_ROOT.get(root) ?? [];
    list.push(hardening);
    BY_ROOT.set(root, list);
    scope.node.addValidation({ validate: () => hardening.validate() });
    return hardening;
  }

  /**
   * Creates a cdk8s `Include` of a local YAML file and remembers the file, so that the hardening
   * report names the file and the document of each object. A plain `new Include(...)` is
   * hardened too, but its report entries name only the construct path.
   * @param scope the scope of the Include
   * @param id the construct id
   * @param props the Include's properties
   */
  public static include(scope: Construct, id: string, props: IncludeProps): Include {
    const include = new Include(scope, id, props);
    INCLUDE_URLS.set(include, props.url);
    return include;
  }

  /** The construct whose subtree is hardened. */
  public readonly scope: IConstruct;
  /** The effective Pod Security Standards level. */
  public readonly level: PssLevel;
  /** The requested Pod Security Standards version. */
  public readonly version: string;
  /** The opt-in fixes that are on. */
  public readonly fixes: HardeningFixes;

  private readonly fixer: ManifestFixer;
  private readonly records = new Map<ApiObject, ObjectRecord>();

  private constructor(scope: IConstruct, props: HardeningProps) {
    this.scope = scope;
    if (props.version !== undefined && !PolicyVersion.isValid(props.version)) {
      throw new Error(`invalid hardening version "${props.version}" for "${where(scope)}", expecting "latest" or "v1.<minor>" such as "v1.30"`);
    }
    const config = props.configFile !== undefined ? GuardConfig.fromFile(props.configFile) : undefined;
    const own: { [key: string]: unknown } = {};
    for (const key of OPT_IN_KEYS) {
      const value = (props as { [key: string]: unknown })[key];
      if (value !== undefined) own[key] = value;
    }
    const merged = { ...(config?.hardening ?? {}), ...own };
    const { fixes, problems } = checkFixes(merged, () => '');
    if (problems.length > 0) throw new Error(`invalid hardening properties for "${where(scope)}": ${problems.join('; ')}`);
    const fromConfig = config?.evaluatorProps(props.packs ?? []);
    this.fixer = new ManifestFixer({
      evaluator: {
        level: props.level ?? config?.level ?? PssLevel.RESTRICTED,
        version: props.version ?? config?.version ?? 'latest',
        packs: fromConfig?.packs ?? props.packs ?? [],
        rules: fromConfig?.rules ?? [],
        ruleParams: { ...(fromConfig?.ruleParams ?? {}), ...(props.ruleParams ?? {}) },
        severityOverrides: fromConfig?.severityOverrides ?? {},
      },
      fixes,
    });
    HARDEN.set(this, () => this.harden());
    this.level = this.fixer.evaluator.level;
    this.version = this.fixer.evaluator.version;
    this.fixes = fixes;
  }

  /**
   * Hardens the objects that are not hardened yet, and returns, for every object with operations
   * or decisions, the operations applied and the findings left for a decision, in construct-path
   * order. The guard puts the same list in its reports.
   */
  public report(): HardeningResourceReport[] {
    this.harden();
    const out: HardeningResourceReport[] = [];
    const objects = [...this.records.keys()].sort((a, b) => (a.node.path < b.node.path ? -1 : a.node.path > b.node.path ? 1 : 0));
    for (const obj of objects) {
      const record = this.records.get(obj)!;
      if (record.operations.length === 0 && record.decisions.length === 0) continue;
      out.push(resourceReport(record.resource, record.operations, record.decisions, { constructPath: obj.node.path, ...sourceOf(obj) }));
    }
    return out;
  }

  /** Patches every ApiObject below the scope that has not been patched yet. */
  private harden(): void {
    for (const c of this.scope.node.findAll()) {
      if (!ApiObject.isApiObject(c) || this.records.has(c)) continue;
      const result = this.fixer.fix(c.toJson());
      if (result.operations.length > 0) c.addJsonPatch(...result.operations.map(o => JsonPatch.add(o.path, o.value)));
      this.records.set(c, { resource: resourceRefOf(result.fixed), operations: [...result.operations], decisions: result.decisions });
    }
  }

  private validate(): string[] {
    try {
      this.harden();
      return [];
    } catch (err) {
      return [`cannot harden "${where(this.scope)}": ${(err as Error)?.message ?? String(err)}`];
    }
  }
}

const DOCUMENT_INDEXES = new WeakMap<Include, Array<number | undefined>>();

/**
 * The file and document an object was Included from (through `Hardening.include`). cdk8s creates
 * one ApiObject per non-empty document, in file order; the loader reads the same file to find
 * each one's document index.
 */
function sourceOf(obj: ApiObject): { file?: string; documentIndex?: number } {
  const parent = obj.node.scope;
  if (!(parent instanceof Include)) return {};
  const url = INCLUDE_URLS.get(parent);
  if (url === undefined) return {};
  let indexes = DOCUMENT_INDEXES.get(parent);
  if (indexes === undefined) {
    indexes = [];
    if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
      try {
        for (const doc of parseDocuments(fs.readFileSync(url, 'utf8'))) {
          if (doc.kind === 'document' && Object.keys(doc.object).length > 0) indexes.push(doc.index);
        }
      } catch {
        // the file changed or vanished since cdk8s read it: name the file only
      }
    }
    DOCUMENT_INDEXES.set(parent, indexes);
  }
  const position = parent.apiObjects.indexOf(obj);
  const documentIndex = position >= 0 ? indexes[position] : undefined;
  return documentIndex !== undefined ? { file: url, documentIndex } : { file: url };
}

/**
 * Hardens, now, every hardening applied in the tree of `scope` (the guard calls it before it
 * evaluates, so that it checks the patched objects). @internal
 */
export function hardenTree(scope: IConstruct): void {
  for (const h of BY_ROOT.get(scope.node.root) ?? []) HARDEN.get(h)!();
}

/**
 * The hardening entries of the objects below `scope`, or undefined when no hardening is applied
 * in its tree. @internal
 */
export function hardeningReportOf(scope: IConstruct): HardeningResourceReport[] | undefined {
  const list = BY_ROOT.get(scope.node.root);
  if (!list || list.length === 0) return undefined;
  const prefix = scope.node.path === '' ? '' : `${scope.node.path}/`;
  const out: HardeningResourceReport[] = [];
  for (const h of list) {
    for (const entry of h.report()) {
      if (prefix === '' || entry.constructPath!.startsWith(prefix)) out.push(entry);
    }
  }
  return out;
}
