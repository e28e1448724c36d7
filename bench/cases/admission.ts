/**
 * Admission policy emission: turning the hardened pack, with 50 workload exemptions, into
 * ValidatingAdmissionPolicy objects and their YAML costs no more than writing the same objects as
 * YAML twice over.
 */
import { stringify } from 'yaml';
import { AdmissionAction, AdmissionExemption, Packs, PolicyEvaluator } from '../../src';
import { emitAdmissionPolicies } from '../../src/admission/emit';
import { toYamlStream } from '../../src/cli/_admission';
import { BenchCase } from '../types';

/** Emissions per timed run, so that one run takes long enough to measure. */
const REPEAT = 50;

const KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'];

function exemptions(): AdmissionExemption[] {
  return Array.from({ length: 50 }, (_, i) => ({
    ruleId: i % 2 === 0 ? 'readOnlyRootFilesystem' : 'runAsNonRoot',
    reason: 'the workload writes its cache to the root file system',
    resource: { kind: KINDS[i % KINDS.length], namespace: `team-${i % 7}`, name: `app-${i}` },
    ...(i % 3 === 0 ? { containers: ['app', 'sidecar'] } : {}),
  }));
}

function evaluator(): PolicyEvaluator {
  return new PolicyEvaluator({ packs: [Packs.HARDENED], ruleParams: { imageRegistry: { allowed: ['registry.example.com/'] } } });
}

export const cases: BenchCase[] = [{
  id: 'admission-emission',
  title: 'Admission policy emission for the hardened pack with 50 exemptions',
  goal: 'emitting the policies and their YAML costs at most 2x writing the same objects as YAML',
  maxTimeRatio: 2,
  baseline: {
    label: 'YAML of the emitted objects',
    setup: () => {
      const manifests = emitAdmissionPolicies({ evaluator: evaluator(), action: AdmissionAction.DENY, exemptions: exemptions() }).manifests;
      return () => {
        for (let i = 0; i < REPEAT; i++) manifests.map(m => stringify(m, { lineWidth: 0 })).join('---\n');
      };
    },
  },
  subject: {
    label: 'emission and YAML',
    setup: () => {
      const policy = evaluator();
      const list = exemptions();
      return () => {
        for (let i = 0; i < REPEAT; i++) {
          toYamlStream(emitAdmissionPolicies({ evaluator: policy, action: AdmissionAction.DENY, exemptions: list }).manifests);
        }
      };
    },
  },
}];
