import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ConfigSuppression, GuardConfig } from '../../src/config';
import { PssLevel, ResourceRef, Severity } from '../../src/engine/types';
import { PolicyEvaluator } from '../../src/evaluator';
import { Packs } from '../../src/packs';

const FIXTURES = join(__dirname, 'fixtures');
const ORG_IDS = 'defaultNamespace, defaultServiceAccount, envSecretValue, hostPathReadOnly, imageDigest, imagePullPolicy, imageRegistry, imageTag, imageVulnerabilities, invalidImageReference, networkPolicy, podSecurityAdmission, rbacClusterAdmin, rbacEscalation, rbacExecAttach, rbacSecretsAccess, rbacWildcard, rbacWorkloadCreate, readOnlyRootFilesystem, resourceLimits, resourceRequests, rootGroup, secretEnv, secretInManifest, serviceAccountToken, workloadPrivileges';

const web: ResourceRef = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'cms', name: 'legacy-cms' };

describe('GuardConfig.fromFile', () => {
  test('reads the documented YAML example', () => {
    // WHEN
    const config = GuardConfig.fromFile(join(FIXTURES, 'guard.yaml'));
    // THEN
    expect(config.source).toBe(join(FIXTURES, 'guard.yaml'));
    expect(config.level).toBe(PssLevel.RESTRICTED);
    expect(config.version).toBe('v1.30');
    expect(config.packNames).toEqual(['hardened']);
    expect(config.packs.map(p => p.name)).toEqual(['hardened']);
    expect(config.packs[0].rules.map(r => r.ruleId)).not.toContain('secretEnv');
    expect(config.packs[0].rules).toHaveLength(23);
    expect(Packs.HARDENED.rules).toHaveLength(24);
    expect(config.disabledRules).toEqual(['secretEnv']);
    expect(config.rules).toEqual([]);
    expect(config.ruleParams).toEqual({
      imageRegistry: { allowed: ['registry.example.com/', 'ghcr.io/acme/'] },
      resourceLimits: { requireEphemeralStorage: true },
    });
    expect(config.severityOverrides).toEqual({ imageDigest: Severity.ERROR });
    expect(config.unsuppressible).toEqual(['privileged', 'imageRegistry']);
    expect(config.suppressions.map(s => [s.ruleId, s.resource, s.containers, s.constructPath])).toEqual([
      ['readOnlyRootFilesystem', { kind: 'Deployment', namespace: 'cms', name: 'legacy-cms' }, ['cms'], undefined],
      ['networkPolicy', undefined, undefined, 'app/shop'],
    ]);
  });

  test('reads JSON', () => {
    const config = GuardConfig.fromFile(join(FIXTURES, 'guard.json'));
    expect(config.level).toBe(PssLevel.BASELINE);
    expect(config.version).toBeUndefined();
    expect(config.packNames).toEqual(['pss-baseline']);
    expect(config.rules).toEqual([{ ruleId: 'imageTag', severity: Severity.WARNING }]);
    expect(config.suppressions[0].reason).toBe('the vendor only publishes latest');
  });

  test('fails when the file cannot be read', () => {
    const missing = join(FIXTURES, 'missing.yaml');
    expect(() => GuardConfig.fromFile(missing)).toThrow(new Error(`cannot read config file "${missing}" (ENOENT), check the path`));
  });

  test('names the file in parse errors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'guard-config-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'level: strict\n');
    expect(() => GuardConfig.fromFile(file)).toThrow(new Error(`${file}:1:8: invalid level "strict", expecting one of: privileged, baseline, restricted`));
  });
});

