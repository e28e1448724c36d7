import { own } from '../engine/_util';
import { INVALID_INPUT_RULE_ID, UNEVALUATED_POD_TEMPLATE_RULE_ID } from '../engine/evaluate';
import { flattenManifests, resourceRefOf } from '../engine/manifest';
import { PackRule, RulePack } from '../engine/pack';
import { PodKindTable } from '../engine/pod-templates';
import { Finding, PssLevel, ResourceRef } from '../engine/types';
import { PolicyEvaluator, PolicyEvaluatorProps } from '../evaluator';
import { HELM_TEMPLATE_MESSAGE, helmActionLine, isHelmTemplate, nonManifestReason } from '../loader/classify';
import { DEFAULT_MAX_ALIAS_COUNT, DocumentError, ParsedDocument, parseDocuments } from '../loader/documents';
import { InputEntry, readInputFile, readStdin, ReadResult } from '../loader/input';
import { LineMap } from '../loader/line-map';
import { SuppressionAnnotation, RecordedSuppression } from '../policy/annotations';
import { Policy } from '../policy/policy';
import { nameHiddenChecks, toResult } from '../policy/results';
import { ReportError, ReportResource, ReportResult, ReportSkipped, UnusedSuppression } from '../report/model';

const NONE: readonly RecordedSuppression[] = [];
import { builtinRegistry } from '../rules';
import { POD_SECURITY_ADMISSION_RULE_ID } from '../rules/org/_pod-security-labels';

/** The input error of a document that could not be parsed. @internal */
export function documentError(file: string, doc: DocumentError): ReportError {
  return {
    file,
    ...(doc.index !== undefined ? { documentIndex: doc.index } : {}),
    ...(doc.line !== undefined ? { line: doc.line } : {}),
    message: doc.message,
  };
}

/** What a validation run needs. @internal */
export interface RunSettings {
  /** The resolved policy: the evaluator's settings and the suppressions. */
  readonly policy: Policy;
  /** Largest input file, in bytes. */
  readonly maxFileSize: number;
  /** Cap on alias expansion per document. */
  readonly maxAliasCount?: number;
  /** Construct path of a resource, when known (the cdk8s CLI plugin). */
  readonly constructPathOf?: (resource: ResourceRef) => string | undefined;
  /** Called for each input error as soon as it happens. */
  readonly onError?: (error: ReportError) => void;
  /** Called for each file a directory walk skips, as soon as it is skipped. */
  readonly onSkip?: (skipped: ReportSkipped) => void;
  /** Standard input, for `-`. */
  readonly stdin?: NodeJS.ReadableStream;
  /** Keep a list of every resource evaluated (JUnit lists passing resources too). */
  readonly collectResources?: boolean;
}

/** The outcome of a validation run, before rendering. @internal */
export interface RunOutcome {
  /** The evaluator that ran (its level, versions and rule IDs go into the report). */
  readonly evaluator: PolicyEvaluator;
  /** Every finding, suppressed or not, ordered by input, document, then engine order. */
  readonly results: ReportResult[];
  /** Inputs that could not be read or parsed. */
  readonly errors: ReportError[];
  /** Files of directory walks that hold no Kubernetes object, and why. */
  readonly skipped: ReportSkipped[];
  /** Resources evaluated (List items count one each). */
  readonly resources: number;
  /** Every resource evaluated, when `collectResources` is set. */
  readonly resourceList?: ReportResource[];
  /** Suppressions (config, and code ones recorded in the manifests) that matched nothing. */
  readonly unusedSuppressions: UnusedSuppression[];
}

interface SetMember {
  readonly object: unknown;
  readonly recorded: ReadonlyArray<{ basePath: string; list: RecordedSuppression[] }>;
  readonly fileSeq: number;
  readonly file: string;
  readonly documentIndex: number;
}

interface Ordered {
  readonly result: ReportResult;
  readonly fileSeq: number;
  readonly documentIndex: number;
  readonly phase: number;
  readonly seq: number;
}

function isSetRule(ruleId: string): boolean {
  return builtinRegistry().get(ruleId)?.scope === 'set';
}

