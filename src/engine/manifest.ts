import { appendPointer, joinPointer } from './_pointer';
import { isObject, own } from './_util';
import { ResourceRef } from './types';

/**
 * Where a pod template sits inside a manifest. @internal
 */
export interface PodTemplateLocation {
  /** The template's metadata, or undefined. */
  readonly metadata: any;
  /** The pod spec. */
  readonly spec: any;
  /** JSON pointer of the metadata (even when absent). */
  readonly metadataPath: string;
  /** JSON pointer of the spec. */
  readonly specPath: string;
}

/** A manifest inside the input: either a top-level one or an item of a List. @internal */
export interface ManifestEntry {
  /** The object. */
  readonly object: any;
  /** Index of the top-level manifest in the evaluator's input. */
  readonly manifestIndex: number;
  /** Pointer prefix of the object inside its top-level manifest (`''` or `/items/N`). */
  readonly basePath: string;
}

interface PodKind {
  /** API groups the kind belongs to ('' is the core group). */
  readonly groups: readonly string[];
  /** Pointer tokens from the object root to the pod template (`[]` for a Pod itself). */
  readonly templatePath: readonly string[];
}

const POD_KINDS: { [kind: string]: PodKind } = {
  Pod: { groups: [''], templatePath: [] },
  PodTemplate: { groups: [''], templatePath: ['template'] },
  ReplicationController: { groups: [''], templatePath: ['spec', 'template'] },
  ReplicaSet: { groups: ['apps', 'extensions'], templatePath: ['spec', 'template'] },
  Deployment: { groups: ['apps', 'extensions'], templatePath: ['spec', 'template'] },
  DaemonSet: { groups: ['apps', 'extensions'], templatePath: ['spec', 'template'] },
  StatefulSet: { groups: ['apps'], templatePath: ['spec', 'template'] },
  Job: { groups: ['batch'], templatePath: ['spec', 'template'] },
  CronJob: { groups: ['batch'], templatePath: ['spec', 'jobTemplate', 'spec', 'template'] },
};

/** The API group of an apiVersion (`apps/v1` → `apps`, `v1` → ''). @internal */
export function apiGroupOf(apiVersion: unknown): string | undefined {
  if (typeof apiVersion !== 'string') return undefined;
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/**
 * The JSON pointer of the pod spec in a manifest of a built-in pod-bearing kind, e.g.
 * `/spec/template/spec` for a Deployment and `/spec` for a Pod. @internal
 */
export function podSpecPointer(kind: string): string {
  const spec = Object.prototype.hasOwnProperty.call(POD_KINDS, kind) ? POD_KINDS[kind] : undefined;
  if (!spec) throw new Error(`"${kind}" runs no pods, expecting one of: ${Object.keys(POD_KINDS).join(', ')}`);
  return ['', ...spec.templatePath, 'spec'].join('/');
}

/** The kinds whose pod templates the engine evaluates. @internal */
export const POD_BEARING_KINDS: readonly string[] = Object.keys(POD_KINDS);

/** The API groups of a pod-bearing kind ('' is the core group); undefined for other kinds. @internal */
export function podKindGroups(kind: string): readonly string[] | undefined {
  return Object.prototype.hasOwnProperty.call(POD_KINDS, kind) ? POD_KINDS[kind].groups : undefined;
}

/**
 * How a manifest runs pods: undefined when it does not (unknown kinds are not applicable).
 * A missing apiVersion is treated as the kind's own group, so a malformed manifest is still checked.
 * @internal
 */
export function podKindOf(object: unknown): PodKind | undefined {
  if (!isObject(object)) return undefined;
  const kind = own(object, 'kind');
  if (typeof kind !== 'string' || !Object.prototype.hasOwnProperty.call(POD_KINDS, kind)) return undefined;
  const spec = POD_KINDS[kind];
  const group = apiGroupOf(own(object, 'apiVersion'));
  if (group !== undefined && !spec.groups.includes(group)) return undefined;
  return spec;
}

/**
 * Finds the pod template of a pod-bearing object, following pod-security admission's
 * DefaultPodSpecExtractor. Returns undefined when the object runs no pods, and
 * `{ missing: pointer }` when it should have a template but does not.
 * @internal
 */
export function locatePodTemplate(object: any, basePath: string):
{ template?: PodTemplateLocation; missingAt?: string; found?: unknown; kind?: PodKind } {
  const kind = podKindOf(object);
  if (!kind) return {};
  let node: any = object;
  let path = basePath;
  const tokens = kind.templatePath;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    node = own(node, token);
    path = appendPointer(path, token);
    if (!isObject(node)) return { missingAt: path, found: node, kind };
  }
  const spec = own(node, 'spec');
  const specPath = appendPointer(path, 'spec');
  if (!isObject(spec)) return { missingAt: specPath, found: spec, kind };
  return {
    kind,
    template: {
      metadata: own(node, 'metadata'),
      spec,
      metadataPath: appendPointer(path, 'metadata'),
      specPath,
    },
  };
}

/** Identity of a resource, tolerant of missing or malformed metadata. @internal */
export function resourceRefOf(object: unknown): ResourceRef {
  const metadata = own(object, 'metadata');
  const apiVersion = own(object, 'apiVersion');
  const kind = own(object, 'kind');
  const name = own(metadata, 'name');
  const namespace = own(metadata, 'namespace');
  // Built field by field, in this order, with `namespace` only when it is set (no spreads).
  const ref: { -readonly [K in keyof ResourceRef]: ResourceRef[K] } = {
    apiVersion: typeof apiVersion === 'string' ? apiVersion : '',
    kind: typeof kind === 'string' ? kind : '',
    name: typeof name === 'string' ? name : '',
  };
  if (typeof namespace === 'string' && namespace !== '') ref.namespace = namespace;
  return ref;
}

/** True for `kind: List` (and `<Kind>List`) objects with an `items` list. @internal */
export function isListObject(object: unknown): boolean {
  if (!isObject(object)) return false;
  const kind = own(object, 'kind');
  return typeof kind === 'string' && kind.endsWith('List') && Array.isArray(own(object, 'items'));
}

/**
 * Flattens the evaluator's input: a List contributes its items (recursively), every other
 * object contributes itself.
 * @internal
 */
export function flattenManifests(manifests: readonly unknown[]): ManifestEntry[] {
  const out: ManifestEntry[] = [];
  for (let i = 0; i < manifests.length; i++) {
    if (!(i in manifests)) continue; // holes of a sparse array are skipped, as forEach does
    const object = manifests[i];
    // The common case, an object that is not a List, needs no recursion.
    if (isListObject(object)) visitList(object, i, '', 0, out);
    else out.push({ object, manifestIndex: i, basePath: '' });
  }
  return out;
}

function visitList(object: unknown, manifestIndex: number, basePath: string, depth: number, out: ManifestEntry[]): void {
  if (depth >= 16) {
    out.push({ object, manifestIndex, basePath });
    return;
  }
  const items: unknown[] = own(object, 'items');
  for (let i = 0; i < items.length; i++) {
    if (!(i in items)) continue;
    const item = items[i];
    const itemPath = joinPointer(basePath, 'items', i);
    if (isListObject(item)) visitList(item, manifestIndex, itemPath, depth + 1, out);
    else out.push({ object: item, manifestIndex, basePath: itemPath });
  }
}
