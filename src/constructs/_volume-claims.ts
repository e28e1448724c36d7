/**
 * The volume claim templates of a `SecureStatefulSet`: checked before the stateful set is built,
 * then emitted with JSON patches on its ApiObject. @internal
 */
import { JsonPatch, Size, SizeRoundingBehavior } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { SecureStatefulSetProps } from './secure-workload-props';
import { VolumeClaimTemplate } from './volume-claim-template';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_MAX = 63;
const ABSOLUTE_PATH = /^(\/[^/\0]+)+$/;
const ACCESS_MODES: string[] = Object.values(kplus.PersistentVolumeAccessMode);
/** The access mode of a claim template that names none. @internal */
export const DEFAULT_ACCESS_MODES = [kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE];

/** The container lists a claim can be mounted into, by container name. */
type ContainerIndex = Map<string, { readonly list: 'containers' | 'initContainers'; readonly index: number; readonly paths: Set<string> }>;

function containerIndex(props: SecureStatefulSetProps): ContainerIndex {
  const index: ContainerIndex = new Map();
  const add = (list: 'containers' | 'initContainers', cs: SecureStatefulSetProps['containers'], unnamed: (i: number) => string) => {
    (cs ?? []).forEach((c, i) => {
      const name = c.name ?? unnamed(i);
      if (index.has(name)) return; // the workload refuses the duplicate name itself
      index.set(name, { list, index: i, paths: new Set([...(c.volumeMounts ?? []).map(m => m.path), ...(c.writablePaths ?? [])]) });
    });
  };
  add('containers', props.containers, () => 'main');
  add('initContainers', props.initContainers, i => `init-${i}`);
  return index;
}

/**
 * Checks the claim templates of a stateful set's props.
 * @param owner e.g. `SecureStatefulSet "db/postgres"`
 * @internal
 */
export function checkVolumeClaims(owner: string, props: SecureStatefulSetProps): void {
  const claims = props.volumeClaimTemplates ?? [];
  if (!Array.isArray(claims)) {
    throw new Error(`${owner} volumeClaimTemplates must be a list of claim templates`);
  }
  const containers = containerIndex(props);
  const names = new Set<string>();
  claims.forEach((claim, i) => {
    const name = claim?.name;
    const what = `volume claim template ${typeof name === 'string' && name !== '' ? `"${name}"` : i} of ${owner}`;
    if (typeof name !== 'string' || name.length > LABEL_MAX || !DNS_LABEL.test(name)) {
      throw new Error(`${what} has name ${JSON.stringify(name)}, expecting a DNS label such as "data" (lowercase letters, digits and "-", at most ${LABEL_MAX} characters)`);
    }
    if (names.has(name)) {
      throw new Error(`${owner} has two volume claim templates named "${name}", give each a unique name`);
    }
    names.add(name);
    if (!claim.storage || typeof claim.storage.toKibibytes !== 'function' || !(claim.storage.toKibibytes({ rounding: SizeRoundingBehavior.NONE }) > 0)) {
      throw new Error(`${what} has no storage size, set storage such as Size.gibibytes(10)`);
    }
    const modes = claim.accessModes ?? DEFAULT_ACCESS_MODES;
    if (!Array.isArray(modes) || modes.length === 0) {
      throw new Error(`${what} has no access modes, give at least one such as PersistentVolumeAccessMode.READ_WRITE_ONCE or leave accessModes unset`);
    }
    for (const mode of modes) {
      if (!ACCESS_MODES.includes(mode)) {
        throw new Error(`${what} has access mode ${JSON.stringify(mode)}, expecting one of: ${ACCESS_MODES.join(', ')}`);
      }
    }
    if (claim.storageClassName !== undefined && (typeof claim.storageClassName !== 'string' || claim.storageClassName === '')) {
      throw new Error(`${what} has storageClassName ${JSON.stringify(claim.storageClassName)}, name a storage class or leave it unset for the cluster's default`);
    }
    if (!Array.isArray(claim.mounts) || claim.mounts.length === 0) {
      throw new Error(`${what} has no mounts, mount it into a container with mounts: [{ container, path }]`);
    }
    for (const mount of claim.mounts) {
      const target = containers.get(mount.container);
      if (!target) {
        throw new Error(`${what} is mounted into container ${JSON.stringify(mount.container)}, which the stateful set does not have, expecting one of: ${[...containers.keys()].join(', ')}`);
      }
      const at = `container "${mount.container}" (${target.list}[${target.index}]) of ${owner}`;
      if (typeof mount.path !== 'string' || !ABSOLUTE_PATH.test(mount.path) || mount.path.split('/').some(s => s === '.' || s === '..')) {
        throw new Error(`${at} mounts volume claim template "${name}" at ${JSON.stringify(mount.path)}, expecting a normalized absolute path such as "/data"`);
      }
      if (target.paths.has(mount.path)) {
        throw new Error(`${at} already mounts a volume at "${mount.path}", mount volume claim template "${name}" elsewhere`);
      }
      if (mount.subPath !== undefined && (typeof mount.subPath !== 'string' || mount.subPath.startsWith('/') || mount.subPath.split('/').includes('..'))) {
        throw new Error(`${at} mounts volume claim template "${name}" with subPath ${JSON.stringify(mount.subPath)}, expecting a relative path without ".."`);
      }
      target.paths.add(mount.path);
    }
  });
}

