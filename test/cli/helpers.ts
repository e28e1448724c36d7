import { spawnSync, SpawnSyncOptions } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Readable, Writable } from 'stream';
import { main } from '../../src/cli/main';

/** The repository root. */
export const ROOT = path.resolve(__dirname, '..', '..');
/** The built CLI (npm test compiles lib/ before running jest). */
export const CLI = path.join(ROOT, 'lib', 'cli', 'main.js');

/** A Pod that passes the restricted level. */
export const COMPLIANT_POD = `apiVersion: v1
kind: Pod
metadata:
  name: ok
spec:
  securityContext:
    runAsNonRoot: true
    seccompProfile:
      type: RuntimeDefault
  containers:
    - name: app
      image: registry.example.com/app:1.0
      securityContext:
        allowPrivilegeEscalation: false
        capabilities:
          drop: [ALL]
`;

/** A Deployment whose container sets privileged (line 12). */
export const PRIVILEGED_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    spec:
      containers:
        - name: nginx
          securityContext:
            privileged: true
`;

/** The compliant Pod with one field changed, e.g. `withPod('runAsNonRoot: true', 'runAsNonRoot: false')`. */
export function withPod(from: string, to: string): string {
  if (!COMPLIANT_POD.includes(from)) throw new Error(`fixture has no "${from}"`);
  return COMPLIANT_POD.replace(from, to);
}

/** A temporary directory, removed by `cleanup()`. */
export class TempDir {
  public readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guard-cli-'));

  /** Writes a file (creating directories) and returns its path. */
  public write(rel: string, content: string | Buffer): string {
    const file = path.join(this.dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    return file;
  }

  public path(rel: string): string {
    return path.join(this.dir, rel);
  }

  public cleanup(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** What a CLI run printed and returned. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

class Sink extends Writable {
  public text = '';
  public isTTY?: boolean;
  _write(chunk: any, _enc: BufferEncoding, done: () => void) {
    this.text += chunk.toString();
    done();
  }
}

/** Runs the CLI in this process (fast; used for argument and format tests). */
export async function runMain(args: string[], options: { stdin?: string; isTTY?: boolean; env?: { [key: string]: string } } = {}): Promise<CliRun> {
  const stdout = new Sink();
  stdout.isTTY = options.isTTY;
  const stderr = new Sink();
  const code = await main(args, {
    stdout,
    stderr,
    stdin: Readable.from(options.stdin !== undefined ? [Buffer.from(options.stdin)] : []),
    env: options.env ?? {},
  });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/**
 * A copy of the built CLI's runtime (lib/, package.json and the runtime dependencies with theirs)
 * in a new temporary directory that every user can enter and read, for running the CLI as
 * another user: the checkout may live below a directory that user cannot enter. Returns the copy's
 * `lib/cli/main.js`; remove the copy with `fs.rmSync(root, { recursive: true })`.
 */
export function copyCliRuntime(): { root: string; cli: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'guard-cli-runtime-'));
  const copy = (from: string, to: string) => fs.cpSync(from, to, { recursive: true, dereference: true });
  copy(path.join(ROOT, 'lib'), path.join(root, 'lib'));
  copy(path.join(ROOT, 'package.json'), path.join(root, 'package.json'));
  const pending = Object.keys(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).dependencies ?? {});
  const copied = new Set<string>();
  while (pending.length > 0) {
    const dep = pending.pop()!;
    if (copied.has(dep)) continue;
    copied.add(dep);
    const from = fs.realpathSync(path.join(ROOT, 'node_modules', dep));
    copy(from, path.join(root, 'node_modules', dep));
    pending.push(...Object.keys(JSON.parse(fs.readFileSync(path.join(from, 'package.json'), 'utf8')).dependencies ?? {}));
  }
  // mkdtemp creates the directory with mode 0700; the copied files keep their modes.
  fs.chmodSync(root, 0o755);
  return { root, cli: path.join(root, 'lib', 'cli', 'main.js') };
}

/** Runs the built CLI (or the CLI at `cli`) as a separate process. */
export function runCli(args: string[], options: SpawnSyncOptions & { input?: string | Buffer; nodeArgs?: string[]; cli?: string } = {}): CliRun {
  const { nodeArgs, cli, ...spawnOptions } = options;
  const result = spawnSync(process.execPath, [...(nodeArgs ?? []), cli ?? CLI, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 256 * 1024 * 1024,
    ...spawnOptions,
    env: { ...process.env, NO_COLOR: '1', ...(options.env ?? {}) },
  });
  if (result.error) throw result.error;
  return { code: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
}

/** What test/fixtures/cli/probe.js recorded about a CLI process. */
export interface Probe {
  readonly maxRssKiB: number;
  readonly loaded: string[];
  readonly polluted: unknown;
  readonly prototypeKeys: string[];
}

/** Runs the built CLI with the probe loaded, and returns the run and what the probe saw. */
export function runProbed(args: string[], options: SpawnSyncOptions & { input?: string | Buffer } = {}): { run: CliRun; probe: Probe } {
  const out = path.join(os.tmpdir(), `guard-probe-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
  const run = runCli(args, {
    ...options,
    nodeArgs: ['--require', path.join(ROOT, 'test', 'fixtures', 'cli', 'probe.js')],
    env: { ...(options.env as { [key: string]: string } ?? {}), GUARD_PROBE_OUT: out },
  });
  const probe = JSON.parse(fs.readFileSync(out, 'utf8'));
  fs.rmSync(out, { force: true });
  return { run, probe };
}

/** The parsed JSON report of a run. */
export function json(run: CliRun): any {
  return JSON.parse(run.stdout);
}