/**
 * Splits the evaluator settings in two when cross-object (`set`) rules are selected: one
 * evaluator runs every other rule document by document, while the files stream past; the other
 * runs only the cross-object rules, once, on every manifest. Without cross-object rules there is
 * one evaluator and nothing is kept after its document is reported. @internal
 */
export function splitSetRules(props: PolicyEvaluatorProps): {
  main: PolicyEvaluatorProps;
  set?: PolicyEvaluatorProps;
  admission?: PolicyEvaluatorProps;
} {
  const setRules = new Map<string, PackRule>();
  for (const pack of props.packs ?? []) for (const r of pack.rules) if (isSetRule(r.ruleId)) setRules.set(r.ruleId, r);
  for (const r of props.rules ?? []) if (isSetRule(r.ruleId)) setRules.set(r.ruleId, r);
  if (setRules.size === 0) return { main: props };
  // podSecurityAdmission runs in every front end: it gets its own evaluator, so that only the
  // namespaces have to be kept while the files stream past (see runValidation).
  const admissionRule = setRules.get(POD_SECURITY_ADMISSION_RULE_ID);
  const keep = (id: string) => !setRules.has(id);
  const pick = (params: PolicyEvaluatorProps['ruleParams'], wanted: (id: string) => boolean) => {
    const out: { [ruleId: string]: { [key: string]: any } } = {};
    for (const [id, value] of Object.entries(params ?? {})) if (wanted(id)) out[id] = value;
    return out;
  };
  const main: PolicyEvaluatorProps = {
    ...props,
    packs: (props.packs ?? []).map(p => new RulePack({
      name: p.name,
      description: p.description,
      pssLevel: p.pssLevel,
      rules: p.rules.filter(r => keep(r.ruleId)),
    })),
    rules: (props.rules ?? []).filter(r => keep(r.ruleId)),
    ruleParams: pick(props.ruleParams, keep),
  };
  const only = (ids: (id: string) => boolean): PolicyEvaluatorProps => ({
    level: PssLevel.PRIVILEGED,
    version: props.version,
    rules: [...setRules.values()].filter(r => ids(r.ruleId)),
    ruleParams: pick(props.ruleParams, id => setRules.has(id) && ids(id)),
    severityOverrides: props.severityOverrides,
    ...(props.podTemplates ? { podTemplates: props.podTemplates } : {}),
  });
  const others = [...setRules.keys()].some(id => id !== POD_SECURITY_ADMISSION_RULE_ID);
  return {
    main,
    ...(others ? { set: only(id => id !== POD_SECURITY_ADMISSION_RULE_ID) } : {}),
    ...(admissionRule ? { admission: only(id => id === POD_SECURITY_ADMISSION_RULE_ID) } : {}),
  };
}

/**
 * Validates inputs one file at a time with the engine: each file is read, parsed document by
 * document, evaluated and reported before the next is read, so memory grows with the largest
 * document and the number of findings, not with the number of files. Never throws for bad
 * input: every unreadable input becomes an error and the others are still evaluated.
 * Throws only for bad settings (e.g. an unknown rule). @internal
 */
