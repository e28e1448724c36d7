/**
 * `npm run demo`:
 *
 * 1. synthesizes the example app (golden constructs, hardened pack) into `dist/`, with zero findings;
 * 2. shows the policy guard catching an insecure plain cdk8s-plus Deployment (ENFORCE mode: the
 *    synth fails, no manifest is written, the reports are) and lists the report files;
 * 3. runs the `cdk8s-guard` CLI on a sample insecure manifest and shows its findings.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { buildExampleApp } from './app';
import { PolicyGuard } from '../src/guard';

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist');

function heading(text: string): void {
  process.stdout.write(`\n=== ${text}\n\n`);
}

function listFiles(dir: string, filter: (name: string) => boolean): string[] {
  return fs.readdirSync(dir).filter(filter).sort().map(name => path.relative(ROOT, path.join(dir, name)));
}

function synthesizeExampleApp(): void {
  heading('1. The example app, built with the golden constructs');
  const outdir = path.join(DIST, 'app');
  fs.rmSync(outdir, { recursive: true, force: true });
  const app = new App({ outdir });
  buildExampleApp(app);
  app.synth();
  const guard = PolicyGuard.of(app);
  const findings = guard.findings();
  const unsuppressed = findings.filter(f => !f.suppressed);
  process.stdout.write(`policy guard: ${unsuppressed.length} findings (${findings.length - unsuppressed.length} suppressed with a reason)\n`);
  process.stdout.write('wrote the manifests (the outdir holds nothing else):\n');
  for (const file of listFiles(outdir, () => true)) process.stdout.write(`  ${file}\n`);
  process.stdout.write('and the reports, beside the outdir:\n');
  for (const file of listFiles(guard.reportDir, () => true)) process.stdout.write(`  ${file}\n`);
  if (unsuppressed.length > 0) {
    throw new Error(`the example app should synthesize with zero findings, found ${unsuppressed.length}`);
  }
}

function catchInsecureObject(): void {
  heading('2. The policy guard catching an insecure plain cdk8s-plus Deployment');
  const outdir = path.join(DIST, 'insecure');
  fs.rmSync(outdir, { recursive: true, force: true });
  const app = new App({ outdir });
  const guard = PolicyGuard.of(app);
  const chart = new Chart(app, 'legacy');
  new kplus.Deployment(chart, 'api', {
    containers: [{ image: 'registry.example.com/api:1.4.2', portNumber: 8080 }],
  });
  try {
    app.synth();
    throw new Error('the guard should have failed the synth of an insecure Deployment');
  } catch (err) {
    process.stdout.write(`${err instanceof Error ? err.message : String(err)}\n`);
  }
  const manifests = fs.existsSync(outdir) ? listFiles(outdir, n => n.endsWith('.k8s.yaml')) : [];
  process.stdout.write(`\nmanifests written: ${manifests.length === 0 ? 'none' : manifests.join(', ')}\n`);
  process.stdout.write('reports written:\n');
  for (const file of listFiles(guard.reportDir, n => n.startsWith('guard-report'))) process.stdout.write(`  ${file}\n`);
}

function runCli(): void {
  heading('3. The cdk8s-guard CLI on a sample insecure manifest (examples/insecure.yaml)');
  const args = ['validate', 'examples/insecure.yaml'];
  process.stdout.write(`$ cdk8s-guard ${args.join(' ')}\n`);
  const res = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/cli/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, 'test', 'tsconfig.json') },
    encoding: 'utf8',
  });
  process.stdout.write(res.stdout);
  process.stderr.write(res.stderr);
  process.stdout.write(`(exit code ${res.status}: 1 means unsuppressed violations at or above --fail-on)\n`);
  if (res.status !== 1) throw new Error(`the CLI should exit 1 on the insecure sample, it exited ${res.status}`);
}

synthesizeExampleApp();
catchInsecureObject();
runCli();
