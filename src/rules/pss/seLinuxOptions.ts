/**
 * # seLinuxOptions (baseline)
 *
 * Setting a custom SELinux user or role, or a type outside the container types, must be forbidden.
 *
 * Reads, at pod level (`spec.securityContext`) and for init, regular and ephemeral containers
 * (`securityContext`):
 * - `seLinuxOptions.type`
 * - `seLinuxOptions.user`
 * - `seLinuxOptions.role`
 *
 * Allowed values:
 * - `type`: absent, `""`, `container_t`, `container_init_t`, `container_kvm_t`; from v1.31 also
 *   `container_engine_t`
 * - `user` and `role`: absent or `""`
 * - `level` is not checked.
 *
 * Entries: v1.0; v1.31 (adds `container_engine_t`).
 *
 * Findings: one per pod or container `seLinuxOptions` with a forbidden value, pointing at its first
 * forbidden field.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
 * @internal
 */
import { BASELINE_URI, containerSecurityObject, NO_VIOLATIONS, podSecurityObject, q, stringField, VersionedValues } from './_common';
import { CEL_CONTAINER, CelCheck, celField, celHas, CEL_SPEC, celStrings } from '../../engine/cel';
import { PodView } from '../../engine/pod';
import { defineRule } from '../../engine/rule';
import { PssLevel, RuleViolation, Severity } from '../../engine/types';

const TYPES_1_0 = ['container_t', 'container_init_t', 'container_kvm_t'];
const TYPES_1_31 = [...TYPES_1_0, 'container_engine_t'];

/** The SELinux types allowed besides none (an empty type), by the version they are allowed from. @internal */
export const SELINUX_TYPES: VersionedValues = [
  { minVersion: 0, values: TYPES_1_0 },
  { minVersion: 31, values: TYPES_1_31 },
];

/** Problems of one seLinuxOptions object: [field, value] pairs. */
function problemsOf(options: { [key: string]: any }, allowedTypes: ReadonlySet<string>): Array<[string, string]> {
  const problems: Array<[string, string]> = [];
  const type = stringField(options, 'type') ?? '';
  if (!allowedTypes.has(type)) problems.push(['type', type]);
  for (const field of ['user', 'role']) {
    const value = stringField(options, field) ?? '';
    if (value !== '') problems.push([field, value]);
  }
  return problems;
}

function violation(problems: Array<[string, string]>, who: string, pathOf: (field: string) => string, container?: string): RuleViolation {
  const paths = problems.map(([field]) => pathOf(field));
  return {
    ...(container !== undefined ? { container } : {}),
    path: paths[0],
    ...(paths.length > 1 ? { extraPaths: paths.slice(1) } : {}),
    detail: `${who} must not set securityContext.seLinuxOptions ${problems.map(([f, v]) => `${f}=${q(v)}`).join(', ')}`,
  };
}

function checkWith(types: readonly string[]): (pod: PodView) => RuleViolation[] {
  const allowed = new Set(types);
  return pod => {
    let out: RuleViolation[] | undefined;
    const podOptions = podSecurityObject(pod, 'seLinuxOptions');
    if (podOptions) {
      const problems = problemsOf(podOptions, allowed);
      if (problems.length > 0) (out ??= []).push(violation(problems, 'pod', f => pod.path('securityContext', 'seLinuxOptions', f)));
    }
    for (let i = 0; i < pod.containers.length; i++) {
      const c = pod.containers[i];
      const options = containerSecurityObject(pod, c, 'seLinuxOptions');
      if (!options) continue;
      const problems = problemsOf(options, allowed);
      if (problems.length === 0) continue;
      (out ??= []).push(violation(problems, `container "${c.name}"`, f => pod.containerPath(c, 'securityContext', 'seLinuxOptions', f), c.name));
    }
    return out ?? NO_VIOLATIONS;
  };
}

/** CEL: the options at `base.securityContext.seLinuxOptions` are absent or allowed. */
function celOptions(base: string, types: readonly string[]): string {
  const path = ['securityContext', 'seLinuxOptions'];
  const o = celField(base, path);
  return `(!(${celHas(base, path)}) || ((!has(${o}.type) || ${o}.type in ${celStrings(types)})`
    + ` && (!has(${o}.user) || ${o}.user == "") && (!has(${o}.role) || ${o}.role == "")))`;
}
function celWith(types: readonly string[]): CelCheck {
  return { pod: celOptions(CEL_SPEC, types), container: celOptions(CEL_CONTAINER, types) };
}

export const seLinuxOptions = defineRule({
  id: 'seLinuxOptions',
  level: PssLevel.BASELINE,
  scope: 'pod',
  defaultSeverity: Severity.ERROR,
  description: 'Pods and containers must not set a custom SELinux user or role, or a non-container SELinux type.',
  message: 'seLinuxOptions',
  fix: 'remove seLinuxOptions.user and seLinuxOptions.role, and use a container SELinux type such as container_t',
  helpUri: BASELINE_URI,
  nsa: ['Pod security: SELinux'],
  entries: SELINUX_TYPES.map(e => ({ minVersion: e.minVersion, cel: celWith(['', ...e.values]), check: checkWith(['', ...e.values]) })),
});
