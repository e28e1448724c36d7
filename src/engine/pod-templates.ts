import { appendPointer, pointerToFieldPath, splitPointer } from './_pointer';
import { isObject, own } from './_util';
import { PodTemplateKind } from './types';

/**
 * The one table of kinds whose pod templates the engine evaluates, and where their templates
 * are. Rules, the rule catalog and the docs read it from here. @internal
 */
export interface PodKindSpec {
  /** The kind. */
  readonly kind: string;
  /** API groups the kind belongs to ('' is the core group). */
  readonly groups: readonly string[];
  /**
   * For Kubernetes' own kinds: the apiVersions the API has served, the current one first. Another
   * apiVersion in a Kubernetes group (`v1` for a Deployment) is an input error.
   */
  readonly apiVersions?: readonly string[];
  /** Where the pod templates are, as written in docs and config: `spec.template`, `spec.nodeSets[*].podTemplate`. */
  readonly paths: readonly string[];
  /** True when Kubernetes' pod-security admission evaluates this kind. */
  readonly admission: boolean;
  /** Who declared the kind: this library, or the user (`podTemplates`). */
  readonly origin: 'builtin' | 'declared';
}

/** Kubernetes' own pod-bearing kinds, as pod-security admission's DefaultPodSpecExtractor lists them. */
const KUBERNETES_KINDS: readonly PodKindSpec[] = [
  { kind: 'Pod', groups: [''], apiVersions: ['v1'], paths: [''], admission: true, origin: 'builtin' },
  { kind: 'PodTemplate', groups: [''], apiVersions: ['v1'], paths: ['template'], admission: true, origin: 'builtin' },
  { kind: 'ReplicationController', groups: [''], apiVersions: ['v1'], paths: ['spec.template'], admission: true, origin: 'builtin' },
  { kind: 'ReplicaSet', groups: ['apps', 'extensions'], apiVersions: ['apps/v1', 'apps/v1beta2', 'extensions/v1beta1'], paths: ['spec.template'], admission: true, origin: 'builtin' },
  { kind: 'Deployment', groups: ['apps', 'extensions'], apiVersions: ['apps/v1', 'apps/v1beta1', 'apps/v1beta2', 'extensions/v1beta1'], paths: ['spec.template'], admission: true, origin: 'builtin' },
  { kind: 'DaemonSet', groups: ['apps', 'extensions'], apiVersions: ['apps/v1', 'apps/v1beta2', 'extensions/v1beta1'], paths: ['spec.template'], admission: true, origin: 'builtin' },
  { kind: 'StatefulSet', groups: ['apps'], apiVersions: ['apps/v1', 'apps/v1beta1', 'apps/v1beta2'], paths: ['spec.template'], admission: true, origin: 'builtin' },
  { kind: 'Job', groups: ['batch'], apiVersions: ['batch/v1'], paths: ['spec.template'], admission: true, origin: 'builtin' },
  { kind: 'CronJob', groups: ['batch'], apiVersions: ['batch/v1', 'batch/v1beta1', 'batch/v2alpha1'], paths: ['spec.jobTemplate.spec.template'], admission: true, origin: 'builtin' },
];

/**
 * Well-known kinds of other projects whose pod template sits at a fixed path. Pod-security
 * admission does not evaluate them (their pods are checked when their controllers create them).
 */
const WELL_KNOWN_KINDS: readonly PodKindSpec[] = [
  { kind: 'DeploymentConfig', groups: ['apps.openshift.io'], paths: ['spec.template'], admission: false, origin: 'builtin' },
  { kind: 'Rollout', groups: ['argoproj.io'], paths: ['spec.template'], admission: false, origin: 'builtin' },
  { kind: 'Service', groups: ['serving.knative.dev'], paths: ['spec.template'], admission: false, origin: 'builtin' },
  { kind: 'Configuration', groups: ['serving.knative.dev'], paths: ['spec.template'], admission: false, origin: 'builtin' },
  { kind: 'ScaledJob', groups: ['keda.sh'], paths: ['spec.jobTargetRef.template'], admission: false, origin: 'builtin' },
  { kind: 'CloneSet', groups: ['apps.kruise.io'], paths: ['spec.template'], admission: false, origin: 'builtin' },
];

/** The names of Kubernetes' own pod-bearing kinds. @internal */
export const KUBERNETES_POD_KINDS: readonly string[] = KUBERNETES_KINDS.map(k => k.kind);

/**
 * One of Kubernetes' own pod-bearing kinds: its API groups and the pointer tokens from the object
 * to its pod template (`[]` for a Pod). Undefined for any other kind. @internal
 */
