import { appendPointer, joinPointer, pointerToFieldPath } from './_pointer';
import { describeValue, isObject } from './_util';
import { apiGroupOf } from './pod-templates';

/**
 * A field of the input whose type Kubernetes would reject. @internal
 */
export interface InputProblem {
  /** JSON pointer of the field. */
  readonly path: string;
  /** What is wrong, naming the field and the value. */
  readonly detail: string;
  /** How to fix it. */
  readonly fix: string;
}

type Scalar = 'boolean' | 'integer' | 'string' | 'map' | 'stringMap' | 'any';

// What a schema node accepts, as a small integer the walker switches on.
const STRING = 0;
const BOOLEAN = 1;
const INTEGER = 2;
const MAP = 3;
const STRING_MAP = 4;
const ANY = 5;
const OBJECT = 6;
const ARRAY = 7;

const SCALAR_KINDS: { [k in Scalar]: number } = {
  string: STRING,
  boolean: BOOLEAN,
  integer: INTEGER,
  map: MAP,
  stringMap: STRING_MAP,
  any: ANY,
};

/**
 * One node of the schema. Every node has the same shape (one hidden class), so the walker's
 * property reads stay monomorphic even in a cold process.
 */
class Node {
  constructor(
    readonly kind: number,
    /** What the node expects, for messages. */
    readonly expected: string,
    /** For OBJECT: the fields rules read, in a prototype-free table (a `__proto__` key is never found). */
    readonly fields: { readonly [key: string]: Node } | null,
    /** For OBJECT: when set, keys outside `fields` are reported as unknown fields of this kind of object. */
    readonly strict: string | null,
    /** For ARRAY: the item node. */
    readonly items: Node | null,
  ) {}
}

const EXPECTED: { [k in Scalar]: string } = {
  boolean: 'a boolean (true or false)',
  integer: 'a whole number',
  string: 'a string',
  map: 'a map',
  stringMap: 'a map of strings',
  any: 'any value',
};

const SCALARS: { [k in Scalar]: Node } = {} as any;
for (const name of Object.keys(EXPECTED) as Scalar[]) SCALARS[name] = new Node(SCALAR_KINDS[name], EXPECTED[name], null, null, null);

type Spec = Scalar | Node;
const nodeOf = (spec: Spec): Node => (typeof spec === 'string' ? SCALARS[spec] : spec);

const obj = (fields: { [key: string]: Spec }, strict?: string): Node => {
  const table: { [key: string]: Node } = Object.create(null);
  for (const key of Object.keys(fields)) table[key] = nodeOf(fields[key]);
  return new Node(OBJECT, 'a map', table, strict ?? null, null);
};
const arr = (items: Spec): Node => new Node(ARRAY, 'a list', null, null, nodeOf(items));

const SECCOMP = obj({ type: 'string', localhostProfile: 'string' });
const APPARMOR = obj({ type: 'string', localhostProfile: 'string' });
const SELINUX = obj({ type: 'string', user: 'string', role: 'string', level: 'string' });
const WINDOWS = obj({ hostProcess: 'boolean', gmsaCredentialSpecName: 'string', gmsaCredentialSpec: 'string', runAsUserName: 'string' });
const HANDLER = obj({ httpGet: obj({ host: 'string' }), tcpSocket: obj({ host: 'string' }), exec: 'map', grpc: 'map', sleep: 'map' });

const CONTAINER = obj({
  name: 'string',
  image: 'string',
  imagePullPolicy: 'string',
  ports: arr(obj({ hostPort: 'integer', containerPort: 'integer', protocol: 'string', name: 'string', hostIP: 'string' })),
  securityContext: obj({
    privileged: 'boolean',
    allowPrivilegeEscalation: 'boolean',
    readOnlyRootFilesystem: 'boolean',
    runAsNonRoot: 'boolean',
    runAsUser: 'integer',
    runAsGroup: 'integer',
    procMount: 'string',
    capabilities: obj({ add: arr('string'), drop: arr('string') }),
    seccompProfile: SECCOMP,
    seLinuxOptions: SELINUX,
    appArmorProfile: APPARMOR,
    windowsOptions: WINDOWS,
  }),
  livenessProbe: HANDLER,
  readinessProbe: HANDLER,
  startupProbe: HANDLER,
  lifecycle: obj({ postStart: HANDLER, preStop: HANDLER }),
  resources: obj({ limits: 'map', requests: 'map' }),
  env: arr(obj({ name: 'string', value: 'string', valueFrom: obj({ secretKeyRef: 'map', configMapKeyRef: 'map' }) })),
  envFrom: arr(obj({ secretRef: 'map', configMapRef: 'map', prefix: 'string' })),
  volumeMounts: arr(obj({ name: 'string', mountPath: 'string', readOnly: 'boolean' })),
});

