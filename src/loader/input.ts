import * as fs from 'fs';
import * as path from 'path';

/** Default cap on the size of one input file: 10 MiB. @internal */
export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;

/** The name under which standard input appears in reports. @internal */
export const STDIN_NAME = '<stdin>';

const MANIFEST_EXTENSIONS = ['.yaml', '.yml', '.json'];

/** One input file to read, or a path that could not be expanded into files. @internal */
export type InputEntry =
  | { readonly kind: 'file'; readonly file: string; readonly stdin?: boolean; readonly walked?: boolean }
  | { readonly kind: 'skipped'; readonly file: string; readonly reason: string }
  | { readonly kind: 'error'; readonly file: string; readonly message: string };

/**
 * Why a file met in a directory walk is not read, judged by its name: cdk8s's construct metadata
 * and this tool's own report files sit beside the manifests in cdk8s's output directory.
 * Undefined for every other file. @internal
 */
export function skippedByName(name: string): string | undefined {
  const lower = name.toLowerCase();
  if (lower === 'construct-metadata.json') return 'cdk8s construct metadata, not a manifest';
  if (/^guard-report\.(json|sarif|junit\.xml|md|txt)$/.test(lower) || lower.endsWith('.sarif') || lower.endsWith('.sarif.json') || lower.endsWith('.junit.xml')) {
    return 'a cdk8s-guard report, not a manifest';
  }
  return undefined;
}

/** The text of an input, or why it could not be read. @internal */
export type ReadResult =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly message: string };

function describeFsError(err: unknown, what: string): string {
  const e = err as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'ENOENT': return `${what} does not exist, check the path`;
    case 'EACCES':
    case 'EPERM': return `cannot read ${what}: permission denied, grant read access or remove it from the inputs`;
    case 'ELOOP': return `cannot read ${what}: too many levels of symbolic links, fix the link`;
    case 'EISDIR': return `cannot read ${what}: it is a directory, pass the directory itself to validate its files`;
    case 'ENXIO': return `cannot read ${what}: it is a socket or device without a reader, pass a regular file`;
    default: return `cannot read ${what}: ${e?.message ?? String(err)}`;
  }
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function hasManifestExtension(name: string): boolean {
  const lower = name.toLowerCase();
  return MANIFEST_EXTENSIONS.some(ext => lower.endsWith(ext));
}

/**
 * Expands the command-line paths into input files, lazily and in a deterministic order: each
 * path in the order given; a directory recursively, entries sorted by name (code point order),
 * keeping `*.yaml`, `*.yml` and `*.json`; cdk8s's `construct-metadata.json` and this tool's report
 * files come out as skipped. Symbolic links to files are followed; symbolic links to directories
 * are not (they could form cycles). A file reached twice is read once. @internal
 */
export function* expandInputs(paths: readonly string[]): Generator<InputEntry> {
  const seen = new Set<string>();
  const once = (file: string) => {
    const key = path.resolve(file);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };
  for (const p of paths) {
    if (p === '-') {
      if (once('\0stdin')) yield { kind: 'file', file: STDIN_NAME, stdin: true };
      continue;
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch (err) {
      yield { kind: 'error', file: p, message: describeFsError(err, `path "${p}"`) };
      continue;
    }
    if (stat.isDirectory()) {
      yield* walkDirectory(p, once);
    } else if (once(p)) {
      // Given explicitly: read whatever it is (a FIFO from `<(helm template ...)` included).
      yield { kind: 'file', file: p };
    }
  }
}

function* walkDirectory(dir: string, once: (file: string) => boolean): Generator<InputEntry> {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    yield { kind: 'error', file: dir, message: describeFsError(err, `directory "${dir}"`) };
    return;
  }
  entries.sort((a, b) => compareNames(a.name, b.name));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      yield* walkDirectory(full, once);
      continue;
    }
    const skipped = skippedByName(entry.name);
    if (skipped !== undefined) {
      if (once(full)) yield { kind: 'skipped', file: full, reason: skipped };
    } else if (hasManifestExtension(entry.name)) {
      if (entry.isSymbolicLink()) {
        let target: fs.Stats;
        try {
          target = fs.statSync(full);
        } catch (err) {
          yield { kind: 'error', file: full, message: describeFsError(err, `file "${full}"`) };
          continue;
        }
        if (target.isDirectory()) continue;
      }
      if (once(full)) yield { kind: 'file', file: full, walked: true };
    }
  }
}

function decode(buffer: Buffer, what: string): ReadResult {
  if (buffer.length >= 2 && ((buffer[0] === 0xff && buffer[1] === 0xfe) || (buffer[0] === 0xfe && buffer[1] === 0xff))) {
    return { ok: false, message: `${what} is UTF-16 encoded, convert it to UTF-8` };
  }
  const nul = buffer.indexOf(0);
  if (nul >= 0) {
    return { ok: false, message: `${what} is binary (NUL byte at offset ${nul}), expecting UTF-8 YAML or JSON text` };
  }
  try {
    // `fatal` rejects invalid UTF-8 rather than silently replacing it; a UTF-8 BOM is dropped.
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(buffer) };
  } catch {
    return { ok: false, message: `${what} is not valid UTF-8, expecting UTF-8 YAML or JSON text` };
  }
}

function tooLarge(what: string, maxSize: number): ReadResult {
  return { ok: false, message: `${what} is larger than the limit of ${formatSize(maxSize)}, split it or raise --max-file-size` };
}

/** Formats a byte count the way `--max-file-size` accepts it. @internal */
export function formatSize(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

/**
 * Reads one input file as UTF-8 text, refusing files over `maxSize` bytes without reading them
 * whole (the size is checked before reading, and reading stops at the limit for pipes), binary
 * files and invalid UTF-8. Never throws. @internal
 */
export function readInputFile(file: string, maxSize: number): ReadResult {
  const what = `file "${file}"`;
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    return { ok: false, message: describeFsError(err, what) };
  }
  try {
    const stat = fs.fstatSync(fd);
    if (stat.isDirectory()) return { ok: false, message: describeFsError({ code: 'EISDIR' }, what) };
    if (stat.isFile() && stat.size > maxSize) return tooLarge(what, maxSize);
    const chunks: Buffer[] = [];
    let total = 0;
    const chunkSize = stat.isFile() ? Math.max(1, Math.min(stat.size + 1, maxSize + 1)) : 64 * 1024;
    while (true) {
      const chunk = Buffer.allocUnsafe(chunkSize);
      const n = fs.readSync(fd, chunk, 0, chunkSize, null);
      if (n === 0) break;
      total += n;
      if (total > maxSize) return tooLarge(what, maxSize);
      chunks.push(n === chunkSize ? chunk : chunk.subarray(0, n));
    }
    return decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total), what);
  } catch (err) {
    return { ok: false, message: describeFsError(err, what) };
  } finally {
    fs.closeSync(fd);
  }
}

/** Reads standard input with the same limits as a file. Never rejects. @internal */
export async function readStdin(maxSize: number, stream: NodeJS.ReadableStream = process.stdin): Promise<ReadResult> {
  const what = 'standard input';
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk as Buffer;
      total += buffer.length;
      if (total > maxSize) {
        (stream as NodeJS.ReadStream).destroy?.();
        return tooLarge(what, maxSize);
      }
      chunks.push(buffer);
    }
  } catch (err) {
    return { ok: false, message: describeFsError(err, what) };
  }
  return decode(Buffer.concat(chunks, total), what);
}
