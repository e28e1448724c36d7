import { describeValue, isObject } from '../engine/_util';

/**
 * The opt-in fixes of hardening. Each is off unless named: they change what a workload may do
 * (write to its root filesystem, talk to the API server, use CPU and memory), so they are for
 * workloads you know. The default fixes (seccomp profile, privilege escalation, capabilities,
 * runAsNonRoot) need no option.
 */
export interface HardeningFixes {
  /**
   * `disableServiceAccountToken`: set `spec.automountServiceAccountToken: false` on every pod
   * that leaves it unset (satisfies the `serviceAccountToken` rule). A pod that sets `true` keeps it.
   * @default false
   */
  readonly disableServiceAccountToken?: boolean;
  /**
   * `readOnlyRootFilesystem`: set `securityContext.readOnlyRootFilesystem: true` on every
   * container that leaves it unset (satisfies the `readOnlyRootFilesystem` rule), and mount an
   * `emptyDir` at each of `writablePaths` in those containers. Never added to Windows pods.
   * @default false
   */
  readonly readOnlyRootFilesystem?: boolean;
  /**
   * Absolute paths that stay writable when `readOnlyRootFilesystem` is on, e.g. `['/tmp']`: each
   * becomes an `emptyDir` volume mounted in every container the fix makes read-only, unless the
   * container already mounts something there.
   * @default - none: the root filesystem becomes read-only with no writable path
   */
  readonly writablePaths?: string[];
  /**
   * `defaultRequests`: resource requests (e.g. `{ cpu: '100m', memory: '128Mi' }`) given to every
   * init and regular container that does not request that resource (satisfies
   * `resourceRequests`). A request is not added where the container has a limit for that
   * resource: Kubernetes then requests as much as the limit.
   * @default - no requests are added
   */
  readonly defaultRequests?: { [resource: string]: string };
  /**
   * `defaultLimits`: resource limits (e.g. `{ cpu: '500m', memory: '256Mi' }`) given to every init
   * and regular container that has no limit for that resource (satisfies `resourceLimits`). A
   * limit is not added where the container requests more.
   * @default - no limits are added
   */
  readonly defaultLimits?: { [resource: string]: string };
}

/** The names of the opt-in fixes, as props, config keys and CLI flags spell them. @internal */
export const OPT_IN_KEYS = ['disableServiceAccountToken', 'readOnlyRootFilesystem', 'writablePaths', 'defaultRequests', 'defaultLimits'];

/** A Kubernetes resource quantity, e.g. `100m`, `128Mi`, `1.5`, `2e3`. @internal */
export const QUANTITY_PATTERN = /^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|[mkMGTPE]|[eE][+-]?[0-9]+)?$/;

const RESOURCE_NAME = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/**
 * Checks opt-in fixes, as given in props, a config file or flags. Returns one problem per line,
 * each naming the bad value and the fix, and the fixes in a normalized form. @internal
 */
export function checkFixes(
  raw: unknown,
  where: (key: ReadonlyArray<string | number>, onKey: boolean) => string,
): { fixes: HardeningFixes; problems: string[] } {
  const problems: string[] = [];
  const report = (key: ReadonlyArray<string | number>, message: string, onKey = false) => {
    const at = where(key, onKey);
    problems.push(at ? `${at}: ${message}` : message);
  };
  if (raw === undefined || raw === null) return { fixes: {}, problems };
  if (!isObject(raw)) {
    report([], `hardening must be a map with keys such as ${OPT_IN_KEYS.join(', ')}, found ${describeValue(raw)}`);
    return { fixes: {}, problems };
  }
  for (const key of Object.keys(raw)) {
    if (!OPT_IN_KEYS.includes(key)) report([key], `unknown hardening fix "${key}", expecting one of: ${OPT_IN_KEYS.join(', ')}`, true);
  }
  const out: { -readonly [K in keyof HardeningFixes]: HardeningFixes[K] } = {};
  for (const key of ['disableServiceAccountToken', 'readOnlyRootFilesystem'] as const) {
    const value = raw[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'boolean') report([key], `${key} must be true or false, found ${describeValue(value)}`);
    else out[key] = value;
  }
  const paths = raw.writablePaths;
  if (paths !== undefined && paths !== null) {
    if (!Array.isArray(paths)) {
      report(['writablePaths'], `writablePaths must be a list of absolute paths such as [/tmp], found ${describeValue(paths)}`);
    } else {
      const seen: string[] = [];
      paths.forEach((p, i) => {
        if (typeof p !== 'string' || !p.startsWith('/') || p.includes(':')) {
          report(['writablePaths', i], `writable path ${typeof p === 'string' ? JSON.stringify(p) : describeValue(p)} is not an absolute path, write it as /tmp or /var/cache/app`);
        } else if (seen.includes(p)) {
          report(['writablePaths', i], `writable path "${p}" is listed twice, list each path once`);
        } else {
          seen.push(p);
        }
      });
      if (out.readOnlyRootFilesystem !== true && seen.length > 0) {
        report(['writablePaths'], 'writablePaths are mounted only by the readOnlyRootFilesystem fix, turn readOnlyRootFilesystem on or remove writablePaths');
      }
      out.writablePaths = seen;
    }
  }
  for (const key of ['defaultRequests', 'defaultLimits'] as const) {
    const value = raw[key];
    if (value === undefined || value === null) continue;
    if (!isObject(value)) {
      report([key], `${key} must be a map from resource name to quantity such as { cpu: 100m, memory: 128Mi }, found ${describeValue(value)}`);
      continue;
    }
    const map: { [resource: string]: string } = {};
    for (const name of Object.keys(value)) {
      const quantity = value[name];
      if (!RESOURCE_NAME.test(name)) {
        report([key, name], `invalid resource name "${name}" in ${key}, write a name such as cpu, memory or ephemeral-storage`, true);
      } else if (typeof quantity !== 'string' || !QUANTITY_PATTERN.test(quantity)) {
        report([key, name], `invalid quantity ${typeof quantity === 'string' ? JSON.stringify(quantity) : describeValue(quantity)} for ${name} in ${key}, write a quantity such as 100m, 128Mi or 1 (quoted)`);
      } else {
        map[name] = quantity;
      }
    }
    out[key] = map;
  }
  return { fixes: out, problems };
}

const SUFFIX: { [suffix: string]: number } = {
  '': 1,
  'm': 1e-3,
  'k': 1e3,
  'M': 1e6,
  'G': 1e9,
  'T': 1e12,
  'P': 1e15,
  'E': 1e18,
  'Ki': 2 ** 10,
  'Mi': 2 ** 20,
  'Gi': 2 ** 30,
  'Ti': 2 ** 40,
  'Pi': 2 ** 50,
  'Ei': 2 ** 60,
};

/** The value of a quantity (a string such as `128Mi` or a number), or undefined when unreadable. @internal */
export function quantityValue(q: unknown): number | undefined {
  if (typeof q === 'number') return Number.isFinite(q) ? q : undefined;
  if (typeof q !== 'string' || !QUANTITY_PATTERN.test(q)) return undefined;
  const m = /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(.*)$/.exec(q)!;
  const suffix = m[2];
  if (/^[eE]/.test(suffix)) return Number(m[1]) * 10 ** Number(suffix.slice(1));
  return Number(m[1]) * SUFFIX[suffix];
}
