/**
 * The pure fixer: a manifest (plain JSON) in, RFC 6902 operations out, each with the rule it
 * satisfies, and the findings that are left for a decision. No cdk8s import: the cdk8s
 * `Hardening`, the CLI's `fix` command and tests all call it.
 *
 * Only what is absent is added; an explicit value is never replaced. The fixes follow the
 * Pod Security Standards tables of src/rules/pss. @internal
 */
import { HardeningFixes, quantityValue } from './options';
import { splitSetRules } from '../cli/_run';
import { appendPointer, joinPointer } from '../engine/_pointer';
import { isObject, own } from '../engine/_util';
import { flattenManifests, resourceRefOf } from '../engine/manifest';
import { PodView } from '../engine/pod';
import { PodKindTable, PodTemplateLocation } from '../engine/pod-templates';
import { ContainerInfo, ContainerType, Finding, ResourceRef } from '../engine/types';
import { PolicyEvaluator, PolicyEvaluatorProps } from '../evaluator';
import { readOnlyRootFilesystem } from '../rules/org/readOnlyRootFilesystem';
import { resourceLimits } from '../rules/org/resourceLimits';
import { resourceRequests } from '../rules/org/resourceRequests';
import { serviceAccountToken } from '../rules/org/serviceAccountToken';
import { allowPrivilegeEscalation } from '../rules/pss/allowPrivilegeEscalation';
import { capabilities_restricted, RESTRICTED_DROP_CAPABILITY } from '../rules/pss/capabilities_restricted';
import { runAsNonRoot } from '../rules/pss/runAsNonRoot';
import { ALLOWED_SECCOMP_TYPES } from '../rules/pss/seccompProfile_baseline';
import { seccompProfile_restricted } from '../rules/pss/seccompProfile_restricted';

/** The seccomp profile type the fix sets: the container runtime's default. @internal */
export const FIX_SECCOMP_TYPE = ALLOWED_SECCOMP_TYPES[0];

/** One RFC 6902 operation of a fix, with the rule it satisfies. @internal */
export interface FixOperation {
  /** Always `add`: a fix only adds what is absent. */
  readonly op: 'add';
  /** JSON pointer from the root of the top-level manifest (a List item's pointer starts with `/items/N`). */
  readonly path: string;
  /** The value added. */
  readonly value: unknown;
  /** The rule the operation satisfies. */
  readonly ruleId: string;
  /** The container it is about, when it is about one. */
  readonly container?: string;
}

/** The fix of one object (a top-level manifest, or an item of a List). @internal */
export interface ObjectFix {
  readonly resource: ResourceRef;
  /** `''` for a top-level manifest, `/items/N` for a List item. */
  readonly basePath: string;
  /** The operations, in the order they apply. */
  readonly operations: FixOperation[];
  /** Findings left after the operations: each needs a decision. */
  readonly decisions: Finding[];
}

/** What fixing one manifest gives. @internal */
export interface FixResult {
  /** A patched copy of the manifest (the input is never changed). */
  readonly fixed: unknown;
  /** Every operation, in the order they apply to the manifest. */
  readonly operations: FixOperation[];
  /** Objects with operations or decisions, in manifest order. */
  readonly objects: ObjectFix[];
  /** Findings before the fix. */
  readonly before: Finding[];
  /** Findings after the fix: the decisions of every object. */
  readonly decisions: Finding[];
}

/** Settings of a fixer: the policy it fixes for, and the opt-in fixes. @internal */
export interface FixerSettings {
  /**
   * Level, version, packs and rules: the fixer fixes what this policy fails, and reports what
   * stays. Cross-object rules are left out (see `ManifestFixer`).
   */
  readonly evaluator?: PolicyEvaluatorProps;
  /** Opt-in fixes. */
  readonly fixes?: HardeningFixes;
}

function clone<T>(value: T): T {
  return value === undefined ? value : JSON.parse(JSON.stringify(value));
}

function insideOf(path: string, base: string): boolean {
  return base === '' || path === base || path.startsWith(base + '/');
}

function slug(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

/**
 * Builds operations on a working copy: every operation is applied to the copy as it is made, so
 * the next one sees the objects it created, and the copy is the fixed result.
 */
class Patch {
  public readonly operations: FixOperation[] = [];

  /**
   * Adds `value` at `tokens` below the object at `base` unless something is there. Missing or
   * null parents are created as maps holding the rest; a parent of another type (malformed
   * input) is left alone. Returns false when nothing could be added.
   */
  public ensure(base: string, node: any, tokens: readonly string[], value: unknown, ruleId: string, container?: string): boolean {
    let current = node;
    let path = base;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      const child = own(current, token);
      path = appendPointer(path, token);
      if (child === undefined || child === null) {
        let nested: unknown = value;
        for (let j = tokens.length - 1; j > i; j--) nested = { [tokens[j]]: nested };
        current[token] = nested;
        this.push(path, clone(nested), ruleId, container);
        return true;
      }
      if (i === tokens.length - 1) return false; // present: never overridden
      if (!isObject(child)) return false; // malformed: the input check reports it
      current = child;
    }
    return false;
  }

  /** Appends to a list at `path` (`/-`). */
  public append(path: string, list: unknown[], value: unknown, ruleId: string, container?: string): void {
    list.push(value);
    this.push(`${path}/-`, clone(value), ruleId, container);
  }

  private push(path: string, value: unknown, ruleId: string, container?: string): void {
    this.operations.push(container !== undefined ? { op: 'add', path, value, ruleId, container } : { op: 'add', path, value, ruleId });
  }
}

