// Validates Kubernetes manifests against the OpenAPI models of `kubernetes-models` (5.x: the schema of a
// recent Kubernetes, 1.35-era: PodSpec has `hostnameOverride` and `schedulingGroup`), in strict mode.
// The Kubernetes 1.28 check of the default target is `_k8s-import-schema.ts`; `_helpers.ts` picks by version.
//
// Usage: node test/constructs/k8s-schema-validate.mjs < manifests.json
// Input: a JSON array of manifests. Output: a JSON array of error strings (empty when all pass).
//
// Two checks per manifest:
// 1. the package's own validator (compiled from the Kubernetes OpenAPI schema: types, enums,
//    required fields);
// 2. no unknown fields: the OpenAPI schema does not close its objects, so every field is also
//    looked up in the model's interface declaration (`.d.ts`), recursively.
//
// The package is ESM-only and the test runner loads CommonJS, so the tests run this script in a
// child process.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const pkgRoot = dirname(require.resolve('kubernetes-models/package.json'));
const nodeModules = dirname(pkgRoot);

function modelPath(apiVersion, kind) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : [undefined, apiVersion];
  return join(pkgRoot, ...(group ? [group] : []), version, kind);
}

const interfaces = new Map();

/** Reads `export interface I<Name> { ... }` of a .d.ts: property name → type text, plus imports. */
function loadInterface(file) {
  if (interfaces.has(file)) return interfaces.get(file);
  const text = readFileSync(`${file}.d.ts`, 'utf8').replace(/\s*\/\*\*[\s\S]*?\*\//g, '');
  const imports = new Map();
  for (const m of text.matchAll(/import \{ (\w+) \} from "([^"]+)";/g)) {
    const spec = m[2].replace(/\.js$/, '');
    imports.set(m[1], spec.startsWith('.') ? join(dirname(file), spec) : join(nodeModules, spec));
  }
  const body = /export interface I\w+(?: extends [\w, ]+)? \{([\s\S]*?)\n\}/.exec(text);
  let props;
  if (body) {
    props = new Map();
    // Top-level properties are indented by 4 spaces; nested map types by more.
    for (const m of body[1].matchAll(/\n {4}"([^"]+)"\??: ([\s\S]*?);(?=\n {4}"|\n?$)/g)) props.set(m[1], m[2].trim());
    if (/extends TypeMeta/.test(body[0])) {
      props.set('apiVersion', 'string');
      props.set('kind', 'string');
    }
  }
  const result = { props, imports };
  interfaces.set(file, result);
  return result;
}

function checkType(value, type, imports, path, errors) {
  if (value === null || value === undefined) return;
  let m;
  if ((m = /^Array<(\w+)>$/.exec(type))) {
    if (Array.isArray(value)) value.forEach((v, i) => checkRef(v, m[1], imports, `${path}/${i}`, errors));
  } else if ((m = /^\{\s*\[key: string\]: (\w+);\s*\}$/.exec(type))) {
    if (typeof value === 'object') for (const [k, v] of Object.entries(value)) checkRef(v, m[1], imports, `${path}/${k}`, errors);
  } else if (/^\w+$/.test(type)) {
    checkRef(value, type, imports, path, errors);
  }
}

function checkRef(value, name, imports, path, errors) {
  const file = imports.get(name);
  if (!file || typeof value !== 'object' || value === null || Array.isArray(value)) return;
  checkObject(value, file, path, errors);
}

function checkObject(value, file, path, errors) {
  const { props, imports } = loadInterface(file);
  if (!props) return; // a type alias (Quantity, IntOrString, Time, ...)
  for (const [key, v] of Object.entries(value)) {
    const type = props.get(key);
    if (type === undefined) {
      errors.push(`${path}/${key}: unknown field`);
      continue;
    }
    checkType(v, type, imports, `${path}/${key}`, errors);
  }
}

async function main() {
  const manifests = JSON.parse(readFileSync(0, 'utf8'));
  const errors = [];
  for (const [i, manifest] of manifests.entries()) {
    const where = `#${i} ${manifest.kind} ${manifest.metadata?.name ?? ''}`;
    const file = modelPath(manifest.apiVersion, manifest.kind);
    let Model;
    try {
      Model = (await import(`${file}.js`))[manifest.kind];
    } catch {
      errors.push(`${where}: no model for ${manifest.apiVersion} ${manifest.kind}`);
      continue;
    }
    try {
      new Model(manifest).validate();
    } catch (e) {
      errors.push(`${where}: ${e.message}`);
    }
    const unknown = [];
    checkObject(manifest, file, '', unknown);
    for (const u of unknown) errors.push(`${where}: ${u}`);
  }
  process.stdout.write(JSON.stringify(errors));
}

main().catch(e => {
  process.stderr.write(String(e?.stack ?? e));
  process.exit(2);
});
