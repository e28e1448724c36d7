import { BUILTIN_POD_KINDS, declarablePath, findPodShapes, parseTemplatePath, PodKindTable, podSpecPointer } from '../../src/engine/pod-templates';
import { Finding, PodTemplateKind, PssLevel, Severity } from '../../src/engine/types';
import { PolicyEvaluator } from '../../src/evaluator';

/** A pod spec that fails baseline twice: a privileged container and the host network. */
function badSpec(): any {
  return { hostNetwork: true, containers: [{ name: 'app', image: 'registry.example.com/app:1', securityContext: { privileged: true } }] };
}

function brief(findings: Finding[]): Array<[string, string, string]> {
  return findings.map(f => [f.ruleId, f.path, f.detail]);
}

const baseline = (podTemplates?: PodTemplateKind[]) => new PolicyEvaluator({ level: PssLevel.BASELINE, ...(podTemplates ? { podTemplates } : {}) });

const ECK: PodTemplateKind = { kind: 'Elasticsearch', group: 'elasticsearch.k8s.elastic.co', paths: ['spec.nodeSets[*].podTemplate'] };

function elasticsearch(): any {
  return {
    apiVersion: 'elasticsearch.k8s.elastic.co/v1',
    kind: 'Elasticsearch',
    metadata: { name: 'logs' },
    spec: {
      version: '8.14.0',
      nodeSets: [
        { name: 'masters', count: 3, podTemplate: { spec: badSpec() } },
        { name: 'data', count: 2, podTemplate: { metadata: { labels: { tier: 'data' } }, spec: { containers: [{ name: 'elasticsearch', image: 'es:8' }] } } },
      ],
    },
  };
}

describe('built-in pod templates of well-known kinds', () => {
  test.each([
    ['OpenShift DeploymentConfig', 'apps.openshift.io/v1', 'DeploymentConfig', (spec: any) => ({ spec: { replicas: 1, template: { spec } } }), '/spec/template/spec'],
    ['Argo Rollouts Rollout', 'argoproj.io/v1alpha1', 'Rollout', (spec: any) => ({ spec: { strategy: { canary: {} }, template: { spec } } }), '/spec/template/spec'],
    ['Knative Service', 'serving.knative.dev/v1', 'Service', (spec: any) => ({ spec: { template: { spec } } }), '/spec/template/spec'],
    ['KEDA ScaledJob', 'keda.sh/v1alpha1', 'ScaledJob', (spec: any) => ({ spec: { jobTargetRef: { template: { spec } } } }), '/spec/jobTargetRef/template/spec'],
    ['OpenKruise CloneSet', 'apps.kruise.io/v1alpha1', 'CloneSet', (spec: any) => ({ spec: { template: { spec } } }), '/spec/template/spec'],
  ])('fails when a %s runs a privileged pod', (_name, apiVersion, kind, body, specPath) => {
    // GIVEN
    const manifest = { apiVersion, kind, metadata: { name: 'x' }, ...body(badSpec()) };

    // WHEN
    const findings = baseline().evaluate(manifest);

    // THEN the template is evaluated like a Deployment's
    expect(brief(findings)).toEqual([
      ['hostNamespaces', `${specPath}/hostNetwork`, 'pod must not set hostNetwork=true'],
      ['privileged', `${specPath}/containers/0/securityContext/privileged`, 'container "app" must not set securityContext.privileged=true'],
    ]);
  });

  test('an Argo Rollout with a workloadRef and no template has nothing to evaluate and is no error', () => {
    const rollout = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'r' }, spec: { workloadRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' } } };
    expect(baseline().evaluate(rollout)).toEqual([]);
  });

  test('a Knative Service is not mistaken for a core Service', () => {
    expect(baseline().evaluate({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80 }] } })).toEqual([]);
  });

  test('the table lists Kubernetes\' kinds first, each evaluated by pod-security admission, then the others', () => {
    expect(BUILTIN_POD_KINDS.map(k => `${k.kind}${k.admission ? '' : '*'}`)).toEqual([
      'Pod', 'PodTemplate', 'ReplicationController', 'ReplicaSet', 'Deployment', 'DaemonSet', 'StatefulSet', 'Job', 'CronJob',
      'DeploymentConfig*', 'Rollout*', 'Service*', 'Configuration*', 'ScaledJob*', 'CloneSet*',
    ]);
  });
});

