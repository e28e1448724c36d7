// Hostile and broken inputs, each run through the built CLI as a separate process: never a stack
// trace, never exit 0 for an unreadable input, and the other inputs are still reported.
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { COMPLIANT_POD, copyCliRuntime, json, PRIVILEGED_DEPLOYMENT, runCli, runProbed, TempDir, withPod } from './helpers';

jest.setTimeout(120_000);

let tmp: TempDir;

beforeEach(() => {
  tmp = new TempDir();
});

afterEach(() => {
  tmp.cleanup();
});

const NO_STACK = /\n\s+at .+\(.*:\d+:\d+\)/;

/** Runs the CLI with JSON output on a broken file next to a valid insecure one. */
function runBesideInsecure(broken: string): { code: number | null; report: any; stderr: string } {
  const good = tmp.write('good.yaml', PRIVILEGED_DEPLOYMENT);
  const run = runCli(['validate', '--format', 'json', broken, good]);
  expect(run.stderr).not.toMatch(NO_STACK);
  const report = json(run);
  // The valid file is still evaluated and reported.
  expect(report.results.filter((r: any) => r.file === good).map((r: any) => r.ruleId)).toContain('privileged');
  return { code: run.code, report, stderr: run.stderr };
}

test('malformed YAML is an error with the file and line', () => {
  const file = tmp.write('broken.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: [x\nspec: {}\n');
  const { code, report } = runBesideInsecure(file);
  expect(code).toBe(2);
  expect(report.errors).toHaveLength(1);
  expect(report.errors[0]).toMatchObject({ file, documentIndex: 0, line: 5 });
  expect(report.errors[0].message).toMatch(/^invalid YAML: .+, fix the syntax$/);
});

test('an alias bomb is rejected quickly with bounded memory', () => {
  // GIVEN "billion laughs": ten levels of ten aliases each
  let bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
  for (let i = 1; i < 10; i++) {
    const name = String.fromCharCode(97 + i);
    bomb += `${name}: &${name} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]\n`;
  }
  const file = tmp.write('bomb.yaml', bomb);

  // WHEN
  const started = Date.now();
  const { run, probe } = runProbed(['validate', '--format', 'json', file]);

  // THEN
  expect(run.code).toBe(2);
  expect(json(run).errors).toEqual([{
    file,
    documentIndex: 0,
    line: 1,
    message: 'cannot read document 0: aliases expand beyond the limit of 100 (a resource exhaustion pattern such as "billion laughs"), expand the anchors by hand',
  }]);
  expect(Date.now() - started).toBeLessThan(20_000);
  expect(probe.maxRssKiB).toBeLessThan(300 * 1024);
});

test('pathologically nested flow collections are an error, not a crash', () => {
  const file = tmp.write('deep.yaml', `kind: Pod\nspec: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`);
  const { code, report } = runBesideInsecure(file);
  expect(code).toBe(2);
  expect(report.errors).toHaveLength(1);
  expect(report.errors[0].message).toMatch(/^invalid YAML: maximum call stack size exceeded/);
});

test('deeply nested block maps are read and evaluated', () => {
  const nested = Array.from({ length: 500 }, (_, i) => `${' '.repeat(i + 2)}k${i}:`).join('\n');
  const file = tmp.write('deep.yaml', `${COMPLIANT_POD}extra:\n${nested} 1\n`);
  const run = runCli(['validate', '--format', 'json', file]);
  expect(run.code).toBe(0);
  expect(json(run).summary).toEqual({ resources: 1, violations: 0, suppressed: 0, errors: 0, skipped: 0 });
});

test('a duplicate key is an error, never a silently chosen value', () => {
  const file = tmp.write('dup.yaml', withPod('allowPrivilegeEscalation: false', 'allowPrivilegeEscalation: false\n        allowPrivilegeEscalation: true'));
  const { code, report } = runBesideInsecure(file);
  expect(code).toBe(2);
  expect(report.errors).toEqual([{
    file,
    documentIndex: 0,
    line: 15,
    message: 'duplicate key "allowPrivilegeEscalation" in a map, remove one of them (kubectl\'s strict validation rejects duplicate keys)',
  }]);
  expect(report.results.filter((r: any) => r.file === file)).toEqual([]);
});