describe('GuardConfig.parse', () => {
  test('an empty file is an empty config', () => {
    const config = GuardConfig.parse('', 'guard.yaml');
    expect(config.level).toBeUndefined();
    expect(config.packs).toEqual([]);
    expect(config.suppressions).toEqual([]);
    expect(config.evaluatorProps()).toEqual({ packs: [], rules: [], ruleParams: {}, severityOverrides: {} });
  });

  test('a rule listed without settings is turned on at its default severity', () => {
    const config = GuardConfig.parse('rules:\n  imageTag:\n  rootGroup: {}\n', 'guard.yaml');
    expect(config.rules).toEqual([{ ruleId: 'imageTag' }, { ruleId: 'rootGroup' }]);
  });

  test('a disabled rule that no pack runs stays off', () => {
    const config = GuardConfig.parse('rules:\n  imageTag:\n    enabled: false\n', 'guard.yaml');
    expect(config.rules).toEqual([]);
    expect(config.disabledRules).toEqual(['imageTag']);
  });

  test('the default file name in errors is "config"', () => {
    expect(() => GuardConfig.parse('levle: baseline\n')).toThrow(new Error(
      'config:1:1: unknown key "levle", expecting one of: level, version, packs, rules, suppressions, unsuppressible, disallowAnnotationExemptions, vulnerabilities, hardening, podTemplates, namespaces, podSecurityDefaults',
    ));
  });

  test.each<[string, string, string]>([
    ['fails when the YAML has a duplicate key', 'level: baseline\nlevel: restricted\n',
      'guard.yaml:2:1: duplicate key "level", write each key once'],
    ['fails when JSON has a duplicate key', '{"packs": [], "packs": ["hardened"]}',
      'guard.yaml:1:15: duplicate key "packs", write each key once'],
    ['fails when the file holds several documents', 'level: baseline\n---\nlevel: restricted\n',
      'guard.yaml:2:1: a config file holds one YAML document, found several: remove the "---" separators'],
    ['fails when the YAML syntax is broken', 'packs: [hardened\n',
      'guard.yaml:2:1: invalid YAML: flow sequence in block collection must be sufficiently indented and end with a ], fix the syntax'],
    ['fails when the top level is a list', '- hardened\n',
      'guard.yaml:1:1: a config must be a map with keys such as level, packs, rules and suppressions, found a list'],
    ['fails when a top-level key is unknown', 'level: baseline\nsuppresions: []\n',
      'guard.yaml:2:1: unknown key "suppresions", expecting one of: level, version, packs, rules, suppressions, unsuppressible, disallowAnnotationExemptions, vulnerabilities, hardening, podTemplates, namespaces, podSecurityDefaults'],
    ['fails when the level is unknown', 'level: strict\n',
      'guard.yaml:1:8: invalid level "strict", expecting one of: privileged, baseline, restricted'],
    ['fails when the level is not a string', 'level: 2\n',
      'guard.yaml:1:8: invalid level number 2, expecting one of: privileged, baseline, restricted'],
    ['fails when the version is invalid', 'version: v1.05\n',
      'guard.yaml:1:10: invalid policy version "v1.05", expecting "latest" or "v1.<minor>" such as "v1.30"'],
    ['fails when the version is a number', 'version: 1.30\n',
      'guard.yaml:1:10: invalid policy version number 1.3, expecting "latest" or "v1.<minor>" such as "v1.30" (quote it)'],
    ['fails when packs is not a list', 'packs: hardened\n',
      'guard.yaml:1:8: packs must be a list of pack names such as [hardened], found string "hardened"'],
    ['fails when a pack is unknown', 'packs:\n  - hardened\n  - strict\n',
      'guard.yaml:3:5: unknown pack "strict", expecting one of: hardened, pss-baseline, pss-restricted, rbac'],
    ['fails when a pack is listed twice', 'packs: [hardened, hardened]\n',
      'guard.yaml:1:19: pack "hardened" is listed twice, list each pack once'],
    ['fails when rules is a list', 'rules: [imageTag]\n',
      'guard.yaml:1:8: rules must be a map from rule id to { severity, params, enabled }, found a list'],
    ['fails when a rule is unknown', 'rules:\n  imageDigets: {}\n',
      `guard.yaml:2:3: unknown rule "imageDigets", expecting one of: ${ORG_IDS}`],
    ['fails when a rule is a PSS check', 'rules:\n  privileged:\n    severity: warning\n',
      'guard.yaml:2:3: rule "privileged" is a Pod Security Standards check and cannot be configured, choose the checks with level and accept findings with suppressions'],
    ['fails when a rule setting is not a map', 'rules:\n  imageTag: warning\n',
      'guard.yaml:2:13: rule "imageTag" must be a map with severity, params or enabled, found string "warning"'],
    ['fails when a rule setting key is unknown', 'rules:\n  imageTag:\n    severty: warning\n',
      'guard.yaml:3:5: unknown key "severty" in rule "imageTag", expecting one of: severity, params, enabled'],
    ['fails when a severity is unknown', 'rules:\n  imageTag:\n    severity: high\n',
      'guard.yaml:3:15: invalid severity "high" for rule "imageTag", expecting one of: error, warning, info'],
    ['fails when enabled is not a boolean', 'rules:\n  imageTag:\n    enabled: "no"\n',
      'guard.yaml:3:14: enabled of rule "imageTag" must be true or false, found string "no"'],
    ['fails when params is not a map', 'rules:\n  imageTag:\n    params: [latest]\n',
      'guard.yaml:3:13: params of rule "imageTag" must be a map, found a list'],
    ['fails when params are invalid for the rule', 'rules:\n  imageRegistry:\n    params:\n      allowed: ghcr.io/\n',
      'guard.yaml:4:7: invalid parameters for rule "imageRegistry": allowed must be a non-empty list of strings such as ["registry.example.com/", "ghcr.io/acme/"], found string "ghcr.io/"'],
    ['fails when unsuppressible is not a list', 'unsuppressible: privileged\n',
      'guard.yaml:1:17: unsuppressible must be a list of rule ids such as [privileged, imageRegistry], found string "privileged"'],
    ['fails when an unsuppressible id is a built-in id in the wrong case', 'unsuppressible: [Privileged]\n',
      'guard.yaml:1:18: unknown rule "Privileged" in unsuppressible, did you mean "privileged"?'],
    ['fails when suppressions is a map', 'suppressions:\n  ruleId: imageTag\n',
      'guard.yaml:2:3: suppressions must be a list of { ruleId, reason, ... } maps, found a map'],
    ['fails when a suppression is not a map', 'suppressions:\n  - imageTag\n',
      'guard.yaml:2:5: a suppression must be a map with ruleId and reason, found string "imageTag"'],
    ['fails when a suppression has no ruleId', 'suppressions:\n  - reason: accepted for a good reason\n',
      'guard.yaml:2:5: a suppression needs a ruleId, e.g. ruleId: imageDigest'],
    ['fails when a suppression ruleId is a typo of a built-in id', 'suppressions:\n  - ruleId: image-tag\n    reason: accepted for a good reason\n',
      'guard.yaml:2:13: unknown rule "image-tag" in suppression, did you mean "imageTag"?'],
    ['fails when a suppression ruleId is a built-in id with one letter more', 'suppressions:\n  - ruleId: imageDigests\n    reason: accepted for a good reason\n',
      'guard.yaml:2:13: unknown rule "imageDigests" in suppression, did you mean "imageDigest"?'],
    ['fails when a suppression has no reason', 'suppressions:\n  - ruleId: imageTag\n',
      'guard.yaml:2:5: suppression of "imageTag" needs a reason of at least 10 characters saying why the finding is accepted, found none'],
    ['fails when a reason is shorter than 10 characters', 'suppressions:\n  - ruleId: imageTag\n    reason: "  todo     "\n',
      'guard.yaml:3:13: suppression of "imageTag" needs a reason of at least 10 characters saying why the finding is accepted, found "todo"'],
    ['fails when a suppression key is unknown', 'suppressions:\n  - ruleId: imageTag\n    reason: accepted for a good reason\n    container: app\n',
      'guard.yaml:4:5: unknown key "container" in suppression, expecting one of: ruleId, reason, resource, containers, constructPath'],
    ['fails when a suppression resource is a string', 'suppressions:\n  - ruleId: imageTag\n    reason: accepted for a good reason\n    resource: web\n',
      'guard.yaml:4:15: resource of suppression "imageTag" must be a map with kind, namespace or name, found string "web"'],
    ['fails when a suppression resource key is unknown', 'suppressions:\n  - ruleId: imageTag\n    reason: accepted for a good reason\n    resource:\n      label: x\n',
      'guard.yaml:5:7: unknown key "label" in resource of suppression "imageTag", expecting one of: kind, namespace, name'],
    ['fails when a suppression resource field is not a string', 'suppressions:\n  - ruleId: imageTag\n    reason: accepted for a good reason\n    resource:\n      name: 42\n',
      'guard.yaml:5:13: resource.name of suppression "imageTag" must be a string, found number 42'],
    ['fails when containers is not a list', 'suppressions:\n  - ruleId: imageTag\n    reason: accepted for a good reason\n    containers: app\n',
      'guard.yaml:4:17: containers of suppression "imageTag" must be a list of container names, found string "app"'],
    ['fails when a container name is empty', 'suppressions:\n  - ruleId: imageTag\n    reason: accepted for a good reason\n    containers: [app, ""]\n',
      'guard.yaml:4:23: suppression of "imageTag" lists container "", write container names as non-empty strings'],
    ['fails when constructPath is empty', 'suppressions:\n  - ruleId: imageTag\n    reason: accepted for a good reason\n    constructPath: "/"\n',
      'guard.yaml:4:20: suppression of "imageTag" has constructPath "/", write a construct path such as "app/web" or remove it'],
    ['fails when a hardening fix is unknown', 'hardening:\n  dropAll: true\n',
      'guard.yaml:2:3: unknown hardening fix "dropAll", expecting one of: disableServiceAccountToken, readOnlyRootFilesystem, writablePaths, defaultRequests, defaultLimits'],
    ['fails when a hardening quantity is malformed', 'hardening:\n  defaultLimits:\n    memory: 1 GB\n',
      'guard.yaml:3:13: invalid quantity "1 GB" for memory in defaultLimits, write a quantity such as 100m, 128Mi or 1 (quoted)'],
    ['fails when a suppression names an unsuppressible rule', 'unsuppressible: [imageTag]\nsuppressions:\n  - ruleId: imageTag\n    reason: accepted for a good reason\n',
      'guard.yaml:3:13: rule "imageTag" is unsuppressible, remove this suppression or remove the rule from unsuppressible'],
  ])('%s', (_name, text, message) => {
    expect(() => GuardConfig.parse(text, 'guard.yaml')).toThrow(new Error(message));
  });

  test('reads the opt-in fixes of the hardening section', () => {
    // GIVEN a config naming two opt-in fixes WHEN it is parsed THEN they are kept as named
    const config = GuardConfig.parse('hardening:\n  readOnlyRootFilesystem: true\n  writablePaths: [/tmp]\n  defaultRequests: { cpu: 100m }\n');
    expect(config.hardening).toEqual({ readOnlyRootFilesystem: true, writablePaths: ['/tmp'], defaultRequests: { cpu: '100m' } });
  });

  test('lists every problem, one per line', () => {
    expect(() => GuardConfig.parse('level: strict\npacks: [nope]\nrules:\n  imageTag:\n    severity: high\n', 'guard.yaml')).toThrow(new Error([
      'guard.yaml:1:8: invalid level "strict", expecting one of: privileged, baseline, restricted',
      'guard.yaml:2:9: unknown pack "nope", expecting one of: hardened, pss-baseline, pss-restricted, rbac',
      'guard.yaml:5:15: invalid severity "high" for rule "imageTag", expecting one of: error, warning, info',
    ].join('\n')));
  });

  test('resolves YAML anchors and aliases', () => {
    const config = GuardConfig.parse([
      'rules:',
      '  imageRegistry:',
      '    params: &registries',
      '      allowed: [ghcr.io/acme/]',
      'suppressions:',
      '  - ruleId: imageTag',
      '    reason: &why accepted until the vendor ships tags',
      '  - ruleId: imageDigest',
      '    reason: *why',
    ].join('\n'), 'guard.yaml');
    expect(config.ruleParams).toEqual({ imageRegistry: { allowed: ['ghcr.io/acme/'] } });
    expect(config.suppressions.map(s => s.reason)).toEqual(['accepted until the vendor ships tags', 'accepted until the vendor ships tags']);
  });
});