describe('declared pod templates', () => {
  test('evaluates every template of a path through a list', () => {
    // WHEN
    const findings = baseline([ECK]).evaluate(elasticsearch());

    // THEN
    expect(brief(findings)).toEqual([
      ['hostNamespaces', '/spec/nodeSets/0/podTemplate/spec/hostNetwork', 'pod must not set hostNetwork=true'],
      ['privileged', '/spec/nodeSets/0/podTemplate/spec/containers/0/securityContext/privileged', 'container "app" must not set securityContext.privileged=true'],
    ]);
  });

  test('runs pod rules on each template with its own metadata and containers', () => {
    // GIVEN a rule that reports each pod's first container
    const evaluator = new PolicyEvaluator({
      level: PssLevel.PRIVILEGED,
      podTemplates: [ECK],
      customRules: [{
        ruleId: 'firstContainer',
        description: 'Reports the first container.',
        message: 'first container',
        fix: 'none',
        severity: Severity.INFO,
        evaluate: ctx => (ctx.podSpecPath ? [{ path: ctx.podSpecPath, detail: `${ctx.containers[0]?.name} ${JSON.stringify(ctx.podMetadata?.labels ?? {})}` }] : []),
      }],
    });

    // WHEN
    const findings = evaluator.evaluate(elasticsearch());

    // THEN custom rules see the manifest once, with the first template
    expect(brief(findings)).toEqual([['firstContainer', '/spec/nodeSets/0/podTemplate/spec', 'app {}']]);
  });

  test('a declared path may name the pod spec itself', () => {
    const evaluator = baseline([{ kind: 'Runner', group: 'ci.example.com', paths: ['spec.pod'] }]);
    const runner = { apiVersion: 'ci.example.com/v1', kind: 'Runner', metadata: { name: 'r' }, spec: { pod: badSpec() } };
    expect(brief(evaluator.evaluate(runner)).map(b => b[1])).toEqual(['/spec/pod/hostNetwork', '/spec/pod/containers/0/securityContext/privileged']);
  });

  test.each<[string, any, string]>([
    ['fails when the kind is missing', { group: 'x.example.com', paths: ['spec.template'] }, 'podTemplates[0].kind must be a kind such as "Elasticsearch"'],
    ['fails when the group has a version', { kind: 'Es', group: 'x.example.com/v1', paths: ['spec.template'] }, 'podTemplates[0].group must be the API group of Es without its version, e.g. "elasticsearch.k8s.elastic.co"'],
    ['fails when the paths are empty', { kind: 'Es', group: 'x.example.com', paths: [] }, 'podTemplates[0].paths must be a non-empty list such as ["spec.template"]'],
    ['fails when a path is malformed', { kind: 'Es', group: 'x.example.com', paths: ['spec.nodeSets[0].podTemplate'] }, 'podTemplates[0].paths[0]: path "spec.nodeSets[0].podTemplate" is not field names joined by "." with [*] after a list, e.g. "spec.nodeSets[*].podTemplate"'],
    ['fails when the kind is built in', { kind: 'Deployment', group: 'apps', paths: ['spec.template'] }, 'podTemplates[0] declares Deployment of group "apps", which is built in: remove the declaration'],
  ])('%s', (_name, declaration, message) => {
    expect(() => baseline([declaration])).toThrow(new Error(message));
  });
});

describe('unevaluatedPodTemplate', () => {
  test('warns once per path about a pod template of an unknown kind, naming how to declare it', () => {
    // WHEN
    const findings = baseline().evaluate(elasticsearch());

    // THEN
    expect(findings).toEqual([{
      ruleId: 'unevaluatedPodTemplate',
      severity: Severity.WARNING,
      message: 'pod template not evaluated',
      detail: 'Elasticsearch "logs" holds a pod template at spec.nodeSets[0].podTemplate, and Elasticsearch of group "elasticsearch.k8s.elastic.co" is not a kind whose pod templates are evaluated',
      fix: 'declare the kind in podTemplates, e.g. { kind: Elasticsearch, group: elasticsearch.k8s.elastic.co, paths: ["spec.nodeSets[*].podTemplate"] }, in the config file or the podTemplates prop',
      path: '/spec/nodeSets/0/podTemplate',
      paths: ['/spec/nodeSets/0/podTemplate'],
      resource: { apiVersion: 'elasticsearch.k8s.elastic.co/v1', kind: 'Elasticsearch', name: 'logs' },
      manifestIndex: 0,
    }]);
  });

  test('warns about a kustomize patch without a kind beside the invalid input finding', () => {
    const patch = { metadata: { name: 'web' }, spec: { template: { spec: { containers: [{ name: 'web', image: 'web:1' }] } } } };
    const findings = baseline().evaluate(patch);
    expect(findings.map(f => [f.ruleId, f.path])).toEqual([
      ['invalidInput', '/apiVersion'],
      ['invalidInput', '/kind'],
      ['unevaluatedPodTemplate', '/spec/template'],
    ]);
    expect(findings[2].detail).toBe('<no kind> "web" holds a pod template at spec.template, and <no kind> is not a kind whose pod templates are evaluated');
  });

  test('says nothing about objects without containers of images, or templates that are evaluated', () => {
    expect(baseline().evaluate({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { containers: 'a' } })).toEqual([]);
    expect(baseline().evaluate({ apiVersion: 'example.com/v1', kind: 'Thing', metadata: { name: 't' }, spec: { containers: [{ name: 'x' }] } })).toEqual([]);
    expect(baseline([ECK]).evaluate({ ...elasticsearch(), spec: { nodeSets: [] } })).toEqual([]);
  });

  test('takes a severity override', () => {
    const evaluator = new PolicyEvaluator({ level: PssLevel.BASELINE, severityOverrides: { unevaluatedPodTemplate: Severity.ERROR } });
    expect(evaluator.evaluate(elasticsearch()).map(f => f.severity)).toEqual([Severity.ERROR]);
  });
});

