import { parseSize } from '../../src/cli/_size';

describe('parseSize', () => {
  test.each([
    ['1048576', 1048576],
    ['10MiB', 10 * 1024 * 1024],
    ['10M', 10 * 1024 * 1024],
    ['10mb', 10 * 1024 * 1024],
    ['512KiB', 512 * 1024],
    ['2G', 2 * 1024 ** 3],
    ['1.5K', 1536],
    [' 64 b ', 64],
  ])('reads %p as %d bytes', (text, bytes) => {
    expect(parseSize(text)).toBe(bytes);
  });

  test.each([
    ['zero', '0'],
    ['a negative size', '-1'],
    ['an unknown unit', '10TB'],
    ['no number', 'MiB'],
    ['a fraction of a byte', '0.5'],
    ['text', 'large'],
  ])('fails for %s', (_name, text) => {
    expect(parseSize(text)).toBeUndefined();
  });
});