describe('GuardConfig.fromProps', () => {
  test('builds the same config as a file', () => {
    const config = GuardConfig.fromProps({
      packs: ['hardened'],
      rules: { imageRegistry: { params: { allowed: ['ghcr.io/acme/'] } }, networkPolicy: { enabled: false } },
      suppressions: [{ ruleId: 'imageTag', reason: 'accepted until the vendor ships tags' }],
      unsuppressible: ['privileged'],
    });
    expect(config.source).toBe('config');
    expect(config.disabledRules).toEqual(['networkPolicy']);
    expect(config.suppressions[0]).toBeInstanceOf(ConfigSuppression);
  });

  test('validates like a file, without positions', () => {
    expect(() => GuardConfig.fromProps({ level: 'strict' as PssLevel, suppressions: [{ ruleId: 'imageTag', reason: 'short' }] })).toThrow(new Error([
      'invalid level "strict", expecting one of: privileged, baseline, restricted',
      'suppression of "imageTag" needs a reason of at least 10 characters saying why the finding is accepted, found "short"',
    ].join('\n')));
  });

  test('with no props is an empty config', () => {
    expect(GuardConfig.fromProps().packs).toEqual([]);
  });
});

describe('GuardConfig.evaluatorProps', () => {
  const manifest = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'shop' },
    spec: { containers: [{ name: 'a', image: 'ghcr.io/acme/a:1', env: [{ name: 'S', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }] }] },
  };

  test('configures the evaluator: packs without disabled rules, params and severities', () => {
    // GIVEN
    const config = GuardConfig.fromFile(join(FIXTURES, 'guard.yaml'));
    // WHEN
    const evaluator = new PolicyEvaluator(config.evaluatorProps());
    const findings = evaluator.evaluate(manifest);
    // THEN
    expect(evaluator.level).toBe(PssLevel.RESTRICTED);
    expect(evaluator.version).toBe('v1.30');
    expect(evaluator.ruleIds()).not.toContain('secretEnv');
    expect(findings.find(f => f.ruleId === 'imageDigest')?.severity).toBe(Severity.ERROR);
    expect(findings.find(f => f.ruleId === 'imageRegistry')).toBeUndefined();
    expect(findings.find(f => f.ruleId === 'resourceLimits')?.detail)
      .toBe('container "a" must set resources.limits.cpu, resources.limits.memory, resources.limits.ephemeral-storage');
  });

  test('keeps the pack severity of a rule whose params the config sets', () => {
    const config = GuardConfig.parse('packs: [hardened]\nrules:\n  imageRegistry:\n    params: { allowed: [docker.io/] }\n', 'guard.yaml');
    const findings = new PolicyEvaluator(config.evaluatorProps()).evaluate(manifest);
    expect(findings.find(f => f.ruleId === 'imageRegistry')?.severity).toBe(Severity.ERROR);
    expect(findings.find(f => f.ruleId === 'secretEnv')?.severity).toBe(Severity.WARNING);
  });

  test('adds extra packs once, without the rules the config disables', () => {
    // GIVEN
    const config = GuardConfig.parse('packs: [pss-baseline]\nrules:\n  secretEnv: { enabled: false }\n  imageRegistry: { params: { allowed: [ghcr.io/] } }\n  imageTag: { severity: info }\n', 'guard.yaml');
    // WHEN
    const props = config.evaluatorProps([Packs.HARDENED, Packs.PSS_BASELINE]);
    // THEN
    expect(props.packs!.map(p => p.name)).toEqual(['pss-baseline', 'hardened']);
    expect(props.packs![1].rules.map(r => r.ruleId)).not.toContain('secretEnv');
    expect(props.rules).toEqual([]);
    expect(config.rules).toEqual([{ ruleId: 'imageRegistry', params: { allowed: ['ghcr.io/'] } }, { ruleId: 'imageTag', severity: Severity.INFO }]);
    const evaluator = new PolicyEvaluator(props);
    expect(evaluator.evaluate(manifest).find(f => f.ruleId === 'imageTag')).toBeUndefined();
    expect(evaluator.ruleIds()).not.toContain('secretEnv');
  });
});

