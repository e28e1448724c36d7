/**
 * Config and code suppressions scoped to a resource, turned into admission exemptions. @internal
 */
import { exemptableKinds } from './_ownership';
import { AdmissionExemption } from './emit';

/** A suppression in the plain form the policy core hands over (config or code). @internal */
export interface SuppressionInput {
  readonly ruleId: string;
  readonly reason: string;
  readonly resource?: { readonly kind?: string; readonly namespace?: string; readonly name?: string };
  readonly containers?: readonly string[];
}

/** A suppression that did not become an exemption, and why. @internal */
export interface SkippedSuppression {
  readonly ruleId: string;
  readonly reason: string;
  readonly why: string;
}

/**
 * Turns suppressions into exemptions of the rules in `ruleIds`. A suppression becomes one only
 * when it names the kind, namespace and name of a workload; the others are returned with the
 * reason, so that the caller can say so. @internal
 */
export function exemptionsFromSuppressions(suppressions: readonly SuppressionInput[], ruleIds: readonly string[]):
{ exemptions: AdmissionExemption[]; skipped: SkippedSuppression[] } {
  const exemptions: AdmissionExemption[] = [];
  const skipped: SkippedSuppression[] = [];
  const kinds = exemptableKinds();
  for (const s of suppressions) {
    const r = s.resource;
    const skip = (why: string) => skipped.push({ ruleId: s.ruleId, reason: s.reason, why });
    if (!ruleIds.includes(s.ruleId)) {skip('the admission policy does not check this rule');} else if (!r?.kind || !r.namespace || !r.name) {skip('it does not name the kind, namespace and name of one workload, so the cluster cannot scope it');} else if (!kinds.includes(r.kind)) {skip(`kind "${r.kind}" runs no pods`);} else {
      exemptions.push({
        ruleId: s.ruleId,
        reason: s.reason,
        resource: { kind: r.kind, namespace: r.namespace, name: r.name },
        ...(s.containers ? { containers: [...s.containers] } : {}),
      });
    }
  }
  return { exemptions, skipped };
}
