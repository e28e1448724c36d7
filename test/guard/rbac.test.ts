import { ApiObject, App, Chart, JsonPatch, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { labels, MemoryLogger } from './_helpers';
import { PssLevel, RulePack } from '../../src/engine';
import { PolicyGuard } from '../../src/guard';
import { Packs } from '../../src/packs';

/** A chart in namespace "shop": a ServiceAccount, a Role that reads secrets and creates pods bound to it, and a Deployment running as it. */
function shop(props: { automountServiceAccountToken?: boolean; automountToken?: boolean } = {}) {
  const app = Testing.app();
  const chart = new Chart(app, 'shop', { namespace: 'shop' });
  const sa = new kplus.ServiceAccount(chart, 'web-sa', props.automountToken !== undefined ? { automountToken: props.automountToken } : {});
  const role = new kplus.Role(chart, 'reader');
  role.allowRead(kplus.ApiResource.SECRETS);
  role.allowCreate(kplus.ApiResource.PODS);
  const binding = role.bind(sa);
  const deployment = new kplus.Deployment(chart, 'web', {
    serviceAccount: sa,
    containers: [{ image: 'nginx' }],
    ...(props.automountServiceAccountToken !== undefined ? { automountServiceAccountToken: props.automountServiceAccountToken } : {}),
  });
  return { app, chart, sa, role, binding, deployment };
}

/** A guard on the app that runs only the cross-object rule (or the given pack). */
function guardOf(app: App, packs?: RulePack[]): PolicyGuard {
  return PolicyGuard.of(app, {
    level: PssLevel.PRIVILEGED,
    ...(packs ? { packs } : { rules: [{ ruleId: 'workloadPrivileges' }] }),
    reportFormats: [],
    logger: new MemoryLogger(),
  });
}

describe('the privileges behind each workload, in the guard', () => {
  test('reports the Deployment whose mounted token holds the kplus Role\'s grants, naming the binding and the role', () => {
    // GIVEN
    const { app, sa, role, binding, deployment } = shop({ automountServiceAccountToken: true });
    // WHEN
    const findings = guardOf(app).findings();
    // THEN
    expect(labels(findings)).toEqual(['workloadPrivileges@shop/web/Resource']);
    expect(findings[0].detail).toBe(
      `Deployment "${deployment.name}" in namespace "shop" mounts the token of service account "${sa.name}", and RoleBinding "${binding.name}" grants it `
      + `Role "${role.name}" in namespace "shop", which in rules[0] grants get, list, watch on secrets (rbacSecretsAccess); in rules[1] grants create on pods (rbacWorkloadCreate)`,
    );
    expect(findings[0].path).toBe('/spec/template/spec/serviceAccountName');
  });

  test('also reports the grants that resource.permissions.grantRead writes', () => {
    // GIVEN a Secret whose read permission is granted to the same account
    const { app, chart, sa, deployment } = shop({ automountServiceAccountToken: true });
    const secret = new kplus.Secret(chart, 'db');
    const grant = secret.permissions.grantRead(sa);
    // WHEN
    const details = guardOf(app).findings().map(f => f.detail);
    // THEN
    expect(details).toHaveLength(2);
    expect(details.find(d => d.includes(grant.name))).toBe(
      `Deployment "${deployment.name}" in namespace "shop" mounts the token of service account "${sa.name}", and RoleBinding "${grant.name}" grants it `
      + `Role "${grant.role.name}" in namespace "shop", which in rules[0] (resourceNames "${secret.name}") grants get, list, watch on secrets (rbacSecretsAccess)`,
    );
  });

  test('reports nothing when kplus leaves the token unmounted', () => {
    // GIVEN kplus' defaults: automountServiceAccountToken false on the pod and on the ServiceAccount
    const { app } = shop();
    // WHEN / THEN
    expect(guardOf(app).findings()).toEqual([]);
  });

  test('reads the ServiceAccount in the synth when the pod leaves the field unset', () => {
    // GIVEN the pod field removed, so the ServiceAccount decides
    const [opted, optedOut, tokenCheck] = [shop({ automountToken: true }), shop({ automountToken: false }), shop({ automountToken: false })];
    for (const { deployment } of [opted, optedOut, tokenCheck]) ApiObject.of(deployment).addJsonPatch(JsonPatch.remove('/spec/template/spec/automountServiceAccountToken'));
    // WHEN / THEN
    expect(labels(guardOf(opted.app).findings())).toEqual(['workloadPrivileges@shop/web/Resource']);
    expect(guardOf(optedOut.app).findings()).toEqual([]);
    const tokens = PolicyGuard.of(tokenCheck.app, { level: PssLevel.PRIVILEGED, rules: [{ ruleId: 'serviceAccountToken' }], reportFormats: [], logger: new MemoryLogger() });
    expect(tokens.findings()).toEqual([]);
  });

  test('reports the binding, the role and the workload when the account is bound to cluster-admin in another chart', () => {
    // GIVEN
    const { app, sa } = shop({ automountServiceAccountToken: true });
    const platform = new Chart(app, 'platform');
    new kplus.ClusterRoleBinding(platform, 'ops', { role: kplus.ClusterRole.fromClusterRoleName(platform, 'admin', 'cluster-admin') }).addSubjects(sa);
    // WHEN
    const findings = guardOf(app, [Packs.RBAC]).findings();
    // THEN
    expect(labels(findings).sort()).toEqual([
      'rbacClusterAdmin@platform/ops/Resource',
      'rbacSecretsAccess@shop/reader/Resource',
      'rbacWorkloadCreate@shop/reader/Resource',
      'workloadPrivileges@shop/web/Resource',
      'workloadPrivileges@shop/web/Resource',
    ]);
    expect(findings.filter(f => f.detail.includes('cluster-admin')).map(f => f.ruleId).sort()).toEqual(['rbacClusterAdmin', 'workloadPrivileges']);
  });
});