/**
 * Every volume source of the Kubernetes API. Volumes are checked strictly: the API server drops an
 * unknown (say, misspelled) source and then defaults the volume to `emptyDir`, which the
 * restricted level allows, so an unknown volume field must never pass silently.
 */
const VOLUME_SOURCES = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi',
  'glusterfs', 'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc',
  'azureFile', 'configMap', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected',
  'portworxVolume', 'scaleIO', 'storageos', 'csi', 'ephemeral', 'image',
];
const VOLUME_FIELDS: { [key: string]: Spec } = { name: 'string' };
// (each source is a map; hostPath is the one whose fields a rule reads)
for (const source of VOLUME_SOURCES) VOLUME_FIELDS[source] = 'map';
VOLUME_FIELDS.hostPath = obj({ path: 'string', type: 'string' });
VOLUME_FIELDS.projected = obj({ sources: arr(obj({ serviceAccountToken: 'map' })) });
const VOLUME = obj(VOLUME_FIELDS, 'volume');

const POD_SPEC = obj({
  hostNetwork: 'boolean',
  hostPID: 'boolean',
  hostIPC: 'boolean',
  hostUsers: 'boolean',
  automountServiceAccountToken: 'boolean',
  serviceAccountName: 'string',
  serviceAccount: 'string',
  os: obj({ name: 'string' }),
  securityContext: obj({
    runAsNonRoot: 'boolean',
    runAsUser: 'integer',
    runAsGroup: 'integer',
    fsGroup: 'integer',
    fsGroupChangePolicy: 'string',
    supplementalGroups: arr('integer'),
    seccompProfile: SECCOMP,
    seLinuxOptions: SELINUX,
    appArmorProfile: APPARMOR,
    windowsOptions: WINDOWS,
    sysctls: arr(obj({ name: 'string', value: 'string' })),
  }),
  volumes: arr(VOLUME),
  initContainers: arr(CONTAINER),
  containers: arr(CONTAINER),
  ephemeralContainers: arr(CONTAINER),
});

const METADATA = obj({ name: 'string', namespace: 'string', labels: 'stringMap', annotations: 'stringMap' });

function fixFor(fieldPath: string, node: Node): string {
  return `write ${fieldPath} as ${node.expected}, or remove it`;
}

/**
 * Where the walk is: the pointer it started from and the tokens below it. One walk is reused for
 * every check (the walk calls no outside code, so it is never re-entered): the tokens live on its
 * stack, and a pointer string, like the list of problems itself, is only built for a problem,
 * since the walk visits every field of every pod template and most input has no problem at all.
 */
class Walk {
  public base = '';
  public readonly tokens: Array<string | number> = [];
  public out: InputProblem[] | undefined = undefined;

  /** The list of problems, created on the first one. */
  public problems(): InputProblem[] {
    return (this.out ??= []);
  }
}

const WALK = new Walk();

/** What a check returns when it finds no problem: one shared, frozen empty list. */
const NO_PROBLEMS: InputProblem[] = Object.freeze([]) as unknown as InputProblem[];

/** Starts a check; `finish` returns its problems. */
function start(): Walk {
  // (reset in full, in case a previous walk was cut short by an exception from exotic input)
  WALK.tokens.length = 0;
  WALK.out = undefined;
  return WALK;
}

function finish(walk: Walk): InputProblem[] {
  const out = walk.out;
  walk.out = undefined;
  return out ?? NO_PROBLEMS;
}

function pointerOf(walk: Walk, extra?: string | number): string {
  let p = walk.base;
  for (const t of walk.tokens) p = appendPointer(p, t);
  return extra === undefined ? p : appendPointer(p, extra);
}

function typeProblem(walk: Walk, value: unknown, node: Node): void {
  const path = pointerOf(walk);
  const field = pointerToFieldPath(path);
  walk.problems().push({ path, detail: `${field} must be ${node.expected}, found ${describeValue(value)}`, fix: fixFor(field, node) });
}

