import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { SecureDefaults } from './defaults';
import { AdmissionPolicies } from '../admission/admission-policies';
import { AdmissionAction, AdmissionExemption } from '../admission/emit';
import { PssLevel } from '../engine/types';
import { PolicyVersion } from '../engine/version';
import { PolicyEvaluator } from '../evaluator';

/**
 * A `ResourceQuota` for the namespace.
 */
export interface NamespaceQuota {
  /**
   * Hard limits by resource name, e.g. `{ 'requests.cpu': '4', 'limits.memory': '8Gi', pods: '20' }`.
   */
  readonly hard: { [resource: string]: string };
}

/**
 * A `LimitRange` for the containers of the namespace.
 */
export interface NamespaceLimitRange {
  /**
   * Limits given to containers that set none, e.g. `{ cpu: '500m', memory: '256Mi' }`.
   * @default - none
   */
  readonly defaultLimits?: { [resource: string]: string };
  /**
   * Requests given to containers that set none.
   * @default - none
   */
  readonly defaultRequests?: { [resource: string]: string };
  /**
   * The most a container may set.
   * @default - no maximum
   */
  readonly max?: { [resource: string]: string };
  /**
   * The least a container may set.
   * @default - no minimum
   */
  readonly min?: { [resource: string]: string };
}

/**
 * The restricted level enforced by an admission policy, with per-workload exemptions, while
 * pod-security admission enforces baseline.
 */
export interface NamespaceRestrictedPolicy {
  /**
   * Workloads of this namespace exempt from some restricted checks (each exemption names this
   * namespace).
   * @default - none
   */
  readonly exemptions?: AdmissionExemption[];
  /**
   * What the binding does when a check fails.
   * @default AdmissionAction.DENY
   */
  readonly action?: AdmissionAction;
}

/**
 * Properties of a `SecureNamespace`.
 */
export interface SecureNamespaceProps {
  /**
   * The namespace's name.
   * @default - a name generated from the construct path
   */
  readonly name?: string;
  /**
   * Further labels of the namespace (the Pod Security admission labels cannot be overridden here).
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Pod Security admission level enforced (`pod-security.kubernetes.io/enforce`).
   * @default - PssLevel.RESTRICTED, i.e. SecureDefaults.PSA_LEVEL ("restricted")
   */
  readonly enforce?: PssLevel;
  /**
   * Version of the enforced level (`pod-security.kubernetes.io/enforce-version`): `latest` or `v1.N`.
   * @default - 'latest', i.e. SecureDefaults.PSA_VERSION ("latest")
   */
  readonly enforceVersion?: string;
  /**
   * Pod Security admission level audited (`pod-security.kubernetes.io/audit`).
   * @default - PssLevel.RESTRICTED, i.e. SecureDefaults.PSA_LEVEL ("restricted")
   */
  readonly audit?: PssLevel;
  /**
   * Version of the audited level: `latest` or `v1.N`.
   * @default - 'latest', i.e. SecureDefaults.PSA_VERSION ("latest")
   */
  readonly auditVersion?: string;
  /**
   * Pod Security admission level warned about (`pod-security.kubernetes.io/warn`).
   * @default - PssLevel.RESTRICTED, i.e. SecureDefaults.PSA_LEVEL ("restricted")
   */
  readonly warn?: PssLevel;
  /**
   * Version of the warned level: `latest` or `v1.N`.
   * @default - 'latest', i.e. SecureDefaults.PSA_VERSION ("latest")
   */
  readonly warnVersion?: string;
  /**
   * Create a default-deny `NetworkPolicy` (ingress and egress) selecting every pod of the namespace.
   * @default true
   */
  readonly defaultDenyNetworkPolicy?: boolean;
  /**
   * With the default-deny policy, allow egress to the cluster DNS (`kube-dns` pods in
   * `kube-system`, UDP and TCP port 53).
   * @default false
   */
  readonly allowDnsEgress?: boolean;
  /**
   * A `ResourceQuota` for the namespace.
   * @default - none
   */
  readonly resourceQuota?: NamespaceQuota;
  /**
   * A `LimitRange` for the namespace's containers.
   * @default - none
   */
  readonly limitRange?: NamespaceLimitRange;
  /**
   * The "baseline enforced, restricted by policy" mode: pod-security admission enforces
   * `baseline` and warns and audits `restricted`, and a `ValidatingAdmissionPolicy` bound to this
   * namespace enforces `restricted` (at `enforceVersion`) with the given per-workload exemptions,
   * which pod-security admission cannot express. `enforce` must then be unset or `BASELINE`.
   * @default - none: pod-security admission enforces `enforce`
   */
  readonly restrictedPolicy?: NamespaceRestrictedPolicy;
}

const LEVELS: string[] = [PssLevel.PRIVILEGED, PssLevel.BASELINE, PssLevel.RESTRICTED];
const PSA_PREFIX = 'pod-security.kubernetes.io/';

/**
 * A cdk8s-plus `Namespace` with Pod Security admission labels (enforce, audit and warn, each with
 * its version; `restricted` at `latest` by default), a default-deny `NetworkPolicy` for ingress
 * and egress, and optionally a `ResourceQuota` and a `LimitRange`.
 */