export function kubernetesPodKind(kind: string): { groups: readonly string[]; templatePath: readonly string[] } | undefined {
  const spec = KUBERNETES_KINDS.find(k => k.kind === kind);
  if (!spec) return undefined;
  return { groups: spec.groups, templatePath: spec.paths[0] === '' ? [] : spec.paths[0].split('.') };
}

/** Every built-in pod-bearing kind: Kubernetes' own, then the well-known ones. @internal */
export const BUILTIN_POD_KINDS: readonly PodKindSpec[] = [...KUBERNETES_KINDS, ...WELL_KNOWN_KINDS];

/**
 * JSON pointer of the pod spec in an object of one of Kubernetes' kinds, from the table:
 * `/spec` for a Pod, `/spec/template/spec` for a Deployment. @internal
 */
export function podSpecPointer(kind: string): string {
  const spec = KUBERNETES_KINDS.find(k => k.kind === kind);
  if (!spec) throw new Error(`kind ${kind} is not one of Kubernetes' pod-bearing kinds`);
  const path = spec.paths[0];
  return `${path === '' ? '' : `/${path.split('.').join('/')}`}/spec`;
}

/** The API group of an apiVersion (`apps/v1` → `apps`, `v1` → ''). @internal */
export function apiGroupOf(apiVersion: unknown): string | undefined {
  if (typeof apiVersion !== 'string') return undefined;
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** True for the groups of Kubernetes itself: the core group, `apps`, `batch`, `*.k8s.io`. */
function isKubernetesGroup(group: string): boolean {
  return !group.includes('.') || group.endsWith('.k8s.io');
}

const FIELD = /^[^.[\]*]+$/;

/**
 * Checks a template path (`spec.template`, `spec.nodeSets[*].podTemplate`) and returns its
 * tokens (`*` for every item of a list), or the reason it is not valid. @internal
 */
export function parseTemplatePath(path: string): { tokens: string[] } | { error: string } {
  if (path === '') return { tokens: [] };
  const tokens: string[] = [];
  for (const part of path.split('.')) {
    const m = /^([^[\]]*)((?:\[\*\])*)$/.exec(part);
    if (!m || !FIELD.test(m[1])) {
      return { error: `path "${path}" is not field names joined by "." with [*] after a list, e.g. "spec.nodeSets[*].podTemplate"` };
    }
    tokens.push(m[1]);
    for (let i = 0; i < m[2].length / 3; i++) tokens.push('*');
  }
  return { tokens };
}

/** A pod-bearing kind ready for lookups. @internal */
export interface PodKind {
  readonly spec: PodKindSpec;
  /** Pointer tokens of each template path. */
  readonly tokenPaths: readonly (readonly string[])[];
  /** True for one path that goes through no list. */
  readonly simple: boolean;
}

/** Where a pod template sits inside a manifest. @internal */
export interface PodTemplateLocation {
  /** The template's metadata, or undefined. */
  readonly metadata: any;
  /** The pod spec. */
  readonly spec: any;
  /** JSON pointer of the metadata (even when absent). */
  readonly metadataPath: string;
  /** JSON pointer of the spec. */
  readonly specPath: string;
  /** JSON pointer of the object that holds the template (`''`, or `/items/N` inside a List). */
  readonly objectPath: string;
}

/** What `PodKindTable.locate` found. @internal */
export interface LocatedTemplates {
  /** The kind, when the object is of a pod-bearing kind. */
  readonly kind?: PodKind;
  /** The templates found. */
  readonly templates: PodTemplateLocation[];
  /** Where a template Kubernetes requires is missing or not a map. */
  readonly missingAt?: string;
  /** The value found there. */
  readonly found?: unknown;
  /** For a Kubernetes kind under an apiVersion it has never had: the current apiVersion. */
  readonly expectedApiVersion?: string;
}

/**
 * Looks up pod-bearing kinds: the built-in ones and those a user declared. @internal
 */
export class PodKindTable {
  /** The table of the built-in kinds only. */
  public static builtin(): PodKindTable {
    return (PodKindTable.builtinTable ??= new PodKindTable([]));
  }

  /**
   * Checks user declarations and returns the reason the first bad one is refused, or undefined.
   * @param where how to name the declarations in the message, e.g. `podTemplates`
   */
  public static validate(declared: readonly PodTemplateKind[], where: string): string | undefined {
    for (let i = 0; i < declared.length; i++) {
      const d = declared[i] as PodTemplateKind | undefined;
      const at = `${where}[${i}]`;
      if (!isObject(d)) return `${at} must be a map with kind, group and paths`;
      if (typeof d.kind !== 'string' || !/^[A-Za-z][A-Za-z0-9]*$/.test(d.kind)) return `${at}.kind must be a kind such as "Elasticsearch"`;
      if (typeof d.group !== 'string' || d.group.trim() === '' || d.group.includes('/')) {
        return `${at}.group must be the API group of ${d.kind} without its version, e.g. "elasticsearch.k8s.elastic.co"`;
      }
      if (BUILTIN_POD_KINDS.some(b => b.kind === d.kind && b.groups.includes(d.group))) {
        return `${at} declares ${d.kind} of group "${d.group}", which is built in: remove the declaration`;
      }
      if (!Array.isArray(d.paths) || d.paths.length === 0) return `${at}.paths must be a non-empty list such as ["spec.template"]`;
      for (let j = 0; j < d.paths.length; j++) {
        const p = d.paths[j];
        if (typeof p !== 'string' || p === '') return `${at}.paths[${j}] must be a path such as "spec.nodeSets[*].podTemplate"`;
        const parsed = parseTemplatePath(p);
        if ('error' in parsed) return `${at}.paths[${j}]: ${parsed.error}`;
      }
    }
    return undefined;
  }

  private static builtinTable?: PodKindTable;

  private readonly byKind = new Map<string, PodKind[]>();

  /** Builds a table of the built-in kinds and `declared` (validate them first). */
  constructor(declared: readonly PodTemplateKind[]) {
    const specs: PodKindSpec[] = [
      ...BUILTIN_POD_KINDS,
      ...declared.map(d => ({ kind: d.kind, groups: [d.group], paths: [...d.paths], admission: false, origin: 'declared' as const })),
    ];
    for (const spec of specs) {
      const tokenPaths = spec.paths.map(p => {
        const parsed = parseTemplatePath(p);
        if ('error' in parsed) throw new Error(`invalid pod template path of ${spec.kind}: ${parsed.error}`);
        return parsed.tokens;
      });
      const list = this.byKind.get(spec.kind) ?? [];
      list.push({ spec, tokenPaths, simple: tokenPaths.length === 1 && !tokenPaths[0].includes('*') });
      this.byKind.set(spec.kind, list);
    }
  }

  /**
   * The pod-bearing kind of an object, or undefined. A missing apiVersion is read as the kind's
   * own group, so a malformed manifest is still checked; so is a Kubernetes kind under an
   * apiVersion of a Kubernetes group it does not belong to (`v1` Deployment), which
   * `expectedApiVersion` then names.
   */
  public kindOf(object: unknown): { kind: PodKind; expectedApiVersion?: string } | undefined {
    if (!isObject(object)) return undefined;
    const kindName = own(object, 'kind');
    if (typeof kindName !== 'string') return undefined;
    const candidates = this.byKind.get(kindName);
    if (!candidates) return undefined;
    const apiVersion = own(object, 'apiVersion');
    const group = apiGroupOf(apiVersion);
    if (group === undefined) return { kind: candidates[0] };
    const match = candidates.find(c => c.spec.groups.includes(group));
    if (match) {
      const versions = match.spec.apiVersions;
      if (versions && !versions.includes(apiVersion as string)) return { kind: match, expectedApiVersion: versions[0] };
      return { kind: match };
    }
    const kubernetes = candidates.find(c => c.spec.apiVersions !== undefined);
    if (kubernetes && isKubernetesGroup(group)) return { kind: kubernetes, expectedApiVersion: kubernetes.spec.apiVersions![0] };
    return undefined;
  }

  /**
   * Finds the pod templates of an object, following pod-security admission's
   * DefaultPodSpecExtractor for Kubernetes' kinds. For those, a missing template is reported in
   * `missingAt`; other kinds may leave a template out (an Argo Rollout with a workloadRef).
   */
  public locate(object: any, basePath: string): LocatedTemplates {
    const found = this.kindOf(object);
    if (!found) return { templates: [] };
    const { kind, expectedApiVersion } = found;
    const strict = kind.spec.admission;
    if (kind.simple) {
      // The common case, one path without lists (every Kubernetes kind): a plain walk.
      const tokens = kind.tokenPaths[0];
      let node: any = object;
      let path = basePath;
      for (let i = 0; i < tokens.length; i++) {
        node = own(node, tokens[i]);
        path = appendPointer(path, tokens[i]);
        if (!isObject(node)) {
          if (!strict) return expectedApiVersion !== undefined ? { kind, templates: [], expectedApiVersion } : { kind, templates: [] };
          return { kind, templates: [], missingAt: path, found: node, ...(expectedApiVersion !== undefined ? { expectedApiVersion } : {}) };
        }
      }
      const spec = own(node, 'spec');
      const specPath = appendPointer(path, 'spec');
      let templates: PodTemplateLocation[];
      if (isObject(spec)) {
        templates = [{ metadata: own(node, 'metadata'), spec, metadataPath: appendPointer(path, 'metadata'), specPath, objectPath: basePath }];
      } else if (!strict && Array.isArray(own(node, 'containers'))) {
        templates = [{ metadata: undefined, spec: node, metadataPath: appendPointer(path, 'metadata'), specPath: path, objectPath: basePath }];
      } else {
        if (!strict) return expectedApiVersion !== undefined ? { kind, templates: [], expectedApiVersion } : { kind, templates: [] };
        return { kind, templates: [], missingAt: specPath, found: spec, ...(expectedApiVersion !== undefined ? { expectedApiVersion } : {}) };
      }
      return expectedApiVersion !== undefined ? { kind, templates, expectedApiVersion } : { kind, templates };
    }
    const templates: PodTemplateLocation[] = [];
    let missingAt: string | undefined;
    let missingValue: unknown;
    const visit = (node: any, path: string, tokens: readonly string[], at: number) => {
      if (at === tokens.length) {
        const spec = own(node, 'spec');
        if (isObject(spec)) {
          templates.push({ metadata: own(node, 'metadata'), spec, metadataPath: appendPointer(path, 'metadata'), specPath: appendPointer(path, 'spec'), objectPath: basePath });
        } else if (!strict && Array.isArray(own(node, 'containers'))) {
          // A declared path may name a pod spec itself rather than a template.
          templates.push({ metadata: undefined, spec: node, metadataPath: appendPointer(path, 'metadata'), specPath: path, objectPath: basePath });
        } else if (strict && missingAt === undefined) {
          missingAt = appendPointer(path, 'spec');
          missingValue = spec;
        }
        return;
      }
      const token = tokens[at];
      if (token === '*') {
        if (!Array.isArray(node)) return;
        for (let i = 0; i < node.length; i++) if (isObject(node[i])) visit(node[i], appendPointer(path, i), tokens, at + 1);
        return;
      }
      const next = own(node, token);
      const nextPath = appendPointer(path, token);
      if (tokens[at + 1] === '*' ? Array.isArray(next) : isObject(next)) {
        visit(next, nextPath, tokens, at + 1);
      } else if (strict && missingAt === undefined) {
        missingAt = nextPath;
        missingValue = next;
      }
    };
    for (const tokens of kind.tokenPaths) visit(object, basePath, tokens, 0);
    return {
      kind,
      templates,
      ...(missingAt !== undefined ? { missingAt, found: missingValue } : {}),
      ...(expectedApiVersion !== undefined ? { expectedApiVersion } : {}),
    };
  }
}

/**
 * Pod-spec-shaped values: maps holding a `containers` list with at least one map that has a
 * string `image`. Returns the pointer of each such value's template (the map holding it as
 * `spec`) or of the value itself, skipping the subtrees at `skip` and the object's own
 * `metadata` and `status`. @internal
 */
export function findPodShapes(object: unknown, basePath: string, skip: readonly string[]): string[] {
  const out: string[] = [];
  const stack: Array<{ node: unknown; path: string; depth: number; parent?: unknown; key?: string }> = [{ node: object, path: basePath, depth: 0 }];
  while (stack.length > 0) {
    const { node, path, depth, parent, key } = stack.pop()!;
    if (depth > 64 || (skip.length > 0 && skip.includes(path))) continue;
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) if (typeof node[i] === 'object' && node[i] !== null) stack.push({ node: node[i], path: appendPointer(path, i), depth: depth + 1 });
      continue;
    }
    if (!isObject(node)) continue;
    const containers = own(node, 'containers');
    if (Array.isArray(containers) && containers.some(c => isObject(c) && typeof own(c, 'image') === 'string')) {
      out.push(key === 'spec' && isObject(parent) && parent !== object ? path.slice(0, path.length - '/spec'.length) : path);
      continue;
    }
    const keys = Object.keys(node);
    for (let i = keys.length - 1; i >= 0; i--) {
      const k = keys[i];
      if (depth === 0 && (k === 'metadata' || k === 'status')) continue;
      const v = (node as any)[k];
      if (typeof v === 'object' && v !== null) stack.push({ node: v, path: appendPointer(path, k), depth: depth + 1, parent: node, key: k });
    }
  }
  return out;
}

/** A template pointer as a declarable path: list indexes become `[*]` (`/spec/sets/0/tpl` → `spec.sets[*].tpl`). @internal */
export function declarablePath(pointer: string, basePath: string): string {
  const tokens = splitPointer(pointer.slice(basePath.length));
  let out = '';
  for (const t of tokens) {
    if (/^(0|[1-9][0-9]*)$/.test(t)) out += '[*]';
    else out += (out === '' ? '' : '.') + t;
  }
  return out;
}

/** A pointer as a field path for messages (`spec.nodeSets[0].podTemplate`). @internal */
export function fieldPathOf(pointer: string, basePath: string): string {
  return pointerToFieldPath(pointer.slice(basePath.length));
}