describe('suppressions', () => {
  const config = GuardConfig.fromFile(join(FIXTURES, 'guard.yaml'));

  test.each<[string, ResourceRef, string, string | undefined, string | undefined, string | undefined]>([
    ['matches the resource and container', web, 'readOnlyRootFilesystem', 'cms', undefined, 'readOnlyRootFilesystem'],
    ['does not match another container', web, 'readOnlyRootFilesystem', 'nginx', undefined, undefined],
    ['does not match a pod-level finding when containers are listed', web, 'readOnlyRootFilesystem', undefined, undefined, undefined],
    ['does not match another rule', web, 'rootGroup', 'cms', undefined, undefined],
    ['does not match another namespace', { ...web, namespace: 'shop' }, 'readOnlyRootFilesystem', 'cms', undefined, undefined],
    ['does not match another kind', { ...web, kind: 'StatefulSet' }, 'readOnlyRootFilesystem', 'cms', undefined, undefined],
    ['matches the construct path itself', web, 'networkPolicy', undefined, 'app/shop', 'networkPolicy'],
    ['matches under the construct path', web, 'networkPolicy', undefined, 'app/shop/web/Resource', 'networkPolicy'],
    ['does not match a sibling with the same prefix', web, 'networkPolicy', undefined, 'app/shopping', undefined],
    ['does not match findings without a construct path', web, 'networkPolicy', undefined, undefined, undefined],
  ])('%s', (_name, resource, ruleId, container, constructPath, expected) => {
    expect(config.suppressionFor(resource, ruleId, container, constructPath)?.ruleId).toBe(expected);
  });

  test('never suppresses an unsuppressible rule, even with a matching suppression', () => {
    // GIVEN a suppression built in code for an unsuppressible rule
    const fromCode = GuardConfig.fromProps({ unsuppressible: ['privileged'] });
    const suppression = new ConfigSuppression({ ruleId: 'privileged', reason: 'this one is really needed' });
    // THEN
    expect(suppression.matches(web, 'privileged')).toBe(true);
    expect(fromCode.isUnsuppressible('privileged')).toBe(true);
    expect(config.isUnsuppressible('imageRegistry')).toBe(true);
    expect(config.isUnsuppressible('imageTag')).toBe(false);
    expect(config.suppressionFor(web, 'imageRegistry')).toBeUndefined();
  });

  test('an empty namespace matches resources without a namespace only', () => {
    const s = new ConfigSuppression({ ruleId: 'imageTag', reason: 'cluster-scoped tooling', resource: { namespace: '' } });
    expect(s.matches({ apiVersion: 'v1', kind: 'Pod', name: 'p' }, 'imageTag')).toBe(true);
    expect(s.matches(web, 'imageTag')).toBe(false);
  });

  test('a suppression without a scope covers the rule everywhere', () => {
    const s = new ConfigSuppression({ ruleId: 'imageTag', reason: 'accepted across the app' });
    expect(s.matches(web, 'imageTag', 'x', 'a/b')).toBe(true);
    expect(s.matches(web, 'imageDigest')).toBe(false);
  });

  test('trims the reason and a trailing slash of the construct path', () => {
    const s = new ConfigSuppression({ ruleId: 'imageTag', reason: '  accepted for now  ', constructPath: 'app/web/' });
    expect(s.reason).toBe('accepted for now');
    expect(s.constructPath).toBe('app/web');
    expect(s.matches(web, 'imageTag', undefined, 'app/web/Deployment')).toBe(true);
  });

  test.each<[string, any, string]>([
    ['fails when the rule id is invalid', { ruleId: '', reason: 'a long enough reason' }, 'invalid rule id "" in suppression, expecting a rule id such as "imageDigest"'],
    ['fails when the reason is short', { ruleId: 'imageTag', reason: '123456789' }, 'suppression of "imageTag" needs a reason of at least 10 characters saying why the finding is accepted, found "123456789"'],
    ['fails when a container name is empty', { ruleId: 'imageTag', reason: 'a long enough reason', containers: [''] }, 'suppression of "imageTag" lists container "", write container names as non-empty strings'],
    ['fails when the construct path is empty', { ruleId: 'imageTag', reason: 'a long enough reason', constructPath: '' }, 'suppression of "imageTag" has constructPath "", write a construct path such as "app/web" or remove it'],
  ])('ConfigSuppression %s', (_name, props, message) => {
    expect(() => new ConfigSuppression(props)).toThrow(new Error(message));
  });
});

