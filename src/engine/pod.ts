import { appendPointer, joinPointer } from './_pointer';
import { asObject, isObject, own } from './_util';
import { PodTemplateLocation } from './pod-templates';
import { ContainerInfo, ContainerType } from './types';

const CONTAINER_LISTS: readonly ContainerType[] = [ContainerType.INIT, ContainerType.REGULAR, ContainerType.EPHEMERAL];

/**
 * Read-only view of one pod template, handed to pod-level checks. All readers tolerate
 * malformed input (wrong types read as absent); malformed fields are reported separately by the
 * input check, so a check never turns unreadable input into an "allowed" verdict on its own.
 * @internal
 */
export class PodView {
  /** The whole manifest. */
  public readonly manifest: any;
  /** The pod spec (always an object). */
  public readonly spec: { [key: string]: any };
  /** The pod template metadata (an empty object when absent or malformed). */
  public readonly metadata: { [key: string]: any };
  /** JSON pointer of the spec. */
  public readonly specPath: string;
  /** JSON pointer of the metadata. */
  public readonly metadataPath: string;
  /** JSON pointer of the object that holds the template (`''`, or `/items/N` inside a List). */
  public readonly objectPath: string;
  /** Init, regular and ephemeral containers, in that order (entries that are not objects are skipped). */
  public readonly containers: ContainerInfo[];
  /** `spec.securityContext` when it is an object. */
  public readonly securityContext: { [key: string]: any } | undefined;

  private annotationCache?: { [key: string]: string };

  constructor(manifest: any, location: PodTemplateLocation) {
    this.manifest = manifest;
    this.spec = location.spec;
    this.metadata = asObject(location.metadata) ?? {};
    this.specPath = location.specPath;
    this.metadataPath = location.metadataPath;
    this.objectPath = location.objectPath;
    const containers: ContainerInfo[] = [];
    for (let t = 0; t < CONTAINER_LISTS.length; t++) {
      const type = CONTAINER_LISTS[t];
      const list = own(this.spec, type);
      if (!Array.isArray(list)) continue;
      const listPath = appendPointer(this.specPath, type);
      for (let index = 0; index < list.length; index++) {
        const c = list[index];
        if (!isObject(c)) continue;
        const name = own(c, 'name');
        containers.push({
          // An unnamed container is shown by its place: `containers[0]`.
          name: typeof name === 'string' && name !== '' ? name : `${type}[${index}]`,
          type,
          index,
          path: appendPointer(listPath, index),
          spec: c,
        });
      }
    }
    this.containers = containers;
    this.securityContext = asObject(own(this.spec, 'securityContext'));
  }


  /** JSON pointer of `spec.securityContext`. */
  public get securityContextPath(): string {
    return joinPointer(this.specPath, 'securityContext');
  }

  /** The template's annotations (string values only). */
  public get annotations(): { [key: string]: string } {
    if (this.annotationCache) return this.annotationCache;
    const raw = asObject(own(this.metadata, 'annotations'));
    if (raw && Object.getPrototypeOf(raw) === Object.prototype && !Object.prototype.hasOwnProperty.call(raw, '__proto__')) {
      let allStrings = true;
      for (const key in raw) {
        if (typeof raw[key] !== 'string') { allStrings = false; break; }
      }
      // The common case: a plain map of strings is used as it is, without a copy.
      if (allStrings) return (this.annotationCache = raw);
    }
    // Otherwise a copy without prototype, with the string values only: a `__proto__` key stays an
    // ordinary key.
    const out: { [key: string]: string } = Object.create(null);
    if (raw) {
      for (const key of Object.keys(raw)) {
        const value = raw[key];
        if (typeof value === 'string') out[key] = value;
      }
    }
    this.annotationCache = out;
    return out;
  }

  /** JSON pointer of an annotation. */
  public annotationPath(key: string): string {
    return joinPointer(this.metadataPath, 'annotations', key);
  }

  /** True when `spec.os.name` is exactly `windows`. */
  public get isWindows(): boolean {
    return own(asObject(own(this.spec, 'os')), 'name') === 'windows';
  }

  /** True when `spec.hostUsers` is explicitly `false` (user namespaces). */
  public get hostUsersDisabled(): boolean {
    return own(this.spec, 'hostUsers') === false;
  }

  /** A container's `securityContext` when it is an object. */
  public containerSecurityContext(container: ContainerInfo): { [key: string]: any } | undefined {
    return asObject(own(container.spec, 'securityContext'));
  }

  /** JSON pointer of a container field, e.g. `containerPath(c, 'securityContext', 'privileged')`. */
  public containerPath(container: ContainerInfo, ...tokens: Array<string | number>): string {
    return joinPointer(container.path, ...tokens);
  }

  /** JSON pointer of a pod spec field. */
  public path(...tokens: Array<string | number>): string {
    return joinPointer(this.specPath, ...tokens);
  }
}