test('__proto__ and constructor keys are plain fields: no prototype pollution, and no field hidden', () => {
  // GIVEN a document that tries to pollute Object.prototype, then one whose securityContext
  // hides privileged behind a __proto__ key, then a compliant pod with a constructor key
  const file = tmp.write('proto.yaml', [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata: {name: evil}',
    '__proto__: {polluted: yes}',
    'constructor: {prototype: {polluted: yes}}',
    '---',
    PRIVILEGED_DEPLOYMENT.replace('privileged: true', 'privileged: true\n            __proto__: {privileged: false}').trimEnd(),
    '---',
    withPod('name: ok', 'name: ok\n  constructor: {name: Object}'),
  ].join('\n'));

  // WHEN
  const { run, probe } = runProbed(['validate', '--format', 'json', file]);

  // THEN nothing leaked into Object.prototype in the CLI process
  expect(probe.polluted).toBeUndefined();
  expect(probe.prototypeKeys).toEqual(Object.getOwnPropertyNames(Object.prototype).sort());
  // AND privileged is still seen; the __proto__ key itself is reported as invalid input
  const report = json(run);
  const byDoc = (i: number) => report.results.filter((r: any) => r.documentIndex === i).map((r: any) => `${r.ruleId} ${r.path}`);
  expect(byDoc(1)).toContain('privileged /spec/template/spec/containers/0/securityContext/privileged');
  expect(byDoc(1)).toContain('invalidInput /spec/template/spec/containers/0/securityContext/__proto__');
  // AND a constructor key is an unknown field like any other
  expect(byDoc(2)).toEqual([]);
  expect(run.code).toBe(1);
});

test.each([
  ['privileged: "true"', PRIVILEGED_DEPLOYMENT.replace('privileged: true', 'privileged: "true"'), '/spec/template/spec/containers/0/securityContext/privileged'],
  ['runAsUser: "0"', withPod('runAsNonRoot: true', 'runAsNonRoot: true\n    runAsUser: "0"'), '/spec/securityContext/runAsUser'],
  ['containers: {}', withPod('  containers:\n    - name: app', '  containers: {}\n  x:\n    - name: app'), '/spec/containers'],
])('a wrong type (%s) is an invalidInput finding and fails the run, never passes', (_name, content, pointer) => {
  const run = runCli(['validate', '--format', 'json', tmp.write('types.yaml', content)]);
  expect(run.code).toBe(1);
  expect(json(run).results.filter((r: any) => r.ruleId === 'invalidInput').map((r: any) => r.path)).toContain(pointer);
});

test('scalars and lists as documents are errors, and the other documents are evaluated', () => {
  const file = tmp.write('shapes.yaml', `just a string\n---\n- a\n- b\n---\n${PRIVILEGED_DEPLOYMENT}`);
  const run = runCli(['validate', '--format', 'json', file]);
  expect(run.code).toBe(2);
  const report = json(run);
  expect(report.errors).toEqual([
    { file, documentIndex: 0, line: 1, message: 'document 0 is a string, expecting a Kubernetes object (a map with apiVersion and kind)' },
    { file, documentIndex: 1, line: 3, message: 'document 1 is a list, expecting a Kubernetes object (a map with apiVersion and kind)' },
  ]);
  expect(report.results.find((r: any) => r.ruleId === 'privileged')).toMatchObject({ documentIndex: 2, line: 17 });
});

test('empty documents are skipped', () => {
  const run = runCli(['validate', '--format', 'json', tmp.write('empty.yaml', '---\n# only a comment\n---\n---\n')]);
  expect(run.code).toBe(0);
  expect(json(run).summary).toEqual({ resources: 0, violations: 0, suppressed: 0, errors: 0, skipped: 0 });
});

test('a binary file is an error', () => {
  const file = tmp.write('image.yaml', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]));
  const { code, report } = runBesideInsecure(file);
  expect(code).toBe(2);
  expect(report.errors).toEqual([{ file, message: `file "${file}" is binary (NUL byte at offset 8), expecting UTF-8 YAML or JSON text` }]);
});

test('invalid UTF-8 is an error', () => {
  const file = tmp.write('latin1.yaml', Buffer.from('kind: Pod\nmetadata: {name: caf\xe9}\n', 'latin1'));
  const { code, report } = runBesideInsecure(file);
  expect(code).toBe(2);
  expect(report.errors).toEqual([{ file, message: `file "${file}" is not valid UTF-8, expecting UTF-8 YAML or JSON text` }]);
});

test('a file over the size limit is an error, without reading it whole', () => {
  // GIVEN a sparse 8 GiB file: reading it whole would take long and exhaust memory
  const file = tmp.path('huge.yaml');
  fs.closeSync(fs.openSync(file, 'w'));
  fs.truncateSync(file, 8 * 1024 ** 3);

  // WHEN
  const started = Date.now();
  const good = tmp.write('good.yaml', PRIVILEGED_DEPLOYMENT);
  const { run, probe } = runProbed(['validate', '--format', 'json', file, good]);

  // THEN
  expect(run.code).toBe(2);
  expect(json(run).errors).toEqual([{ file, message: `file "${file}" is larger than the limit of 10 MiB, split it or raise --max-file-size` }]);
  expect(json(run).summary.violations).toBe(5);
  expect(Date.now() - started).toBeLessThan(20_000);
  expect(probe.maxRssKiB).toBeLessThan(300 * 1024);
});

