import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';

/**
 * Where a container mounts the volume of a `VolumeClaimTemplate`.
 */
export interface VolumeClaimMount {
  /** The name of the container (given in `containers` or `initContainers`) that mounts the volume. */
  readonly container: string;
  /** The absolute directory the volume is mounted at, e.g. `/var/lib/postgresql/data`. */
  readonly path: string;
  /**
   * Mount the volume read-only.
   * @default false
   */
  readonly readOnly?: boolean;
  /**
   * A directory inside the volume to mount instead of its root (a relative path without `..`).
   * @default - the volume's root
   */
  readonly subPath?: string;
}

/**
 * A persistent volume claim template of a `SecureStatefulSet` (`spec.volumeClaimTemplates`):
 * Kubernetes creates one claim per pod, named `<name>-<stateful set name>-<ordinal>`, and keeps
 * it when the pod is replaced.
 */
export interface VolumeClaimTemplate {
  /** The template's name (a DNS label such as `data`); the mounts refer to the volume by it. */
  readonly name: string;
  /** The storage each claim requests, e.g. `Size.gibibytes(10)`. */
  readonly storage: Size;
  /**
   * The access modes of each claim.
   * @default [PersistentVolumeAccessMode.READ_WRITE_ONCE]
   */
  readonly accessModes?: kplus.PersistentVolumeAccessMode[];
  /**
   * The storage class of each claim.
   * @default - not set: the cluster's default storage class
   */
  readonly storageClassName?: string;
  /** The containers that mount the volume, and where (at least one). */
  readonly mounts: VolumeClaimMount[];
}