/**
 * Emits the claim templates of a built stateful set when its manifest is rendered:
 * `spec.volumeClaimTemplates`, and a volume mount per mount, added to the named container (after
 * the mounts it has then, so that mounts the container gets later are kept). A validation refuses
 * a pod volume with a template's name.
 * @internal
 */
export function emitVolumeClaims(
  workload: kplus.StatefulSet, owner: string, claims: VolumeClaimTemplate[], addLateEdit: (edit: (json: any) => JsonPatch[]) => void,
): void {
  if (claims.length === 0) return;
  // A late edit, not ApiObject.addJsonPatch: cdk8s-plus-28's generated toJson runs after the JSON
  // patches and turns each `requests` value into the `value` of a Quantity object, which a plain
  // string has not.
  const templates = claims.map(claim => ({
    metadata: { name: claim.name },
    spec: {
      accessModes: [...(claim.accessModes ?? DEFAULT_ACCESS_MODES)],
      ...(claim.storageClassName !== undefined ? { storageClassName: claim.storageClassName } : {}),
      resources: { requests: { storage: quantityOf(claim.storage) } },
    },
  }));
  addLateEdit(json => {
    const spec = json.spec.template.spec;
    const patches: JsonPatch[] = [JsonPatch.add('/spec/volumeClaimTemplates', templates)];
    const added = new Map<string, number>();
    for (const claim of claims) {
      for (const mount of claim.mounts) {
        for (const list of ['containers', 'initContainers'] as const) {
          const index = (spec[list] ?? []).findIndex((c: any) => c.name === mount.container);
          if (index < 0) continue;
          const pointer = `/spec/template/spec/${list}/${index}/volumeMounts`;
          const volumeMount = {
            mountPath: mount.path,
            name: claim.name,
            ...(mount.readOnly !== undefined ? { readOnly: mount.readOnly } : {}),
            ...(mount.subPath !== undefined ? { subPath: mount.subPath } : {}),
          };
          const existing = spec[list][index].volumeMounts;
          if (existing === undefined && !added.has(pointer)) {
            patches.push(JsonPatch.add(pointer, [volumeMount]));
            added.set(pointer, 1);
          } else {
            patches.push(JsonPatch.add(`${pointer}/-`, volumeMount));
          }
          break;
        }
      }
    }
    return patches;
  });
  workload.node.addValidation({
    validate: () => {
      const names = new Set(claims.map(c => c.name));
      const volumes = new Set<kplus.Volume>(workload.volumes);
      for (const c of [...workload.initContainers, ...workload.containers]) for (const m of c.mounts) volumes.add(m.volume);
      return [...volumes].filter(v => names.has(v.name)).map(v =>
        `${owner} has a volume named "${v.name}" like its volume claim template, rename one of them`);
    },
  });
}

const BINARY_UNITS: ReadonlyArray<readonly [string, number]> = [['Pi', 1024 ** 4], ['Ti', 1024 ** 3], ['Gi', 1024 ** 2], ['Mi', 1024], ['Ki', 1]];

/**
 * A Kubernetes quantity for a size in the largest binary unit that holds it whole, e.g. `10Gi` or
 * `512Mi` (written here rather than with `Size.asString`, which cdk8s 2.68 does not have).
 */
function quantityOf(size: Size): string {
  const kib = size.toKibibytes({ rounding: SizeRoundingBehavior.NONE });
  for (const [unit, factor] of BINARY_UNITS) {
    if (Number.isInteger(kib / factor)) return `${kib / factor}${unit}`;
  }
  return String(Math.ceil(kib * 1024));
}
