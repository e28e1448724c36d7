import * as fs from 'fs';
import * as path from 'path';

/**
 * The library uses only the public API of cdk8s, cdk8s-plus and constructs: no call stacks, no
 * file paths of theirs, and none of their underscore (internal) members, read or overridden.
 */

const SRC = path.join(__dirname, '..', 'src');

function filesBelow(dir: string, ext: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return filesBelow(full, ext);
    return e.name.endsWith(ext) ? [full] : [];
  });
}

/** Source without comments, so that prose about cdk8s may name what the code must not use. */
function code(file: string): string {
  return fs.readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

/** Every underscore member name declared in a package's type declarations. */
function underscoreMembers(pkg: string): Set<string> {
  const root = path.dirname(require.resolve(`${pkg}/package.json`));
  const names = new Set<string>();
  for (const file of filesBelow(path.join(root, 'lib'), '.d.ts')) {
    for (const m of fs.readFileSync(file, 'utf8').matchAll(/^\s*(?:(?:private|protected|public|static|readonly|abstract)\s+)*(_[A-Za-z]\w*)\??\s*[(:;]/gm)) {
      names.add(m[1]);
    }
  }
  return names;
}

const sources = filesBelow(SRC, '.ts').map(file => ({ file: path.relative(SRC, file), text: code(file) }));

test('the sources are found', () => {
  expect(sources.length).toBeGreaterThan(50);
});

test.each([
  ['prepareStackTrace', /\bprepareStackTrace\b/],
  ['captureStackTrace', /\bcaptureStackTrace\b/],
  ['_synthChart', /\b_synthChart\b/],
  ['a cdk8s or cdk8s-plus file path', /cdk8s(?:-plus-\d+)?[\\/]lib[\\/]|node_modules/],
])('src/ never uses %s', (_name, pattern) => {
  expect(sources.filter(s => pattern.test(s.text)).map(s => s.file)).toEqual([]);
});

test('the internal members of cdk8s and cdk8s-plus are known to this test', () => {
  const internal = new Set([...underscoreMembers('cdk8s'), ...underscoreMembers('cdk8s-plus-28')]);
  expect([...internal]).toEqual(expect.arrayContaining(['_toKube', '_synthChart', '_initContainers', '_readiness']));
});

test('src/ reads or overrides no underscore member of cdk8s or cdk8s-plus', () => {
  // GIVEN every underscore member cdk8s and cdk8s-plus declare
  const internal = new Set([...underscoreMembers('cdk8s'), ...underscoreMembers('cdk8s-plus-28'), ...underscoreMembers('constructs')]);

  // WHEN the sources are searched for them, as members (`._x`, `['_x']`) or declarations (`_x(`)
  const uses: string[] = [];
  for (const s of sources) {
    for (const m of s.text.matchAll(/(?:\.\s*|\[\s*['"]|^\s*(?:(?:public|private|protected|static|readonly)\s+)*)(_[A-Za-z]\w*)/gm)) {
      if (internal.has(m[1])) uses.push(`${s.file}: ${m[1]}`);
    }
  }

  // THEN
  expect(uses).toEqual([]);
});