function protoProblem(walk: Walk): void {
  // A `__proto__` key is never a Kubernetes field, and JavaScript code that copies the object
  // could turn it into the object's prototype, so it is reported wherever the engine reads.
  const path = pointerOf(walk, '__proto__');
  const field = pointerToFieldPath(path);
  walk.problems().push({ path, detail: `${field} is not a valid field name`, fix: `remove ${field}` });
}

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * True when a (non-null) value is acceptable for a scalar node as it is, so the walk needs
 * neither to descend nor to report. False for OBJECT, ARRAY and STRING_MAP, which the walk
 * checks itself.
 */
function scalarOk(value: unknown, kind: number): boolean {
  switch (kind) {
    case STRING: return typeof value === 'string';
    case BOOLEAN: return typeof value === 'boolean';
    case INTEGER: return Number.isInteger(value);
    case MAP: return typeof value === 'object' && !Array.isArray(value);
    case ANY: return true;
    default: return false;
  }
}

function checkStringMap(walk: Walk, value: { [key: string]: unknown }): void {
  if (hasOwn.call(value, '__proto__')) protoProblem(walk);
  for (const k in value) {
    const v = value[k];
    if (typeof v === 'string') continue;
    const path = pointerOf(walk, k);
    const field = pointerToFieldPath(path);
    walk.problems().push({ path, detail: `${field} must be a string, found ${describeValue(v)}`, fix: `quote the value of ${field}` });
  }
}

function checkArray(walk: Walk, value: unknown[], node: Node): void {
  const items = node.items!;
  const kind = items.kind;
  for (let i = 0; i < value.length; i++) {
    const item = value[i];
    if (item !== null && item !== undefined && scalarOk(item, kind)) continue;
    walk.tokens.push(i);
    if (item === null || item === undefined) {
      const path = pointerOf(walk);
      walk.problems().push({ path, detail: `${pointerToFieldPath(path)} must be ${items.expected}, found null`, fix: `remove the empty entry ${pointerToFieldPath(path)}` });
    } else {
      check(walk, item, items);
    }
    walk.tokens.pop();
  }
}

function checkObject(walk: Walk, value: { [key: string]: unknown }, node: Node): void {
  const fields = node.fields!;
  const strict = node.strict;
  if (strict === null && hasOwn.call(value, '__proto__')) protoProblem(walk);
  for (const k in value) {
    const child = fields[k];
    if (child === undefined) {
      if (strict !== null) {
        const path = pointerOf(walk, k);
        const field = pointerToFieldPath(path);
        walk.problems().push({ path, detail: `${field} is not a field of a ${strict}`, fix: `remove ${field} or correct its name` });
      }
      continue;
    }
    const v = value[k];
    // null means "unset" in Kubernetes, exactly as an absent field does.
    if (v === null || v === undefined || scalarOk(v, child.kind)) continue;
    walk.tokens.push(k);
    check(walk, v, child);
    walk.tokens.pop();
  }
}

/**
 * Checks `value` (non-null) against `node`; the walk's tokens point at it. The schema is a
 * finite tree, so the recursion is bounded by its depth whatever the input.
 */
function check(walk: Walk, value: unknown, node: Node): void {
  switch (node.kind) {
    case OBJECT:
      if (typeof value === 'object' && !Array.isArray(value)) checkObject(walk, value as { [key: string]: unknown }, node);
      else typeProblem(walk, value, node);
      return;
    case ARRAY:
      if (Array.isArray(value)) checkArray(walk, value, node);
      else typeProblem(walk, value, node);
      return;
    case STRING_MAP:
      if (typeof value === 'object' && !Array.isArray(value)) checkStringMap(walk, value as { [key: string]: unknown });
      else typeProblem(walk, value, node);
      return;
    default:
      if (!scalarOk(value, node.kind)) typeProblem(walk, value, node);
  }
}

/** Checks a value found at `base` (then `token`, when given), if it is set. */
function checkAt(walk: Walk, base: string, token: string | undefined, value: unknown, node: Node): void {
  if (value === null || value === undefined) return;
  walk.base = base;
  if (token === undefined) {
    check(walk, value, node);
    return;
  }
  walk.tokens.push(token);
  check(walk, value, node);
  walk.tokens.pop();
}

