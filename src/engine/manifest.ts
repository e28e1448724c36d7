import { joinPointer } from './_pointer';
import { isObject, own } from './_util';
import { BUILTIN_POD_KINDS } from './pod-templates';
import { ResourceRef } from './types';


/** A manifest inside the input: either a top-level one or an item of a List. @internal */
export interface ManifestEntry {
  /** The object. */
  readonly object: any;
  /** Index of the top-level manifest in the evaluator's input. */
  readonly manifestIndex: number;
  /** Pointer prefix of the object inside its top-level manifest (`''` or `/items/N`). */
  readonly basePath: string;
}

/** The kinds whose pod templates the engine evaluates (Kubernetes' own and well-known ones). @internal */
export const POD_BEARING_KINDS: readonly string[] = BUILTIN_POD_KINDS.map(k => k.kind);

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
