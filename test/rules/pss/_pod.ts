/**
 * Helpers for the per-check tests: a minimal pod that is valid at restricted/latest, and a way to
 * evaluate one check on a tweaked copy of it.
 */
import { Finding, PolicyEvaluator, PssLevel } from '../../../src';

/** A minimal pod with an init and a regular container, allowed at restricted/latest. */
export function restrictedPod(): any {
  const hardened = () => ({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'pod' },
    spec: {
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
      initContainers: [{ name: 'init', image: 'registry.example/init:1', securityContext: hardened() }],
      containers: [{ name: 'app', image: 'registry.example/app:1', securityContext: hardened() }],
    },
  };
}

/** An ephemeral container with the same hardening as the others. */
export function hardenedEphemeral(name = 'debug'): any {
  return { name, image: 'registry.example/debug:1', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } };
}

/** A copy of the minimal pod, changed by `tweak`. */
export function podWith(tweak: (pod: any) => void): any {
  const pod = restrictedPod();
  tweak(pod);
  return pod;
}

/** Options of one evaluation. */
export interface At {
  /** @default PssLevel.RESTRICTED */
  readonly level?: PssLevel;
  /** @default 'latest' */
  readonly version?: string;
}

/**
 * Evaluates the pod and returns the findings of one check. Fails the test when the pod is
 * not valid input, so a typo in a tweak cannot pass for a compliant case.
 */
export function findingsOf(checkId: string, pod: any, at: At = {}): Finding[] {
  const all = new PolicyEvaluator({ level: at.level ?? PssLevel.RESTRICTED, version: at.version ?? 'latest' }).evaluate(pod);
  expect(all.filter(f => f.ruleId === PolicyEvaluator.INVALID_INPUT_RULE_ID)).toEqual([]);
  return all.filter(f => f.ruleId === checkId);
}

/** The checks the evaluator runs at a level and version. */
export function checksAt(level: PssLevel, version: string): string[] {
  return new PolicyEvaluator({ level, version }).ruleIds();
}

/** The parts of a finding that the tests pin exactly. */
export function summary(f: Finding): { path: string; paths: string[]; container?: string; detail: string; message: string } {
  return {
    path: f.path,
    paths: f.paths,
    ...(f.container !== undefined ? { container: f.container } : {}),
    detail: f.detail,
    message: f.message,
  };
}
