/**
 * Which objects a workload creates, and how each names its owner: the exemption of a workload
 * covers them too. @internal
 */
import { celString } from '../engine/cel';
import { kubernetesPodKind } from '../engine/pod-templates';

/** How the owner's name relates to the exempted workload's name `N`. */
type OwnerName =
  /** The owner is the workload itself: `N`. */
  | 'exact'
  /** A ReplicaSet of Deployment `N`: `N-<pod-template-hash label of the pod>`. */
  | 'hashed'
  /** A Job of CronJob `N`: `N-<scheduled time in minutes>`. */
  | 'numbered';

interface Created {
  /** The kind of the created object. */
  readonly kind: string;
  /** The kind of its controller owner. */
  readonly ownerKind: string;
  readonly ownerName: OwnerName;
}

/** What each workload kind creates, through its controller. */
const CREATES: { readonly [kind: string]: readonly Created[] } = {
  Deployment: [
    { kind: 'ReplicaSet', ownerKind: 'Deployment', ownerName: 'exact' },
    { kind: 'Pod', ownerKind: 'ReplicaSet', ownerName: 'hashed' },
  ],
  ReplicaSet: [{ kind: 'Pod', ownerKind: 'ReplicaSet', ownerName: 'exact' }],
  ReplicationController: [{ kind: 'Pod', ownerKind: 'ReplicationController', ownerName: 'exact' }],
  StatefulSet: [{ kind: 'Pod', ownerKind: 'StatefulSet', ownerName: 'exact' }],
  DaemonSet: [{ kind: 'Pod', ownerKind: 'DaemonSet', ownerName: 'exact' }],
  Job: [{ kind: 'Pod', ownerKind: 'Job', ownerName: 'exact' }],
  CronJob: [
    { kind: 'Job', ownerKind: 'CronJob', ownerName: 'exact' },
    { kind: 'Pod', ownerKind: 'Job', ownerName: 'numbered' },
  ],
};

/** The label a Deployment's ReplicaSets and pods carry. */
const HASH_LABEL = 'pod-template-hash';

function regexEscape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** CEL: the apiVersion `field` is in one of the owner kind's API groups (from the engine's table). */
function celApiGroup(field: string, kind: string): string {
  const groups = kubernetesPodKind(kind)?.groups ?? [];
  return `(${groups.map(g => (g === '' ? `${field} == "v1"` : `${field}.startsWith(${celString(g + '/')})`)).join(' || ')})`;
}

function celOwnerName(created: Created, name: string): string {
  switch (created.ownerName) {
    case 'exact':
      return `r.name == ${celString(name)}`;
    case 'hashed': {
      const labels = 'object.metadata.labels';
      const hash = `${labels}[${celString(HASH_LABEL)}]`;
      return `has(${labels}) && ${celString(HASH_LABEL)} in ${labels} && ${hash}.matches("^[a-z0-9]+$")`
        + ` && r.name == ${celString(name + '-')} + ${hash}`;
    }
    case 'numbered':
      return `r.name.matches(${celString(`^${regexEscape(name)}-[0-9]+$`)})`;
  }
}

/** The kinds whose exemptions cover the objects they create. @internal */
export function exemptableKinds(): string[] {
  return Object.keys(CREATES).concat(['Pod', 'PodTemplate']).sort();
}

/**
 * CEL: the admitted object is the workload `kind`/`name` in `namespace`, or an object it creates
 * (found by its controller ownerReference). @internal
 */
export function celCovers(namespace: string, kind: string, name: string): string {
  const self = `(object.kind == ${celString(kind)} && has(object.metadata.name) && object.metadata.name == ${celString(name)})`;
  const created = (CREATES[kind] ?? []).map(c => `(object.kind == ${celString(c.kind)} && has(object.metadata.ownerReferences)`
    + ' && object.metadata.ownerReferences.exists(r, has(r.controller) && r.controller == true'
    + ` && r.kind == ${celString(c.ownerKind)} && ${celApiGroup('r.apiVersion', c.ownerKind)} && ${celOwnerName(c, name)}))`);
  return `request.namespace == ${celString(namespace)} && (${[self, ...created].join(' || ')})`;
}