export async function runValidation(inputs: Iterable<InputEntry>, settings: RunSettings): Promise<RunOutcome> {
  const policy = settings.policy;
  const evaluator = policy.evaluator;
  const ledger = policy.ledger();
  const split = splitSetRules(policy.evaluatorProps);
  const main = split.set || split.admission ? new PolicyEvaluator(split.main) : evaluator;
  const setEvaluator = split.set ? new PolicyEvaluator(split.set) : undefined;
  const admission = split.admission ? new AdmissionPass(new PolicyEvaluator(split.admission), split.admission) : undefined;
  const maxAliasCount = settings.maxAliasCount ?? DEFAULT_MAX_ALIAS_COUNT;

  const ordered: Ordered[] = [];
  const errors: ReportError[] = [];
  const skipped: ReportSkipped[] = [];
  const setMembers: SetMember[] = [];
  const stdinTexts = new Map<string, string>();
  const resourceList: ReportResource[] | undefined = settings.collectResources ? [] : undefined;
  let resources = 0;
  let seq = 0;
  let fileSeq = 0;

  const addError = (error: ReportError) => {
    errors.push(error);
    settings.onError?.(error);
  };
  const addSkipped = (entry: ReportSkipped) => {
    skipped.push(entry);
    settings.onSkip?.(entry);
  };
  const resultOf = (f: Finding, code: readonly RecordedSuppression[], file: string, documentIndex: number, line: number): ReportResult => {
    const constructPath = settings.constructPathOf?.(f.resource);
    return toResult(f, { file, documentIndex, line, constructPath }, ledger.decide(f, code, constructPath));
  };
  /**
   * The code suppressions recorded in a document's objects (a List's items have their own), by
   * pointer prefix of the object. A broken annotation is an input error; the object is then
   * evaluated without any of them.
   */
  const recordedIn = (entries: ReadonlyArray<{ object: unknown; basePath: string }>, file: string, doc: { index: number; lines: LineMap }) => {
    const out: Array<{ basePath: string; list: RecordedSuppression[] }> = [];
    for (const e of entries) {
      try {
        const list = SuppressionAnnotation.read(e.object);
        if (list.length === 0) continue;
        for (const s of list) {
          const problem = policy.ruleIdProblem(s.ruleId, `in annotation ${SuppressionAnnotation.KEY}`);
          if (problem) throw new Error(problem);
        }
        ledger.declare(list);
        out.push({ basePath: e.basePath, list });
      } catch (err) {
        addError({ file, documentIndex: doc.index, line: doc.lines.lineOf(`${e.basePath}/metadata/annotations`), message: `${(err as Error).message}; the object is checked without these suppressions` });
      }
    }
    return out;
  };
  const codeFor = (recorded: ReadonlyArray<{ basePath: string; list: RecordedSuppression[] }>, pointer: string): readonly RecordedSuppression[] => {
    let best: { basePath: string; list: RecordedSuppression[] } | undefined;
    for (const r of recorded) {
      if ((pointer === r.basePath || pointer.startsWith(`${r.basePath}/`)) && (!best || r.basePath.length > best.basePath.length)) best = r;
    }
    return best?.list ?? NONE;
  };

  for (const input of inputs) {
    const thisFile = fileSeq++;
    if (input.kind === 'error') {
      addError({ file: input.file, message: input.message });
      continue;
    }
    if (input.kind === 'skipped') {
      addSkipped({ file: input.file, reason: input.reason });
      continue;
    }
    const read: ReadResult = input.stdin
      ? await readStdin(settings.maxFileSize, settings.stdin)
      : readInputFile(input.file, settings.maxFileSize);
    if (!read.ok) {
      addError({ file: input.file, message: read.message });
      continue;
    }
    if ((setEvaluator || admission) && input.stdin) stdinTexts.set(input.file, read.text);
    // A file is judged whole before its documents are evaluated: an unrendered Helm template gets
    // one error, and a file of a directory walk that holds no Kubernetes object is skipped.
    const docs: Array<ParsedDocument | DocumentError> = [...parseDocuments(read.text, { maxAliasCount })];
    if (isHelmTemplate(read.text, docs)) {
      addError({ file: input.file, line: helmActionLine(read.text)!, message: HELM_TEMPLATE_MESSAGE });
      continue;
    }
    if (!docs.some(d => d.kind === 'error')) {
      const parsed = docs as ParsedDocument[];
      const reason = nonManifestReason(input.file, parsed);
      if (reason !== undefined && input.walked) {
        addSkipped({ file: input.file, reason: `holds no Kubernetes object: ${reason}` });
        continue;
      }
      if (reason !== undefined && parsed.length > 0) {
        addError({ file: input.file, line: parsed[0].line, message: `holds no Kubernetes object (${reason}), expecting manifests with apiVersion and kind` });
        continue;
      }
    }
    for (let d = 0; d < docs.length; d++) {
      const doc = docs[d];
      docs[d] = undefined as any; // let each document go once it is evaluated
      if (doc.kind === 'error') {
        addError(documentError(input.file, doc));
        continue;
      }
      const entries = flattenManifests([doc.object]);
      resources += entries.length;
      if (resourceList) {
        for (const e of entries) {
          const resource = resourceRefOf(e.object);
          const constructPath = settings.constructPathOf?.(resource);
          resourceList.push({
            resource,
            ...(constructPath !== undefined ? { constructPath } : {}),
            file: input.file,
            documentIndex: doc.index,
            line: e.basePath === '' ? doc.line : doc.lines.lineOf(e.basePath),
          });
        }
      }
      const recorded = recordedIn(entries, input.file, doc);
      for (const f of main.evaluate(doc.object)) {
        ordered.push({
          result: resultOf(f, codeFor(recorded, f.path), input.file, doc.index, doc.lines.lineOf(f.path)),
          fileSeq: thisFile,
          documentIndex: doc.index,
          phase: 0,
          seq: seq++,
        });
      }
      if (setEvaluator) setMembers.push({ object: doc.object, fileSeq: thisFile, file: input.file, documentIndex: doc.index, recorded });
      admission?.note(entries, { fileSeq: thisFile, file: input.file, documentIndex: doc.index });
    }
  }

  if (setEvaluator && setMembers.length > 0) {
    const findings = setEvaluator.evaluateAll(setMembers.map(m => m.object))
      // Input findings were already reported by the document-by-document evaluator.
      .filter(f => f.ruleId !== INVALID_INPUT_RULE_ID && f.ruleId !== UNEVALUATED_POD_TEMPLATE_RULE_ID);
    const lines = setFindingLines(findings, setMembers, stdinTexts, settings, maxAliasCount);
    findings.forEach((f, i) => {
      const member = setMembers[f.manifestIndex] ?? setMembers[0];
      ordered.push({
        result: resultOf(f, codeFor(member.recorded, f.path), member.file, member.documentIndex, lines[i]),
        fileSeq: member.fileSeq,
        documentIndex: member.documentIndex,
        phase: 1,
        seq: seq++,
      });
    });
  }
  if (admission?.mayReject()) {
    // The namespaces are known now: the documents that run pods are read once more, one file at a
    // time, and checked against them.
    for (const [file, sites] of admission.sitesByFile()) {
      const text = stdinTexts.get(file) ?? (() => {
        const read = readInputFile(file, settings.maxFileSize);
        return read.ok ? read.text : undefined;
      })();
      if (text === undefined) continue;
      const wanted = new Map(sites.map(s => [s.documentIndex, s]));
      for (const doc of parseDocuments(text, { maxAliasCount })) {
        const site = doc.kind === 'document' ? wanted.get(doc.index) : undefined;
        if (!site || doc.kind !== 'document') continue;
        let code: readonly RecordedSuppression[] = NONE;
        try {
          code = SuppressionAnnotation.read(doc.object);
        } catch {
          // reported as an input error in the first pass
        }
        for (const f of admission.check(doc.object)) {
          ordered.push({
            result: resultOf(f, code, file, doc.index, doc.lines.lineOf(f.path)),
            fileSeq: site.fileSeq,
            documentIndex: doc.index,
            phase: 2,
            seq: seq++,
          });
        }
      }
    }
  }
  if (setEvaluator || admission) {
    ordered.sort((a, b) => a.fileSeq - b.fileSeq || a.documentIndex - b.documentIndex || a.phase - b.phase || a.seq - b.seq);
  }

  return {
    evaluator,
    results: nameHiddenChecks(ordered.map(o => o.result), POD_SECURITY_ADMISSION_RULE_ID),
    errors,
    skipped,
    resources,
    ...(resourceList ? { resourceList } : {}),
    unusedSuppressions: ledger.unused(evaluator.ruleIds()),
  };
}

