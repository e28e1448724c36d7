/**
 * # restrictedVolumes (restricted)
 *
 * Restricted pods may only use volume types that cannot reach into the node.
 *
 * Reads:
 * - `spec.volumes[*]`: which volume source is set (present means non-null)
 *
 * Allowed values: a volume with one of `configMap`, `csi`, `downwardAPI`, `emptyDir`,
 * `ephemeral`, `image`, `persistentVolumeClaim`, `projected`, `secret` (accepted even if another
 * source is also set). Every other source is denied and named in the detail: `hostPath`,
 * `gcePersistentDisk`, `awsElasticBlockStore`, `gitRepo`, `nfs`, `iscsi`, `glusterfs`, `rbd`,
 * `flexVolume`, `cinder`, `cephfs`, `flocker`, `fc`, `azureFile`, `vsphereVolume`, `quobyte`,
 * `azureDisk`, `photonPersistentDisk`, `portworxVolume`, `scaleIO`, `storageos`.
 *
 * API-server defaulting: a volume with no source at all is accepted, because the API server
 * defaults it to `emptyDir: {}` before pod-security admission sees it (the upstream fixture
 * `restrictedvolumes0` relies on this). Unknown fields of a volume are reported as invalid input
 * by the engine, so a misspelled source is never read as such a volume.
 *
 * Entries: v1.0 (overrides baseline `hostPathVolumes`; `image` is allowed at every version).
 *
 * Findings: one per denied volume, pointing at its source.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
 * @internal
 */
import { NO_VIOLATIONS, q, RESTRICTED_URI } from './_common';
import { asObject, own } from '../../engine/_util';
import { CelCheck, CEL_SPEC } from '../../engine/cel';
import { defineRule } from '../../engine/rule';
import { PssLevel, RuleViolation, Severity } from '../../engine/types';

const ALLOWED_SOURCES = [
  'configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image', 'persistentVolumeClaim', 'projected', 'secret',
];

/** The other volume sources of the Kubernetes API, in the order of `VolumeSource`. @internal */
export const RESTRICTED_SOURCES = [
  'hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'nfs', 'iscsi', 'glusterfs', 'rbd',
  'flexVolume', 'cinder', 'cephfs', 'flocker', 'fc', 'azureFile', 'vsphereVolume', 'quobyte', 'azureDisk',
  'photonPersistentDisk', 'portworxVolume', 'scaleIO', 'storageos',
];

/** Every volume source field of the Kubernetes API. @internal */
export const VOLUME_SOURCES: readonly string[] = [...ALLOWED_SOURCES, ...RESTRICTED_SOURCES];

/** The first of `sources` that the volume sets (non-null). */
function firstPresent(volume: { [key: string]: any }, sources: readonly string[]): string | undefined {
  for (let i = 0; i < sources.length; i++) {
    const source = sources[i];
    const value = own(volume, source);
    if (value !== undefined && value !== null) return source;
  }
  return undefined;
}

/** CEL: every volume uses an allowed source, or none at all. */
const CEL: CelCheck = {
  pod: `!has(${CEL_SPEC}.volumes) || ${CEL_SPEC}.volumes.all(v, ${ALLOWED_SOURCES.map(s => `has(v.${s})`).join(' || ')}`
    + ` || !(${RESTRICTED_SOURCES.map(s => `has(v.${s})`).join(' || ')}))`,
};

export const restrictedVolumes = defineRule({
  id: 'restrictedVolumes',
  level: PssLevel.RESTRICTED,
  scope: 'pod',
  defaultSeverity: Severity.ERROR,
  description: 'Pods may only use configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected and secret volumes.',
  message: 'restricted volume types',
  fix: 'use a configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected or secret volume instead',
  helpUri: RESTRICTED_URI,
  entries: [{
    minVersion: 0,
    overrides: ['hostPathVolumes'],
    cel: CEL,
    check: pod => {
      let out: RuleViolation[] | undefined;
      const volumes = own(pod.spec, 'volumes');
      if (!Array.isArray(volumes)) return out ?? NO_VIOLATIONS;
      for (let i = 0; i < volumes.length; i++) {
        const volume = asObject(volumes[i]);
        if (!volume || firstPresent(volume, ALLOWED_SOURCES) !== undefined) continue;
        const type = firstPresent(volume, RESTRICTED_SOURCES);
        // No source at all: the API server defaults it to emptyDir, which is allowed.
        if (type === undefined) continue;
        (out ??= []).push({
          path: pod.path('volumes', i, type),
          detail: `volume ${q(own(volume, 'name'))} must not use restricted volume type ${q(type)}`,
        });
      }
      return out ?? NO_VIOLATIONS;
    },
  }],
});