/**
 * Fixes manifests for one policy. Pure: the same manifest always gives the same operations, and
 * the fixed manifest gives none (the fix is idempotent). An object that passes gets none. @internal
 */
export class ManifestFixer {
  public readonly evaluator: PolicyEvaluator;
  private readonly kinds: PodKindTable;
  public readonly fixes: HardeningFixes;

  constructor(settings: FixerSettings = {}) {
    // Each manifest is fixed on its own: cross-object rules (networkPolicy) are decided across
    // the whole set by the guard or `validate`, not per object, so they are left out here.
    this.evaluator = new PolicyEvaluator(splitSetRules(settings.evaluator ?? {}).main);
    this.kinds = new PodKindTable(settings.evaluator?.podTemplates ?? []);
    this.fixes = settings.fixes ?? {};
  }

  /** Fixes one manifest (a List item by item). */
  public fix(manifest: unknown): FixResult {
    const before = this.evaluator.evaluate(manifest);
    const fixed = clone(manifest);
    const entries = flattenManifests([fixed]);
    // A finding belongs to the object with the longest base path that contains it (a nested List's item).
    const bases = entries.map(e => e.basePath);
    const entryOf = (path: string) => {
      let best = -1;
      for (let i = 0; i < bases.length; i++) {
        if (insideOf(path, bases[i]) && (best < 0 || bases[i].length > bases[best].length)) best = i;
      }
      return best;
    };
    const failing: Array<Set<string>> = entries.map(() => new Set());
    for (const f of before) {
      const i = entryOf(f.path);
      if (i >= 0) failing[i].add(f.ruleId);
    }
    const patches: Patch[] = [];
    for (let i = 0; i < entries.length; i++) {
      const patch = new Patch();
      patches.push(patch);
      for (const template of this.kinds.locate(entries[i].object, entries[i].basePath).templates) {
        this.fixPod(patch, entries[i].object, template, failing[i]);
      }
    }
    const decisions = this.evaluator.evaluate(fixed);
    const perEntry: Finding[][] = entries.map(() => []);
    for (const f of decisions) {
      const i = entryOf(f.path);
      perEntry[i >= 0 ? i : 0].push(f);
    }
    const objects: ObjectFix[] = [];
    const operations: FixOperation[] = [];
    for (let i = 0; i < entries.length; i++) {
      const ops = patches[i].operations;
      operations.push(...ops);
      if (ops.length === 0 && perEntry[i].length === 0) continue;
      objects.push({ resource: resourceRefOf(entries[i].object), basePath: entries[i].basePath, operations: ops, decisions: perEntry[i] });
    }
    return { fixed, operations, objects, before, decisions };
  }

  private fixPod(patch: Patch, manifest: unknown, template: PodTemplateLocation, failing: Set<string>): void {
    const view = () => new PodView(manifest, template);
    const pod = view();
    const windows = pod.isWindows;
    const spec = template.spec;
    const specPath = template.specPath;
    const sc = (c: ContainerInfo) => own(c.spec, 'securityContext');

    // Seccomp: at pod level when neither the pod nor any container sets a profile; when some
    // container sets one, on each container that sets none. Never on Windows pods (the API refuses it).
    if (failing.has(seccompProfile_restricted.id) && !windows && own(own(spec, 'securityContext'), 'seccompProfile') === undefined) {
      const profile = { type: FIX_SECCOMP_TYPE };
      const anySet = pod.containers.some(c => own(sc(c), 'seccompProfile') !== undefined);
      if (!anySet) {
        patch.ensure(specPath, spec, ['securityContext', 'seccompProfile'], profile, seccompProfile_restricted.id);
      } else {
        for (const c of pod.containers) {
          patch.ensure(c.path, c.spec, ['securityContext', 'seccompProfile'], { ...profile }, seccompProfile_restricted.id, c.name);
        }
      }
    }

    // Not on containers the API refuses it for: privileged ones, and those adding CAP_SYS_ADMIN
    // (privileged is a decision, and so is the forbidden capability).
    if (failing.has(allowPrivilegeEscalation.id) && !windows) {
      for (const c of view().containers) {
        const add = own(own(sc(c), 'capabilities'), 'add');
        if (own(sc(c), 'privileged') === true || (Array.isArray(add) && add.some(a => a === 'SYS_ADMIN' || a === 'CAP_SYS_ADMIN'))) continue;
        patch.ensure(c.path, c.spec, ['securityContext', 'allowPrivilegeEscalation'], false, allowPrivilegeEscalation.id, c.name);
      }
    }

    if (failing.has(capabilities_restricted.id) && !windows) {
      for (const c of view().containers) {
        const capabilities = own(sc(c), 'capabilities');
        const drop = own(capabilities, 'drop');
        if (Array.isArray(drop)) {
          if (!drop.includes(RESTRICTED_DROP_CAPABILITY)) {
            patch.append(joinPointer(c.path, 'securityContext', 'capabilities', 'drop'), drop, RESTRICTED_DROP_CAPABILITY, capabilities_restricted.id, c.name);
          }
        } else {
          patch.ensure(c.path, c.spec, ['securityContext', 'capabilities', 'drop'], [RESTRICTED_DROP_CAPABILITY], capabilities_restricted.id, c.name);
        }
      }
    }

    // runAsNonRoot at pod level, when the pod leaves it unset, no container sets false, and
    // nothing runs as UID 0 (a UID is never forced, and runAsNonRoot with UID 0 cannot start).
    if (failing.has(runAsNonRoot.id)) {
      const p = view();
      const podSc = own(spec, 'securityContext');
      const rootUid = own(podSc, 'runAsUser') === 0 || p.containers.some(c => own(sc(c), 'runAsUser') === 0);
      const containerFalse = p.containers.some(c => own(sc(c), 'runAsNonRoot') === false);
      if (own(podSc, 'runAsNonRoot') === undefined && !containerFalse && !rootUid) {
        patch.ensure(specPath, spec, ['securityContext', 'runAsNonRoot'], true, runAsNonRoot.id);
      }
    }

    const fixes = this.fixes;
    if (fixes.disableServiceAccountToken) {
      patch.ensure(specPath, spec, ['automountServiceAccountToken'], false, serviceAccountToken.id);
    }
    if (fixes.readOnlyRootFilesystem && !windows) this.readOnly(patch, view(), spec, specPath);
    if (fixes.defaultRequests || fixes.defaultLimits) this.resources(patch, view());
  }

