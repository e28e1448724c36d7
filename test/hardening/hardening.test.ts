import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, Helm, Include, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { GuardMode, Hardening, Packs, PolicyGuard, PssLevel, ReportFormat, ReportRenderer } from '../../src';
import { builtinRegistry } from '../../src/rules';
import { MemoryLogger, plainDeployment } from '../guard/_helpers';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const INGRESS_NGINX = path.join(FIXTURES, 'ingress-nginx', 'deploy.yaml');
const HELM = path.join(FIXTURES, 'helm', 'helm.js');

/** The policy of the ingress-nginx test: restricted plus every organization rule. */
const HARDENED_POLICY = { packs: [Packs.HARDENED], ruleParams: { imageRegistry: { allowed: ['registry.k8s.io/'] } } };

function guardOf(scope: Chart | App, props: object = {}): PolicyGuard {
  return PolicyGuard.of(scope, { mode: GuardMode.WARN, reportFormats: [], logger: new MemoryLogger(), ...props });
}

function key(constructPath: string, f: { ruleId: string; container?: string; path: string }): string {
  return `${constructPath} ${f.ruleId} ${f.container ?? '-'} ${f.path}`;
}

function byKind(manifests: any[], kind: string, name: string): any {
  return manifests.find(m => m.kind === kind && m.metadata.name === name);
}

describe('Hardening of a real third-party manifest (ingress-nginx)', () => {
  test('the guard\'s findings drop to the decisions listed in the hardening report', () => {
    // GIVEN ingress-nginx Included twice: once as it ships, once hardened with default limits and requests
    const plain = Testing.chart();
    new Include(plain, 'ingress', { url: INGRESS_NGINX });
    const plainGuard = guardOf(plain, HARDENED_POLICY);

    const chart = Testing.chart();
    Hardening.include(chart, 'ingress', { url: INGRESS_NGINX });
    Hardening.apply(chart, {
      ...HARDENED_POLICY,
      defaultRequests: { 'cpu': '50m', 'memory': '64Mi', 'ephemeral-storage': '100Mi' },
      defaultLimits: { cpu: '1', memory: '512Mi' },
    });
    const guard = guardOf(chart, HARDENED_POLICY);

    // WHEN the guard evaluates both
    const before = plainGuard.findings().filter(f => !f.suppressed);
    const report = guard.report();
    const after = report.results.filter(r => !r.suppressed);

    // THEN hardening resolved findings: the limits and requests of every container
    expect(after.length).toBeLessThan(before.length);
    expect(before.some(f => f.ruleId === 'resourceLimits')).toBe(true);
    expect(after.some(f => f.ruleId === 'resourceLimits' || f.ruleId === 'resourceRequests')).toBe(false);
    // AND what is left is exactly what the report lists as decisions (cross-object rules such as
    // networkPolicy, serviceAccountToken and workloadPrivileges are decided over the whole tree, so
    // the per-object report leaves them out, and the guard still reports them)
    const crossObject = (id: string) => builtinRegistry().get(id)?.scope === 'set';
    const hardening = report.hardening!;
    const decisions = hardening.flatMap(h => h.decisions.map(d => key(h.constructPath!, d))).sort();
    expect(after.filter(r => !crossObject(r.ruleId)).map(r => key(r.constructPath!, r)).sort()).toEqual(decisions);
    expect(after.filter(r => crossObject(r.ruleId)).map(r => r.ruleId)).toEqual(expect.arrayContaining(['networkPolicy', 'serviceAccountToken', 'workloadPrivileges']));
    // AND explicit choices of the chart are decisions, not overridden
    expect(decisions).toContain(`${chart.node.path}/ingress/ingress-nginx-controller-deployment-ingress-nginx readOnlyRootFilesystem controller /spec/template/spec/containers/0/securityContext/readOnlyRootFilesystem`);
    // AND each entry names its source file and document, and each operation its rule
    const controller = hardening.find(h => h.resource.kind === 'Deployment')!;
    expect(controller.file).toBe(INGRESS_NGINX);
    expect(controller.documentIndex).toBe(14);
    expect(controller.operations.map(o => [o.op, o.path, o.value, o.ruleId, o.container])).toEqual([
      ['add', '/spec/template/spec/containers/0/resources/requests/ephemeral-storage', '100Mi', 'resourceRequests', 'controller'],
      ['add', '/spec/template/spec/containers/0/resources/limits', { cpu: '1' }, 'resourceLimits', 'controller'],
      ['add', '/spec/template/spec/containers/0/resources/limits/memory', '512Mi', 'resourceLimits', 'controller'],
    ]);
    const manifests = Testing.synth(chart);
    expect(byKind(manifests, 'Deployment', 'ingress-nginx-controller').spec.template.spec.containers[0].resources).toEqual({
      requests: { 'cpu': '100m', 'memory': '90Mi', 'ephemeral-storage': '100Mi' },
      limits: { cpu: '1', memory: '512Mi' },
    });
  });

  test('the guard\'s JSON and Markdown reports carry the hardening section', () => {
    // GIVEN hardened ingress-nginx under a guard
    const chart = Testing.chart();
    Hardening.include(chart, 'ingress', { url: INGRESS_NGINX });
    Hardening.apply(chart, { defaultLimits: { memory: '512Mi' } });
    const guard = guardOf(chart);
    // WHEN the report is rendered
    const report = guard.report();
    const json = JSON.parse(ReportRenderer.render(report, ReportFormat.JSON));
    const markdown = ReportRenderer.render(report, ReportFormat.MARKDOWN);
    // THEN JSON lists each hardened object with its file, document and operations
    expect(json.hardening.map((h: any) => [h.resource.name, h.documentIndex, h.operations.map((o: any) => o.ruleId)])).toEqual([
      ['ingress-nginx-admission-create', 15, ['resourceLimits']],
      ['ingress-nginx-admission-patch', 16, ['resourceLimits']],
      ['ingress-nginx-controller', 14, ['resourceLimits']],
    ]);
    // AND Markdown has a section with one row per operation
    expect(markdown).toContain('### Hardening (3 operations applied, 0 decisions left)');
    expect(markdown).toContain('| Deployment ingress-nginx/ingress-nginx-controller | `' + `${chart.node.path}/ingress/ingress-nginx-controller-deployment-ingress-nginx` + '`<br>`' + INGRESS_NGINX + '` document 14 | 🛠️ applied | `resourceLimits` | `add /spec/template/spec/containers/0/resources/limits` | `{"memory":"512Mi"}` |');
  });
});

