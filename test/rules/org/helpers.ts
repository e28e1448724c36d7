import { Finding, PssLevel } from '../../../src/engine/types';
import { PolicyEvaluator } from '../../../src/evaluator';

/** What the rule tests compare: the pointer, the container and the detail of each finding. */
export interface Brief {
  readonly path: string;
  readonly container?: string;
  readonly detail: string;
}

/** A pod spec tweak: mutates a fresh copy of the minimal spec. */
export type Tweak = (spec: any) => void;

/** A Deployment around a pod spec (so pointers go through /spec/template/spec). */
export function deployment(spec: any, namespace?: string): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', ...(namespace !== undefined ? { namespace } : {}) },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec },
    },
  };
}

/** Runs exactly one organization rule (no PSS checks) through the public evaluator. */
export function evaluateRule(ruleId: string, manifests: any[], params?: { [key: string]: any }): Finding[] {
  const evaluator = new PolicyEvaluator({ level: PssLevel.PRIVILEGED, rules: [{ ruleId, ...(params ? { params } : {}) }] });
  return evaluator.evaluateAll(manifests);
}

/** The rule's findings as briefs; fails when the evaluator reports anything else (invalid input, rule errors). */
export function briefs(ruleId: string, manifests: any[], params?: { [key: string]: any }): Brief[] {
  const findings = evaluateRule(ruleId, manifests, params);
  const others = findings.filter(f => f.ruleId !== ruleId || f.ruleError);
  expect(others).toEqual([]);
  return findings.map(f => ({ path: f.path, ...(f.container !== undefined ? { container: f.container } : {}), detail: f.detail }));
}

/**
 * Runs one image rule on a pod with a missing image and a malformed one, and returns what every
 * finding says: the rule leaves both to invalidImageReference, which reports each once.
 */
export function badImageFindings(ruleId: string, base: () => any, params?: { [key: string]: any }): Array<[string, string | undefined, string]> {
  const spec = base();
  delete spec.containers[0].image;
  spec.containers[1].image = 'proxy@sha256:abc';
  return evaluateRule(ruleId, [deployment(spec)], params).map(f => [f.ruleId, f.container, f.detail]);
}

/** Applies a tweak to a fresh copy of a spec. */
export function tweaked(base: () => any, tweak: Tweak): any {
  const spec = base();
  tweak(spec);
  return spec;
}

/** Pointer of a container in a Deployment's pod spec. */
export const C = '/spec/template/spec/containers';
/** Pointer of an init container in a Deployment's pod spec. */
export const I = '/spec/template/spec/initContainers';
/** Pointer of an ephemeral container in a Deployment's pod spec. */
export const E = '/spec/template/spec/ephemeralContainers';
/** Pointer of a Deployment's pod spec. */
export const S = '/spec/template/spec';
