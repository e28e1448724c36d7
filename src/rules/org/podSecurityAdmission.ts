/**
 * # podSecurityAdmission
 *
 * The namespace's pod-security admission must accept the pod. Suppressions do not exist in the
 * cluster: a pod whose guard findings are suppressed is still rejected by the API server when its
 * namespace enforces a level the pod does not meet. This rule evaluates every pod template at the
 * level and version of its namespace's pod-security labels, exactly as pod-security admission
 * does, and ignores every suppression. It can never be suppressed itself: only changing the
 * workload or the namespace's labels resolves it.
 *
 * Reads:
 * - every pod template (Pod, Deployment, …, CronJob, and List items) and its `metadata.namespace`
 *   (unset: the `defaultNamespace` parameter)
 * - `Namespace` objects (`apiVersion: v1`) among the inputs: their labels
 *   `pod-security.kubernetes.io/enforce`, `enforce-version`, `warn`, `warn-version`, `audit` and
 *   `audit-version`
 *
 * Where a namespace's labels come from: a `Namespace` object in the inputs; otherwise the
 * `namespaces` parameter (the config key `namespaces`, for namespaces the app does not own);
 * otherwise the cluster default (`defaults`, the config key `podSecurityDefaults`). A mode whose
 * label is missing follows the cluster default for that mode, which is `privileged` at `latest`
 * unless set. An invalid level or version label is evaluated as `restricted` at `latest`, as
 * pod-security admission does.
 *
 * Allowed values: a pod that passes every check of the enforced level and version. A failure of
 * `enforce` is an error; failures of `warn` and `audit` are warnings, like kubectl's admission
 * warnings.
 *
 * Parameters:
 * - `namespaces`: labels of namespaces not in the inputs, by name:
 *   `{payments: {enforce: restricted, enforceVersion: v1.30, warn: restricted}}`. Default `{}`.
 * - `defaults`: the cluster default for unlabelled modes, same keys. Default `{enforce: privileged}`.
 * - `defaultNamespace`: the namespace of objects without one. Default `"default"`.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-admission/
 * @internal
 */
import { NSA, ruleDocUrl, unknownParam } from './_common';
import { describeValue, isObject, own } from '../../engine/_util';
import { evaluateManifests } from '../../engine/evaluate';
import { SetMember, defineRule } from '../../engine/rule';
import { PssLevel, RuleViolation, Severity } from '../../engine/types';
import { PolicyVersion } from '../../engine/version';
import { builtinRegistry } from '../index';
import { LABEL_PREFIX, LEVELS, Mode, MODES, namespaceLabelsProblem, NamespaceLabels, POD_SECURITY_ADMISSION_RULE_ID } from './_pod-security-labels';

/** A mode's level and version as pod-security admission reads them, and the label it came from. */
interface ModePolicy {
  readonly level: PssLevel;
  readonly version: string;
  /** How the report names the source, e.g. `label pod-security.kubernetes.io/enforce=restricted`. */
  readonly source: string;
}

function namespaceObjectLabels(object: unknown): { [key: string]: string } | undefined {
  if (own(object, 'kind') !== 'Namespace' || own(object, 'apiVersion') !== 'v1') return undefined;
  const raw = own(own(object, 'metadata'), 'labels');
  const out: { [key: string]: string } = {};
  if (isObject(raw)) for (const key of Object.keys(raw)) if (typeof raw[key] === 'string') out[key] = raw[key];
  return out;
}

/** The policy of one mode from a Namespace object's labels, falling back to the cluster default. */
function fromLabels(labels: { [key: string]: string }, mode: Mode, defaults: NamespaceLabels): ModePolicy {
  const levelLabel = labels[LABEL_PREFIX + mode];
  const versionLabel = labels[`${LABEL_PREFIX}${mode}-version`];
  if (levelLabel === undefined) return fromDeclared(defaults, mode, 'the cluster default');
  const validLevel = LEVELS.includes(levelLabel);
  const validVersion = versionLabel === undefined || PolicyVersion.isValid(versionLabel);
  const source = `label ${LABEL_PREFIX}${mode}=${levelLabel}${versionLabel !== undefined ? `, ${mode}-version=${versionLabel}` : ''}`;
  if (!validLevel || !validVersion) {
    return { level: PssLevel.RESTRICTED, version: 'latest', source: `${source} (invalid, so restricted at latest)` };
  }
  return { level: levelLabel as PssLevel, version: versionLabel ?? 'latest', source };
}

function fromDeclared(declared: NamespaceLabels, mode: Mode, origin: string): ModePolicy {
  const level = (declared[mode] ?? PssLevel.PRIVILEGED) as PssLevel;
  const version = declared[`${mode}Version`] ?? 'latest';
  return { level, version, source: `${origin} ${mode}=${level}, ${mode}-version=${version}` };
}

