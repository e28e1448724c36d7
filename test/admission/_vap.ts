/**
 * Evaluates emitted admission policies with both CEL engines, in child processes (cel-js is
 * ESM-only), on objects after the API server's defaulting.
 */
import { spawn } from 'child_process';
import * as path from 'path';
import { VOLUME_SOURCES } from '../../src/rules/pss/restrictedVolumes';

/** The CEL engines the acceptance test runs. */
export const ENGINES = ['bufbuild', 'cel-js'] as const;
export type Engine = typeof ENGINES[number];

/** One admission request: a CREATE (or UPDATE) of `object` in `namespace`. */
export interface AdmissionRequest {
  readonly object: any;
  readonly namespace?: string;
  /** Index of the policy set that applies (0 when there is one). */
  readonly policySet?: number;
  /** `CREATE` (the default) or `UPDATE`. */
  readonly operation?: 'CREATE' | 'UPDATE';
  /** The stored object, for an UPDATE. */
  readonly oldObject?: any;
}

/** The policies and bindings of one emission. */
export type PolicySet = Array<{ policy: any; binding: any }>;

/** What the policies decide for one request. */
export interface Verdict {
  readonly denied: boolean;
  /** Messages of the validations that were false. */
  readonly failures: string[];
  /** Messages of the validations that errored, with the error. */
  readonly errors: string[];
}

const SCRIPT = path.join(__dirname, 'vap-evaluate.mjs');

/** The object as the API server stores it: no null fields, and a volume without a source is an emptyDir. */
export function defaulted(value: any): any {
  if (Array.isArray(value)) return value.filter(v => v !== null).map(defaulted);
  if (value === null || typeof value !== 'object') return value;
  const out: { [key: string]: any } = {};
  for (const key of Object.keys(value)) if (value[key] !== null) out[key] = defaulted(value[key]);
  return out;
}

/** Defaults the volumes of a pod spec (after `defaulted`). */
export function defaultVolumes(spec: any): void {
  for (const volume of spec?.volumes ?? []) {
    if (!VOLUME_SOURCES.some(s => volume[s] !== undefined)) volume.emptyDir = {};
  }
}

/** Evaluates the requests against the policies with one engine. */
export function evaluate(engine: Engine, policySets: readonly PolicySet[], requests: readonly AdmissionRequest[]): Promise<Verdict[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', chunk => { out += chunk; });
    child.stderr.on('data', chunk => { err += chunk; });
    child.on('error', reject);
    child.on('close', code => {
      if (code !== 0) reject(new Error(`${engine} evaluator exited with ${code}: ${err}`));
      else resolve(JSON.parse(out));
    });
    child.stdin.end(JSON.stringify({ engine, policySets, requests: requests.map(r => ({ ...r, policySet: r.policySet ?? 0 })) }));
  });
}

/** Evaluates the requests with every engine, in parallel. */
export async function evaluateAll(policySets: readonly PolicySet[], requests: readonly AdmissionRequest[]): Promise<{ [E in Engine]: Verdict[] }> {
  const [a, b] = await Promise.all(ENGINES.map(e => evaluate(e, policySets, requests)));
  return { 'bufbuild': a, 'cel-js': b };
}
