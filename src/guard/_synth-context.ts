import * as path from 'path';

/**
 * Where a validation pass comes from. cdk8s has no synthesis hook: `App.synth()` and
 * `App.synthYaml()` validate the whole app once themselves, then once more for every chart they
 * render (`Chart.toJson()` validates the app again). No user code runs between these passes, so
 * the guard evaluates on the first pass and answers the later passes of the same synth from its
 * cache. @internal
 */
export enum PassKind {
  /** The validation `App.synth()` / `App.synthYaml()` runs first: a new synth starts. */
  SYNTH_START = 'start',
  /** A later pass of the same `App.synth()` / `App.synthYaml()` (one per chart). */
  SYNTH_REPEAT = 'repeat',
  /** Anything else, e.g. `Testing.synth(chart)` or a direct `chart.toJson()`: evaluate afresh. */
  STANDALONE = 'standalone',
}

const APP_FILE = `${path.sep}cdk8s${path.sep}lib${path.sep}app.js`;

function callSites(depth = 64, below: (...args: any[]) => unknown = callSites): NodeJS.CallSite[] {
  const prepare = Error.prepareStackTrace;
  const limit = Error.stackTraceLimit;
  try {
    Error.stackTraceLimit = depth;
    Error.prepareStackTrace = (_err, sites) => sites;
    const holder: { stack?: unknown } = {};
    Error.captureStackTrace(holder, below);
    return Array.isArray(holder.stack) ? holder.stack as NodeJS.CallSite[] : [];
  } finally {
    Error.prepareStackTrace = prepare;
    Error.stackTraceLimit = limit;
  }
}

function inAppFile(site: NodeJS.CallSite | undefined, name: string): boolean {
  return site !== undefined && site.getFunctionName() === name && (site.getFileName() ?? '').endsWith(APP_FILE);
}

/**
 * Classifies the current validation pass from the call stack. When cdk8s is bundled or renamed,
 * every pass is STANDALONE: the guard then evaluates on every pass, which costs time but is never
 * wrong. @internal
 */
export function currentPass(): PassKind {
  const sites = callSites();
  const validate = sites.findIndex(s => inAppFile(s, 'validate'));
  if (validate < 0) return PassKind.STANDALONE;
  const caller = sites[validate + 1];
  if (caller && (inAppFile(caller, 'synth') || inAppFile(caller, 'synthYaml'))) return PassKind.SYNTH_START;
  if (caller && inAppFile(caller, '_synthChart')) {
    for (let i = validate + 2; i < sites.length; i++) {
      if (inAppFile(sites[i], 'synth') || inAppFile(sites[i], 'synthYaml')) return PassKind.SYNTH_REPEAT;
    }
  }
  return PassKind.STANDALONE;
}

/** Frames between a shared `toJson` and `App.synth()` when cdk8s renders a chart (with room to spare). */
const NEAR_DEPTH = 8;

const isAppSynth = (s: NodeJS.CallSite): boolean => inAppFile(s, 'synth') || inAppFile(s, 'synthYaml');

/** Where a shared `toJson` was called from. @internal */
export enum JsonCaller {
  /**
   * cdk8s's own rendering of a chart (`App._synthChart`, which maps the chart's ApiObjects to
   * their JSON) inside an `App.synth()` or `App.synthYaml()`.
   */
  CHART_RENDER = 'render',
  /** Other code inside an `App.synth()` or `App.synthYaml()`. */
  IN_SYNTH = 'synth',
  /** Anywhere else. */
  OUTSIDE = 'outside',
}

/**
 * Classifies the call of `fn`, a `toJson` function, from the call stack. It looks at the few
 * nearest frames first (where cdk8s's own calls put the synth), and at the deeper stack only when
 * they do not show it. @internal
 */
export function jsonCaller(fn: (...args: any[]) => unknown): JsonCaller {
  const near = callSites(NEAR_DEPTH, fn);
  let inSynth = near.some(isAppSynth);
  if (!inSynth && near.length >= NEAR_DEPTH) inSynth = callSites(64, fn).some(isAppSynth);
  if (!inSynth) return JsonCaller.OUTSIDE;
  // The direct caller is the mapping function of `_synthChart` (then `Array.prototype.map`, then `_synthChart`).
  const caller = near[0];
  const render = caller !== undefined && (caller.getFileName() ?? '').endsWith(APP_FILE)
    && (inAppFile(near[1], '_synthChart') || inAppFile(near[2], '_synthChart'));
  return render ? JsonCaller.CHART_RENDER : JsonCaller.IN_SYNTH;
}