function nameOf(object: unknown): string {
  const name = own(own(object, 'metadata'), 'name');
  return typeof name === 'string' ? name : '';
}

export const podSecurityAdmission = defineRule({
  neverSuppressed: true,
  id: POD_SECURITY_ADMISSION_RULE_ID,
  scope: 'set',
  defaultSeverity: Severity.ERROR,
  description: 'The pod-security admission of the workload\'s namespace must accept its pods, whatever the suppressions.',
  message: 'pod-security admission of the namespace rejects the pods',
  fix: 'change the workload so that it meets the namespace\'s enforced level, or change the namespace\'s pod-security labels; a suppression cannot resolve this',
  helpUri: ruleDocUrl(POD_SECURITY_ADMISSION_RULE_ID),
  cis: ['5.2.1'],
  nsa: [NSA.podSecurity],
  params: [
    {
      name: 'namespaces',
      type: 'map',
      description: 'Pod-security labels of namespaces that are not among the inputs, by namespace name: `{payments: {enforce: restricted, enforceVersion: v1.30}}`.',
      default: '{}',
    },
    {
      name: 'defaults',
      type: 'map',
      description: 'The cluster default for namespaces (and modes) without labels, with the same keys.',
      default: '{enforce: privileged}',
    },
    {
      name: 'defaultNamespace',
      type: 'string',
      description: 'The namespace of objects without `metadata.namespace`.',
      default: '"default"',
    },
  ],
  validateParams: params => {
    const unknown = unknownParam(params, ['namespaces', 'defaults', 'defaultNamespace']);
    if (unknown) return unknown;
    const namespaces = own(params, 'namespaces');
    if (namespaces !== undefined) {
      if (!isObject(namespaces)) return `namespaces must be a map from namespace name to labels, found ${describeValue(namespaces)}`;
      for (const name of Object.keys(namespaces)) {
        const problem = namespaceLabelsProblem(namespaces[name]);
        if (problem) return `namespace "${name}" ${problem}`;
      }
    }
    const defaults = own(params, 'defaults');
    if (defaults !== undefined) {
      const problem = namespaceLabelsProblem(defaults);
      if (problem) return `defaults ${problem}`;
    }
    const ns = own(params, 'defaultNamespace');
    if (ns !== undefined && typeof ns !== 'string') return `defaultNamespace must be a namespace name such as "default", found ${describeValue(ns)}`;
    return undefined;
  },
  checkSet: (members: readonly SetMember[], params) => {
    const declared: { [name: string]: NamespaceLabels } = params.namespaces ?? {};
    const defaults: NamespaceLabels = params.defaults ?? {};
    const fallback: string = params.defaultNamespace ?? 'default';
    const inputs = new Map<string, { [key: string]: string }>();
    for (const m of members) {
      const labels = namespaceObjectLabels(m.object);
      if (labels) inputs.set(nameOf(m.object), labels);
    }
    const registry = builtinRegistry();
    const out: RuleViolation[] = [];
    for (const m of members) {
      if (!m.pod) continue;
      const ns = own(own(m.object, 'metadata'), 'namespace');
      const namespace = typeof ns === 'string' && ns !== '' ? ns : fallback;
      const fromInputs = inputs.get(namespace);
      for (const mode of MODES) {
        const policy = fromInputs ? fromLabels(fromInputs, mode, defaults)
          : Object.prototype.hasOwnProperty.call(declared, namespace) ? fromDeclared({ ...defaults, ...declared[namespace] }, mode, 'config namespaces')
            : fromDeclared(defaults, mode, 'the cluster default');
        if (policy.level === PssLevel.PRIVILEGED) continue;
        const minor = PolicyVersion.of(policy.version).effectiveMinor(registry.maxMinor);
        const failing = evaluateManifests({ registry, level: policy.level, minor, extraRules: [] }, [m.object])
          .filter(f => f.level !== undefined);
        if (failing.length === 0) continue;
        const checks = [...new Set(failing.map(f => f.ruleId))];
        const verb = mode === 'enforce' ? 'rejects' : mode === 'warn' ? 'warns about' : 'audits';
        out.push({
          manifestIndex: m.manifestIndex,
          path: m.basePath + failing[0].path,
          ...(failing.length > 1 ? { extraPaths: failing.slice(1).map(f => m.basePath + f.path) } : {}),
          severity: mode === 'enforce' ? Severity.ERROR : Severity.WARNING,
          message: mode === 'enforce' ? 'pod-security admission of the namespace rejects the pods'
            : `pod-security admission of the namespace ${mode === 'warn' ? 'warns about' : 'audits'} the pods`,
          detail: `pod-security admission of namespace "${namespace}" (${policy.source}) ${verb} the pods of ${own(m.object, 'kind')} "${nameOf(m.object)}": `
            + `${policy.level}:${policy.version} fails ${checks.join(', ')}`,
        });
      }
    }
    return out;
  },
});
