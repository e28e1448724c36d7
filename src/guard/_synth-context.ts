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

function callSites(depth = 64): NodeJS.CallSite[] {
  const prepare = Error.prepareStackTrace;
  const limit = Error.stackTraceLimit;
  try {
    Error.stackTraceLimit = depth;
    Error.prepareStackTrace = (_err, sites) => sites;
    const holder: { stack?: unknown } = {};
    Error.captureStackTrace(holder, callSites);
    return Array.isArray(holder.stack) ? holder.stack as NodeJS.CallSite[] : [];
  } finally {
    Error.prepareStackTrace = prepare;
    Error.stackTraceLimit = limit;
  }
}

function inAppFile(site: NodeJS.CallSite, name: string): boolean {
  return site.getFunctionName() === name && (site.getFileName() ?? '').endsWith(APP_FILE);
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

/**
 * True when an `App.synth()` or `App.synthYaml()` of cdk8s is on the call stack. It is asked once
 * per object and synth, so it looks at the few nearest frames first (where cdk8s's own calls put
 * the synth), and at the deeper stack only when they do not show it. @internal
 */
export function inAppSynth(): boolean {
  return callSites(NEAR_DEPTH).some(isAppSynth) || callSites().some(isAppSynth);
}
