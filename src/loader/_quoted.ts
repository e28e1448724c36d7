/**
 * Quoted scalars whose continuation lines are indented less than their node.
 *
 * kubectl reads YAML with goyaml v2, which accepts the continuation lines of a single- or
 * double-quoted scalar at any indentation (a document marker at column 0 excepted), as in
 *
 * ```yaml
 *       args:
 *         - "--one
 *     --two"
 * ```
 *
 * The `yaml` package follows the YAML 1.2 indentation rule and ends the scalar at the first
 * line indented less than its node ("missing closing quote"). Inside a quoted scalar the
 * leading white space of a continuation line is folded away, so indenting such a line changes
 * neither the value nor any line number. This module does exactly that before parsing.
 * @internal
 */

const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;

function isBlank(c: number): boolean {
  return c === SPACE || c === TAB;
}

/** True when the character at `i` starts a node: it follows the line's indentation or an indicator. */
function startsScalar(text: string, lineStart: number, i: number): boolean {
  let j = i - 1;
  while (j >= lineStart && isBlank(text.charCodeAt(j))) j--;
  if (j < lineStart) return true;
  const prev = text[j];
  if (prev === '[' || prev === '{' || prev === ',') return true;
  // `key: "`, `- "`, `? "` need a blank after the indicator (`a:"b"` is one plain scalar).
  if (j === i - 1) return false;
  if (prev === ':') return true;
  if (prev === '-' || prev === '?') return j === lineStart || isBlank(text.charCodeAt(j - 1));
  return false;
}

/**
 * Indents the continuation lines of multi-line quoted scalars that are indented no deeper than
 * the line the scalar starts on, to one column past its opening quote. Returns the text
 * unchanged when no line needs it. @internal
 */
export function indentQuotedContinuations(text: string): string {
  if (text.indexOf('"') < 0 && text.indexOf('\'') < 0) return text;
  const n = text.length;
  const pads: Array<{ at: number; spaces: number }> = [];
  let lineStart = 0;
  let lineIndent = 0;
  // Block scalar state: lines indented deeper than `blockParent` (or blank) belong to it.
  let blockParent = -1;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === LF) {
      i++;
      lineStart = i;
      // Measure the new line's indentation; skip it whole when it belongs to a block scalar.
      let k = i;
      while (k < n && text.charCodeAt(k) === SPACE) k++;
      lineIndent = k - i;
      const eol = k >= n || text.charCodeAt(k) === LF || text.charCodeAt(k) === CR;
      if (blockParent >= 0 && (eol || lineIndent > blockParent)) {
        const next = text.indexOf('\n', k);
        i = next < 0 ? n : next;
        continue;
      }
      blockParent = -1;
      i = k;
      continue;
    }
    if (c === 0x23 /* # */ && (i === lineStart || isBlank(text.charCodeAt(i - 1)))) {
      const next = text.indexOf('\n', i);
      i = next < 0 ? n : next;
      continue;
    }
    if ((c === 0x7c /* | */ || c === 0x3e /* > */) && startsScalar(text, lineStart, i)) {
      // A block scalar header ends its line (indicators and a comment aside).
      const rest = text.slice(i + 1, (text.indexOf('\n', i) + 1 || n + 1) - 1);
      if (/^[-+0-9]*[ \t]*(#.*)?\r?$/.test(rest)) {
        blockParent = lineIndent;
        const next = text.indexOf('\n', i);
        i = next < 0 ? n : next;
        continue;
      }
    }
    if ((c === 0x22 /* " */ || c === 0x27 /* ' */) && startsScalar(text, lineStart, i)) {
      const quoteColumn = i - lineStart;
      const startIndent = lineIndent;
      let k = i + 1;
      let closed = false;
      // Pads are kept only once the scalar closes: an unclosed one is left to the parser's error.
      const scalarPads: Array<{ at: number; spaces: number }> = [];
      while (k < n) {
        const d = text.charCodeAt(k);
        if (c === 0x22 && d === 0x5c /* \ */) {
          // An escape; an escaped line break is still a line break for the indentation.
          k += text.charCodeAt(k + 1) === LF ? 1 : 2;
          continue;
        }
        if (d === c) {
          if (c === 0x27 && text.charCodeAt(k + 1) === 0x27) { k += 2; continue; }
          closed = true;
          break;
        }
        if (d === LF) {
          const ls = k + 1;
          let m = ls;
          while (m < n && text.charCodeAt(m) === SPACE) m++;
          const indent = m - ls;
          const blankLine = m >= n || text.charCodeAt(m) === LF || text.charCodeAt(m) === CR;
          const marker = indent === 0 && (text.startsWith('---', ls) || text.startsWith('...', ls));
          if (marker) break; // a document marker ends the scalar for goyaml too: leave the error
          if (!blankLine && indent <= startIndent) scalarPads.push({ at: ls, spaces: quoteColumn + 1 - indent });
          lineStart = ls;
          k = m;
          continue;
        }
        k++;
      }
      if (!closed) break;
      for (const p of scalarPads) pads.push(p);
      i = k + 1;
      continue;
    }
    i++;
  }
  if (pads.length === 0) return text;
  let out = '';
  let from = 0;
  for (const p of pads) {
    out += text.slice(from, p.at) + ' '.repeat(Math.max(0, p.spaces));
    from = p.at;
  }
  return out + text.slice(from);
}
