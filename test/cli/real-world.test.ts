// Real-world trees run through the built CLI: what kubectl parses is parsed, what it refuses is an
// error naming the file and the line, files that hold no Kubernetes object are skipped with a
// note, and no raw library warning ever reaches the user.
import { COMPLIANT_POD, json, PRIVILEGED_DEPLOYMENT, runCli, runMain, TempDir } from './helpers';

jest.setTimeout(120_000);

let tmp: TempDir;

beforeEach(() => {
  tmp = new TempDir();
});

afterEach(() => {
  tmp.cleanup();
});

const HELM_MESSAGE = 'this is a Helm template: render it with `helm template … | cdk8s-guard validate -`';

const CHART = 'apiVersion: v2\nname: web\nversion: 1.2.0\ndescription: the web chart\n';
const VALUES = 'replicaCount: 2\nimage:\n  repository: registry.example.com/web\n  tag: "1.0"\nfullnameOverride: "{{ .Release.Name }}-web"\n';
const HELM_TEMPLATE = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: {{ include "web.fullname" . }}',
  'spec:',
  '  replicas: {{ .Values.replicaCount }}',
  '  template:',
  '    spec:',
  '      containers:',
  '        - name: web',
  '          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"',
  '{{- if .Values.sidecar }}',
  '        - name: sidecar',
  '          image: busybox:1.36',
  '{{- end }}',
  '',
].join('\n');
const KUSTOMIZATION = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../manifests/web.yaml\n';
const DASHBOARD = JSON.stringify({ title: 'Web', panels: [{ type: 'graph', targets: [{ expr: 'up' }] }], schemaVersion: 39 });
// Modelled on Kafka manifests whose args continue a quoted string at a smaller indent.
const KAFKA = [
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  '  name: kafka',
  'spec:',
  '  securityContext:',
  '    runAsNonRoot: true',
  '    seccompProfile:',
  '      type: RuntimeDefault',
  '  containers:',
  '    - name: kafka',
  '      image: registry.example.com/kafka:3.6',
  '      args:',
  '        - "--override=listeners=PLAINTEXT://:9092',
  '    --override=log.dirs=/data"',
  '      securityContext:',
  '        allowPrivilegeEscalation: false',
  '        capabilities:',
  '          drop: [ALL]',
  '',
].join('\n');
const PLACEHOLDER = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: ph\nspec:\n  containers:\n    - name: app\n      image: {{placeholder}}\n';

/** Writes the tree of the acceptance test and returns its manifests. */
function writeTree(): { web: string; ok: string; kafka: string; placeholder: string; helm: string } {
  tmp.write('chart/Chart.yaml', CHART);
  tmp.write('chart/values.yaml', VALUES);
  const helm = tmp.write('chart/templates/deployment.yaml', HELM_TEMPLATE);
  tmp.write('kustomize/kustomization.yaml', KUSTOMIZATION);
  tmp.write('dashboards/web.json', DASHBOARD);
  tmp.write('dist/construct-metadata.json', '{"version":"1.0.0","resources":{}}');
  tmp.write('dist/guard-report.json', '{"schemaVersion":1}');
  return {
    web: tmp.write('manifests/web.yaml', PRIVILEGED_DEPLOYMENT),
    ok: tmp.write('manifests/ok.yaml', COMPLIANT_POD),
    kafka: tmp.write('manifests/kafka.yaml', KAFKA),
    placeholder: tmp.write('manifests/placeholder.yaml', PLACEHOLDER),
    helm,
  };
}

