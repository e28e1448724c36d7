import { isObject, own } from '../../engine/_util';
import { CEL_CONTAINER, CelCheck, celString } from '../../engine/cel';
import { PodView } from '../../engine/pod';
import { ContainerType, RuleViolation } from '../../engine/types';

/** True when a resource quantity is written (a non-empty string or a number). @internal */
function isSet(value: unknown): boolean {
  return (typeof value === 'string' && value.trim() !== '') || typeof value === 'number';
}

/**
 * Checks that init and regular containers set the given resources in `resources.<field>`.
 * Ephemeral containers are skipped: Kubernetes forbids resources on them. With
 * `limitsImplyRequests`, a resource that has a limit counts as requested, because Kubernetes
 * defaults a missing request to the limit. One violation per container, naming every missing
 * resource; `path` is the first missing one and `extraPaths` the others. @internal
 */
export function checkResources(
  pod: PodView,
  field: 'requests' | 'limits',
  names: readonly string[],
  limitsImplyRequests: boolean,
): RuleViolation[] {
  const out: RuleViolation[] = [];
  for (let i = 0; i < pod.containers.length; i++) {
    const c = pod.containers[i];
    if (c.type === ContainerType.EPHEMERAL) continue;
    const resources = own(c.spec, 'resources');
    const section = isObject(resources) ? own(resources, field) : undefined;
    const limits = isObject(resources) ? own(resources, 'limits') : undefined;
    const missing = names.filter(name => !isSet(own(section, name)) && !(limitsImplyRequests && isSet(own(limits, name))));
    if (missing.length === 0) continue;
    const paths = missing.map(name => pod.containerPath(c, 'resources', field, name));
    const fields = missing.map(name => `resources.${field}.${name}`).join(', ');
    out.push({
      container: c.name,
      path: paths[0],
      ...(paths.length > 1 ? { extraPaths: paths.slice(1) } : {}),
      detail: `container "${c.name}" must set ${fields}`,
      fix: `set ${fields} on container "${c.name}"`,
    });
  }
  return out;
}

/**
 * CEL of `checkResources`: init and regular containers set each resource in `resources.<field>`
 * (or, with `limitsImplyRequests`, in `resources.limits`). At admission the quantities have been
 * parsed, so a present key is a written quantity. @internal
 */
export function celResources(field: 'requests' | 'limits', names: readonly string[], limitsImplyRequests: boolean): CelCheck {
  const r = `${CEL_CONTAINER}.resources`;
  const has = (section: string, name: string) => `(has(${r}) && has(${r}.${section}) && ${celString(name)} in ${r}.${section})`;
  return {
    ephemeralContainers: false,
    container: names.map(name => (limitsImplyRequests ? `(${has(field, name)} || ${has('limits', name)})` : has(field, name))).join(' && '),
  };
}