describe('podTemplates', () => {
  const ECK = 'podTemplates:\n  - kind: Elasticsearch\n    group: elasticsearch.k8s.elastic.co\n    paths: ["spec.nodeSets[*].podTemplate"]\n';

  test('declares kinds whose templates the evaluator checks', () => {
    // GIVEN
    const config = GuardConfig.parse(ECK, 'guard.yaml');

    // WHEN
    const evaluator = new PolicyEvaluator({ ...config.evaluatorProps(), level: PssLevel.BASELINE });
    const findings = evaluator.evaluate({
      apiVersion: 'elasticsearch.k8s.elastic.co/v1',
      kind: 'Elasticsearch',
      metadata: { name: 'logs' },
      spec: { nodeSets: [{ name: 'a', podTemplate: { spec: { hostPID: true, containers: [{ name: 'es', image: 'es:8' }] } } }] },
    });

    // THEN
    expect(config.podTemplates).toEqual([{ kind: 'Elasticsearch', group: 'elasticsearch.k8s.elastic.co', paths: ['spec.nodeSets[*].podTemplate'] }]);
    expect(findings.map(f => [f.ruleId, f.path])).toEqual([['hostNamespaces', '/spec/nodeSets/0/podTemplate/spec/hostPID']]);
  });

  test('a config without podTemplates gives the evaluator none', () => {
    expect(GuardConfig.parse('level: baseline\n').evaluatorProps().podTemplates).toBeUndefined();
  });

  test.each<[string, string, string]>([
    ['fails when podTemplates is not a list', 'podTemplates: {}\n',
      'guard.yaml:1:15: podTemplates must be a list of { kind, group, paths } maps, found a map'],
    ['fails when an entry has an unknown key', 'podTemplates:\n  - kind: Es\n    group: x.example.com\n    path: spec.template\n',
      'guard.yaml:4:5: unknown key "path", expecting one of: kind, group, paths\nguard.yaml:2:5: podTemplates[0].paths must be a non-empty list such as ["spec.template"]'],
    ['fails when a path is malformed', 'podTemplates:\n  - kind: Es\n    group: x.example.com\n    paths: ["spec.sets.[*]"]\n',
      'guard.yaml:2:5: podTemplates[0].paths[0]: path "spec.sets.[*]" is not field names joined by "." with [*] after a list, e.g. "spec.nodeSets[*].podTemplate"'],
    ['fails when the second entry has no group', 'podTemplates:\n  - kind: Es\n    group: x.example.com\n    paths: [spec.template]\n  - kind: Kb\n    paths: [spec.podTemplate]\n',
      'guard.yaml:5:5: podTemplates[1].group must be the API group of Kb without its version, e.g. "elasticsearch.k8s.elastic.co"'],
  ])('%s', (_name, text, message) => {
    expect(() => GuardConfig.parse(text, 'guard.yaml')).toThrow(new Error(message));
  });
});