  private readOnly(patch: Patch, pod: PodView, spec: any, specPath: string): void {
    const paths = this.fixes.writablePaths ?? [];
    for (const c of pod.containers) {
      if (!patch.ensure(c.path, c.spec, ['securityContext', 'readOnlyRootFilesystem'], true, readOnlyRootFilesystem.id, c.name)) continue;
      for (const mountPath of paths) {
        const mounts = own(c.spec, 'volumeMounts');
        if (mounts !== undefined && mounts !== null && !Array.isArray(mounts)) break; // malformed
        if (Array.isArray(mounts) && mounts.some(m => isObject(m) && own(m, 'mountPath') === mountPath)) continue;
        const volumes = own(spec, 'volumes');
        if (volumes !== undefined && volumes !== null && !Array.isArray(volumes)) break; // malformed
        const name = this.volumeName(spec, c, mountPath);
        const volume = { name, emptyDir: {} };
        if (Array.isArray(volumes)) patch.append(appendPointer(specPath, 'volumes'), volumes, volume, readOnlyRootFilesystem.id, c.name);
        else patch.ensure(specPath, spec, ['volumes'], [volume], readOnlyRootFilesystem.id, c.name);
        const mount = { name, mountPath };
        if (Array.isArray(mounts)) patch.append(appendPointer(c.path, 'volumeMounts'), mounts, mount, readOnlyRootFilesystem.id, c.name);
        else patch.ensure(c.path, c.spec, ['volumeMounts'], [mount], readOnlyRootFilesystem.id, c.name);
      }
    }
  }

  /** A volume name that is a DNS label and unique in the pod: `writable-<container>-<path>`. */
  private volumeName(spec: any, c: ContainerInfo, mountPath: string): string {
    const taken = new Set<string>();
    const volumes = own(spec, 'volumes');
    if (Array.isArray(volumes)) for (const v of volumes) if (typeof own(v, 'name') === 'string') taken.add(own(v, 'name'));
    const base = `writable-${slug(c.name) || `${c.type === ContainerType.INIT ? 'init' : 'container'}${c.index}`}-${slug(mountPath) || 'root'}`.slice(0, 55).replace(/-+$/, '');
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
    return name;
  }

  private resources(patch: Patch, pod: PodView): void {
    const requests = this.fixes.defaultRequests ?? {};
    const limits = this.fixes.defaultLimits ?? {};
    for (const c of pod.containers) {
      if (c.type === ContainerType.EPHEMERAL) continue; // Kubernetes forbids resources on them
      const resources = own(c.spec, 'resources');
      if (resources !== undefined && resources !== null && !isObject(resources)) continue;
      for (const name of Object.keys(requests)) {
        // A limit without a request already requests as much: Kubernetes defaults one to the other.
        if (own(own(resources, 'limits'), name) !== undefined) continue;
        patch.ensure(c.path, c.spec, ['resources', 'requests', name], requests[name], resourceRequests.id, c.name);
      }
      for (const name of Object.keys(limits)) {
        const current = own(c.spec, 'resources');
        const request = own(own(current, 'requests'), name);
        const requested = quantityValue(request);
        if (request !== undefined && (requested === undefined || requested > quantityValue(limits[name])!)) continue;
        patch.ensure(c.path, c.spec, ['resources', 'limits', name], limits[name], resourceLimits.id, c.name);
      }
    }
  }
}