describe('Hardening of a Helm chart', () => {
  beforeAll(() => fs.chmodSync(HELM, 0o755));

  test('patches the objects of a chart rendered after apply, and the guard sees the patched result', () => {
    // GIVEN hardening applied to a chart before a Helm chart is added to it
    const chart = Testing.chart();
    const hardening = Hardening.apply(chart);
    new Helm(chart, 'web', { chart: 'web', helmExecutable: HELM });
    const guard = guardOf(chart);
    // WHEN the chart is synthesized
    const manifests = Testing.synth(chart);
    // THEN the Deployment got what was absent, keeping the NET_BIND_SERVICE add
    const spec = byKind(manifests, 'Deployment', 'web').spec.template.spec;
    expect(spec.securityContext).toEqual({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(spec.containers.map((c: any) => c.securityContext)).toEqual([
      { allowPrivilegeEscalation: false, capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] } },
      { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
    ]);
    // AND the guard's findings are only the DaemonSet's decisions: host network and the explicit escalation
    const left = guard.findings().map(f => `${f.resource.name} ${f.ruleId}`);
    expect(left).toEqual(['web-agent hostNamespaces', 'web-agent allowPrivilegeEscalation']);
    expect(hardening.report().flatMap(h => h.decisions.map(d => `${h.resource.name} ${d.ruleId}`))).toEqual(left);
  });
});

describe('Hardening of raw ApiObjects and plain cdk8s-plus objects', () => {
  test('patches objects and containers added after apply, once, however often the app synthesizes', () => {
    // GIVEN hardening and a guard in enforce mode on an app
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    Hardening.apply(app);
    PolicyGuard.of(app, { reportFormats: [], logger: new MemoryLogger() });
    // AND, after apply, a plain cdk8s-plus Deployment with a container added later, and a raw Pod
    const deployment = plainDeployment(chart, 'web');
    deployment.addContainer({ name: 'sidecar', image: 'busybox' });
    new ApiObject(chart, 'raw', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'raw' }, spec: { containers: [{ name: 'a', image: 'a' }] } });
    // WHEN the app is synthesized twice
    const first = app.synthYaml();
    const second = app.synthYaml();
    // THEN the enforcing guard lets it pass, both containers and the Pod are hardened, and nothing is added twice
    expect(second).toEqual(first);
    const docs = Testing.synth(chart);
    const pod = byKind(docs, 'Pod', 'raw');
    expect(pod.spec).toEqual({
      containers: [{ name: 'a', image: 'a', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }],
      securityContext: { seccompProfile: { type: 'RuntimeDefault' }, runAsNonRoot: true },
    });
    const web = docs.find(d => d.kind === 'Deployment');
    expect(web.spec.template.spec.containers.map((c: any) => c.securityContext.capabilities)).toEqual([{ drop: ['ALL'] }, { drop: ['ALL'] }]);
  });

  test('the guard writes the hardening section into its report files at synth', () => {
    // GIVEN an app with hardening and a guard that writes JSON and Markdown reports
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hardening-reports-'));
    const app = new App({ outdir: dir });
    const chart = new Chart(app, 'c');
    Hardening.apply(app);
    PolicyGuard.of(app, { reportFormats: [ReportFormat.JSON, ReportFormat.MARKDOWN], logger: new MemoryLogger() });
    new ApiObject(chart, 'raw', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'raw' }, spec: { containers: [{ name: 'a', image: 'a' }] } });
    // WHEN it synthesizes
    app.synth();
    const reports = `${dir}-guard-reports`;
    const json = JSON.parse(fs.readFileSync(path.join(reports, ReportRenderer.fileName(ReportFormat.JSON)), 'utf8'));
    const markdown = fs.readFileSync(path.join(reports, ReportRenderer.fileName(ReportFormat.MARKDOWN)), 'utf8');
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(reports, { recursive: true, force: true });
    // THEN both name the Pod's four operations and their rules
    expect(json.hardening.map((h: any) => [h.constructPath, h.operations.map((o: any) => o.ruleId)])).toEqual([
      ['c/raw', ['seccompProfile_restricted', 'allowPrivilegeEscalation', 'capabilities_restricted', 'runAsNonRoot']],
    ]);
    expect(markdown).toContain('### Hardening (4 operations applied, 0 decisions left)');
  });

  test('a synth without a guard is hardened by the validation hook', () => {
    // GIVEN hardening on a chart with a raw Pod
    const chart = Testing.chart();
    Hardening.apply(chart);
    new ApiObject(chart, 'raw', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'raw' }, spec: { containers: [{ name: 'a', image: 'a' }] } });
    // WHEN it is synthesized
    const [pod] = Testing.synth(chart);
    // THEN the Pod is hardened
    expect(pod.spec.securityContext).toEqual({ seccompProfile: { type: 'RuntimeDefault' }, runAsNonRoot: true });
  });

  test('applied twice over the same objects, the second hardening adds nothing', () => {
    // GIVEN hardening on an app and again on its chart, over a raw Pod
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const outer = Hardening.apply(app);
    const inner = Hardening.apply(chart);
    new ApiObject(chart, 'raw', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'raw' }, spec: { containers: [{ name: 'a', image: 'a' }] } });
    // WHEN both report (the outer one patches first)
    const first = outer.report();
    const second = inner.report();
    // THEN the outer one applied the operations and the inner one found nothing left to add
    expect(first.map(h => h.operations.length)).toEqual([4]);
    expect(second).toEqual([]);
  });

  test('an object that passes gets no patch and no report entry', () => {
    // GIVEN a Pod that passes restricted
    const chart = Testing.chart();
    const hardening = Hardening.apply(chart, { level: PssLevel.RESTRICTED, version: 'latest' });
    const spec = {
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
      containers: [{ name: 'a', image: 'a', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }],
    };
    new ApiObject(chart, 'ok', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'ok' }, spec });
    // WHEN it is synthesized and reported
    const [pod] = Testing.synth(chart);
    // THEN it is unchanged and the report is empty
    expect(pod.spec).toEqual(spec);
    expect(hardening.report()).toEqual([]);
  });
});

