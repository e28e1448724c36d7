import * as fs from 'fs';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { PolicyGuard, Suppressions } from '../../src/guard';
import { BenchCase } from '../types';

const CHARTS = 20;
const PER_CHART = 100;

/**
 * 2,000 plain cdk8s-plus Deployments in 20 charts. A plain Deployment fails restricted twice
 * (seccompProfile_restricted, capabilities_restricted), so with the guard each chart carries a
 * suppression of both: the synth succeeds in enforce mode, and every one of the 4,000 findings is
 * still evaluated, matched to its suppression and written to the reports.
 * Each side writes to its own directory under .bench/guard/.
 */
function buildApp(guarded: boolean, reports = true): App {
  // Output goes under .bench/ (git-ignored), replaced at every run.
  const outdir = path.join(__dirname, '..', '..', '.bench', 'guard', guarded ? (reports ? 'guard' : 'guard-no-reports') : 'plain');
  fs.rmSync(outdir, { recursive: true, force: true });
  const app = new App({ outdir });
  for (let c = 0; c < CHARTS; c++) {
    const chart = new Chart(app, `chart${c}`);
    for (let i = 0; i < PER_CHART; i++) {
      new kplus.Deployment(chart, `web${i}`, { containers: [{ image: `registry.example.com/web${i}:1.0` }] });
    }
    if (guarded) {
      Suppressions.add(chart, [
        { ruleId: 'seccompProfile_restricted', reason: 'the node runtime applies the default seccomp profile' },
        { ruleId: 'capabilities_restricted', reason: 'capabilities are dropped by the admission webhook' },
      ]);
    }
  }
  if (guarded) {
    // Restricted, enforce mode; by default all four reports, written to the app's temp outdir.
    PolicyGuard.of(app, reports ? {} : { reportFormats: [] });
  }
  return app;
}

export const cases: BenchCase[] = [{
  id: 'guard-synth-no-reports',
  title: 'The same synth with the guard writing no reports (`reportFormats: []`): the cost of checking alone.',
  goal: 'the guard adds at most 10% to synth time and 20% to peak memory',
  maxTimeRatio: 1.10,
  maxMemoryRatio: 1.20,
  rounds: 5,
  baseline: { label: 'cdk8s synth', setup: () => { const app = buildApp(false); return () => app.synth(); } },
  subject: { label: 'cdk8s synth + guard, no reports', setup: () => { const app = buildApp(true, false); return () => app.synth(); } },
}, {
  id: 'guard-synth',
  title: '`app.synth()` of 2,000 cdk8s-plus Deployments in 20 charts, with the policy guard (restricted, enforce, 4,000 suppressed findings, JSON/SARIF/JUnit/Markdown reports written) vs without.',
  goal: 'the guard adds at most 10% to synth time and 20% to peak memory',
  maxTimeRatio: 1.10,
  maxMemoryRatio: 1.20,
  rounds: 5,
  baseline: { label: 'cdk8s synth', setup: () => { const app = buildApp(false); return () => app.synth(); } },
  subject: { label: 'cdk8s synth + guard', setup: () => { const app = buildApp(true); return () => app.synth(); } },
}];
