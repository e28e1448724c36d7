/**
 * `cdk8s-guard fix`, run as the built CLI (`npx projen compile` first).
 */
import * as fs from 'fs';
import * as path from 'path';
import { applyPatch as applyDiff } from 'diff';
import { applyPatch, deepClone } from 'fast-json-patch';
import { parseAllDocuments } from 'yaml';
import { COMPLIANT_POD, ROOT, runCli, TempDir } from './helpers';

/** A stream with comments, quoting, a flow list, an untouched ConfigMap and a Deployment to fix. */
const STREAM = `# vendored from upstream, do not reformat
apiVersion: v1
kind: ConfigMap
metadata: {name: "settings"}   # flow map, kept as written
data:
  mode: 'strict'
---
# the workload
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web # inline comment
  namespace: shop
spec:
  template:
    spec:
      containers:
      - name: app
        image: "registry.example.com/app:1.0"
        securityContext:
          capabilities:
            add: [NET_BIND_SERVICE]
      - name: helper
        image: 'registry.example.com/helper:2'
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  ports:
    - port: 80
`;

/** A Pod that keeps one decision: it runs privileged. */
const PRIVILEGED_POD = `apiVersion: v1
kind: Pod
metadata:
  name: priv
spec:
  containers:
    - name: app
      image: registry.example.com/app:1.0
      securityContext:
        privileged: true
`;

function docs(text: string): unknown[] {
  return parseAllDocuments(text, { version: '1.1' }).map(d => d.toJS()).filter(d => d !== null);
}

/** The source text of each document of a stream (from the previous document's end). */
function segments(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (const d of parseAllDocuments(text)) {
    out.push(text.slice(start, d.range[2]));
    start = d.range[2];
  }
  return out;
}