describe('Kubernetes kinds under a wrong apiVersion', () => {
  test.each([
    ['a v1 Deployment', 'v1', 'Deployment', 'apps/v1'],
    ['an extensions StatefulSet', 'extensions/v1beta1', 'StatefulSet', 'apps/v1'],
    ['an apps/v2 Deployment', 'apps/v2', 'Deployment', 'apps/v1'],
    ['a batch/v2 Job', 'batch/v2', 'Job', 'batch/v1'],
  ])('fails for %s, naming the right apiVersion, and still evaluates the template', (_name, apiVersion, kind, expected) => {
    // GIVEN
    const manifest = { apiVersion, kind, metadata: { name: 'web' }, spec: { template: { spec: badSpec() } } };

    // WHEN
    const findings = baseline().evaluate(manifest);

    // THEN
    expect(findings[0]).toMatchObject({
      ruleId: 'invalidInput',
      path: '/apiVersion',
      detail: `apiVersion "${apiVersion}" does not serve kind ${kind}, whose apiVersion is ${expected}`,
      fix: `write apiVersion: ${expected}`,
    });
    expect(findings.slice(1).map(f => f.ruleId)).toEqual(['hostNamespaces', 'privileged']);
  });

  test('a kind of the same name in another project\'s group is not Kubernetes\'', () => {
    const manifest = { apiVersion: 'apps.example.com/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { template: { spec: badSpec() } } };
    expect(baseline().evaluate(manifest).map(f => f.ruleId)).toEqual(['unevaluatedPodTemplate']);
  });
});

describe('template paths', () => {
  test.each([
    ['', []],
    ['spec.template', ['spec', 'template']],
    ['spec.nodeSets[*].podTemplate', ['spec', 'nodeSets', '*', 'podTemplate']],
    ['spec.grid[*][*].pod', ['spec', 'grid', '*', '*', 'pod']],
  ])('parses "%s"', (path, tokens) => {
    expect(parseTemplatePath(path)).toEqual({ tokens });
  });

  test('renders a pointer as a declarable path', () => {
    expect(declarablePath('/items/2/spec/nodeSets/0/podTemplate', '/items/2')).toBe('spec.nodeSets[*].podTemplate');
  });

  test('finds pod shapes outside the skipped subtrees, not in metadata or status', () => {
    const object = {
      metadata: { annotations: { containers: [{ image: 'a' }] } },
      status: { containers: [{ image: 'a' }] },
      spec: { a: { spec: { containers: [{ image: 'a' }] } }, b: { containers: [{ image: 'b' }] } },
    };
    expect(findPodShapes(object, '', [])).toEqual(['/spec/a', '/spec/b']);
    expect(findPodShapes(object, '', ['/spec/a/spec'])).toEqual(['/spec/b']);
  });

  test.each([
    ['Pod', '/spec'],
    ['PodTemplate', '/template/spec'],
    ['Deployment', '/spec/template/spec'],
    ['CronJob', '/spec/jobTemplate/spec/template/spec'],
  ])('gives the constructs the pod spec pointer of a %s', (kind, pointer) => {
    expect(podSpecPointer(kind)).toBe(pointer);
  });

  test('refuses a pod spec pointer for a kind that is not Kubernetes\'', () => {
    expect(() => podSpecPointer('Rollout')).toThrow(new Error('kind Rollout is not one of Kubernetes\' pod-bearing kinds'));
  });

  test('the built-in table is shared', () => {
    expect(PodKindTable.builtin()).toBe(PodKindTable.builtin());
  });
});
