import { composeDocuments, DocumentError, parseDocuments, ParsedDocument } from '../../src/loader/documents';

function parse(source: string, maxAliasCount?: number): Array<ParsedDocument | DocumentError> {
  return [...parseDocuments(source, maxAliasCount !== undefined ? { maxAliasCount } : {})];
}

function docs(source: string): ParsedDocument[] {
  const all = parse(source);
  const problems = all.filter(d => d.kind === 'error');
  expect(problems).toEqual([]);
  return all as ParsedDocument[];
}

function errors(source: string, maxAliasCount?: number): DocumentError[] {
  return parse(source, maxAliasCount).filter((d): d is DocumentError => d.kind === 'error');
}

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n';

describe('parseDocuments', () => {
  test('reads every document of a stream, with its 0-based index and the line of its first key', () => {
    // GIVEN three documents, the second empty
    const source = `# leading comment\n${POD}---\n---\n${POD.replace('name: a', 'name: b')}`;

    // WHEN
    const result = docs(source);

    // THEN the empty document is skipped but still counted
    expect(result.map(d => [d.index, d.line, (d.object.metadata as any).name])).toEqual([[0, 2, 'a'], [2, 8, 'b']]);
  });

  test('skips documents holding only comments or null', () => {
    expect(docs('# nothing here\n---\n~\n---\nnull\n')).toEqual([]);
  });

  test('reads JSON, which is YAML', () => {
    const [doc] = docs('{\n  "apiVersion": "v1",\n  "kind": "Pod"\n}\n');
    expect(doc.object).toEqual({ apiVersion: 'v1', kind: 'Pod' });
    expect(doc.line).toBe(1);
  });

  test.each([
    ['yes', true], ['on', true], ['y', true], ['True', true], ['no', false], ['off', false], ['"yes"', 'yes'],
  ])('reads %s as Kubernetes does (YAML 1.1): %p', (text, value) => {
    const [doc] = docs(`${POD}spec:\n  hostNetwork: ${text}\n`);
    expect((doc.object.spec as any).hostNetwork).toBe(value);
  });

  test('reads 0-prefixed numbers as octal, like Kubernetes', () => {
    const [doc] = docs(`${POD}mode: 0755\n`);
    expect(doc.object.mode).toBe(0o755);
  });

  test.each([
    ['timestamp', 'created: 2024-01-01', 'created', '2024-01-01'],
    ['sexagesimal number', 'port: 1:20', 'port', '1:20'],
    ['explicit !!binary', 'data: !!binary aGVsbG8=', 'data', 'aGVsbG8='],
  ])('keeps a %s a plain string, as Kubernetes\' YAML to JSON conversion does', (_name, line, key, value) => {
    const [doc] = docs(`${POD}${line}\n`);
    expect(doc.object[key]).toBe(value);
  });

  test('expands YAML 1.1 merge keys', () => {
    const [doc] = docs(`${POD}base: &base {privileged: true}\nsecurityContext:\n  <<: *base\n`);
    expect(doc.object.securityContext).toEqual({ privileged: true });
  });

  test('keeps __proto__ as an own data property, never as the prototype', () => {
    // GIVEN a document with __proto__ keys at the top and inside securityContext
    const [doc] = docs(`${POD}__proto__: {polluted: 1}\nsecurityContext:\n  __proto__: {privileged: true}\n`);

    // THEN the keys are plain fields and no prototype changed
    expect(Object.getPrototypeOf(doc.object)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(doc.object, '__proto__')).toBe(true);
    const sc = doc.object.securityContext as any;
    expect(Object.getPrototypeOf(sc)).toBe(Object.prototype);
    expect(sc.privileged).toBeUndefined();
    expect(({} as any).polluted).toBeUndefined();
  });

  test('fails when a map has a duplicate key, at the line of the second key', () => {
    expect(errors(`${POD}spec:\n  hostNetwork: false\n  hostNetwork: true\n`)).toEqual([{
      kind: 'error',
      index: 0,
      line: 7,
      message: 'duplicate key "hostNetwork" in a map, remove one of them (kubectl\'s strict validation rejects duplicate keys)',
    }]);
  });

  test('fails on malformed YAML with the line, and still reads the other documents', () => {
    // GIVEN a broken second document
    const result = parse(`${POD}---\nkind: [Pod\nmetadata: {}\n---\n${POD}`);

    // THEN
    expect(result.map(d => d.kind)).toEqual(['document', 'error', 'document']);
    const error = result[1] as DocumentError;
    expect(error.index).toBe(1);
    expect(error.line).toBe(7);
    expect(error.message).toMatch(/^invalid YAML: .+, fix the syntax$/);
  });

  test('fails when aliases expand beyond the limit (billion laughs), quickly', () => {
    // GIVEN nine levels of nine aliases each: 9^9 strings if expanded
    let source = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n';
    for (let i = 1; i < 10; i++) {
      const name = String.fromCharCode(97 + i);
      const prev = String.fromCharCode(96 + i);
      source += `${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]\n`;
    }

    // WHEN
    const result = errors(source);

    // THEN
    expect(result).toEqual([{
      kind: 'error',
      index: 0,
      line: 1,
      message: 'cannot read document 0: aliases expand beyond the limit of 100 (a resource exhaustion pattern such as "billion laughs"), expand the anchors by hand',
    }]);
  });

  test('uses the given alias limit', () => {
    expect(errors('a: &a [1]\nb: *a\nc: *a\n', 1)).toHaveLength(1);
    expect(errors('a: &a [1]\nb: *a\nc: *a\n', 10)).toEqual([]);
  });

  test('fails on pathologically nested flow collections without overflowing the stack', () => {
    const result = errors('['.repeat(20_000) + ']'.repeat(20_000));
    expect(result).toHaveLength(1);
    expect(result[0].message).toMatch(/^invalid YAML: maximum call stack size exceeded.*, fix the syntax$/);
  });

  test('reads deeply nested block maps', () => {
    const lines = Array.from({ length: 200 }, (_, i) => `${' '.repeat(i)}a${i}:`);
    const [doc] = docs(`${lines.join('\n')} 1\n`);
    let node: any = doc.object;
    for (let i = 0; i < 199; i++) node = node[`a${i}`];
    expect(node).toEqual({ a199: 1 });
  });

  test.each([
    ['a string', 'just text', 'a string'],
    ['a number', '42', 'a number'],
    ['a boolean', 'true', 'a boolean'],
    ['a list', '- apiVersion: v1\n  kind: Pod', 'a list'],
  ])('fails when a document is %s, and reads the next one', (_name, body, shape) => {
    const result = parse(`${body}\n---\n${POD}`);
    expect(result[0]).toEqual({
      kind: 'error',
      index: 0,
      line: 1,
      message: `document 0 is ${shape}, expecting a Kubernetes object (a map with apiVersion and kind)`,
    });
    expect(result[1]).toMatchObject({ kind: 'document', index: 1 });
  });
});