/**
 * Checks the types of every pod template field that any rule reads. A field of the wrong type
 * would otherwise read as absent, which could turn into an "allowed" verdict. Returns a shared
 * frozen empty list when there is no problem.
 * @internal
 */
export function checkPodTemplateInput(metadata: unknown, metadataPath: string, spec: unknown, specPath: string): InputProblem[] {
  const walk = start();
  checkAt(walk, metadataPath, undefined, metadata, METADATA);
  checkAt(walk, specPath, undefined, spec, POD_SPEC);
  if (isObject(spec)) {
    const containers = spec.containers;
    if (!Array.isArray(containers) || containers.length === 0) {
      if (containers === undefined || containers === null || Array.isArray(containers)) {
        const p = joinPointer(specPath, 'containers');
        walk.problems().push({ path: p, detail: `${pointerToFieldPath(p)} must list at least one container`, fix: 'add the pod\'s containers' });
      }
    }
  }
  return finish(walk);
}

const REQUIRED_KEYS = ['apiVersion', 'kind'];

const RBAC_GROUP = 'rbac.authorization.k8s.io';
const POLICY_RULES = arr(obj({
  apiGroups: arr('string'), resources: arr('string'), verbs: arr('string'), resourceNames: arr('string'), nonResourceURLs: arr('string'),
}));
const ROLE_REF = obj({ apiGroup: 'string', kind: 'string', name: 'string' });
const SUBJECTS = arr(obj({ apiGroup: 'string', kind: 'string', name: 'string', namespace: 'string' }));

/** The top-level fields rules read on kinds that run no pods, by kind, with the API group of the kind. */
const KIND_FIELDS: { [kind: string]: { readonly group: string; readonly fields: ReadonlyArray<readonly [string, Node]> } } = {
  Role: { group: RBAC_GROUP, fields: [['rules', POLICY_RULES]] },
  ClusterRole: { group: RBAC_GROUP, fields: [['rules', POLICY_RULES]] },
  RoleBinding: { group: RBAC_GROUP, fields: [['roleRef', ROLE_REF], ['subjects', SUBJECTS]] },
  ClusterRoleBinding: { group: RBAC_GROUP, fields: [['roleRef', ROLE_REF], ['subjects', SUBJECTS]] },
  ServiceAccount: { group: '', fields: [['automountServiceAccountToken', nodeOf('boolean')]] },
  Secret: { group: '', fields: [['data', nodeOf('stringMap')], ['stringData', nodeOf('stringMap')], ['type', nodeOf('string')]] },
};

/**
 * Checks the top-level shape every manifest needs: an object with a string `apiVersion` and
 * `kind`, and `metadata` as a map; and, on Roles, ClusterRoles, their bindings, ServiceAccounts
 * and Secrets, the types of the fields the rules read there. Returns a shared frozen empty list when there is no problem.
 * @internal
 */
export function checkManifestInput(object: unknown, basePath: string): InputProblem[] {
  if (!isObject(object)) {
    return [{
      path: basePath,
      detail: `a manifest must be a map with apiVersion and kind, found ${describeValue(object)}`,
      fix: 'remove the document or write it as a Kubernetes object',
    }];
  }
  const walk = start();
  if (hasOwn.call(object, '__proto__')) {
    walk.base = basePath;
    protoProblem(walk);
  }
  for (let i = 0; i < REQUIRED_KEYS.length; i++) {
    const key = REQUIRED_KEYS[i];
    const value = hasOwn.call(object, key) ? object[key] : undefined;
    if (typeof value !== 'string' || value === '') {
      const p = joinPointer(basePath, key);
      walk.problems().push({
        path: p,
        detail: value === undefined ? `${key} is missing` : `${key} must be a non-empty string, found ${describeValue(value)}`,
        fix: `set ${key}`,
      });
    }
  }
  const metadata = hasOwn.call(object, 'metadata') ? object.metadata : undefined;
  checkAt(walk, basePath, 'metadata', metadata, METADATA);
  const kind = hasOwn.call(object, 'kind') ? object.kind : undefined;
  const shape = typeof kind === 'string' && hasOwn.call(KIND_FIELDS, kind) ? KIND_FIELDS[kind] : undefined;
  if (shape && apiGroupOf(object.apiVersion) === shape.group) {
    for (const [field, node] of shape.fields) checkAt(walk, basePath, field, hasOwn.call(object, field) ? object[field] : undefined, node);
  }
  return finish(walk);
}
