import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { writeFileThrough } from '../../src/report/_sink';

describe('writeFileThrough', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guard-sink-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('writes every piece in order, across many blocks, and leaves no temporary file', () => {
    // GIVEN
    const file = path.join(dir, 'out.txt');
    const pieces = Array.from({ length: 20_000 }, (_, i) => `line ${i} ✓\n`);

    // WHEN
    writeFileThrough(file, sink => pieces.forEach(p => sink.write(p)));

    // THEN
    expect(fs.readFileSync(file, 'utf8')).toBe(pieces.join(''));
    expect(fs.readdirSync(dir)).toEqual(['out.txt']);
  });

  test('a render that fails after some blocks were written leaves the old file as it was', () => {
    // GIVEN
    const file = path.join(dir, 'out.txt');
    fs.writeFileSync(file, 'the previous report\n');

    // WHEN
    const run = () => writeFileThrough(file, sink => {
      for (let i = 0; i < 10_000; i++) sink.write(`${'x'.repeat(99)}\n`);
      throw new Error('renderer failed');
    });

    // THEN
    expect(run).toThrow('renderer failed');
    expect(fs.readFileSync(file, 'utf8')).toBe('the previous report\n');
    expect(fs.readdirSync(dir)).toEqual(['out.txt']);
  });

  test('fails when the directory does not exist, creating nothing', () => {
    expect(() => writeFileThrough(path.join(dir, 'missing', 'out.txt'), sink => sink.write('x'))).toThrow(/ENOENT/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