// Each verdict below was checked with goyaml v2 (gopkg.in/yaml.v2, which kubectl reads YAML
// with): what it parses, we parse to the same value; what it refuses, we refuse.
describe('parseDocuments agrees with kubectl\'s YAML library', () => {
  const KAFKA = [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: kafka',
    'spec:',
    '  containers:',
    '    - name: kafka',
    '      image: kafka:3.6',
    '      args:',
    '        - "--override=listeners=PLAINTEXT://:9092',
    '    --override=log.dirs=/data"',
    '        - \'--one',
    '  --two\'',
    '      command: ["run"]',
    '',
  ].join('\n');

  test('accepts quoted scalars whose continuation lines are indented less than the list item', () => {
    // WHEN
    const [doc] = docs(KAFKA);

    // THEN the lines fold as goyaml folds them, and later lines keep their numbers
    const container = (doc.object.spec as any).containers[0];
    expect(container.args).toEqual(['--override=listeners=PLAINTEXT://:9092 --override=log.dirs=/data', '--one --two']);
    expect(container.command).toEqual(['run']);
    expect(doc.lines.lineOf('/spec/containers/0/command')).toBe(14);
    expect(doc.lines.lineOf('/spec/containers/0/args/1')).toBe(12);
  });

  test.each([
    ['a plain scalar continued by a line that starts with a quote', 'a: this is plain\n  "and this\nb: 1\n', { a: 'this is plain "and this', b: 1 }],
    ['an escaped line break in a list item indented less', 'a:\n  - "x\\\ny"\n', { a: ['xy'] }],
  ])('reads %s as goyaml does', (_name, source, expected) => {
    expect(docs(source).map(d => d.object)).toEqual([expected]);
  });

  test('still refuses a quoted scalar cut by a document marker, as goyaml does', () => {
    expect(errors('a:\n  - "x\n---\ny"\n').length).toBeGreaterThan(0);
  });

  test('leaves block scalars that hold quotes alone', () => {
    const [doc] = docs('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: |\n    "x\n     y\n  b: "z"\n');
    expect(doc.object.data).toEqual({ a: '"x\n y\n', b: 'z' });
  });

  test.each([
    ['fails when {{placeholder}} makes a map a map key', `${POD}spec:\n  containers:\n    - name: app\n      image: {{placeholder}}\n`, 8,
      'invalid map key: {{placeholder}} uses a map as a map key, which kubectl refuses; quote it if it is text, e.g. "{{placeholder}}"'],
    ['fails when a flow list is a map key', `${POD}spec:\n  [a]: 1\n`, 6,
      'invalid map key: [a] uses a list as a map key, which kubectl refuses; quote it if it is text, e.g. "[a]"'],
    ['fails when an alias of a map is a map key', `${POD}base: &b {x: 1}\n*b : 2\n`, 6,
      'invalid map key: *b uses a map as a map key, which kubectl refuses; quote it if it is text, e.g. "*b"'],
  ])('%s', (_name, source, line, message) => {
    expect(errors(source)).toEqual([{ kind: 'error', index: 0, line, message }]);
  });

  test('never prints a warning of the YAML library', () => {
    // GIVEN a listener for process warnings and a console that records
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on('warning', onWarning);
    const spy = jest.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => { warnings.push(args.join(' ')); });
    try {
      // WHEN a document the library would warn about is parsed
      const result = parse(`${POD}spec:\n  image: {{placeholder}}\n`);
      // THEN it is an error, and nothing was printed
      expect(result.map(d => d.kind)).toEqual(['error']);
    } finally {
      process.off('warning', onWarning);
      spy.mockRestore();
    }
    return new Promise<void>(resolve => setImmediate(() => {
      expect(warnings).toEqual([]);
      resolve();
    }));
  });

  test('marks the first unquoted value that holds template braces', () => {
    const [doc] = docs(`${POD}spec:\n  a: "{{ quoted }}"\n  b: x-{{ .Values.b }}\n`);
    expect(doc.templateLine).toBe(7);
  });
});

