import { cdk8s, javascript } from 'projen';

const project = new cdk8s.ConstructLibraryCdk8s({
  name: 'cdk8s-guard',
  packageName: 'cdk8s-guard',
  description:
    'Hardened golden constructs and a synth-time Pod Security Standards and organization policy guard for cdk8s',
  keywords: ['cdk8s', 'kubernetes', 'pod-security', 'policy', 'security', 'pss', 'sarif', 'constructs'],
  license: 'Apache-2.0',
  author: 'cdk8s-guard maintainers',
  authorAddress: 'maintainers@users.noreply.github.com',
  repositoryUrl: 'https://github.com/cdk8s-guard/cdk8s-guard.git',
  defaultReleaseBranch: 'main',
  projenrcTs: true,
  packageManager: javascript.NodePackageManager.NPM,
  github: false,
  release: false,
  minNodeVersion: '20.0.0',

  // Toolchain. JS is the only jsii target.
  jsiiVersion: '~6.0.16',
  typescriptVersion: '~6.0.0',

  // cdk8s, constructs and cdk8s-plus-28 are peer dependencies with the widest ranges the library
  // supports: 2.68.12 is the oldest cdk8s in cdk8s-plus-28's range, 10.3.0 the oldest constructs it
  // accepts. The dev copies are the current releases; `npx projen test:peers` tests the oldest ones.
  cdk8sVersion: '2.68.12',
  constructsVersion: '10.3.0',
  cdk8sVersionPinning: false,
  constructsVersionPinning: false,
  peerDeps: ['cdk8s-plus-28@^2.5.6'],
  peerDependencyOptions: { pinnedDevDependency: false },

  // Runtime dependencies, bundled into the package by jsii.
  bundledDeps: ['yaml@^2.9.1', 'commander@^14.0.0', 'diff@^8.0.2'],

  devDeps: [
    'cdk8s@2.70.106',
    'constructs@10.8.1',
    'cdk8s-plus-28@2.5.6',
    // Two independent CEL engines evaluate the emitted ValidatingAdmissionPolicies in tests.
    '@bufbuild/cel@0.6.1',
    '@marcbachmann/cel-js@8.0.0',
    // An independent RFC 6902 implementation checks the patches of `cdk8s-guard fix`.
    'fast-json-patch@^3.1.1',
    '@types/sarif@^2.1.7',
    'ajv@^8.17.0',
    'ajv-formats@^3.0.1',
    'fast-xml-parser@^5.2.0',
    // The official SARIF 2.1.0 JSON schema ships in this package (lib/schemas/).
    '@microsoft/jest-sarif@1.0.0-beta.0',
    // Kubernetes OpenAPI models and schemas, to validate synthesized manifests.
    'kubernetes-models@^5.1.0',
    // The real cdk8s CLI, for the validation-plugin integration test.
    'cdk8s-cli@^2.207.60',
    // Its generated Kubernetes 1.33 API imports give the schema for targets 1.29 to 1.33 in tests.
    'cdk8s-plus-33@2.5.57',
  ],

  bin: { 'cdk8s-guard': 'lib/cli/main.js' },

  jestOptions: {
    // Snapshots are checked, never rewritten (also on CI).
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      testPathIgnorePatterns: ['/node_modules/', '/lib/', '/dist/'],
      // Coverage is its own task (`npx projen test:coverage`): collecting it on every run makes
      // the suite markedly slower.
      collectCoverage: false,
      // Jest's default is one worker less than the cores, i.e. a single worker on 2 cores.
      maxWorkers: '100%',
    },
  },

  gitignore: ['/dist/', '/bench/out/', '/.bench/', '/.peers/'],
});

// The example app and the benchmarks are type-checked and linted like the tests.
for (const pattern of ['/examples/', '/bench/', '/BENCHMARKS.md', '/.ci/']) {
  project.addPackageIgnore(pattern);
}

// (test/tsconfig.json is the dev tsconfig; its paths are relative to test/.)
project.tsconfigDev.addInclude('../examples/**/*.ts');
project.tsconfigDev.addInclude('../bench/**/*.ts');
project.tsconfigDev.addInclude('../scripts/**/*.ts');
project.eslint?.addLintPattern('scripts');
project.eslint?.addLintPattern('examples');
project.eslint?.addLintPattern('bench');

// This machine image runs Node 20 (the project's minimum); jsii's end-of-life banner is noise here.
project.tasks.addEnvironment('JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION', '20');

// ---------------------------------------------------------------------------
// Tests: the library is compiled first (process tests run the built CLI from lib/),
// then the test files are type-checked (ts-jest only transpiles), then jest runs.
// ---------------------------------------------------------------------------
const testTask = project.tasks.tryFind('test')!;
testTask.reset();
testTask.spawn(project.compileTask);
testTask.exec('tsc --noEmit -p test/tsconfig.json');
testTask.exec('jest --passWithNoTests --updateSnapshot=none', { receiveArgs: true });
testTask.spawn(project.tasks.tryFind('eslint')!);

// The in-process tests again, against the oldest cdk8s and constructs the peer ranges accept.
project.addTask('test:peers', {
  description: 'Run the tests that load cdk8s against the oldest cdk8s and constructs of the peer ranges',
  exec: 'bash scripts/test-peers.sh',
  receiveArgs: true,
});

// The suite with coverage (written to coverage/); `npm test` runs it without.
const coverageTask = project.addTask('test:coverage', {
  description: 'Run the test suite with coverage (compiles first; the CLI tests run the built CLI)',
});
coverageTask.spawn(project.compileTask);
coverageTask.exec('jest --passWithNoTests --updateSnapshot=none --coverage', { receiveArgs: true });

// ---------------------------------------------------------------------------
// Demo and benchmarks
// ---------------------------------------------------------------------------
const demo = project.addTask('demo', {
  description: 'Synthesize the example app into dist/ with the policy guard, and run the CLI on a sample manifest',
});
demo.exec('ts-node --transpile-only --project test/tsconfig.json examples/demo.ts');

// RULES.md is generated from the rule definitions; the build regenerates it, so a stale copy
// shows up as a changed tracked file in CI.
const rulesDoc = project.addTask('rules-doc', {
  description: 'Regenerate RULES.md from the rule definitions',
  exec: 'ts-node --transpile-only --project test/tsconfig.json scripts/rules-doc.ts',
});
project.postCompileTask.spawn(rulesDoc);

const bench = project.addTask('bench', {
  description: 'Run the benchmarks in bench/ and record the figures in BENCHMARKS.md',
});
bench.spawn(project.compileTask);
bench.exec('ts-node --transpile-only --project test/tsconfig.json bench/run.ts', { receiveArgs: true });

project.synth();
