import * as fs from 'fs';
import { COMPLIANT_POD, PRIVILEGED_DEPLOYMENT, runMain, TempDir, withPod } from './helpers';

let tmp: TempDir;

beforeEach(() => {
  tmp = new TempDir();
});

afterEach(() => {
  tmp.cleanup();
});

describe('exit status', () => {
  test('is 0 when every resource complies', async () => {
    // GIVEN
    const file = tmp.write('ok.yaml', COMPLIANT_POD);

    // WHEN
    const run = await runMain(['validate', file]);

    // THEN
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('✔ 0 violations, 0 suppressed, 0 errors, 1 resource checked\n');
  });

  test('is 1 when a finding fails the run', async () => {
    const run = await runMain(['validate', tmp.write('web.yaml', PRIVILEGED_DEPLOYMENT)]);
    expect(run.code).toBe(1);
  });

  test('is 2 when an input cannot be read, even with violations elsewhere, which are still reported', async () => {
    const good = tmp.write('web.yaml', PRIVILEGED_DEPLOYMENT);
    const missing = tmp.path('missing.yaml');
    const run = await runMain(['validate', '--format', 'json', missing, good]);
    expect(run.code).toBe(2);
    const report = JSON.parse(run.stdout);
    expect(report.errors).toEqual([{ file: missing, message: `path "${missing}" does not exist, check the path` }]);
    expect(report.results.map((r: any) => r.ruleId)).toContain('privileged');
    expect(run.stderr).toBe(`cdk8s-guard: ${missing}: path "${missing}" does not exist, check the path\n`);
  });

  test('is 1 for wrong field types, which the engine reports as invalid input', async () => {
    const run = await runMain(['validate', '--format', 'json', tmp.write('p.yaml', withPod('runAsNonRoot: true', 'runAsNonRoot: "true"'))]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).results[0]).toMatchObject({ ruleId: 'invalidInput', line: 7 });
  });
});

describe('JSON report', () => {
  test('gives each finding its file, document, line, pointer, resource and container', async () => {
    // GIVEN a compliant document, then the privileged Deployment
    const file = tmp.write('mix.yaml', `${COMPLIANT_POD}---\n${PRIVILEGED_DEPLOYMENT}`);

    // WHEN
    const run = await runMain(['validate', '--format', 'json', file]);

    // THEN
    const report = JSON.parse(run.stdout);
    expect(report.summary).toEqual({ resources: 2, violations: 5, suppressed: 0, errors: 0, skipped: 0 });
    expect(report.errors).toEqual([]);
    const privileged = report.results.find((r: any) => r.ruleId === 'privileged');
    expect(privileged).toEqual({
      ruleId: 'privileged',
      severity: 'error',
      level: 'baseline',
      message: 'privileged',
      detail: 'container "nginx" must not set securityContext.privileged=true',
      fix: 'remove securityContext.privileged or set it to false',
      path: '/spec/template/spec/containers/0/securityContext/privileged',
      container: 'nginx',
      resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' },
      file,
      documentIndex: 1,
      line: 29,
      suppressed: false,
      helpUri: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
    });
    // A missing field points at its nearest existing ancestor: the container's securityContext.
    const runAsNonRoot = report.results.find((r: any) => r.ruleId === 'runAsNonRoot');
    expect(runAsNonRoot.line).toBe(28);
  });

  test('lists findings of List items with pointers and lines inside the List', async () => {
    const items = PRIVILEGED_DEPLOYMENT.split('\n').filter(l => l).map((l, i) => (i === 0 ? `  - ${l}` : `    ${l}`)).join('\n');
    const file = tmp.write('list.yaml', `apiVersion: v1\nkind: List\nitems:\n${items}\n`);
    const run = await runMain(['validate', '--format', 'json', file]);
    const privileged = JSON.parse(run.stdout).results.find((r: any) => r.ruleId === 'privileged');
    expect(privileged).toMatchObject({ path: '/items/0/spec/template/spec/containers/0/securityContext/privileged', line: 15, documentIndex: 0 });
  });

  test('reports the policy: level, requested and effective version', async () => {
    const run = await runMain(['validate', '--format', 'json', '--level', 'baseline', '--pss-version', 'v1.22', tmp.write('ok.yaml', COMPLIANT_POD)]);
    expect(JSON.parse(run.stdout).policy).toEqual({ level: 'baseline', version: 'v1.22', effectiveVersion: 'v1.22' });
  });
});