describe('a directory walk over a real-world tree', () => {
  test('evaluates the manifests, skips what holds no Kubernetes object, and prints no raw library warning', () => {
    // GIVEN manifests beside a chart, its values and template, a kustomization, a dashboard and cdk8s output
    const files = writeTree();

    // WHEN
    const run = runCli(['validate', '--format', 'json', tmp.dir]);

    // THEN the Helm template and the placeholder are errors (exit 2) and the rest is evaluated
    expect(run.code).toBe(2);
    const report = json(run);
    expect(report.errors).toEqual([
      { file: files.helm, line: 4, message: HELM_MESSAGE },
      {
        file: files.placeholder,
        documentIndex: 0,
        line: 8,
        message: 'invalid map key: {{placeholder}} uses a map as a map key, which kubectl refuses; quote it if it is text, e.g. "{{placeholder}}"',
      },
    ]);
    expect(report.summary).toEqual({ resources: 3, violations: 5, suppressed: 0, errors: 2, skipped: 6 });
    expect(report.skipped).toEqual([
      { file: tmp.path('chart/Chart.yaml'), reason: 'holds no Kubernetes object: a Helm chart description (Chart.yaml)' },
      { file: tmp.path('chart/values.yaml'), reason: 'holds no Kubernetes object: Helm chart values' },
      { file: tmp.path('dashboards/web.json'), reason: 'holds no Kubernetes object: no document has a kind' },
      { file: tmp.path('dist/construct-metadata.json'), reason: 'cdk8s construct metadata, not a manifest' },
      { file: tmp.path('dist/guard-report.json'), reason: 'a cdk8s-guard report, not a manifest' },
      { file: tmp.path('kustomize/kustomization.yaml'), reason: 'holds no Kubernetes object: a kustomize build file: validate the output of `kubectl kustomize`' },
    ]);
    // The Kafka pod parses as kubectl parses it, and is clean.
    expect(report.results.filter((r: any) => r.file === files.kafka)).toEqual([]);
    expect(new Set(report.results.map((r: any) => r.file))).toEqual(new Set([files.web]));
    // Every stderr line is the tool's own, never a library's warning.
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(8);
    for (const line of lines) expect(line).toMatch(/^cdk8s-guard: /);
    expect(run.stderr).not.toMatch(/Warning|mapAsMap|--trace-warnings/);
  });

  test('the text output notes each skipped file and counts them in the summary', () => {
    // GIVEN
    writeTree();

    // WHEN
    const run = runCli(['validate', tmp.dir]);

    // THEN
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('');
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.slice(lines.indexOf('skipped (6):'), lines.indexOf('skipped (6):') + 3)).toEqual([
      'skipped (6):',
      `  ${tmp.path('chart/Chart.yaml')}: holds no Kubernetes object: a Helm chart description (Chart.yaml)`,
      `  ${tmp.path('chart/values.yaml')}: holds no Kubernetes object: Helm chart values`,
    ]);
    expect(lines[lines.length - 1]).toBe('✖ 5 violations, 0 suppressed, 2 errors, 3 resources checked, 6 files skipped');
  });
});

describe('files named on the command line', () => {
  test.each([
    ['Chart.yaml', CHART, 1, 'holds no Kubernetes object (a Helm chart description (Chart.yaml)), expecting manifests with apiVersion and kind'],
    ['values.yaml', VALUES, 1, 'holds no Kubernetes object (Helm chart values), expecting manifests with apiVersion and kind'],
    ['kustomization.yaml', KUSTOMIZATION, 1, 'holds no Kubernetes object (a kustomize build file: validate the output of `kubectl kustomize`), expecting manifests with apiVersion and kind'],
    ['dashboard.json', DASHBOARD, 1, 'holds no Kubernetes object (no document has a kind), expecting manifests with apiVersion and kind'],
  ])('fails when %s is named explicitly', async (name, content, line, message) => {
    // GIVEN
    const file = tmp.write(name, content);

    // WHEN
    const run = await runMain(['validate', '--format', 'json', file]);

    // THEN
    expect(run.code).toBe(2);
    expect(json(run).errors).toEqual([{ file, line, message }]);
    expect(json(run).skipped).toEqual([]);
  });

  test('a Helm template gets one error for the file, not one per document', async () => {
    // GIVEN two documents full of template actions
    const file = tmp.write('all.yaml', `${HELM_TEMPLATE}---\n${HELM_TEMPLATE}`);

    // WHEN
    const run = await runMain(['validate', '--format', 'json', file]);

    // THEN
    expect(run.code).toBe(2);
    expect(json(run).errors).toEqual([{ file, line: 4, message: HELM_MESSAGE }]);
  });

  test('template text in quoted and block strings is not a Helm template', async () => {
    // GIVEN a ConfigMap that carries alerting templates
    const file = tmp.write('cm.yaml', [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: templates',
      'data:',
      '  title: "{{ .CommonLabels.alertname }}"',
      '  body: |',
      '    {{ define "slack.body" }}{{ range .Alerts }}{{ .Annotations.summary }}{{ end }}{{ end }}',
      '',
    ].join('\n'));

    // WHEN
    const run = await runMain(['validate', '--format', 'json', file]);

    // THEN
    expect(run.code).toBe(0);
    expect(json(run).errors).toEqual([]);
    expect(json(run).summary.resources).toBe(1);
  });

  test('a machine format notes skipped files on stderr too', async () => {
    // GIVEN
    tmp.write('charts/Chart.yaml', CHART);
    tmp.write('manifests/ok.yaml', COMPLIANT_POD);

    // WHEN
    const run = await runMain(['validate', '--format', 'sarif', tmp.dir]);

    // THEN
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(`cdk8s-guard: note: ${tmp.path('charts/Chart.yaml')}: skipped, holds no Kubernetes object: a Helm chart description (Chart.yaml)\n`);
  });
});

