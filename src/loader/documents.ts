import { Composer, Document, isAlias, isCollection, isMap, isPair, isScalar, isSeq, LineCounter, Node, Parser, Scalar, Tags, YAMLError } from 'yaml';
import { indentQuotedContinuations } from './_quoted';
import { LineMap } from './line-map';

/**
 * Default cap on alias expansion per document (the `yaml` package's `maxAliasCount`). Alias bombs
 * ("billion laughs") exceed it at once and are rejected before they expand. @internal
 */
export const DEFAULT_MAX_ALIAS_COUNT = 100;

/** A document that parsed into a Kubernetes-shaped object. @internal */
export interface ParsedDocument {
  readonly kind: 'document';
  /** 0-based index of the document in its file, counting empty documents. */
  readonly index: number;
  /** The document as plain JSON-like data. */
  readonly object: { [key: string]: unknown };
  /** 1-based line of the document's first key. */
  readonly line: number;
  /** Maps a JSON pointer of the object to its 1-based line. */
  readonly lines: LineMap;
  /**
   * 1-based line of the first plain (unquoted) scalar that holds `{{`, a sign of an unrendered
   * template. Undefined when there is none.
   */
  readonly templateLine?: number;
}

/** A document (or a whole stream) that could not be parsed. @internal */
export interface DocumentError {
  readonly kind: 'error';
  /** 0-based index of the document, undefined when the problem concerns the whole stream. */
  readonly index?: number;
  /** 1-based line of the problem. */
  readonly line?: number;
  /** What went wrong and how to fix it. */
  readonly message: string;
}

/** Options of `parseDocuments`. @internal */
export interface ParseOptions {
  /** Cap on alias expansion per document. */
  readonly maxAliasCount?: number;
}

// Kubernetes reads manifests with sigs.k8s.io/yaml, which follows YAML 1.1: `yes`, `on`, `y` are
// booleans, `0755` is octal, and `<<` merges maps. Reading them otherwise would let a field the
// cluster sees as `true` pass as a string. The 1.1 types that do not survive Kubernetes' YAML to
// JSON conversion (timestamps, sexagesimal numbers, binary, ordered maps, pairs, sets) stay plain
// strings, lists and maps, so every value the engine sees is plain JSON data.
const DROPPED_TAGS = new Set(['binary', 'omap', 'pairs', 'set', 'timestamp'].map(t => `tag:yaml.org,2002:${t}`));
const COMPOSE_OPTIONS = {
  version: '1.1' as const,
  uniqueKeys: true,
  // The package would otherwise print its warnings (e.g. "Set mapAsMap: true") through
  // process.emitWarning; every problem it warns about is reported here as an input error instead.
  logLevel: 'error' as const,
  customTags: (tags: Tags) => tags.filter(t => {
    const { tag, format } = t as { tag?: string; format?: string };
    return !(tag !== undefined && DROPPED_TAGS.has(tag)) && format !== 'TIME';
  }),
};

/**
 * Composes a stream into the `yaml` package's documents (source ranges, comments, key order and
 * scalar styles kept), read exactly as `parseDocuments` reads it and indexed the same way, for
 * editing documents in place. Call it on a stream that `parseDocuments` read without errors. @internal
 */
export function composeDocuments(source: string): Document.Parsed[] {
  return [...new Composer(COMPOSE_OPTIONS).compose(new Parser().parse(source))];
}

function lowerFirst(s: string): string {
  return s.length > 0 ? s[0].toLowerCase() + s.slice(1) : s;
}

function describeYamlError(err: YAMLError, source: string): string {
  if (err.code === 'DUPLICATE_KEY') {
    // The error points at the repeated key: show it as written (quoted or plain).
    const rest = source.slice(err.pos[0], err.pos[0] + 256);
    const key = (/^("(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^:\n]*)/.exec(rest)?.[1] ?? '').trim().slice(0, 80);
    return `duplicate key ${JSON.stringify(key)} in a map, remove one of them (kubectl's strict validation rejects duplicate keys)`;
  }
  const message = lowerFirst(err.message.split('\n')[0]).replace(/\.$/, '');
  return `invalid YAML: ${message}, fix the syntax`;
}

function describeShape(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return 'a string';
  return `a ${typeof value}`;
}

interface AstFindings {
  /** The first key that is a map or a list, which goyaml (and so kubectl) refuses. */
  badKey?: { line: number; message: string };
  /** The first plain scalar holding `{{`. */
  templateLine?: number;
}

/**
 * Walks a document's nodes once, iteratively (no recursion on deep input), looking for map keys
 * that are collections (written, or through an alias) and for plain scalars that hold template
 * braces. Aliases are not followed otherwise: their targets are walked where they are written.
 */
function inspectAst(doc: Document.Parsed, source: string, lineOf: (offset: number) => number): AstFindings {
  const found: AstFindings = {};
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node || isAlias(node)) continue;
    if (isScalar(node)) {
      if (found.templateLine === undefined && node.type === Scalar.PLAIN && typeof node.value === 'string'
        && node.value.includes('{{') && node.range) {
        found.templateLine = lineOf(node.range[0]);
      }
      continue;
    }
    if (!isCollection(node)) continue;
    for (const item of node.items as unknown[]) {
      if (isPair(item)) {
        const key = item.key as Node | null;
        if (found.badKey === undefined && key && key.range) {
          const target = isAlias(key) ? key.resolve(doc) : key;
          if (target && isCollection(target)) found.badKey = badKeyOf(key, target, node, source, lineOf);
        }
        stack.push(item.value);
        stack.push(key);
      } else {
        stack.push(item);
      }
    }
  }
  return found;
}