describe('cdk8s-guard fix', () => {
  let tmp: TempDir;
  beforeEach(() => { tmp = new TempDir(); });
  afterEach(() => tmp.cleanup());

  test('prints a unified diff that turns the input into the --format yaml stream, and exits 0 when nothing needs a decision', () => {
    // GIVEN a stream with a Deployment that lacks its hardening
    const file = tmp.write('app.yaml', STREAM);
    // WHEN fix runs with the default format and with --format yaml
    const diff = runCli(['fix', file]);
    const yaml = runCli(['fix', '--format', 'yaml', file]);
    // THEN the diff names the file, adds only lines, and applied to the input gives the yaml stream
    expect(diff.code).toBe(0);
    expect(diff.stderr).toBe('');
    expect(diff.stdout.split('\n').slice(0, 2)).toEqual([`--- a/${file.replace(/^\//, '')}`, `+++ b/${file.replace(/^\//, '')}`]);
    const changed = diff.stdout.split('\n').filter(l => /^[-+](?![-+]{2} )/.test(l));
    expect(changed.every(l => l.startsWith('+'))).toBe(true);
    expect(changed).toContain('+          allowPrivilegeEscalation: false');
    expect(applyDiff(STREAM, diff.stdout)).toBe(yaml.stdout);
    expect(yaml.code).toBe(0);
  });

  test('the --format patch operations, applied with fast-json-patch, give exactly the --format yaml result', () => {
    // GIVEN the stream
    const file = tmp.write('app.yaml', STREAM);
    // WHEN the operations and the fixed stream are printed
    const patch = JSON.parse(runCli(['fix', '--format', 'patch', file]).stdout);
    const fixed = docs(runCli(['fix', '--format', 'yaml', file]).stdout);
    // THEN each document's operations applied to the original document give the fixed document
    const original = docs(STREAM);
    expect(patch.map((p: any) => [p.file, p.documentIndex])).toEqual([[file, 1]]);
    const patched = original.map((d, i) => {
      const entry = patch.find((p: any) => p.documentIndex === i);
      return entry ? applyPatch(deepClone(d), entry.operations, true).newDocument : d;
    });
    expect(patched).toEqual(fixed);
    expect(patch[0].operations.map((o: any) => o.ruleId)).toEqual([
      'seccompProfile_restricted', 'allowPrivilegeEscalation', 'allowPrivilegeEscalation',
      'capabilities_restricted', 'capabilities_restricted', 'runAsNonRoot',
    ]);
  });

  test('--write keeps comments and untouched documents byte-for-byte, and a second fix prints an empty diff', () => {
    // GIVEN the stream in a file
    const file = tmp.write('app.yaml', STREAM);
    // WHEN fix --write runs, then fix again
    const write = runCli(['fix', '--write', file]);
    const after = fs.readFileSync(file, 'utf8');
    const again = runCli(['fix', file]);
    // THEN only the Deployment's document changed, its comments, quotes and flow list are kept
    expect(write.code).toBe(0);
    expect(write.stdout).toBe('');
    expect(write.stderr).toBe(`cdk8s-guard: fixed ${file}\n`);
    const [configMap, deployment, service] = segments(after);
    expect(configMap).toBe(segments(STREAM)[0]);
    expect(service).toBe(segments(STREAM)[2]);
    for (const kept of ['# the workload', 'name: web # inline comment', 'image: "registry.example.com/app:1.0"', "image: 'registry.example.com/helper:2'", 'add: [NET_BIND_SERVICE]']) {
      expect(deployment).toContain(kept);
    }
    // AND the second run finds nothing to change
    expect(again.stdout).toBe('');
    expect(again.code).toBe(0);
  });

  test('exits 1 and lists the decisions on stderr in the validate text format', () => {
    // GIVEN a privileged Pod, and the same Pod as fix would write it
    const file = tmp.write('priv.yaml', PRIVILEGED_POD);
    // WHEN fix runs, and validate runs on the written file
    const fix = runCli(['fix', file]);
    runCli(['fix', '--write', file]);
    const validate = runCli(['validate', file]);
    // THEN fix adds what is absent but not to the privileged container, and lists what validate lists
    expect(fix.code).toBe(1);
    expect(fix.stdout).toContain('+    seccompProfile:');
    expect(fix.stdout).not.toContain('allowPrivilegeEscalation');
    expect(validate.code).toBe(1);
    expect(fix.stderr).toBe(validate.stdout);
    expect(fix.stderr).toMatch(/priv\.yaml:10 +error +privileged +Pod\/priv\/app +privileged\n/);
  });

  test('a file with Windows line ends keeps them', () => {
    // GIVEN a Pod written with CRLF line ends
    const file = tmp.write('crlf.yaml', 'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: a\r\nspec:\r\n  containers:\r\n  - name: a\r\n    image: a\r\n');
    // WHEN fix --write runs
    runCli(['fix', '--write', file]);
    // THEN every line still ends with CRLF, and the original lines are unchanged
    const text = fs.readFileSync(file, 'utf8');
    expect(text.split('\r\n').slice(0, 8)).toEqual(['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: a', 'spec:', '  containers:', '  - name: a', '    image: a']);
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
  });

  test('a JSON file stays JSON, indented as it was', () => {
    // GIVEN a Pod without its hardening, written as JSON
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'a', image: 'a' }] } };
    const file = tmp.write('pod.json', `${JSON.stringify(pod, null, 4)}\n`);
    // WHEN fix --write runs
    runCli(['fix', '--write', file]);
    // THEN the file is the fixed object as JSON, with four spaces
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toBe(`${JSON.stringify({
      ...pod,
      spec: {
        containers: [{ name: 'a', image: 'a', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }],
        securityContext: { seccompProfile: { type: 'RuntimeDefault' }, runAsNonRoot: true },
      },
    }, null, 4)}\n`);
  });

  test.each<[string, string[]]>([
    ['baseline', ['--level', 'baseline']],
    ['restricted before v1.8 (no allowPrivilegeEscalation, capabilities or seccomp field checks)', ['--pss-version', 'v1.7']],
  ])('fixes only what the level and version fail: %s', (_name, flags) => {
    // GIVEN a Pod without securityContext, which has no absent-field failure at this level and version
    const file = tmp.write('bare.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  securityContext:\n    runAsNonRoot: true\n  containers:\n    - name: a\n      image: a\n');
    // WHEN fix runs there
    const run = runCli(['fix', ...flags, file]);
    // THEN nothing changes
    expect(run).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  test('prints the diff and the decisions that docs/hardening.md shows', () => {
    // GIVEN the chart output the documentation uses, at vendor/web.yaml
    tmp.write('vendor/web.yaml', fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'helm', 'rendered.yaml')));
    const doc = fs.readFileSync(path.join(ROOT, 'docs', 'hardening.md'), 'utf8');
    const diff = /```diff\n([\s\S]*?)```/.exec(doc)![1];
    const decisions = /exits\s+with status 1:\n\n```\n([\s\S]*?)```/.exec(doc)![1];
    // WHEN fix runs in that directory
    const run = runCli(['fix', 'vendor/web.yaml'], { cwd: tmp.dir });
    // THEN it prints exactly what the documentation shows
    expect(run.stdout).toBe(diff);
    expect(run.stderr).toBe(decisions);
    expect(run.code).toBe(1);
  });

  test('lists the findings of packs as decisions, and applies the opt-in fix they ask for', () => {
    // GIVEN the compliant Pod, checked with the hardened pack
    const file = tmp.write('ok.yaml', COMPLIANT_POD);
    // WHEN fix runs with the pack, with and without the resource limits fix
    const plain = runCli(['fix', '--pack', 'hardened', '--allow-registry', 'registry.example.com/', file]);
    const limited = runCli(['fix', '--pack', 'hardened', '--allow-registry', 'registry.example.com/', '--default-limit', 'cpu=1', '--default-limit', 'memory=1Gi', file]);
    // THEN the missing limits are a decision until the fix is named
    expect(plain.stdout).toBe('');
    expect(plain.stderr).toMatch(/ok\.yaml:11 +error +resourceLimits +Pod\/ok\/app +resource limits not set\n/);
    expect(limited.stdout).toContain('+          memory: 1Gi');
    expect(limited.stderr).not.toContain('resourceLimits');
  });

  test('a pass document gets no change', () => {
    // GIVEN a Pod that passes restricted
    const file = tmp.write('ok.yaml', COMPLIANT_POD);
    // WHEN fix runs
    const run = runCli(['fix', file]);
    // THEN there is no diff and nothing to decide
    expect(run).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  test('reads standard input and applies the opt-in fixes of the flags', () => {
    // GIVEN the compliant Pod on standard input
    // WHEN fix runs with two opt-in fixes
    const run = runCli(['fix', '--format', 'patch', '--disable-service-account-token', '--default-limit', 'memory=256Mi', '-'], { input: COMPLIANT_POD });
    // THEN they are the only operations
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([{
      file: '<stdin>',
      documentIndex: 0,
      operations: [
        { op: 'add', path: '/spec/automountServiceAccountToken', value: false, ruleId: 'serviceAccountToken' },
        { op: 'add', path: '/spec/containers/0/resources', value: { limits: { memory: '256Mi' } }, ruleId: 'resourceLimits', container: 'app' },
      ],
    }]);
  });

  test('takes the opt-in fixes from the config file', () => {
    // GIVEN a config that makes root filesystems read-only with /tmp writable
    const config = tmp.write('guard.yaml', 'hardening:\n  readOnlyRootFilesystem: true\n  writablePaths: [/tmp]\n');
    const file = tmp.write('ok.yaml', COMPLIANT_POD);
    // WHEN fix runs with it
    const run = runCli(['fix', '--format', 'yaml', '--config', config, file]);
    // THEN the container is read-only and /tmp is an emptyDir
    const [pod] = docs(run.stdout) as any[];
    expect(pod.spec.containers[0].securityContext.readOnlyRootFilesystem).toBe(true);
    expect(pod.spec.containers[0].volumeMounts).toEqual([{ name: 'writable-app-tmp', mountPath: '/tmp' }]);
    expect(pod.spec.volumes).toEqual([{ name: 'writable-app-tmp', emptyDir: {} }]);
  });

  test('exits 2 on an input error naming the file and line, and still fixes the other inputs', () => {
    // GIVEN a broken file and a good one
    const bad = tmp.write('a-bad.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  name: y\n');
    const good = tmp.write('b-good.yaml', STREAM);
    // WHEN fix runs on the directory
    const run = runCli(['fix', path.dirname(good)]);
    // THEN the error names the file and line, and the good file's diff is printed
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`cdk8s-guard: ${bad}:5: duplicate key "name" in a map, remove one of them (kubectl's strict validation rejects duplicate keys)\n`);
    expect(run.stdout).toContain(`+++ b/${good.replace(/^\//, '')}`);
  });

  test.each<[string, string[], string]>([
    ['fails when --write is given standard input', ['fix', '--write', '-'], 'cdk8s-guard: --write cannot edit standard input, drop --write to print the diff, or pass files\n'],
    ['fails when a default limit has no quantity', ['fix', '--default-limit', 'memory', '-'], 'cdk8s-guard: invalid --default-limit "memory", expecting NAME=QUANTITY such as cpu=100m\n'],
    ['fails when writable paths come without the fix', ['fix', '--writable-path', '/tmp', '-'], 'cdk8s-guard: writablePaths are mounted only by the readOnlyRootFilesystem fix, turn readOnlyRootFilesystem on or remove writablePaths\n'],
  ])('%s', (_name, args, stderr) => {
    // GIVEN bad arguments WHEN fix runs THEN it exits 2 with the error and the fix
    const run = runCli(args, { input: COMPLIANT_POD });
    expect(run).toEqual({ code: 2, stdout: '', stderr });
  });
});
