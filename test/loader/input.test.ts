import { execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Readable } from 'stream';
import { DEFAULT_MAX_FILE_SIZE, expandInputs, formatSize, InputEntry, readInputFile, readStdin, STDIN_NAME } from '../../src/loader/input';

let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guard-input-'));
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function write(relPath: string, content: string | Buffer = 'kind: Pod\n'): string {
  const file = path.join(dir, relPath);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

function rel(entries: InputEntry[]): string[] {
  return entries.map(e => (e.kind === 'file' ? path.relative(dir, e.file) || e.file : `error:${path.relative(dir, e.file)}`));
}

describe('expandInputs', () => {
  test('walks directories recursively in code-point order, keeping *.yaml, *.yml and *.json', () => {
    // GIVEN
    for (const f of ['b.yaml', 'a.yml', 'B.json', 'notes.txt', 'sub/z.yaml', 'sub/deeper/a.YAML', 'a-b.yaml', 'chart.tpl']) write(f);

    // WHEN
    const result = rel([...expandInputs([dir])]);

    // THEN upper case sorts before lower case, and '-' before '.'
    expect(result).toEqual(['B.json', 'a-b.yaml', 'a.yml', 'b.yaml', 'sub/deeper/a.YAML', 'sub/z.yaml']);
  });

  test('skips cdk8s construct metadata and this tool\'s reports in a walk, with the reason', () => {
    // GIVEN cdk8s output with reports beside the manifests
    for (const f of ['dist/app.k8s.yaml', 'dist/construct-metadata.json', 'dist/guard-report.json', 'dist/guard-report.sarif', 'dist/guard-report.junit.xml', 'dist/guard-report.md', 'dist/other.sarif']) write(f);

    // WHEN
    const result = [...expandInputs([dir])].map(e => (e.kind === 'skipped' ? `${path.relative(dir, e.file)}: ${e.reason}` : `${e.kind}:${path.relative(dir, e.file)}`));

    // THEN
    expect(result).toEqual([
      'file:dist/app.k8s.yaml',
      'dist/construct-metadata.json: cdk8s construct metadata, not a manifest',
      'dist/guard-report.json: a cdk8s-guard report, not a manifest',
      'dist/guard-report.junit.xml: a cdk8s-guard report, not a manifest',
      'dist/guard-report.md: a cdk8s-guard report, not a manifest',
      'dist/guard-report.sarif: a cdk8s-guard report, not a manifest',
      'dist/other.sarif: a cdk8s-guard report, not a manifest',
    ]);
  });

  test('marks the files a walk found, and reads a report file named explicitly', () => {
    const manifest = write('w/a.yaml');
    const report = write('guard-report.json');
    expect([...expandInputs([path.join(dir, 'w'), report])]).toEqual([
      { kind: 'file', file: manifest, walked: true },
      { kind: 'file', file: report },
    ]);
  });

  test('keeps the order of the paths given, and reads a file reached twice once', () => {
    write('x/b.yaml');
    write('x/a.yaml');
    const result = rel([...expandInputs([path.join(dir, 'x', 'b.yaml'), path.join(dir, 'x'), path.join(dir, 'x', 'a.yaml')])]);
    expect(result).toEqual(['x/b.yaml', 'x/a.yaml']);
  });

  test('reads a file given explicitly whatever its extension', () => {
    const file = write('manifest.txt');
    expect([...expandInputs([file])]).toEqual([{ kind: 'file', file }]);
  });

  test('turns - into standard input, once', () => {
    expect([...expandInputs(['-', '-'])]).toEqual([{ kind: 'file', file: STDIN_NAME, stdin: true }]);
  });

  test('fails for a missing path, and goes on with the others', () => {
    const file = write('ok.yaml');
    const missing = path.join(dir, 'missing.yaml');
    expect([...expandInputs([missing, file])]).toEqual([
      { kind: 'error', file: missing, message: `path "${missing}" does not exist, check the path` },
      { kind: 'file', file },
    ]);
  });

  test('follows symbolic links to files but not to directories', () => {
    write('real/a.yaml');
    fs.mkdirSync(path.join(dir, 'links'));
    fs.symlinkSync(path.join(dir, 'real', 'a.yaml'), path.join(dir, 'links', 'link.yaml'));
    fs.symlinkSync(path.join(dir, 'real'), path.join(dir, 'links', 'dir.yaml'));
    expect(rel([...expandInputs([path.join(dir, 'links')])])).toEqual(['links/link.yaml']);
  });

  test('fails for a symbolic link loop found in a directory', () => {
    fs.symlinkSync('loop.yaml', path.join(dir, 'loop.yaml'));
    const file = path.join(dir, 'loop.yaml');
    expect([...expandInputs([dir])]).toEqual([
      { kind: 'error', file, message: `cannot read file "${file}": too many levels of symbolic links, fix the link` },
    ]);
  });
});

describe('readInputFile', () => {
  test('reads UTF-8 text and drops a byte order mark', () => {
    const file = write('a.yaml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('kind: Pod\n')]));
    expect(readInputFile(file, DEFAULT_MAX_FILE_SIZE)).toEqual({ ok: true, text: 'kind: Pod\n' });
  });

  test('reads an empty file', () => {
    expect(readInputFile(write('empty.yaml', ''), 10)).toEqual({ ok: true, text: '' });
  });

  test('reads a file of exactly the size limit', () => {
    expect(readInputFile(write('a.yaml', 'x'.repeat(64)), 64)).toEqual({ ok: true, text: 'x'.repeat(64) });
  });

  test.each([
    ['a file over the size limit', Buffer.from('x'.repeat(65)), 'is larger than the limit of 64 bytes, split it or raise --max-file-size'],
    ['a binary file', Buffer.from([0x6b, 0x00, 0x01]), 'is binary (NUL byte at offset 1), expecting UTF-8 YAML or JSON text'],
    ['a UTF-16 file', Buffer.from('\ufeffkind: Pod', 'utf16le'), 'is UTF-16 encoded, convert it to UTF-8'],
    ['invalid UTF-8', Buffer.from([0x6b, 0xc3, 0x28]), 'is not valid UTF-8, expecting UTF-8 YAML or JSON text'],
  ])('fails for %s', (_name, content, message) => {
    const file = write('bad.yaml', content);
    expect(readInputFile(file, 64)).toEqual({ ok: false, message: `file "${file}" ${message}` });
  });

  test('fails for a missing file', () => {
    const file = path.join(dir, 'missing.yaml');
    expect(readInputFile(file, 64)).toEqual({ ok: false, message: `file "${file}" does not exist, check the path` });
  });

  test('fails for a directory', () => {
    expect(readInputFile(dir, 64)).toEqual({
      ok: false,
      message: `cannot read file "${dir}": it is a directory, pass the directory itself to validate its files`,
    });
  });

  test('reads a named pipe up to the limit, without knowing its size beforehand', () => {
    // GIVEN a FIFO fed by a writer process
    const fifo = path.join(dir, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', `printf 'kind: Pod\\n' > '${fifo}'`]);

    // WHEN
    const result = readInputFile(fifo, 64);
    writer.kill();

    // THEN
    expect(result).toEqual({ ok: true, text: 'kind: Pod\n' });
  });

  test('stops reading a named pipe at the limit', () => {
    const fifo = path.join(dir, 'big.yaml');
    execFileSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', `head -c 300000 /dev/zero | tr '\\0' x > '${fifo}'`]);
    const result = readInputFile(fifo, 100_000);
    writer.kill();
    expect(result).toEqual({ ok: false, message: `file "${fifo}" is larger than the limit of 100000 bytes, split it or raise --max-file-size` });
  });
});

describe('readStdin', () => {
  test('reads the stream', async () => {
    await expect(readStdin(64, Readable.from([Buffer.from('kind: '), Buffer.from('Pod\n')]))).resolves.toEqual({ ok: true, text: 'kind: Pod\n' });
  });

  test('fails when the stream exceeds the limit', async () => {
    await expect(readStdin(8, Readable.from([Buffer.from('kind: '), Buffer.from('Pod\n')]))).resolves.toEqual({
      ok: false,
      message: 'standard input is larger than the limit of 8 bytes, split it or raise --max-file-size',
    });
  });

  test('fails for binary input', async () => {
    await expect(readStdin(64, Readable.from([Buffer.from([0, 1, 2])]))).resolves.toEqual({
      ok: false,
      message: 'standard input is binary (NUL byte at offset 0), expecting UTF-8 YAML or JSON text',
    });
  });
});

test.each([
  [10 * 1024 * 1024, '10 MiB'],
  [512 * 1024, '512 KiB'],
  [1000, '1000 bytes'],
])('formatSize(%d) is %s', (bytes, text) => {
  expect(formatSize(bytes)).toBe(text);
});
