/**
 * # seccompProfile_baseline (baseline)
 *
 * The seccomp profile must not be explicitly set to `Unconfined`.
 *
 * Reads:
 * - v1.0–v1.18, annotations only: `seccomp.security.alpha.kubernetes.io/pod`, and
 *   `container.seccomp.security.alpha.kubernetes.io/<name>` for each container name of the pod
 *   (init, regular, ephemeral; annotations for other names are ignored)
 * - v1.19+, fields only: `spec.securityContext.seccompProfile.type`, and for init, regular and
 *   ephemeral containers `securityContext.seccompProfile.type`
 *
 * Allowed values:
 * - v1.0–v1.18: annotation absent, `runtime/default`, `docker/default`, or starting with `localhost/`
 * - v1.19+: `seccompProfile` absent, or `type` `RuntimeDefault` or `Localhost`
 *
 * Entries: v1.0 (annotations); v1.19 (fields). At the restricted level,
 * `seccompProfile_restricted` replaces this check from v1.19.
 *
 * Findings: one per forbidden annotation or field.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
 * @internal
 */
import { BASELINE_URI, containerSecurityObject, NO_VIOLATIONS, podSecurityObject, q, stringField } from './_common';
import { own } from '../../engine/_util';
import { CEL_ANNOTATIONS, CEL_CONTAINER, CelCheck, celField, celHas, CEL_SPEC, celString } from '../../engine/cel';
import { PodView } from '../../engine/pod';
import { defineRule } from '../../engine/rule';
import { PssLevel, RuleViolation, Severity } from '../../engine/types';

const POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

function allowedAnnotation(value: string): boolean {
  return value === 'runtime/default' || value === 'docker/default' || value.startsWith('localhost/');
}

/** The seccomp profile types every level allows. @internal */
export const ALLOWED_SECCOMP_TYPES: readonly string[] = ['RuntimeDefault', 'Localhost'];

/** True for the seccomp profile types every level allows. @internal */
export function allowedSeccompType(type: string | undefined): boolean {
  return type !== undefined && ALLOWED_SECCOMP_TYPES.includes(type);
}

function annotationFix(key: string): string {
  return `set annotation ${key} to runtime/default or localhost/<profile>, or remove it`;
}

function checkAnnotations(pod: PodView): RuleViolation[] {
  let out: RuleViolation[] | undefined;
  const annotations = pod.annotations;
  const podValue: string | undefined = own(annotations, POD_ANNOTATION);
  if (podValue !== undefined && !allowedAnnotation(podValue)) {
    (out ??= []).push({
      path: pod.annotationPath(POD_ANNOTATION),
      detail: `pod must not set annotation ${POD_ANNOTATION}=${q(podValue)}`,
      fix: annotationFix(POD_ANNOTATION),
    });
  }
  const seen = new Set<string>();
  for (let i = 0; i < pod.containers.length; i++) {
    const c = pod.containers[i];
    if (seen.has(c.name)) continue;
    seen.add(c.name);
    const key = CONTAINER_ANNOTATION_PREFIX + c.name;
    const value: string | undefined = own(annotations, key);
    if (value === undefined || allowedAnnotation(value)) continue;
    (out ??= []).push({
      container: c.name,
      path: pod.annotationPath(key),
      detail: `container "${c.name}" must not set annotation ${key}=${q(value)}`,
      fix: annotationFix(key),
    });
  }
  return out ?? NO_VIOLATIONS;
}

function checkFields(pod: PodView): RuleViolation[] {
  let out: RuleViolation[] | undefined;
  const podProfile = podSecurityObject(pod, 'seccompProfile');
  if (podProfile) {
    const type = stringField(podProfile, 'type');
    if (!allowedSeccompType(type)) {
      (out ??= []).push({
        path: pod.path('securityContext', 'seccompProfile', 'type'),
        detail: `pod must not set securityContext.seccompProfile.type=${q(type)}`,
      });
    }
  }
  for (let i = 0; i < pod.containers.length; i++) {
    const c = pod.containers[i];
    const profile = containerSecurityObject(pod, c, 'seccompProfile');
    if (!profile) continue;
    const type = stringField(profile, 'type');
    if (allowedSeccompType(type)) continue;
    (out ??= []).push({
      container: c.name,
      path: pod.containerPath(c, 'securityContext', 'seccompProfile', 'type'),
      detail: `container "${c.name}" must not set securityContext.seccompProfile.type=${q(type)}`,
    });
  }
  return out ?? NO_VIOLATIONS;
}

/** CEL: an annotation value every level allows. */
function celAllowedAnnotation(value: string): string {
  return `(${value} == "runtime/default" || ${value} == "docker/default" || ${value}.startsWith("localhost/"))`;
}
const CONTAINER_KEY = `${celString(CONTAINER_ANNOTATION_PREFIX)} + ${CEL_CONTAINER}.name`;
/** CEL of v1.0: the pod annotation and each container's annotation are absent or allowed. */
const CEL_ANNOTATION_CHECK: CelCheck = {
  pod: `!(${celString(POD_ANNOTATION)} in ${CEL_ANNOTATIONS}) || ${celAllowedAnnotation(`${CEL_ANNOTATIONS}[${celString(POD_ANNOTATION)}]`)}`,
  container: `!(${CONTAINER_KEY} in ${CEL_ANNOTATIONS}) || ${celAllowedAnnotation(`${CEL_ANNOTATIONS}[${CONTAINER_KEY}]`)}`,
};
const SECCOMP = ['securityContext', 'seccompProfile'];
/** CEL: the profile at `base.securityContext.seccompProfile` is present and of an allowed type. @internal */
export function celAllowedSeccomp(base: string): string {
  return `(${celHas(base, [...SECCOMP, 'type'])} && ${celField(base, SECCOMP)}.type in ["RuntimeDefault", "Localhost"])`;
}
/** CEL: the profile at `base.securityContext.seccompProfile` is absent. @internal */
export function celNoSeccomp(base: string): string {
  return `!(${celHas(base, SECCOMP)})`;
}
/** CEL of v1.19: the pod and container profiles are absent or of an allowed type. */
const CEL_FIELD_CHECK: CelCheck = {
  pod: `${celNoSeccomp(CEL_SPEC)} || ${celAllowedSeccomp(CEL_SPEC)}`,
  container: `${celNoSeccomp(CEL_CONTAINER)} || ${celAllowedSeccomp(CEL_CONTAINER)}`,
};

export const seccompProfile_baseline = defineRule({
  id: 'seccompProfile_baseline',
  level: PssLevel.BASELINE,
  scope: 'pod',
  defaultSeverity: Severity.ERROR,
  description: 'Pods and containers must not set the seccomp profile to Unconfined.',
  message: 'seccompProfile',
  fix: 'set securityContext.seccompProfile.type to RuntimeDefault or Localhost, or remove it',
  helpUri: BASELINE_URI,
  cis: ['5.7.2'],
  nsa: ['Pod security: AppArmor and seccomp'],
  entries: [
    { minVersion: 0, cel: CEL_ANNOTATION_CHECK, check: checkAnnotations },
    { minVersion: 19, cel: CEL_FIELD_CHECK, check: checkFields },
  ],
});
