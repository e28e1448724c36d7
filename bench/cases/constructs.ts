/**
 * Golden constructs: building and synthesizing 2,000 SecureDeployments costs at most 1.5 times
 * as much as 2,000 plain cdk8s-plus Deployments with the same container (no guard on either).
 */
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { SecureDeployment } from '../../src/constructs';
import { BenchCase } from '../types';

/** Deployments per side. */
const COUNT = 2000;
/** Deployments per chart. */
const PER_CHART = 100;

function image(i: number): string {
  return `registry.example.com/team-${i % 17}/app:1.${i % 9}.${i % 5}`;
}

/** Builds and synthesizes COUNT deployments made by `make`; returns the YAML length. */
function run(make: (chart: Chart, i: number) => void): number {
  const app = new App({ outdir: '.bench/constructs' });
  let chart: Chart | undefined;
  for (let i = 0; i < COUNT; i++) {
    if (i % PER_CHART === 0) chart = new Chart(app, `c${i / PER_CHART}`, { namespace: 'apps' });
    make(chart!, i);
  }
  return app.synthYaml().length;
}

export const cases: BenchCase[] = [{
  id: 'constructs-synth',
  title: `Build and synthesize ${COUNT} SecureDeployments vs ${COUNT} plain cdk8s-plus Deployments`,
  goal: 'the golden constructs cost at most 1.5 times plain cdk8s-plus',
  maxTimeRatio: 1.5,
  baseline: {
    label: `${COUNT} kplus.Deployment`,
    setup: () => () => run((chart, i) => new kplus.Deployment(chart, `d${i}`, {
      containers: [{ name: 'app', image: image(i), portNumber: 8080 }],
    })),
  },
  subject: {
    label: `${COUNT} SecureDeployment`,
    setup: () => () => run((chart, i) => new SecureDeployment(chart, `d${i}`, {
      containers: [{ name: 'app', image: image(i), portNumber: 8080 }],
    })),
  },
}];