export class SecureNamespace extends kplus.Namespace {
  /**
   * The default-deny network policy.
   * @default - none when `defaultDenyNetworkPolicy` is false
   */
  public readonly networkPolicy?: ApiObject;
  /**
   * The resource quota.
   * @default - none
   */
  public readonly resourceQuota?: ApiObject;
  /**
   * The limit range.
   * @default - none
   */
  public readonly limitRange?: ApiObject;
  /**
   * The admission policies of the `restrictedPolicy` mode.
   * @default - none when `restrictedPolicy` is not set
   */
  public readonly admissionPolicies?: AdmissionPolicies;

  constructor(scope: Construct, id: string, props: SecureNamespaceProps = {}) {
    const owner = `SecureNamespace "${scope.node.path ? `${scope.node.path}/${id}` : id}"`;
    const restricted = props.restrictedPolicy;
    if (restricted && props.enforce !== undefined && props.enforce !== PssLevel.BASELINE) {
      throw new Error(`${owner} has enforce level ${JSON.stringify(props.enforce)} with restrictedPolicy, which enforces baseline with pod-security admission: remove enforce or set it to baseline`);
    }
    const modes: Array<[string, PssLevel | undefined, string | undefined]> = [
      ['enforce', restricted ? PssLevel.BASELINE : props.enforce, props.enforceVersion],
      ['audit', props.audit, props.auditVersion],
      ['warn', props.warn, props.warnVersion],
    ];
    const psaLabels: { [key: string]: string } = {};
    for (const [mode, level, version] of modes) {
      const l = level ?? SecureDefaults.PSA_LEVEL;
      if (!LEVELS.includes(l)) {
        throw new Error(`${owner} has ${mode} level ${JSON.stringify(l)}, expecting one of: ${LEVELS.join(', ')}`);
      }
      const v = version ?? SecureDefaults.PSA_VERSION;
      if (!PolicyVersion.isValid(v)) {
        throw new Error(`${owner} has ${mode}Version ${JSON.stringify(v)}, expecting "latest" or "v1.<minor>" such as "v1.30"`);
      }
      psaLabels[`${PSA_PREFIX}${mode}`] = l;
      psaLabels[`${PSA_PREFIX}${mode}-version`] = v;
    }
    for (const key of Object.keys(props.labels ?? {})) {
      if (key.startsWith(PSA_PREFIX)) {
        throw new Error(`${owner} sets label "${key}" in labels, use the enforce, audit and warn props instead`);
      }
    }
    super(scope, id, { metadata: { ...(props.name !== undefined ? { name: props.name } : {}), labels: { ...props.labels, ...psaLabels } } });

    const namespace = this.name;
    if (restricted) {
      for (const e of restricted.exemptions ?? []) {
        if (e.resource.namespace !== namespace) {
          throw new Error(`${owner} has an exemption from "${e.ruleId}" for namespace "${e.resource.namespace}", set resource.namespace to "${namespace}"`);
        }
      }
      this.admissionPolicies = new AdmissionPolicies(this, 'RestrictedPolicy', {
        evaluator: new PolicyEvaluator({ level: PssLevel.RESTRICTED, version: props.enforceVersion ?? SecureDefaults.PSA_VERSION }),
        action: restricted.action ?? AdmissionAction.DENY,
        exemptions: restricted.exemptions ?? [],
        name: `cdk8s-guard-restricted-${namespace}`,
        namespaces: [namespace],
      });
    }
    if (props.defaultDenyNetworkPolicy ?? true) {
      const dns = props.allowDnsEgress ?? false;
      this.networkPolicy = new ApiObject(this, 'DefaultDeny', {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'default-deny', namespace },
        spec: {
          podSelector: {},
          policyTypes: ['Ingress', 'Egress'],
          ...(dns ? {
            egress: [{
              to: [{
                namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
                podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
              }],
              ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
            }],
          } : {}),
        },
      });
    } else if (props.allowDnsEgress) {
      throw new Error(`${owner} sets allowDnsEgress without the default-deny network policy, remove allowDnsEgress or keep defaultDenyNetworkPolicy`);
    }
    if (props.resourceQuota) {
      if (Object.keys(props.resourceQuota.hard ?? {}).length === 0) {
        throw new Error(`${owner} has a resourceQuota without hard limits, give at least one such as { pods: "20" }`);
      }
      this.resourceQuota = new ApiObject(this, 'Quota', {
        apiVersion: 'v1',
        kind: 'ResourceQuota',
        metadata: { name: 'quota', namespace },
        spec: { hard: { ...props.resourceQuota.hard } },
      });
    }
    if (props.limitRange) {
      const lr = props.limitRange;
      const limit: any = { type: 'Container' };
      if (lr.defaultLimits) limit.default = { ...lr.defaultLimits };
      if (lr.defaultRequests) limit.defaultRequest = { ...lr.defaultRequests };
      if (lr.max) limit.max = { ...lr.max };
      if (lr.min) limit.min = { ...lr.min };
      if (Object.keys(limit).length === 1) {
        throw new Error(`${owner} has a limitRange without limits, give defaultLimits, defaultRequests, max or min`);
      }
      this.limitRange = new ApiObject(this, 'LimitRange', {
        apiVersion: 'v1',
        kind: 'LimitRange',
        metadata: { name: 'limits', namespace },
        spec: { limits: [limit] },
      });
    }
  }
}
