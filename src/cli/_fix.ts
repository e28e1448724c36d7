// `cdk8s-guard fix`: hardens YAML manifests with the same fixer as `Hardening`, and shows the change
// as a unified diff (default), the fixed stream, or the RFC 6902 operations per document. With
// `--write` it edits the files in place: only the documents it changes are rewritten, through the
// `yaml` package's Document API, so comments, key order and quoting stay, and every other byte of
// the file is kept as it was.
import * as fs from 'fs';
import * as path from 'path';
import { isDeepStrictEqual } from 'util';
import { createTwoFilesPatch } from 'diff';
import { Document, isSeq } from 'yaml';
import { PolicyCliOptions, policyOptionsOf } from './_options';
import { documentError, RunSettings } from './_run';
import { GuardConfig } from '../config/guard-config';
import { splitPointer } from '../engine/_pointer';
import { flattenManifests } from '../engine/manifest';
import { Severity } from '../engine/types';
import { FixOperation, ManifestFixer } from '../hardening/fixer';
import { checkFixes, HardeningFixes } from '../hardening/options';
import { composeDocuments, DEFAULT_MAX_ALIAS_COUNT, parseDocuments } from '../loader/documents';
import { InputEntry, readInputFile, readStdin } from '../loader/input';
import { RecordedSuppression, SuppressionAnnotation } from '../policy/annotations';
import { Policy } from '../policy/policy';
import { toResult } from '../policy/results';
import { isFailing } from '../report/_common';
import { ReportBuilder } from '../report/builder';
import { ReportFormat } from '../report/format';
import { ReportError, ReportResult } from '../report/model';
import { ReportRenderer } from '../report/renderer';

/** The output formats of `fix`. @internal */
export const FIX_FORMATS = ['diff', 'yaml', 'patch'];

/** The options commander parsed for `fix`. @internal */
export interface FixCliOptions extends PolicyCliOptions {
  readonly write?: boolean;
  readonly format: string;
  readonly maxFileSize: string;
  readonly disableServiceAccountToken?: boolean;
  readonly readOnlyRootFilesystem?: boolean;
  readonly writablePath?: string[];
  readonly defaultRequest?: string[];
  readonly defaultLimit?: string[];
}

/** One document's fix, for the `patch` format. */
interface DocumentPatch {
  readonly file: string;
  readonly documentIndex: number;
  readonly operations: FixOperation[];
}

/** What `fix` produced, before it is printed. @internal */
export interface FixOutcome {
  /** Per input file: its text before and after. */
  readonly files: Array<{ file: string; stdin: boolean; before: string; after: string }>;
  readonly patches: DocumentPatch[];
  readonly decisions: ReportResult[];
  readonly errors: ReportError[];
  resources: number;
  readonly fixer: ManifestFixer;
}

/** Parses `name=quantity` flags into a map. @internal */
export function quantityFlags(values: readonly string[] | undefined, flag: string): { [name: string]: string } | undefined {
  if (values === undefined) return undefined;
  const out: { [name: string]: string } = {};
  for (const v of values) {
    const eq = v.indexOf('=');
    if (eq <= 0) throw new Error(`invalid ${flag} "${v}", expecting NAME=QUANTITY such as cpu=100m`);
    out[v.slice(0, eq)] = v.slice(eq + 1);
  }
  return out;
}

/**
 * The opt-in fixes: the config file's `hardening` section, with the flags given over it. @internal
 */
export function resolveFixes(opts: FixCliOptions, config: GuardConfig | undefined): HardeningFixes {
  const fromFlags: { [key: string]: unknown } = {};
  if (opts.disableServiceAccountToken) fromFlags.disableServiceAccountToken = true;
  if (opts.readOnlyRootFilesystem) fromFlags.readOnlyRootFilesystem = true;
  if (opts.writablePath !== undefined) fromFlags.writablePaths = opts.writablePath;
  const requests = quantityFlags(opts.defaultRequest, '--default-request');
  if (requests) fromFlags.defaultRequests = requests;
  const limits = quantityFlags(opts.defaultLimit, '--default-limit');
  if (limits) fromFlags.defaultLimits = limits;
  const { fixes, problems } = checkFixes({ ...(config?.hardening ?? {}), ...fromFlags }, () => '');
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return fixes;
}