describe('LineMap', () => {
  const source = [
    'apiVersion: apps/v1', // 1
    'kind: Deployment', // 2
    'metadata:', // 3
    '  name: web', // 4
    'spec:', // 5
    '  template:', // 6
    '    spec:', // 7
    '      containers:', // 8
    '        - name: a', // 9
    '          image: x', // 10
    '        - name: b', // 11
    '          securityContext:', // 12
    '            privileged: true', // 13
    '      volumes: [{name: v, hostPath: {path: /}}]', // 14
    '',
  ].join('\n');
  const [doc] = docs(source);

  test.each([
    ['the root', '', 1],
    ['a top-level field', '/kind', 2],
    ['a nested field', '/spec/template/spec/containers/1/securityContext/privileged', 13],
    ['a list item', '/spec/template/spec/containers/1', 11],
    ['a flow-style field', '/spec/template/spec/volumes/0/hostPath/path', 14],
    ['a missing field, at its nearest ancestor', '/spec/template/spec/containers/0/securityContext/runAsNonRoot', 9],
    ['a missing field under an existing map', '/spec/template/spec/containers/1/securityContext/runAsUser', 12],
    ['an index past the end of a list', '/spec/template/spec/containers/7/name', 8],
    ['a token that is not an index into a list', '/spec/template/spec/containers/x', 8],
    ['a path through a scalar', '/kind/x', 2],
    ['an escaped pointer token', '/metadata/a~1b', 3],
  ])('maps %s to its line', (_name, pointer, line) => {
    expect(doc.lines.lineOf(pointer)).toBe(line);
  });

  test('follows aliases and merge keys to where the field is written', () => {
    const [d] = docs([
      'apiVersion: v1', // 1
      'kind: Pod', // 2
      'x-base: &sc', // 3
      '  privileged: true', // 4
      'spec:', // 5
      '  containers:', // 6
      '    - name: a', // 7
      '      securityContext: *sc', // 8
      '    - name: b', // 9
      '      securityContext:', // 10
      '        <<: *sc', // 11
      '',
    ].join('\n'));
    expect(d.lines.lineOf('/spec/containers/0/securityContext/privileged')).toBe(4);
    expect(d.lines.lineOf('/spec/containers/1/securityContext/privileged')).toBe(4);
  });

  test('maps pointers into a later document of the stream', () => {
    const [, second] = docs(`${POD}---\n${POD}spec:\n  hostPID: true\n`);
    expect(second.lines.lineOf('/spec/hostPID')).toBe(11);
  });
});

describe('composeDocuments', () => {
  test('indexes documents as parseDocuments does, empty ones included, keeping comments', () => {
    // GIVEN a stream with an empty document between two objects
    const source = '# first\napiVersion: v1\nkind: A\n---\n---\napiVersion: v1 # inline\nkind: B\n';
    // WHEN it is composed and parsed
    const composed = composeDocuments(source);
    const parsed = docs(source);
    // THEN each parsed document has the composed document of its index, with its comments
    expect(composed.length).toBe(3);
    expect(parsed.map(d => d.index)).toEqual([0, 2]);
    for (const d of parsed) expect(composed[d.index].toJS()).toEqual(d.object);
    expect(String(composed[2])).toContain('apiVersion: v1 # inline');
    expect(String(composed[0])).toContain('# first');
  });
});
