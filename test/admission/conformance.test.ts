/**
 * The emitted admission policies, evaluated with two independent CEL engines, agree with each other
 * and with pod-security admission on every vendored upstream fixture, at its own level and version,
 * on the objects as the API server stores them (after defaulting). The newest fixtures also go
 * through every workload kind the engine knows.
 */
import { AdmissionRequest, defaulted, defaultVolumes, ENGINES, evaluateAll, PolicySet, Verdict } from './_vap';
import { PolicyEvaluator, PssLevel } from '../../src';
import { AdmissionAction, emitAdmissionPolicies } from '../../src/admission/emit';
import { kubernetesPodKind, KUBERNETES_POD_KINDS } from '../../src/engine/pod-templates';
import { CHECKS_BY_PREFIX, Fixture, fixtureFolders, OVERRIDDEN_BY, prefixOf, readFolder } from '../conformance/_fixtures';

jest.setTimeout(120_000);

interface Case {
  readonly name: string;
  readonly level: PssLevel;
  readonly expect: 'pass' | 'fail';
  readonly fixture: Fixture;
}

/** What is wrong with one verdict, or undefined when it is the upstream one. */
function mismatch(c: Case, verdict: Verdict): string | undefined {
  if (c.expect === 'pass') {
    return verdict.denied ? `${c.name}: expected no denial, got ${JSON.stringify(verdict)}` : undefined;
  }
  if (!verdict.denied) return `${c.name}: expected a denial, got ${JSON.stringify(verdict)}`;
  const check = CHECKS_BY_PREFIX[prefixOf(c.fixture.file)];
  if (!check) return `${c.name}: no check is named after this file`;
  const accepted = [check.id];
  if (c.level === PssLevel.RESTRICTED && OVERRIDDEN_BY[check.id]) accepted.push(OVERRIDDEN_BY[check.id]);
  const named = [...verdict.failures, ...verdict.errors].some(m => accepted.some(id => m.startsWith(`${id}: `)));
  return named ? undefined : `${c.name}: expected a denial naming ${accepted.join(' or ')}, got ${JSON.stringify(verdict)}`;
}

/** A pod fixture as the API server stores it. */
function defaultedPod(pod: any): any {
  const out = defaulted(pod);
  defaultVolumes(out.spec);
  return { apiVersion: 'v1', kind: 'Pod', ...out, metadata: { name: 'pod', namespace: 'apps', ...out.metadata } };
}

/** The pod's template in a workload of `kind`, where the engine's table says it goes. */
function wrap(kind: string, pod: any): any {
  const kindInfo = kubernetesPodKind(kind)!;
  const group = kindInfo.groups[0];
  const template = { metadata: pod.metadata, spec: pod.spec };
  if (kindInfo.templatePath.length === 0) return pod;
  const object: any = { apiVersion: group === '' ? 'v1' : `${group}/v1`, kind, metadata: { name: 'workload', namespace: 'apps' } };
  let node = object;
  const tokens = kindInfo.templatePath;
  for (let i = 0; i < tokens.length - 1; i++) node = node[tokens[i]] ??= {};
  node[tokens[tokens.length - 1]] = template;
  return object;
}

function summarize(cases: readonly Case[], verdicts: { [engine: string]: Verdict[] }) {
  const agreement: { [engine: string]: number } = {};
  const problems: string[] = [];
  for (const engine of ENGINES) {
    let agree = 0;
    cases.forEach((c, i) => {
      const problem = mismatch(c, verdicts[engine][i]);
      if (problem) problems.push(`${engine}: ${problem}`);
      else agree++;
    });
    agreement[engine] = agree;
  }
  const disagreements = cases.filter((_c, i) => verdicts.bufbuild[i].denied !== verdicts['cel-js'][i].denied).map(c => c.name);
  return { agreement, problems, disagreements };
}

describe('admission policy conformance with pod-security admission', () => {
  test('both engines agree with pod-security admission on every fixture at its own level and version', async () => {
    // GIVEN every vendored fixture, and the policy emitted for its folder's level and version
    const policySets: PolicySet[] = [];
    const cases: Case[] = [];
    const requests: AdmissionRequest[] = [];
    const setOf = new Map<string, number>();
    for (const folder of fixtureFolders()) {
      const key = `${folder.level}/${folder.version}`;
      let index = setOf.get(key);
      if (index === undefined) {
        const evaluator = new PolicyEvaluator({ level: folder.level, version: folder.version });
        index = policySets.push(emitAdmissionPolicies({ evaluator, action: AdmissionAction.DENY }).policies) - 1;
        setOf.set(key, index);
      }
      for (const fixture of readFolder(folder)) {
        cases.push({ name: `${folder.name}/${fixture.file}`, level: folder.level, expect: folder.expect, fixture });
        requests.push({ object: defaultedPod(fixture.pod), namespace: 'apps', policySet: index });
      }
    }
    expect(cases).toHaveLength(4537);

    // WHEN both engines evaluate every fixture
    const verdicts = await evaluateAll(policySets, requests);

    // THEN both engines agree with each other and with pod-security admission on all of them
    const { agreement, problems, disagreements } = summarize(cases, verdicts);
    expect(problems).toEqual([]);
    expect(disagreements).toEqual([]);
    expect(agreement).toEqual({ 'bufbuild': 4537, 'cel-js': 4537 });
  });

  test('both engines agree with pod-security admission on the newest fixtures in every workload kind', async () => {
    // GIVEN the newest fixtures of both levels, wrapped in every kind the engine reads pods from
    const policySets: PolicySet[] = [];
    const cases: Case[] = [];
    const requests: AdmissionRequest[] = [];
    for (const level of [PssLevel.BASELINE, PssLevel.RESTRICTED]) {
      const evaluator = new PolicyEvaluator({ level, version: 'latest' });
      policySets.push(emitAdmissionPolicies({ evaluator, action: AdmissionAction.DENY }).policies);
      const newest = fixtureFolders().filter(f => f.level === level && f.version === evaluator.effectiveVersion);
      expect(newest).toHaveLength(2);
      for (const folder of newest) {
        for (const fixture of readFolder(folder)) {
          for (const kind of KUBERNETES_POD_KINDS) {
            cases.push({ name: `${kind} ${folder.name}/${fixture.file}`, level, expect: folder.expect, fixture });
            requests.push({ object: wrap(kind, defaultedPod(fixture.pod)), namespace: 'apps', policySet: policySets.length - 1 });
          }
        }
      }
    }
    expect(new Set(requests.map(r => r.object.kind))).toEqual(new Set(KUBERNETES_POD_KINDS));

    // WHEN both engines evaluate every wrapped fixture
    const verdicts = await evaluateAll(policySets, requests);

    // THEN every verdict is the upstream one, for every kind
    const { agreement, problems, disagreements } = summarize(cases, verdicts);
    expect(problems).toEqual([]);
    expect(disagreements).toEqual([]);
    expect(agreement).toEqual({ 'bufbuild': cases.length, 'cel-js': cases.length });
  });
});
