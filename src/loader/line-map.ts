import { Document, isAlias, isMap, isPair, isScalar, isSeq, LineCounter, Node } from 'yaml';
import { splitPointer } from '../engine/_pointer';

/** True for a YAML 1.1 merge key (`<<`), which the `yaml` package reads as a symbol. */
function isMergeKey(key: unknown): boolean {
  if (!isScalar(key)) return false;
  const value = key.value;
  return value === '<<' || (typeof value === 'symbol' && value.description === '<<');
}

/**
 * Maps JSON pointers of a parsed document to 1-based lines of the source.
 *
 * The walk follows the document's AST (the `yaml` package's nodes with source ranges), so no
 * second parse is needed. A pointer to a missing field resolves to its nearest existing
 * ancestor, e.g. the container, so a finding about a field that is not there points at the
 * object that should have it. @internal
 */
export class LineMap {
  constructor(private readonly doc: Document.Parsed, private readonly lines: LineCounter) {}

  /** The line of the document's first node (its first key for a map). */
  public documentLine(): number {
    return this.lineAt(this.firstOffset(this.doc.contents as Node | null));
  }

  /** The line of the field a JSON pointer names, or of its nearest existing ancestor. */
  public lineOf(pointer: string): number {
    let node: Node | null = this.doc.contents as Node | null;
    // The offset of the key (or sequence item) that led to `node`; the document start at first.
    let offset = this.firstOffset(node);
    let depth = 0;
    for (const token of splitPointer(pointer)) {
      node = this.deref(node);
      if (!node || ++depth > 10_000) break;
      if (isMap(node)) {
        const pair = this.findPair(node, token, 0);
        if (!pair) break;
        offset = this.firstOffset(pair.key as Node) ?? offset;
        node = pair.value as Node | null;
      } else if (isSeq(node)) {
        if (!/^(0|[1-9][0-9]*)$/.test(token)) break;
        const item = node.items[Number(token)] as Node | undefined;
        if (item === undefined) break;
        offset = this.firstOffset(item) ?? offset;
        node = item;
      } else {
        break;
      }
    }
    return this.lineAt(offset);
  }

  private findPair(map: any, token: string, depth: number): any {
    let merged: any;
    for (const pair of map.items) {
      if (!isPair(pair)) continue;
      const key = pair.key;
      const keyValue = isScalar(key) ? key.value : key;
      if (keyValue !== null && typeof keyValue !== 'object' && String(keyValue) === token) return pair;
      // YAML 1.1 merge keys (`<<: *base`): fields may come from the merged map.
      if (merged === undefined && isMergeKey(key) && depth < 8) merged = pair.value;
    }
    if (merged === undefined) return undefined;
    const sources = isSeq(merged) ? merged.items : [merged];
    for (const source of sources) {
      const target = this.deref(source as Node);
      if (isMap(target)) {
        const found = this.findPair(target, token, depth + 1);
        if (found) return found;
      }
    }
    return undefined;
  }

  private deref(node: Node | null | undefined): Node | null {
    let current = node ?? null;
    for (let i = 0; i < 8 && current && isAlias(current); i++) {
      current = (current.resolve(this.doc) as Node | undefined) ?? null;
    }
    return current;
  }

  private firstOffset(node: Node | null | undefined): number | undefined {
    if (!node) return undefined;
    if (isMap(node) || isSeq(node)) {
      // A block collection's range starts at its first item; a flow one at its bracket.
      const first = node.items[0] as any;
      if (node.flow || first === undefined) return node.range?.[0];
      const firstNode = isPair(first) ? first.key : first;
      return (firstNode as Node | null)?.range?.[0] ?? node.range?.[0];
    }
    return node.range?.[0];
  }

  private lineAt(offset: number | undefined): number {
    if (offset === undefined) return this.lineAt(this.doc.range[0]);
    return Math.max(1, this.lines.linePos(offset).line);
  }
}
