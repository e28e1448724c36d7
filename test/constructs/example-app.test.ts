import { Testing } from 'cdk8s';
import { podSpecOf, schemaErrors } from './_helpers';
import { buildExampleApp, EXAMPLE_NAMESPACE } from '../../examples/app';
import { KubernetesVersion, SecureDefaults } from '../../src/constructs';
import { PolicyGuard } from '../../src/guard';

describe('example app', () => {
  test('synthesizes with zero findings under the hardened guard, and validates against the schema', () => {
    // GIVEN the example app
    const app = Testing.app();
    const charts = buildExampleApp(app);

    // WHEN synthesized
    const manifests = charts.flatMap(c => Testing.synth(c));
    app.synthYaml();

    // THEN no finding of any severity, and the schema accepts every manifest
    expect(PolicyGuard.of(app).findings()).toEqual([]);
    expect(schemaErrors(manifests, KubernetesVersion.of(SecureDefaults.KUBERNETES_VERSION))).toEqual([]);
    expect(manifests.map(m => m.kind).sort()).toEqual([
      'CronJob', 'Deployment', 'Deployment', 'LimitRange', 'Namespace', 'NetworkPolicy', 'ResourceQuota',
      'Service', 'ServiceAccount', 'ServiceAccount', 'ServiceAccount',
    ]);
    for (const m of manifests.filter(x => x.kind !== 'Namespace')) expect(m.metadata.namespace).toBe(EXAMPLE_NAMESPACE);
  });

  test('the nginx web tier listens on 8080 with its writable paths', () => {
    const app = Testing.app();
    const [chart] = buildExampleApp(app);
    const web = Testing.synth(chart).find(m => m.kind === 'Deployment' && m.metadata.name === 'web');
    const nginx = podSpecOf(web).containers[0];
    expect(nginx.ports).toEqual([{ containerPort: 8080 }]);
    expect(nginx.volumeMounts.map((v: any) => v.mountPath)).toEqual(['/var/cache/nginx', '/var/run', '/tmp']);
    expect(nginx.securityContext.readOnlyRootFilesystem).toBe(true);
  });

  test('the synthesized manifests match the reviewed snapshot (a safety net beside the assertions above)', () => {
    // GIVEN the example app
    const app = Testing.app();
    const charts = buildExampleApp(app);

    // WHEN synthesized
    const manifests = charts.flatMap(c => Testing.synth(c));

    // THEN any change to the golden output shows up as a snapshot diff to review
    expect(manifests).toMatchSnapshot();
  });
});