describe('pod templates beyond Kubernetes\' kinds', () => {
  const ECK = [
    'apiVersion: elasticsearch.k8s.elastic.co/v1',
    'kind: Elasticsearch',
    'metadata:',
    '  name: logs',
    '  namespace: search',
    'spec:',
    '  nodeSets:',
    '    - name: default',
    '      podTemplate:',
    '        spec:',
    '          containers:',
    '            - name: elasticsearch',
    '              image: registry.example.com/elasticsearch:8.14.0',
    '              securityContext:',
    '                privileged: true',
    '',
  ].join('\n');

  test('an undeclared kind with a pod template is a warning naming how to declare it', async () => {
    // GIVEN
    const file = tmp.write('es.yaml', ECK);

    // WHEN
    const run = await runMain(['validate', '--level', 'baseline', file]);

    // THEN a warning does not fail the run, but the pod is never reported as checked and clean
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe(`${file}:9  warning  unevaluatedPodTemplate  Elasticsearch/logs  pod template not evaluated`);
  });

  test('a kind declared under podTemplates in the config is evaluated, also by cross-object rules', async () => {
    // GIVEN
    const config = tmp.write('guard.yaml', [
      'level: baseline',
      'rules:',
      '  networkPolicy: {}',
      'podTemplates:',
      '  - kind: Elasticsearch',
      '    group: elasticsearch.k8s.elastic.co',
      '    paths: ["spec.nodeSets[*].podTemplate"]',
      '',
    ].join('\n'));
    const file = tmp.write('es.yaml', ECK);

    // WHEN
    const run = await runMain(['validate', '--format', 'json', '--config', config, file]);

    // THEN
    expect(run.code).toBe(1);
    expect(json(run).results.map((r: any) => [r.ruleId, r.line])).toEqual([['privileged', 15], ['networkPolicy', 9]]);
  });

  test('a v1 Deployment is invalid input naming apps/v1, and its pod is still checked', async () => {
    // GIVEN
    const file = tmp.write('web.yaml', PRIVILEGED_DEPLOYMENT.replace('apiVersion: apps/v1', 'apiVersion: v1'));

    // WHEN
    const run = await runMain(['validate', '--format', 'json', '--level', 'baseline', file]);

    // THEN
    expect(run.code).toBe(1);
    expect(json(run).results.map((r: any) => [r.ruleId, r.line, r.detail])).toEqual([
      ['invalidInput', 1, 'apiVersion "v1" does not serve kind Deployment, whose apiVersion is apps/v1'],
      ['privileged', 12, 'container "nginx" must not set securityContext.privileged=true'],
    ]);
  });
});
