import { RuleRegistry } from '../../src/engine/registry';
import { RuleDefinition } from '../../src/engine/rule';
import { PssLevel, Severity } from '../../src/engine/types';
import { builtinRegistry } from '../../src/rules';

function podRule(id: string, level: PssLevel | undefined, minVersions: number[], overrides?: string[]): RuleDefinition {
  return {
    id,
    ...(level ? { level } : {}),
    scope: 'pod',
    description: 'd',
    message: 'm',
    fix: 'f',
    defaultSeverity: Severity.ERROR,
    entries: minVersions.map(minVersion => ({ minVersion, ...(overrides ? { overrides } : {}), check: () => [] })),
  };
}

describe('RuleRegistry', () => {
  test.each<[string, RuleDefinition[], string]>([
    ['an id is not lowerCamelCase', [podRule('Bad-Id', undefined, [0])], 'invalid rule id "Bad-Id", expecting lowerCamelCase such as "imageDigest"'],
    ['two rules share an id', [podRule('same', undefined, [0]), podRule('same', undefined, [0])], 'duplicate rule id "same", every rule needs its own id'],
    ['a pod rule has no entries', [podRule('empty', PssLevel.BASELINE, [])], 'rule "empty" has no check entries, add at least one'],
    ['entries go backwards', [podRule('back', PssLevel.BASELINE, [5, 3])],
      'rule "back" has entries out of order (v1.5 then v1.3), sort them by strictly increasing minVersion'],
    ['two entries share a version', [podRule('twice', PssLevel.BASELINE, [3, 3])],
      'rule "twice" has entries out of order (v1.3 then v1.3), sort them by strictly increasing minVersion'],
    ['a manifest rule has no check', [{ ...podRule('m', undefined, [0]), scope: 'manifest' }], 'rule "m" has manifest scope but no checkManifest, add one'],
    ['a set rule has no check', [{ ...podRule('s', undefined, [0]), scope: 'set' }], 'rule "s" has set scope but no checkSet, add one'],
    ['a baseline check overrides another', [podRule('a', PssLevel.BASELINE, [0]), podRule('b', PssLevel.BASELINE, [0], ['a'])],
      'rule "b" overrides "a", but only restricted checks may override existing baseline checks'],
    ['a restricted check overrides an unknown check', [podRule('r', PssLevel.RESTRICTED, [0], ['ghost'])],
      'rule "r" overrides "ghost", but only restricted checks may override existing baseline checks'],
  ])('fails when %s', (_name, defs, message) => {
    // GIVEN a broken catalog / WHEN the registry is built / THEN it rejects it with an exact error
    expect(() => new RuleRegistry(defs)).toThrow(new Error(message));
  });

  test('resolves baseline IDs byte-wise, then restricted IDs byte-wise, without overridden checks', () => {
    // GIVEN the built-in catalog
    const registry = builtinRegistry();
    // WHEN resolving restricted at v1.37 and baseline at v1.37
    const restricted = registry.resolvePss(PssLevel.RESTRICTED, 37).map(s => s.def.id);
    const baseline = registry.resolvePss(PssLevel.BASELINE, 37).map(s => s.def.id);
    // THEN the order is pod-security admission's
    expect(baseline).toEqual([
      'appArmorProfile', 'capabilities_baseline', 'hostNamespaces', 'hostPathVolumes', 'hostPorts', 'hostProbesAndHostLifecycle',
      'privileged', 'procMount', 'seLinuxOptions', 'seccompProfile_baseline', 'sysctls', 'windowsHostProcess',
    ]);
    expect(restricted).toEqual([
      'appArmorProfile', 'hostNamespaces', 'hostPorts', 'hostProbesAndHostLifecycle', 'privileged', 'seLinuxOptions', 'sysctls',
      'windowsHostProcess', 'allowPrivilegeEscalation', 'capabilities_restricted', 'procMount_restricted', 'restrictedVolumes',
      'runAsNonRoot', 'runAsUser', 'seccompProfile_restricted',
    ]);
    expect(registry.resolvePss(PssLevel.PRIVILEGED, 37)).toEqual([]);
  });

  test.each<[PssLevel, number, number]>([
    [PssLevel.BASELINE, 0, 11], [PssLevel.BASELINE, 34, 12],
    [PssLevel.RESTRICTED, 0, 12], [PssLevel.RESTRICTED, 8, 13], [PssLevel.RESTRICTED, 19, 13],
    [PssLevel.RESTRICTED, 22, 13], [PssLevel.RESTRICTED, 23, 14], [PssLevel.RESTRICTED, 34, 15], [PssLevel.RESTRICTED, 35, 15],
  ])('%s at v1.%d runs %d checks', (level, minor, count) => {
    expect(builtinRegistry().resolvePss(level, minor)).toHaveLength(count);
  });

  test('the newest entry is v1.37, so later versions resolve as v1.37', () => {
    const registry = builtinRegistry();
    expect(registry.maxMinor).toBe(37);
    expect(registry.resolvePss(PssLevel.RESTRICTED, 40)).toBe(registry.resolvePss(PssLevel.RESTRICTED, 37));
  });

  test('the catalog has the 19 checks of pod-security admission', () => {
    expect(builtinRegistry().pssChecks().map(d => d.id)).toHaveLength(19);
    expect(builtinRegistry().pssChecks().filter(d => d.level === PssLevel.RESTRICTED).map(d => d.id)).toEqual([
      'allowPrivilegeEscalation', 'capabilities_restricted', 'procMount_restricted', 'restrictedVolumes', 'runAsNonRoot', 'runAsUser',
      'seccompProfile_restricted',
    ]);
  });
});
