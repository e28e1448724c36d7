import { joinPointer, pointerToFieldPath } from './_pointer';
import { describeValue, isObject } from './_util';

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
interface ObjectNode {
  readonly fields: { readonly [key: string]: Node };
  /** When set, keys outside `fields` are reported as unknown fields of this kind of object. */
  readonly strict?: string;
}
interface ArrayNode { readonly items: Node }
type Node = Scalar | ObjectNode | ArrayNode;

const obj = (fields: { [key: string]: Node }, strict?: string): ObjectNode => (strict ? { fields, strict } : { fields });
const arr = (items: Node): ArrayNode => ({ items });

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
const VOLUME_FIELDS: { [key: string]: Node } = { name: 'string' };
for (const source of VOLUME_SOURCES) VOLUME_FIELDS[source] = 'map';
VOLUME_FIELDS.hostPath = obj({ path: 'string', type: 'string' });
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

const EXPECTED: { [k in Scalar]: string } = {
  boolean: 'a boolean (true or false)',
  integer: 'a whole number',
  string: 'a string',
  map: 'a map',
  stringMap: 'a map of strings',
  any: 'any value',
};

function expectedOf(node: Node): string {
  if (typeof node === 'string') return EXPECTED[node];
  return 'items' in node ? 'a list' : 'a map';
}

function fixFor(fieldPath: string, node: Node): string {
  return `write ${fieldPath} as ${expectedOf(node)}, or remove it`;
}

function check(value: unknown, node: Node, path: string, out: InputProblem[], depth: number): void {
  // null means "unset" in Kubernetes, exactly as an absent field does.
  if (value === null || value === undefined || depth > 64) return;
  const problem = (): void => {
    const field = pointerToFieldPath(path);
    out.push({
      path,
      detail: `${field} must be ${expectedOf(node)}, found ${describeValue(value)}`,
      fix: fixFor(field, node),
    });
  };
  if (typeof node === 'string') {
    switch (node) {
      case 'boolean': if (typeof value !== 'boolean') problem(); return;
      case 'integer': if (typeof value !== 'number' || !Number.isInteger(value)) problem(); return;
      case 'string': if (typeof value !== 'string') problem(); return;
      case 'map': if (!isObject(value)) problem(); return;
      case 'stringMap':
        if (!isObject(value)) { problem(); return; }
        checkProtoKey(value, path, out);
        for (const key of Object.keys(value)) {
          const v = value[key];
          if (typeof v !== 'string') {
            const p = joinPointer(path, key);
            const field = pointerToFieldPath(p);
            out.push({ path: p, detail: `${field} must be a string, found ${describeValue(v)}`, fix: `quote the value of ${field}` });
          }
        }
        return;
      default: return;
    }
  }
  if ('items' in node) {
    if (!Array.isArray(value)) { problem(); return; }
    value.forEach((item, i) => {
      const p = joinPointer(path, i);
      if (item === null || item === undefined) {
        out.push({ path: p, detail: `${pointerToFieldPath(p)} must be ${expectedOf(node.items)}, found null`, fix: `remove the empty entry ${pointerToFieldPath(p)}` });
        return;
      }
      check(item, node.items, p, out, depth + 1);
    });
    return;
  }
  if (!isObject(value)) { problem(); return; }
  if (node.strict !== undefined) {
    for (const key of Object.keys(value)) {
      if (Object.prototype.hasOwnProperty.call(node.fields, key)) continue;
      const field = pointerToFieldPath(joinPointer(path, key));
      out.push({ path: joinPointer(path, key), detail: `${field} is not a field of a ${node.strict}`, fix: `remove ${field} or correct its name` });
    }
  } else {
    checkProtoKey(value, path, out);
  }
  for (const key of Object.keys(node.fields)) {
    if (Object.prototype.hasOwnProperty.call(value, key)) {
      check(value[key], node.fields[key], joinPointer(path, key), out, depth + 1);
    }
  }
}

/**
 * A `__proto__` key is never a Kubernetes field, and JavaScript code that copies the object could
 * turn it into the object's prototype, so it is reported wherever the engine reads.
 */
function checkProtoKey(value: { [key: string]: any }, path: string, out: InputProblem[]): void {
  if (Object.prototype.hasOwnProperty.call(value, '__proto__')) {
    const p = joinPointer(path, '__proto__');
    const field = pointerToFieldPath(p);
    out.push({ path: p, detail: `${field} is not a valid field name`, fix: `remove ${field}` });
  }
}

/**
 * Checks the types of every pod template field that any rule reads. A field of the wrong type
 * would otherwise read as absent, which could turn into an "allowed" verdict.
 * @internal
 */
export function checkPodTemplateInput(metadata: unknown, metadataPath: string, spec: unknown, specPath: string): InputProblem[] {
  const out: InputProblem[] = [];
  check(metadata, METADATA, metadataPath, out, 0);
  check(spec, POD_SPEC, specPath, out, 0);
  if (isObject(spec)) {
    const containers = spec.containers;
    if (!Array.isArray(containers) || containers.length === 0) {
      if (containers === undefined || containers === null || Array.isArray(containers)) {
        const p = joinPointer(specPath, 'containers');
        out.push({ path: p, detail: `${pointerToFieldPath(p)} must list at least one container`, fix: 'add the pod\'s containers' });
      }
    }
  }
  return out;
}

/**
 * Checks the top-level shape every manifest needs: an object with a string `apiVersion` and
 * `kind`, and `metadata` as a map.
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
  const out: InputProblem[] = [];
  checkProtoKey(object, basePath, out);
  for (const key of ['apiVersion', 'kind']) {
    const value = Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
    if (typeof value !== 'string' || value === '') {
      const p = joinPointer(basePath, key);
      out.push({
        path: p,
        detail: value === undefined ? `${key} is missing` : `${key} must be a non-empty string, found ${describeValue(value)}`,
        fix: `set ${key}`,
      });
    }
  }
  const metadata = Object.prototype.hasOwnProperty.call(object, 'metadata') ? object.metadata : undefined;
  check(metadata, METADATA, joinPointer(basePath, 'metadata'), out, 0);
  return out;
}
