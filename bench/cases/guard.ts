import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App, Chart, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { PolicyGuard, Suppressions } from '../../src/guard';
import { BenchCase } from '../types';

const CHARTS = 20;
const PER_CHART = 100;
const GOAL = 'the guard adds at most 10% to synth time and 20% to peak memory';

/** How the Deployments of the app are written. */
enum Workloads {
  /**
   * Made compliant with the restricted level by two JSON patches on each Deployment (cdk8s-plus
   * sets neither a seccomp profile nor dropped capabilities). Both sides build identical objects,
   * so both pay for the patches.
   */
  COMPLIANT = 'compliant',
  /**
   * Plain cdk8s-plus Deployments: each fails restricted twice (seccompProfile_restricted,
   * capabilities_restricted), so with the guard each chart suppresses both rules. Every one of the
   * 4,000 findings is still evaluated, matched to its suppression and written to the reports.
   */
  SUPPRESSED = 'suppressed',
}

/**
 * 2,000 cdk8s-plus Deployments in 20 charts, with or without the guard (restricted, enforce mode).
 * Each side writes to its own directory under .bench/guard/ (git-ignored), replaced at every run.
 */
function buildApp(side: string, workloads: Workloads, guard?: { reports: boolean }): App {
  const outdir = path.join(__dirname, '..', '..', '.bench', 'guard', side);
  fs.rmSync(outdir, { recursive: true, force: true });
  const app = new App({ outdir });
  for (let c = 0; c < CHARTS; c++) {
    const chart = new Chart(app, `chart${c}`);
    for (let i = 0; i < PER_CHART; i++) {
      const deployment = new kplus.Deployment(chart, `web${i}`, { containers: [{ image: `registry.example.com/web${i}:1.0` }] });
      if (workloads === Workloads.COMPLIANT) {
        ApiObject.of(deployment).addJsonPatch(
          JsonPatch.add('/spec/template/spec/securityContext/seccompProfile', { type: 'RuntimeDefault' }),
          JsonPatch.add('/spec/template/spec/containers/0/securityContext/capabilities', { drop: ['ALL'] }),
        );
      }
    }
    if (guard && workloads === Workloads.SUPPRESSED) {
      Suppressions.add(chart, [
        { ruleId: 'seccompProfile_restricted', reason: 'the node runtime applies the default seccomp profile' },
        { ruleId: 'capabilities_restricted', reason: 'capabilities are dropped by the admission webhook' },
      ]);
    }
  }
  if (guard) {
    // Restricted, enforce mode; by default all four reports, written to the app's outdir.
    PolicyGuard.of(app, guard.reports ? {} : { reportFormats: [] });
  }
  return app;
}

function synthOf(side: string, workloads: Workloads, guard?: { reports: boolean }): () => () => unknown {
  return () => {
    const app = buildApp(side, workloads, guard);
    return () => app.synth();
  };
}

export const cases: BenchCase[] = [{
  id: 'guard-synth',
  title: '`app.synth()` of 2,000 cdk8s-plus Deployments in 20 charts, made compliant with restricted by JSON patches (the same objects on both sides), with the policy guard (restricted, enforce, default reports: JSON, SARIF, JUnit with a passing test case for each of the 2,000 resources, Markdown) vs without.',
  goal: GOAL,
  maxTimeRatio: 1.10,
  maxMemoryRatio: 1.20,
  rounds: 9,
  baseline: { label: 'cdk8s synth', setup: synthOf('plain-compliant', Workloads.COMPLIANT) },
  subject: { label: 'cdk8s synth + guard', setup: synthOf('guard-compliant', Workloads.COMPLIANT, { reports: true }) },
}, {
  id: 'guard-synth-suppressed-no-reports',
  title: 'Stress case: 2,000 plain cdk8s-plus Deployments in 20 charts, each chart suppressing the two restricted rules they fail (4,000 suppressed findings), the guard writing no reports (`reportFormats: []`): the cost of checking and matching suppressions alone.',
  goal: GOAL,
  maxTimeRatio: 1.10,
  maxMemoryRatio: 1.20,
  rounds: 5,
  baseline: { label: 'cdk8s synth', setup: synthOf('plain', Workloads.SUPPRESSED) },
  subject: { label: 'cdk8s synth + guard, no reports', setup: synthOf('guard-no-reports', Workloads.SUPPRESSED, { reports: false }) },
}, {
  id: 'guard-synth-suppressed',
  title: 'Stress case: the same 4,000 suppressed findings with all four reports written (about 15 MB: every finding in JSON, SARIF and Markdown, and a JUnit test case per resource).',
  goal: GOAL,
  maxTimeRatio: 1.10,
  maxMemoryRatio: 1.20,
  rounds: 5,
  baseline: { label: 'cdk8s synth', setup: synthOf('plain', Workloads.SUPPRESSED) },
  subject: { label: 'cdk8s synth + guard', setup: synthOf('guard', Workloads.SUPPRESSED, { reports: true }) },
}];
