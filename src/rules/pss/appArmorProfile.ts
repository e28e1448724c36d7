/**
 * # appArmorProfile (baseline)
 *
 * Overriding or disabling the default AppArmor profile must be disallowed.
 *
 * Reads:
 * - `spec.securityContext.appArmorProfile.type`
 * - for init, regular and ephemeral containers: `securityContext.appArmorProfile.type`
 * - template annotations `container.apparmor.security.beta.kubernetes.io/*` (every such key,
 *   whether or not it names a real container)
 *
 * Allowed values:
 * - field: `appArmorProfile` absent, or `type` `RuntimeDefault` or `Localhost`
 * - annotation: `""`, `runtime/default`, or a value starting with `localhost/`
 *
 * Annotation and fields are checked each on their own. No Windows exemption.
 *
 * Entries: v1.0 (annotations and fields; the field rules apply at every version).
 *
 * Findings: one per forbidden value. The message is `forbidden AppArmor profiles` when the pod has
 * more than one.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
 * @internal
 */
import { BASELINE_URI, containerSecurityObject, NO_VIOLATIONS, podSecurityObject, q, stringField } from './_common';
import { CEL_ANNOTATIONS, CEL_CONTAINER, CelCheck, celField, celHas, celString, CEL_SPEC } from '../../engine/cel';
import { defineRule } from '../../engine/rule';
import { PssLevel, RuleViolation, Severity } from '../../engine/types';

const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

function allowedType(type: string | undefined): boolean {
  return type === 'RuntimeDefault' || type === 'Localhost';
}

function allowedAnnotation(value: string): boolean {
  return value === '' || value === 'runtime/default' || value.startsWith('localhost/');
}

const FIELD_FIX = 'set securityContext.appArmorProfile.type to RuntimeDefault or Localhost, or remove it';

const ALLOWED_TYPES_CEL = '["RuntimeDefault", "Localhost"]';
/** CEL: the profile at `base.securityContext.appArmorProfile` is absent or of an allowed type. */
function celProfile(base: string): string {
  const profile = ['securityContext', 'appArmorProfile'];
  return `(!(${celHas(base, profile)}) || (has(${celField(base, profile)}.type) && ${celField(base, profile)}.type in ${ALLOWED_TYPES_CEL}))`;
}
/** CEL: pod and container profiles allowed, and every AppArmor annotation allowed. */
const CEL: CelCheck = {
  pod: `${celProfile(CEL_SPEC)} && ${CEL_ANNOTATIONS}.all(k, !k.startsWith(${celString(ANNOTATION_PREFIX)})`
    + ` || ${CEL_ANNOTATIONS}[k] == "" || ${CEL_ANNOTATIONS}[k] == "runtime/default" || ${CEL_ANNOTATIONS}[k].startsWith("localhost/"))`,
  container: celProfile(CEL_CONTAINER),
};

export const appArmorProfile = defineRule({
  id: 'appArmorProfile',
  level: PssLevel.BASELINE,
  scope: 'pod',
  defaultSeverity: Severity.ERROR,
  description: 'Pods and containers must not override or disable the default AppArmor profile.',
  message: 'forbidden AppArmor profile',
  fix: FIELD_FIX,
  helpUri: BASELINE_URI,
  nsa: ['Pod security: AppArmor and seccomp'],
  entries: [{
    minVersion: 0,
    cel: CEL,
    check: pod => {
      let out: RuleViolation[] | undefined;
      const podProfile = podSecurityObject(pod, 'appArmorProfile');
      if (podProfile) {
        const type = stringField(podProfile, 'type');
        if (!allowedType(type)) {
          (out ??= []).push({
            path: pod.path('securityContext', 'appArmorProfile', 'type'),
            detail: `pod must not set securityContext.appArmorProfile.type=${q(type)}`,
          });
        }
      }
      for (let i = 0; i < pod.containers.length; i++) {
        const c = pod.containers[i];
        const profile = containerSecurityObject(pod, c, 'appArmorProfile');
        if (!profile) continue;
        const type = stringField(profile, 'type');
        if (allowedType(type)) continue;
        (out ??= []).push({
          container: c.name,
          path: pod.containerPath(c, 'securityContext', 'appArmorProfile', 'type'),
          detail: `container "${c.name}" must not set securityContext.appArmorProfile.type=${q(type)}`,
        });
      }
      const annotations = pod.annotations;
      const keys = Object.keys(annotations);
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i];
        if (!key.startsWith(ANNOTATION_PREFIX)) continue;
        const value = annotations[key];
        if (allowedAnnotation(value)) continue;
        (out ??= []).push({
          path: pod.annotationPath(key),
          detail: `annotation ${key}=${q(value)} is forbidden`,
          fix: `set annotation ${key} to runtime/default or localhost/<profile>, or use securityContext.appArmorProfile`,
        });
      }
      if (out !== undefined && out.length > 1) return out.map(v => ({ ...v, message: 'forbidden AppArmor profiles' }));
      return out ?? NO_VIOLATIONS;
    },
  }],
});