test('a missing path is an error', () => {
  const missing = tmp.path('nope.yaml');
  const { code, report } = runBesideInsecure(missing);
  expect(code).toBe(2);
  expect(report.errors).toEqual([{ file: missing, message: `path "${missing}" does not exist, check the path` }]);
});

test('a file without read permission is an error', () => {
  // GIVEN an unreadable file beside a readable insecure one. Root reads anything, so as root the
  // CLI runs as the unprivileged "nobody" (uid 65534), from a copy of its runtime that nobody can
  // enter wherever the checkout lives; as another user, chmod 000 is enough.
  const asRoot = process.getuid?.() === 0;
  fs.chmodSync(tmp.dir, 0o755);
  const file = tmp.write('secret.yaml', COMPLIANT_POD);
  fs.chmodSync(file, 0o000);
  const good = tmp.write('good.yaml', PRIVILEGED_DEPLOYMENT);
  const runtime = asRoot ? copyCliRuntime() : undefined;
  try {
    // WHEN the CLI validates both
    const run = runCli(['validate', '--format', 'json', file, good],
      runtime ? { uid: 65534, gid: 65534, cli: runtime.cli, cwd: runtime.root } : {});

    // THEN the unreadable file is an error and the other file is still reported
    expect(run.stderr).toBe(`cdk8s-guard: ${file}: cannot read file "${file}": permission denied, grant read access or remove it from the inputs\n`);
    expect(run.code).toBe(2);
    expect(json(run).errors).toEqual([{ file, message: `cannot read file "${file}": permission denied, grant read access or remove it from the inputs` }]);
    expect(json(run).summary.violations).toBe(5);
  } finally {
    if (runtime) fs.rmSync(runtime.root, { recursive: true, force: true });
  }
});

test('a socket (which cannot be opened) is an error', async () => {
  const socket = tmp.path('control.yaml');
  const server = net.createServer();
  await new Promise<void>(resolve => server.listen(socket, resolve));
  try {
    const { code, report } = runBesideInsecure(socket);
    expect(code).toBe(2);
    expect(report.errors).toEqual([{ file: socket, message: `cannot read file "${socket}": it is a socket or device without a reader, pass a regular file` }]);
  } finally {
    server.close();
  }
});

test('a symbolic link loop is an error', () => {
  const loop = tmp.path('loop.yaml');
  fs.symlinkSync('loop.yaml', loop);
  const { code, report } = runBesideInsecure(loop);
  expect(code).toBe(2);
  expect(report.errors).toEqual([{ file: loop, message: `cannot read path "${loop}": too many levels of symbolic links, fix the link` }]);
});

test('standard input is read for -', () => {
  const run = runCli(['validate', '--format', 'json', '-'], { input: PRIVILEGED_DEPLOYMENT });
  expect(run.code).toBe(1);
  expect(json(run).results[0]).toMatchObject({ file: '<stdin>', line: 12 });
});

test('a directory with 3,000 files: every file is evaluated, in order, with bounded memory', () => {
  // GIVEN
  for (let i = 0; i < 3000; i++) {
    tmp.write(`many/${String(i).padStart(4, '0')}.yaml`, i % 2 === 0 ? COMPLIANT_POD : PRIVILEGED_DEPLOYMENT);
  }

  // WHEN
  const { run, probe } = runProbed(['validate', '--format', 'json', tmp.path('many')]);

  // THEN
  expect(run.code).toBe(1);
  const report = json(run);
  expect(report.summary).toEqual({ resources: 3000, violations: 1500 * 5, suppressed: 0, errors: 0, skipped: 0 });
  const files = [...new Set(report.results.map((r: any) => path.basename(r.file)))];
  expect(files).toHaveLength(1500);
  expect(files[0]).toBe('0001.yaml');
  expect(files[1499]).toBe('2999.yaml');
  expect(probe.maxRssKiB).toBeLessThan(400 * 1024);
});

test('start-up loads no cdk8s, cdk8s-plus or constructs module', () => {
  const { run, probe } = runProbed(['validate', tmp.write('ok.yaml', COMPLIANT_POD)]);
  expect(run.code).toBe(0);
  expect(probe.loaded).toEqual([]);
});

test('--version prints the package version', () => {
  const run = runCli(['--version']);
  expect(run.code).toBe(0);
  expect(run.stdout).toBe(`${JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')).version}\n`);
});