function badKeyOf(key: Node, target: Node, holder: Node, source: string, lineOf: (offset: number) => number): { line: number; message: string } {
  const what = isMap(target) ? 'a map' : isSeq(target) ? 'a list' : 'a collection';
  // `image: {{placeholder}}` is a flow map holding the flow map `{placeholder}` as a key: show
  // the value as written.
  const shown = isMap(holder) && holder.flow && holder.range ? holder.range : key.range!;
  const written = source.slice(shown[0], Math.min(shown[1], shown[0] + 80)).replace(/\s+/g, ' ').trim();
  return {
    line: lineOf(key.range![0]),
    message: `invalid map key: ${written} uses ${what} as a map key, which kubectl refuses; quote it if it is text, e.g. ${JSON.stringify(written)}`,
  };
}

/**
 * Parses a YAML (or JSON) stream one document at a time. Each document is composed, converted
 * and handed out before the next is read, so memory grows with the largest document, not with
 * the file. Never throws: every problem becomes a `DocumentError`. @internal
 */
export function* parseDocuments(source: string, options: ParseOptions = {}): Generator<ParsedDocument | DocumentError> {
  const maxAliasCount = options.maxAliasCount ?? DEFAULT_MAX_ALIAS_COUNT;
  const lines = new LineCounter();
  const lineOf = (offset: number) => Math.max(1, lines.linePos(offset).line);
  let index = 0;
  let docs: Generator<any>;
  try {
    source = indentQuotedContinuations(source);
    const composer = new Composer(COMPOSE_OPTIONS);
    docs = composer.compose(new Parser(lines.addNewLine).parse(source));
  } catch (err) {
    yield { kind: 'error', message: `cannot parse: ${lowerFirst(String((err as Error)?.message ?? err))}` };
    return;
  }
  while (true) {
    let next: IteratorResult<any>;
    try {
      next = docs.next();
    } catch (err) {
      // The parser itself failed (e.g. the stack overflowed on pathological nesting).
      yield { kind: 'error', index, message: `cannot parse document ${index}: ${lowerFirst(String((err as Error)?.message ?? err))}, simplify the document` };
      return;
    }
    if (next.done) return;
    const doc = next.value;
    const docIndex = index++;
    if (doc.errors.length > 0) {
      const err: YAMLError = doc.errors[0];
      yield { kind: 'error', index: docIndex, line: lineOf(err.pos[0]), message: describeYamlError(err, source) };
      continue;
    }
    if (doc.contents === null || doc.contents === undefined) continue; // empty document
    const ast = inspectAst(doc, source, lineOf);
    if (ast.badKey) {
      yield { kind: 'error', index: docIndex, line: ast.badKey.line, message: ast.badKey.message };
      continue;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount });
    } catch (err) {
      const reason = err instanceof ReferenceError && /alias/i.test(err.message)
        ? `aliases expand beyond the limit of ${maxAliasCount} (a resource exhaustion pattern such as "billion laughs"), expand the anchors by hand`
        : `${lowerFirst(String((err as Error)?.message ?? err))}, fix the document`;
      yield { kind: 'error', index: docIndex, line: lineOf(doc.range[0]), message: `cannot read document ${docIndex}: ${reason}` };
      continue;
    }
    const map = new LineMap(doc, lines);
    if (value === null || value === undefined) continue; // e.g. a document holding only `~`
    if (typeof value !== 'object' || Array.isArray(value)) {
      yield {
        kind: 'error',
        index: docIndex,
        line: map.documentLine(),
        message: `document ${docIndex} is ${describeShape(value)}, expecting a Kubernetes object (a map with apiVersion and kind)`,
      };
      continue;
    }
    yield {
      kind: 'document',
      index: docIndex,
      object: value as { [key: string]: unknown },
      line: map.documentLine(),
      lines: map,
      ...(ast.templateLine !== undefined ? { templateLine: ast.templateLine } : {}),
    };
  }
}
