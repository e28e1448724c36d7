/**
 * Benchmark case contract. Every file in bench/cases/ exports `cases: BenchCase[]`.
 * bench/run.ts runs each side in its own fresh Node process, several interleaved rounds,
 * and records the median time and peak RSS of each side, and the median of the per-round ratios,
 * in BENCHMARKS.md.
 */

/** A side measured inside a worker process: `setup` runs untimed and returns the timed function. */
export interface InProcessSide {
  readonly label: string;
  /** Runs before timing (build inputs, construct the app, ...). Returns the function that is timed. */
  readonly setup: () => (() => unknown) | Promise<() => unknown>;
}

/** A side measured as a whole Node process (start-up included): `node <argv...>`. */
export interface ProcessSide {
  readonly label: string;
  /** Arguments after `node`, e.g. `['lib/cli/main.js', 'validate', '.bench/cli/mix.yaml']`. */
  readonly argv: string[];
  /** Exit codes that count as success. @default [0] */
  readonly okExitCodes?: number[];
}

export interface BenchCase {
  /** Stable id, e.g. `engine-throughput`. */
  readonly id: string;
  /** One line for BENCHMARKS.md. */
  readonly title: string;
  /** The goal in words, e.g. `evaluation costs no more than JSON.parse of the same manifests`. */
  readonly goal: string;
  /** Goal on time: the median per-round ratio subject / baseline must be at most this. */
  readonly maxTimeRatio?: number;
  /** Goal on peak RSS: the median per-round ratio subject / baseline must be at most this. */
  readonly maxMemoryRatio?: number;
  /** Interleaved rounds (each side runs once per round in a fresh process). @default 5 */
  readonly rounds?: number;
  /** Runs once in the runner before the rounds, e.g. to write input files under `.bench/`. */
  readonly prepare?: () => void;
  readonly baseline: InProcessSide | ProcessSide;
  readonly subject: InProcessSide | ProcessSide;
}
