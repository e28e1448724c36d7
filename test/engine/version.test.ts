import { PolicyVersion } from '../../src';

describe('PolicyVersion', () => {
  test.each<[string, number, string]>([
    ['v1.0', 0, 'v1.0'],
    ['v1.9', 9, 'v1.9'],
    ['v1.30', 30, 'v1.30'],
    ['v1.100', 100, 'v1.100'],
  ])('parses %s', (value, minor, text) => {
    // GIVEN a valid version / WHEN parsed / THEN its minor and text round-trip
    const version = PolicyVersion.of(value);
    expect(version.minor).toBe(minor);
    expect(version.isLatest).toBe(false);
    expect(version.toString()).toBe(text);
    expect(PolicyVersion.isValid(value)).toBe(true);
  });

  test('parses latest', () => {
    const version = PolicyVersion.of('latest');
    expect(version.isLatest).toBe(true);
    expect(version.toString()).toBe('latest');
    expect(version.effectiveMinor(37)).toBe(37);
  });

  test.each(['v1.05', 'v2.0', '1.30', '', 'v1', 'v1.', 'V1.30', 'Latest', 'v1.30.0', ' v1.30', 'v1.-1'])('fails when the version is "%s"', value => {
    // GIVEN an invalid version / WHEN parsed / THEN the error names it and the expected forms
    expect(() => PolicyVersion.of(value)).toThrow(new Error(`invalid policy version "${value}", expecting "latest" or "v1.<minor>" such as "v1.30"`));
    expect(PolicyVersion.isValid(value)).toBe(false);
  });

  test('fails when the version is not a string', () => {
    expect(() => PolicyVersion.of(130 as any)).toThrow(new Error('invalid policy version 130, expecting "latest" or "v1.<minor>" such as "v1.30"'));
  });

  test.each([[30, 37, 30], [37, 37, 37], [40, 37, 37]])('v1.%d with a newest entry at v1.%d evaluates as v1.%d', (minor, max, effective) => {
    expect(PolicyVersion.fromMinor(minor).effectiveMinor(max)).toBe(effective);
  });

  test.each([-1, 1.5, NaN])('fromMinor fails for %d', minor => {
    expect(() => PolicyVersion.fromMinor(minor)).toThrow(new Error(`invalid policy minor version ${minor}, expecting a whole number from 0`));
  });
});