/**
 * Lines of cross-object findings. Their documents were released while streaming, so each file
 * with such a finding is parsed once more, one at a time (cross-object findings are few).
 */
function setFindingLines(
  findings: readonly Finding[],
  members: readonly SetMember[],
  stdinTexts: ReadonlyMap<string, string>,
  settings: RunSettings,
  maxAliasCount: number,
): number[] {
  const lines: number[] = findings.map(() => 1);
  const byFile = new Map<string, number[]>();
  findings.forEach((f, i) => {
    const member = members[f.manifestIndex] ?? members[0];
    const list = byFile.get(member.file) ?? [];
    list.push(i);
    byFile.set(member.file, list);
  });
  for (const [file, indexes] of byFile) {
    const text = stdinTexts.get(file) ?? (() => {
      const read = readInputFile(file, settings.maxFileSize);
      return read.ok ? read.text : undefined;
    })();
    if (text === undefined) continue;
    const maps = new Map<number, LineMap>();
    for (const doc of parseDocuments(text, { maxAliasCount })) if (doc.kind === 'document') maps.set(doc.index, doc.lines);
    for (const i of indexes) {
      const member = members[findings[i].manifestIndex] ?? members[0];
      lines[i] = maps.get(member.documentIndex)?.lineOf(findings[i].path) ?? 1;
    }
  }
  return lines;
}