describe('Hardening properties', () => {
  test.each<[string, object, string]>([
    ['fails when a version is malformed', { version: '1.30' }, 'invalid hardening version "1.30" for "test", expecting "latest" or "v1.<minor>" such as "v1.30"'],
    ['fails when writable paths come without the fix', { writablePaths: ['/tmp'] }, 'invalid hardening properties for "test": writablePaths are mounted only by the readOnlyRootFilesystem fix, turn readOnlyRootFilesystem on or remove writablePaths'],
    ['fails when a limit is not a quantity', { defaultLimits: { memory: 'lots' } }, 'invalid hardening properties for "test": invalid quantity "lots" for memory in defaultLimits, write a quantity such as 100m, 128Mi or 1 (quoted)'],
  ])('%s', (_name, props, message) => {
    // GIVEN a chart WHEN hardening gets bad properties THEN it names the value and the fix
    expect(() => Hardening.apply(Testing.chart(), props)).toThrow(message);
  });

  test('fails when applied twice to one scope with properties', () => {
    // GIVEN hardening applied to a chart
    const chart = Testing.chart();
    const hardening = Hardening.apply(chart);
    // WHEN it is applied again without and with properties
    // THEN the first returns the same hardening and the second fails
    expect(Hardening.apply(chart)).toBe(hardening);
    expect(() => Hardening.apply(chart, { disableServiceAccountToken: true })).toThrow('hardening is already applied to "test", call Hardening.apply(scope) once with all the properties');
  });

  test('reads the opt-in fixes from the config file\'s hardening section', () => {
    // GIVEN a config file naming the service account token fix
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hardening-'));
    const config = path.join(dir, 'guard.yaml');
    fs.writeFileSync(config, 'hardening:\n  disableServiceAccountToken: true\n');
    const chart = Testing.chart();
    const hardening = Hardening.apply(chart, { configFile: config });
    new kplus.Deployment(chart, 'web', { containers: [{ image: 'nginx' }], automountServiceAccountToken: undefined });
    // WHEN it is synthesized
    const deployment = Testing.synth(chart).find(d => d.kind === 'Deployment');
    fs.rmSync(dir, { recursive: true, force: true });
    // THEN the fix is on
    expect(hardening.fixes).toEqual({ disableServiceAccountToken: true });
    expect(deployment.spec.template.spec.automountServiceAccountToken).toBe(false);
  });
});
