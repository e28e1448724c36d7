import { checkFixes, quantityValue } from '../../src/hardening/options';

describe('checkFixes', () => {
  test.each<[string, unknown, string[]]>([
    ['fails when an unknown fix is named', { dropEverything: true }, ['unknown hardening fix "dropEverything", expecting one of: disableServiceAccountToken, readOnlyRootFilesystem, writablePaths, defaultRequests, defaultLimits']],
    ['fails when a switch is not a boolean', { readOnlyRootFilesystem: 'yes' }, ['readOnlyRootFilesystem must be true or false, found string "yes"']],
    ['fails when a writable path is relative', { readOnlyRootFilesystem: true, writablePaths: ['tmp'] }, ['writable path "tmp" is not an absolute path, write it as /tmp or /var/cache/app']],
    ['fails when writable paths come without the fix', { writablePaths: ['/tmp'] }, ['writablePaths are mounted only by the readOnlyRootFilesystem fix, turn readOnlyRootFilesystem on or remove writablePaths']],
    ['fails when a quantity is malformed', { defaultLimits: { memory: '1 GB' } }, ['invalid quantity "1 GB" for memory in defaultLimits, write a quantity such as 100m, 128Mi or 1 (quoted)']],
    ['fails when a resource map is a list', { defaultRequests: ['cpu'] }, ['defaultRequests must be a map from resource name to quantity such as { cpu: 100m, memory: 128Mi }, found a list']],
  ])('%s', (_name, raw, problems) => {
    // GIVEN opt-in fixes as a config or props would give them
    // WHEN they are checked
    const checked = checkFixes(raw, () => '');
    // THEN each problem is named with its fix
    expect(checked.problems).toEqual(problems);
  });

  test('accepts valid fixes and keeps them as given', () => {
    // GIVEN every opt-in fix WHEN they are checked THEN there is no problem and nothing changes
    const fixes = { disableServiceAccountToken: true, readOnlyRootFilesystem: true, writablePaths: ['/tmp'], defaultRequests: { cpu: '100m' }, defaultLimits: { memory: '1Gi' } };
    expect(checkFixes(fixes, () => '')).toEqual({ fixes, problems: [] });
  });
});

describe('quantityValue', () => {
  test.each<[string, number | undefined]>([['100m', 0.1], ['128Mi', 128 * 2 ** 20], ['1.5', 1.5], ['2e3', 2000], ['1 GB', undefined]])('reads the quantity %s', (q, value) => {
    // GIVEN a quantity WHEN it is read THEN its value is known
    expect(quantityValue(q)).toBe(value);
  });
});
