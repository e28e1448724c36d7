const UNITS: { [unit: string]: number } = {
  '': 1,
  'b': 1,
  'k': 1024,
  'kb': 1024,
  'kib': 1024,
  'm': 1024 ** 2,
  'mb': 1024 ** 2,
  'mib': 1024 ** 2,
  'g': 1024 ** 3,
  'gb': 1024 ** 3,
  'gib': 1024 ** 3,
};

/**
 * Parses a size such as `10MiB`, `512KiB`, `2G` or `1048576` (bytes) into bytes. Units are binary
 * (`K` = 1024). Returns undefined for anything else, zero and negative sizes included. @internal
 */
export function parseSize(value: string): number | undefined {
  const match = /^\s*([0-9]+(?:\.[0-9]+)?)\s*([a-zA-Z]*)\s*$/.exec(value);
  if (!match) return undefined;
  const unit = UNITS[match[2].toLowerCase()];
  if (unit === undefined) return undefined;
  const bytes = Math.floor(Number(match[1]) * unit);
  return bytes > 0 && Number.isSafeInteger(bytes) ? bytes : undefined;
}