/** Whether a document indents block sequences under their key (`key:\n  - a`), as most of its lists do. */
function detectIndentSeq(text: string): boolean {
  const flush = (text.match(/^( *)[^\s#-][^\n]*:[ \t]*\n\1- /gm) ?? []).length;
  const indented = (text.match(/^( *)[^\s#-][^\n]*:[ \t]*\n\1 +- /gm) ?? []).length;
  return indented >= flush;
}

function tokensFor(doc: Document, pointer: string): Array<string | number> {
  const tokens = splitPointer(pointer);
  const out: Array<string | number> = [];
  for (const token of tokens) {
    const parent = out.length === 0 ? doc.contents : doc.getIn(out, true);
    out.push(isSeq(parent) && /^(0|[1-9][0-9]*)$/.test(token) ? Number(token) : token);
  }
  return out;
}

/** Applies fix operations to a parsed document, through the Document API. */
function applyToDocument(doc: Document, operations: readonly FixOperation[]): void {
  for (const o of operations) {
    if (o.path.endsWith('/-')) {
      doc.addIn(tokensFor(doc, o.path.slice(0, -2)), doc.createNode(o.value));
    } else {
      doc.setIn(tokensFor(doc, o.path), doc.createNode(o.value));
    }
  }
}

/**
 * Fixes the inputs, one file at a time. Never throws for bad input: an unreadable file or
 * document becomes an error and the others go on. @internal
 */
export async function runFix(inputs: Iterable<InputEntry>, settings: RunSettings & { fixes: HardeningFixes }): Promise<FixOutcome> {
  const fixer = new ManifestFixer({ evaluator: settings.policy.evaluatorProps, fixes: settings.fixes });
  const ledger = settings.policy.ledger();
  const outcome: FixOutcome = { files: [], patches: [], decisions: [], errors: [], resources: 0, fixer };
  const addError = (e: ReportError) => {
    (outcome.errors as ReportError[]).push(e);
    settings.onError?.(e);
  };
  const maxAliasCount = settings.maxAliasCount ?? DEFAULT_MAX_ALIAS_COUNT;
  for (const input of inputs) {
    if (input.kind === 'error') {
      addError({ file: input.file, message: input.message });
      continue;
    }
    // a file of a directory walk that holds no Kubernetes object (validate notes it)
    if (input.kind === 'skipped') continue;
    const read = input.stdin ? await readStdin(settings.maxFileSize, settings.stdin) : readInputFile(input.file, settings.maxFileSize);
    if (!read.ok) {
      addError({ file: input.file, message: read.message });
      continue;
    }
    const text = read.text;
    const fixed = new Map<number, { operations: FixOperation[]; result: unknown }>();
    let fileOk = true;
    for (const doc of parseDocuments(text, { maxAliasCount })) {
      if (doc.kind === 'error') {
        fileOk = false;
        addError(documentError(input.file, doc));
        continue;
      }
      const result = fixer.fix(doc.object);
      outcome.resources += flattenManifests([doc.object]).length;
      if (result.operations.length > 0) {
        fixed.set(doc.index, { operations: result.operations, result: result.fixed });
        outcome.patches.push({ file: input.file, documentIndex: doc.index, operations: result.operations });
      }
      let code: RecordedSuppression[] = [];
      try {
        code = SuppressionAnnotation.read(doc.object);
      } catch {
        // a broken annotation is an input error of `validate`; here the decisions are listed unsuppressed
      }
      for (const f of result.decisions) {
        outcome.decisions.push(toResult(f, { file: input.file, documentIndex: doc.index, line: doc.lines.lineOf(f.path) }, ledger.decide(f, code)));
      }
    }
    let after = text;
    if (fileOk && fixed.size > 0) {
      try {
        after = rewrite(text, fixed, maxAliasCount);
      } catch (err) {
        addError({ file: input.file, message: `cannot edit the file in place: ${(err as Error).message}` });
      }
    }
    outcome.files.push({ file: input.file, stdin: input.stdin === true, before: text, after });
  }
  return outcome;
}

/** The text with the fixed documents rewritten and every other byte kept. */
function rewrite(text: string, fixed: Map<number, { operations: FixOperation[]; result: unknown }>, maxAliasCount: number): string {
  const docs = composeDocuments(text);
  let out = '';
  let start = 0;
  docs.forEach((doc, index) => {
    const end = doc.range[2];
    const fix = fixed.get(index);
    if (!fix) {
      out += text.slice(start, end);
    } else {
      const original = text.slice(start, end);
      applyToDocument(doc, fix.operations);
      const value = doc.toJS({ maxAliasCount });
      if (!isDeepStrictEqual(value, fix.result)) {
        throw new Error(`document ${index} reads differently after the edit (it uses YAML anchors or merge keys), expand them by hand and run fix again`);
      }
      let rendered: string;
      const json = /^\s*\{/.test(original) && !/^\s*#/m.test(original);
      if (json) {
        // A JSON document stays JSON, indented as it was.
        const indent = /\n( +)"/.exec(original)?.[1].length ?? 0;
        rendered = `${original.match(/^\s*/)![0]}${JSON.stringify(fix.result, null, indent)}\n`;
      } else {
        // Written in the document's own style: sequence indentation and flow padding as it has them.
        const indentSeq = detectIndentSeq(original.replace(/\r\n/g, '\n'));
        const flowCollectionPadding = /[[{] [^\s\]}]/.test(original);
        rendered = doc.toString({ indentSeq, lineWidth: 0, flowCollectionPadding });
      }
      if (!original.endsWith('\n') && rendered.endsWith('\n')) rendered = rendered.slice(0, -1);
      if (original.includes('\r\n')) rendered = rendered.replace(/\r?\n/g, '\r\n'); // keep Windows line ends
      out += rendered;
    }
    start = end;
  });
  return out + text.slice(start);
}

/** The unified diff of every changed file (empty when nothing changes). @internal */
export function renderDiff(outcome: FixOutcome): string {
  let out = '';
  for (const f of outcome.files) {
    if (f.before === f.after) continue;
    const name = f.file.replace(/^\/+/, '');
    const patch = createTwoFilesPatch(`a/${name}`, `b/${name}`, f.before, f.after, undefined, undefined, { context: 3 });
    out += patch.replace(/^=+\n/, '');
  }
  return out;
}

/** The fixed stream: every input's text after the fix, one stream. @internal */
export function renderYaml(outcome: FixOutcome): string {
  let out = '';
  for (const f of outcome.files) {
    if (f.after === '') continue;
    if (out !== '') {
      if (!out.endsWith('\n')) out += '\n';
      if (!/^---(\s|$)/.test(f.after)) out += '---\n';
    }
    out += f.after;
  }
  return out;
}

/** The RFC 6902 operations of each changed document, as JSON. @internal */
export function renderPatch(outcome: FixOutcome): string {
  const docs = outcome.patches.map(p => ({
    file: p.file,
    documentIndex: p.documentIndex,
    operations: p.operations.map(o => ({
      op: o.op,
      path: o.path,
      value: o.value,
      ruleId: o.ruleId,
      ...(o.container !== undefined ? { container: o.container } : {}),
    })),
  }));
  return `${JSON.stringify(docs, null, 2)}\n`;
}

/** Writes the changed files in place (beside, then renamed over). @internal */
export function writeFixed(outcome: FixOutcome): string[] {
  const written: string[] = [];
  for (const f of outcome.files) {
    if (f.stdin || f.before === f.after) continue;
    const tmp = path.join(path.dirname(f.file), `.${path.basename(f.file)}.${process.pid}.tmp`);
    const mode = fs.statSync(f.file).mode;
    fs.writeFileSync(tmp, f.after, { mode });
    fs.renameSync(tmp, f.file);
    written.push(f.file);
  }
  return written;
}

/** The policy and the fixes of a `fix` run. @internal */
export function resolveFixSettings(opts: FixCliOptions, sourceOf: (name: string) => string | undefined, cwd: string): {
  policy: Policy;
  fixes: HardeningFixes;
} {
  const policy = Policy.resolve(policyOptionsOf(opts, sourceOf, cwd));
  return { policy, fixes: resolveFixes(opts, policy.config) };
}

/** The decisions that fail the run, rendered in the `validate` text format. @internal */
export function renderDecisions(outcome: FixOutcome): { text: string; failing: number } {
  const failing = outcome.decisions.filter(r => isFailing(r, Severity.ERROR)).length;
  if (outcome.decisions.length === 0) return { text: '', failing };
  const report = ReportBuilder.create({
    evaluator: outcome.fixer.evaluator,
    results: outcome.decisions,
    resourceCount: outcome.resources,
  });
  return { text: ReportRenderer.render(report, ReportFormat.TEXT, { failOn: Severity.ERROR }), failing };
}
