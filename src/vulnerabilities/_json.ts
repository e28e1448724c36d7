import { LineCounter, parseDocument } from 'yaml';

/** A JSON file read for the vulnerability gate: its content, or the problem with it. @internal */
export type JsonRead = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly line?: number; readonly problem: string };

/** The 1-based line of a character offset. */
function lineOf(text: string, offset: number): number {
  let line = 1;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * Parses JSON text. A syntax error becomes a problem with the line where parsing stopped (read
 * from the parser's position), never the parser's own message. @internal
 */
export function readJson(text: string): JsonRead {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') return { ok: false, problem: 'it is empty' };
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (err) {
    const message = err instanceof Error ? err.message : '';
    const position = /position (\d+)/.exec(message);
    const line = position ? lineOf(body, Number(position[1])) : yamlErrorLine(body);
    const truncated = /end of (JSON|data) input/i.test(message) || /Unterminated/i.test(message);
    return {
      ok: false,
      ...(line !== undefined ? { line } : truncated ? { line: lineOf(body, body.length) } : {}),
      problem: truncated ? 'it is not valid JSON: the text ends too early' : 'it is not valid JSON',
    };
  }
}

/**
 * The line of the first syntax error as the YAML parser (JSON is YAML) sees it, for parser
 * messages that give no position.
 */
function yamlErrorLine(text: string): number | undefined {
  try {
    const counter = new LineCounter();
    const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
    const first = doc.errors[0];
    return first ? counter.linePos(first.pos[0]).line : undefined;
  } catch {
    // Text too deeply nested for the YAML parser: the error stays without a line.
    return undefined;
  }
}