describe('docs/config.md', () => {
  const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'config.md'), 'utf8');
  const blocks = (lang: string) => [...doc.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map(m => m[1]);

  test('the YAML example is a valid config with what it says', () => {
    const config = GuardConfig.parse(blocks('yaml')[0], 'docs/config.md');
    expect(config.packNames).toEqual(['hardened']);
    expect(config.disabledRules).toEqual(['secretEnv']);
    expect(config.severityOverrides).toEqual({ imageDigest: Severity.ERROR });
    expect(config.suppressions).toHaveLength(2);
  });

  test('the podTemplates example is a valid config', () => {
    const block = blocks('yaml').find(b => b.startsWith('podTemplates:'))!;
    expect(GuardConfig.parse(block, 'docs/config.md').podTemplates.map(d => d.kind)).toEqual(['Elasticsearch', 'Kibana']);
  });

  test('the JSON example is a valid config', () => {
    const config = GuardConfig.parse(blocks('json')[0], 'docs/config.md');
    expect(config.packNames).toEqual(['hardened']);
    expect(config.ruleParams).toEqual({ imageRegistry: { allowed: ['registry.example.com/'] } });
    expect(config.suppressions.map(s => s.resource)).toEqual([{ name: 'vendor-agent' }]);
  });
});

describe('pod-security keys', () => {
  test('namespaces and podSecurityDefaults become the parameters of podSecurityAdmission', () => {
    // GIVEN a config that declares a namespace and the cluster default
    const config = GuardConfig.parse([
      'namespaces:',
      '  payments: {enforce: restricted, enforceVersion: v1.30, warn: restricted}',
      'podSecurityDefaults: {enforce: baseline}',
    ].join('\n'), 'guard.yaml');
    // WHEN reading them THEN they are kept as declared
    expect(config.namespaces).toEqual({ payments: { enforce: 'restricted', enforceVersion: 'v1.30', warn: 'restricted' } });
    expect(config.podSecurityDefaults).toEqual({ enforce: 'baseline' });
  });

  test.each<[string, string, string]>([
    ['fails when a namespace has an unknown level', 'namespaces:\n  payments: {enforce: strict}\n',
      'guard.yaml:2:13: namespace "payments" has enforce "strict", expecting one of: privileged, baseline, restricted'],
    ['fails when a namespace has an unknown key', 'namespaces:\n  payments: {enforcing: baseline}\n',
      'guard.yaml:2:13: namespace "payments" has unknown key "enforcing", expecting one of: enforce, enforceVersion, warn, warnVersion, audit, auditVersion'],
    ['fails when namespaces is a list', 'namespaces: [payments]\n',
      'guard.yaml:1:13: namespaces must be a map from namespace name to labels such as {payments: {enforce: restricted}}, found a list'],
    ['fails when the default version is a number', 'podSecurityDefaults: {enforce: baseline, enforceVersion: 1.30}\n',
      'guard.yaml:1:22: podSecurityDefaults has enforceVersion number 1.3, expecting "latest" or "v1.<minor>" such as "v1.30" (quote it)'],
    ['fails when a suppression names podSecurityAdmission', 'suppressions:\n  - ruleId: podSecurityAdmission\n    reason: the cluster will accept it anyway\n',
      'guard.yaml:2:13: rule "podSecurityAdmission" can never be suppressed: the cluster knows no suppressions, change the workload or the namespace\'s pod-security labels'],
  ])('%s', (_name, text, message) => {
    // GIVEN a bad pod-security key WHEN parsing THEN the error names the file, line, value and fix
    expect(() => GuardConfig.parse(text, 'guard.yaml')).toThrow(new Error(message));
  });
});