interface AdmissionSite {
  readonly fileSeq: number;
  readonly file: string;
  readonly documentIndex: number;
}

/**
 * The namespaces' pod-security admission in a CLI run. While the files stream past it keeps only
 * the Namespace objects (they are few and small) and where the documents that run pods are;
 * afterwards, if any namespace or the cluster default can reject pods, those documents are read
 * again and checked, one at a time, so memory does not grow with the number of files.
 */
class AdmissionPass {
  private readonly namespaces: unknown[] = [];
  private readonly sites: AdmissionSite[] = [];
  private readonly kinds: PodKindTable;
  private readonly params: { [key: string]: any };

  constructor(private readonly evaluator: PolicyEvaluator, props: PolicyEvaluatorProps) {
    this.kinds = new PodKindTable(props.podTemplates ?? []);
    this.params = { ...(props.rules?.[0]?.params ?? {}), ...(props.ruleParams?.[POD_SECURITY_ADMISSION_RULE_ID] ?? {}) };
  }

  /** Notes the Namespaces of a document, and where it is when it runs pods. */
  public note(entries: ReadonlyArray<{ object: unknown }>, site: AdmissionSite): void {
    let runsPods = false;
    for (const e of entries) {
      const kind = own(e.object, 'kind');
      if (kind === 'Namespace') this.namespaces.push(e.object);
      else if (!runsPods && this.kinds.kindOf(e.object)) runsPods = true;
    }
    if (runsPods) this.sites.push(site);
  }

  /** False when no namespace and no cluster default can reject a pod: nothing to check. */
  public mayReject(): boolean {
    if (this.sites.length === 0) return false;
    const declared = this.params.namespaces;
    if (declared !== undefined && Object.keys(declared).length > 0) return true;
    const defaults = this.params.defaults;
    if (defaults !== undefined && ['enforce', 'warn', 'audit'].some(m => defaults[m] !== undefined && defaults[m] !== PssLevel.PRIVILEGED)) return true;
    return this.namespaces.some(ns => {
      const labels = own(own(ns, 'metadata'), 'labels');
      return labels !== undefined && Object.keys(labels).some(k => k.startsWith('pod-security.kubernetes.io/'));
    });
  }

  /** The documents to check again, by file, in input order. */
  public sitesByFile(): Map<string, AdmissionSite[]> {
    const out = new Map<string, AdmissionSite[]>();
    for (const s of this.sites) {
      const list = out.get(s.file) ?? [];
      list.push(s);
      out.set(s.file, list);
    }
    return out;
  }

  /** The admission findings of one document, checked with every Namespace of the run. */
  public check(object: unknown): Finding[] {
    const index = this.namespaces.length;
    return this.evaluator.evaluateAll([...this.namespaces, object])
      .filter(f => f.manifestIndex === index && f.ruleId === POD_SECURITY_ADMISSION_RULE_ID)
      .map(f => ({ ...f, manifestIndex: 0 }));
  }
}