describe('options', () => {
  test('--level baseline runs only the baseline checks', async () => {
    const file = tmp.write('p.yaml', withPod('runAsNonRoot: true', 'runAsNonRoot: false'));
    expect((await runMain(['validate', file])).code).toBe(1);
    expect((await runMain(['validate', '--level', 'baseline', file])).code).toBe(0);
  });

  test('--pack hardened needs the trusted registries of its imageRegistry rule, and says how to give them', async () => {
    const run = await runMain(['validate', '--pack', 'hardened', tmp.write('ok.yaml', COMPLIANT_POD)]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('cdk8s-guard: pack "hardened" runs the imageRegistry rule, which needs the trusted registries: pass --allow-registry PREFIX (repeatable), or set rules.imageRegistry.params.allowed in the config file\n');
  });

  test.each([
    ['registry.example.com/', []],
    ['ghcr.io/acme/', ['imageRegistry']],
  ])('--pack hardened --allow-registry %s runs the pack\'s rules with those registries', async (prefix, registryFindings) => {
    const run = await runMain(['validate', '--pack', 'hardened', '--allow-registry', prefix, '--format', 'json', tmp.write('ok.yaml', COMPLIANT_POD)]);
    const ids: string[] = JSON.parse(run.stdout).results.map((r: { ruleId: string }) => r.ruleId);
    expect(ids.filter(id => id === 'imageRegistry')).toEqual(registryFindings);
    expect(ids).toContain('resourceLimits');
  });

  test('--allow-registry without a pack that runs imageRegistry is refused', async () => {
    const run = await runMain(['validate', '--allow-registry', 'registry.example.com/', tmp.write('ok.yaml', COMPLIANT_POD)]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('cdk8s-guard: --allow-registry sets the trusted registries of the imageRegistry rule, which no pack runs: add --pack hardened, or select imageRegistry in the config file\n');
  });

  test('fails for an unknown pack', async () => {
    const run = await runMain(['validate', '--pack', 'nope', tmp.write('ok.yaml', COMPLIANT_POD)]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('cdk8s-guard: unknown pack "nope", expecting one of: hardened, pss-baseline, pss-restricted, rbac\n');
  });

  test('--fail-on lowers the threshold to warnings', async () => {
    // GIVEN a config that runs imageDigest as a warning on an otherwise compliant pod
    const config = tmp.write('guard.yaml', 'rules:\n  imageDigest:\n    severity: warning\n');
    const file = tmp.write('ok.yaml', COMPLIANT_POD);

    // THEN a warning passes by default and fails with --fail-on warning
    const relaxed = await runMain(['validate', '--config', config, file]);
    expect(relaxed.code).toBe(0);
    expect(relaxed.stdout).toContain(`${file}:12  warning  imageDigest  Pod/ok/app  image not pinned by digest\n`);
    expect((await runMain(['validate', '--config', config, '--fail-on', 'warning', file])).code).toBe(1);
    expect((await runMain(['validate', '--config', config, '--fail-on', 'info', file])).code).toBe(1);
  });

  test('--config suppressions mark findings suppressed, with the reason, and unused ones are listed', async () => {
    // GIVEN
    const config = tmp.write('guard.yaml', [
      'suppressions:',
      '  - ruleId: privileged',
      '    reason: the node agent needs the host devices',
      '    resource: {kind: Deployment, name: web}',
      '  - ruleId: hostPorts',
      '    reason: nothing uses host ports any more',
      '',
    ].join('\n'));
    const file = tmp.write('web.yaml', PRIVILEGED_DEPLOYMENT);

    // WHEN
    const run = await runMain(['validate', '--format', 'json', '--config', config, file]);

    // THEN
    const report = JSON.parse(run.stdout);
    const privileged = report.results.find((r: any) => r.ruleId === 'privileged');
    expect(privileged).toMatchObject({ suppressed: true, suppressionReason: 'the node agent needs the host devices', suppressedBy: `config:${config}` });
    expect(report.summary.suppressed).toBe(1);
    expect(report.unusedSuppressions).toEqual([{ ruleId: 'hostPorts', reason: 'nothing uses host ports any more', scope: `config:${config}` }]);
    expect(run.code).toBe(1); // the other restricted findings still fail
  });

  test('the config\'s level applies unless --level is given', async () => {
    const config = tmp.write('guard.yaml', 'level: baseline\n');
    const file = tmp.write('p.yaml', withPod('runAsNonRoot: true', 'runAsNonRoot: false'));
    expect((await runMain(['validate', '--config', config, file])).code).toBe(0);
    expect((await runMain(['validate', '--config', config, '--level', 'restricted', file])).code).toBe(1);
  });

  test('fails for a broken config file, naming the line', async () => {
    const config = tmp.write('guard.yaml', 'level: extreme\n');
    const run = await runMain(['validate', '--config', config, tmp.write('ok.yaml', COMPLIANT_POD)]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`cdk8s-guard: ${config}:1:8: invalid level "extreme", expecting one of: privileged, baseline, restricted\n`);
  });

  test('--output writes the report to the file and prints the summary line', async () => {
    const out = tmp.path('report.json');
    const run = await runMain(['validate', '--format', 'json', '--output', out, tmp.write('web.yaml', PRIVILEGED_DEPLOYMENT)]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(`✖ 5 violations, 0 suppressed, 0 errors, 1 resource checked (report written to ${out})\n`);
    expect(JSON.parse(fs.readFileSync(out, 'utf8')).summary.violations).toBe(5);
  });

  test('fails when the report cannot be written', async () => {
    const out = tmp.path('no/such/dir/report.json');
    const run = await runMain(['validate', '--output', out, tmp.write('ok.yaml', COMPLIANT_POD)]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^cdk8s-guard: cannot write the report to "${out}": ENOENT.*, check the path\\n$`));
  });

  test('--max-file-size refuses larger files', async () => {
    const file = tmp.write('ok.yaml', COMPLIANT_POD);
    const run = await runMain(['validate', '--format', 'json', '--max-file-size', '100', file]);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout).errors).toEqual([{ file, message: `file "${file}" is larger than the limit of 100 bytes, split it or raise --max-file-size` }]);
  });

  test('reads standard input for -', async () => {
    const run = await runMain(['validate', '--format', 'json', '-'], { stdin: PRIVILEGED_DEPLOYMENT });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).results[0]).toMatchObject({ file: '<stdin>', documentIndex: 0, line: 12 });
  });

  test.each([
    ['sarif', (out: string) => expect(JSON.parse(out).version).toBe('2.1.0')],
    ['junit', (out: string) => expect(out.startsWith('<?xml')).toBe(true)],
    ['markdown', (out: string) => expect(out).toContain('privileged')],
    ['text', (out: string) => expect(out).toMatch(/web\.yaml:12 {2}error {2}privileged {17}Deployment\/web\/nginx {2}privileged\n/)],
  ])('--format %s renders the report', async (format, check) => {
    const run = await runMain(['validate', '--format', format, tmp.write('web.yaml', PRIVILEGED_DEPLOYMENT)]);
    expect(run.code).toBe(1);
    check(run.stdout);
  });

  test('colours text only on a terminal, never with NO_COLOR or --no-color', async () => {
    const file = tmp.write('web.yaml', PRIVILEGED_DEPLOYMENT);
    const esc = '\u001b[';
    expect((await runMain(['validate', file], { isTTY: true })).stdout).toContain(esc);
    expect((await runMain(['validate', file], { isTTY: false })).stdout).not.toContain(esc);
    expect((await runMain(['validate', file], { isTTY: true, env: { NO_COLOR: '1' } })).stdout).not.toContain(esc);
    expect((await runMain(['validate', '--no-color', file], { isTTY: true })).stdout).not.toContain(esc);
  });
});

describe('cross-object rules', () => {
  const networkPolicy = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: all
spec:
  podSelector: {}
`;

  test('see the manifests of every file together, and still get lines', async () => {
    // GIVEN networkPolicy enabled, a workload in one file, the policy in another
    const config = tmp.write('guard.yaml', 'level: baseline\nrules:\n  networkPolicy: {}\n');
    const pod = tmp.write('m/a/pod.yaml', COMPLIANT_POD);
    tmp.write('m/b/policy.yaml', networkPolicy);

    // THEN the workload is covered by the policy of the other file
    const covered = await runMain(['validate', '--format', 'json', '--config', config, tmp.path('m')]);
    expect(JSON.parse(covered.stdout).results).toEqual([]);

    // AND without it, the finding names the workload's file and line
    const alone = await runMain(['validate', '--format', 'json', '--config', config, pod]);
    const results = JSON.parse(alone.stdout).results;
    expect(results.map((r: any) => [r.ruleId, r.file, r.documentIndex, typeof r.line])).toEqual([['networkPolicy', pod, 0, 'number']]);
  });
});

describe('arguments', () => {
  test.each([
    ['an unknown option', ['validate', '--nope', 'x'], "error: unknown option '--nope'"],
    ['no path', ['validate'], "error: missing required argument 'paths'"],
    ['an unknown command', ['frobnicate'], "error: unknown command 'frobnicate'"],
    ['an unknown format', ['validate', '--format', 'xml', 'x'], "error: option '--format <format>' argument 'xml' is invalid. Allowed choices are text, json, sarif, junit, markdown."],
    ['an unknown level', ['validate', '--level', 'privileged', 'x'], "error: option '--level <level>' argument 'privileged' is invalid. Allowed choices are baseline, restricted."],
    ['an unknown fail-on', ['validate', '--fail-on', 'fatal', 'x'], "error: option '--fail-on <severity>' argument 'fatal' is invalid. Allowed choices are error, warning, info."],
    ['a bad version', ['validate', '--pss-version', 'v1.05', 'x'], 'error: option \'--pss-version <version>\' argument \'v1.05\' is invalid. expecting "latest" or "v1.<minor>" such as "v1.30"'],
    ['a bad size', ['validate', '--max-file-size', '0', 'x'], "error: option '--max-file-size <size>' argument '0' is invalid. expecting a positive size such as 10MiB, 512KiB or 1048576"],
  ])('exit 2 for %s, with a message and no stack trace', async (_name, args, message) => {
    const run = await runMain(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`${message}\n(run with --help for usage)\n`);
    expect(run.stdout).toBe('');
  });

  test('no command prints the usage and exits 2', async () => {
    const run = await runMain([]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage: cdk8s-guard [options] [command]');
  });

  test('--help prints the usage and exits 0', async () => {
    const run = await runMain(['validate', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: cdk8s-guard validate [options] <paths...>');
    expect(run.stdout).toContain('--fail-on <severity>');
  });

  test('--version prints the package version and exits 0', async () => {
    const run = await runMain(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${JSON.parse(fs.readFileSync(`${__dirname}/../../package.json`, 'utf8')).version}\n`);
  });
});
