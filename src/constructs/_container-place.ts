/**
 * Where a hardened container sits, so that every error about it names the workload's construct
 * path and the container by name and index. @internal
 */

/** A container's place in a secure workload. @internal */
export interface ContainerPlace {
  /** The workload, e.g. `SecureDeployment "payments/api"`. */
  readonly workload: string;
  /** The list the container is in. */
  readonly list: 'containers' | 'initContainers';
  /** Its index in that list. */
  readonly index: number;
}

let building: ContainerPlace | undefined;

/** Runs `build` (which creates a `HardenedContainer`) with the place the container is built for. @internal */
export function buildAt<T>(place: ContainerPlace, build: () => T): T {
  const outer = building;
  building = place;
  try {
    return build();
  } finally {
    building = outer;
  }
}

/** The place the container under construction is built for, if a workload builds it. @internal */
export function placeBeingBuilt(): ContainerPlace | undefined {
  return building;
}

/**
 * How errors name a container: `container "web" (containers[1]) of SecureDeployment
 * "payments/api"` in a workload, `container "web"` alone. @internal
 */
export function describeContainer(name: string, place: ContainerPlace | undefined): string {
  return place ? `container "${name}" (${place.list}[${place.index}]) of ${place.workload}` : `container "${name}"`;
}
