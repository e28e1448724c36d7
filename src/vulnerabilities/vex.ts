import { readJson } from './_json';
import { parsePurl, Purl } from './purl';
import { Parsed } from './reports';
import { asArray, isObject, own } from '../engine/_util';

/** A VEX status, normalized to OpenVEX's words. @internal */
export type VexStatus = 'not_affected' | 'fixed' | 'affected' | 'under_investigation';

/** One product a VEX statement is about: an image, and optionally packages inside it. @internal */
export interface VexProduct {
  readonly image: Purl;
  /** Packages the statement is narrowed to; empty means every package of the image. */
  readonly packages: readonly Purl[];
}

/** One VEX statement. @internal */
export interface VexStatement {
  readonly file: string;
  /** Vulnerability IDs (the name and its aliases), uppercase. */
  readonly ids: readonly string[];
  readonly status: VexStatus;
  /** Why, for `not_affected` and `fixed`: the justification and impact statement or detail. */
  readonly reason: string;
  readonly products: readonly VexProduct[];
  /** When the statement was made (ms since the epoch); later statements win. */
  readonly time: number;
  /** Order of reading, to break ties. */
  readonly order: number;
}

const OPENVEX_STATUSES: readonly string[] = ['not_affected', 'fixed', 'affected', 'under_investigation'];
/** CycloneDX analysis states, mapped to VEX statuses as Trivy maps them. */
const CYCLONEDX_STATES: { readonly [state: string]: VexStatus } = {
  not_affected: 'not_affected',
  false_positive: 'not_affected',
  resolved: 'fixed',
  resolved_with_pedigree: 'fixed',
  exploitable: 'affected',
  in_triage: 'under_investigation',
};

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function timeOf(value: unknown, fallback: number): number {
  const ms = typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isNaN(ms) ? fallback : ms;
}

function reasonOf(status: VexStatus, justification: string | undefined, statement: string | undefined): string {
  const parts = [justification, statement].filter((p): p is string => p !== undefined);
  if (parts.length > 0) return parts.join(': ');
  return status === 'fixed' ? 'fixed, according to the VEX document' : 'not affected, according to the VEX document';
}

function fail<T>(file: string, message: string, line?: number): Parsed<T> {
  return { ok: false, error: { file, ...(line !== undefined ? { line } : {}), message } };
}

/**
 * Parses a VEX document: OpenVEX, or CycloneDX with `vulnerabilities[].analysis`. The format is
 * detected from the content. `order` numbers the statements across documents. @internal
 */
export function parseVex(textContent: string, file: string, order: { next: number } = { next: 0 }): Parsed<VexStatement[]> {
  const json = readJson(textContent);
  if (!json.ok) return fail(file, `VEX document "${file}" cannot be read: ${json.problem}, write it as OpenVEX or CycloneDX JSON`, json.line);
  const doc = json.value;
  const context = own(doc, '@context');
  if (typeof context === 'string' && context.includes('openvex')) return openVex(doc, file, order);
  if (own(doc, 'bomFormat') === 'CycloneDX' && Array.isArray(own(doc, 'vulnerabilities'))) return cycloneDx(doc, file, order);
  return fail(file, `VEX document "${file}" is neither OpenVEX (@context https://openvex.dev/ns/…) nor CycloneDX with vulnerabilities[].analysis, write it in one of those formats`);
}

function openVex(doc: unknown, file: string, order: { next: number }): Parsed<VexStatement[]> {
  const docTime = timeOf(own(doc, 'timestamp'), 0);
  const out: VexStatement[] = [];
  const statements = own(doc, 'statements');
  if (!Array.isArray(statements)) return fail(file, `VEX document "${file}" has no statements list, add "statements": [...]`);
  for (let i = 0; i < statements.length; i++) {
    const s = statements[i];
    const where = `statement ${i + 1} of VEX document "${file}"`;
    const vuln = own(s, 'vulnerability');
    const name = typeof vuln === 'string' ? text(vuln) : text(own(vuln, 'name')) ?? text(own(vuln, '@id'));
    if (!name) return fail(file, `${where} names no vulnerability, set vulnerability.name such as "CVE-2024-1234"`);
    const ids = [name, ...asArray(own(vuln, 'aliases')).filter((a): a is string => typeof a === 'string')].map(id => id.toUpperCase());
    const status = own(s, 'status');
    if (typeof status !== 'string' || !OPENVEX_STATUSES.includes(status)) {
      return fail(file, `${where} has status ${JSON.stringify(status ?? null)}, expecting one of: ${OPENVEX_STATUSES.join(', ')}`);
    }
    const statementPackages = asArray(own(s, 'subcomponents')).map(sc => parsePurl(typeof sc === 'string' ? sc : own(sc, '@id'))).filter((p): p is Purl => p !== undefined);
    const products: VexProduct[] = [];
    for (const p of asArray(own(s, 'products'))) {
      const id = typeof p === 'string' ? p : own(p, '@id') ?? own(own(p, 'identifiers'), 'purl');
      const image = parsePurl(id);
      if (!image || image.type !== 'oci') {
        return fail(file, `${where} has product ${JSON.stringify(id ?? null)}, which is not a pkg:oci purl: name the image as pkg:oci/NAME@sha256%3ADIGEST`);
      }
      const packages = asArray(own(p, 'subcomponents')).map(sc => parsePurl(typeof sc === 'string' ? sc : own(sc, '@id') ?? own(own(sc, 'identifiers'), 'purl'))).filter((q): q is Purl => q !== undefined);
      products.push({ image, packages: [...statementPackages, ...packages] });
    }
    if (products.length === 0) return fail(file, `${where} lists no products, name the image as pkg:oci/NAME@sha256%3ADIGEST`);
    out.push({
      file,
      ids,
      status: status as VexStatus,
      reason: reasonOf(status as VexStatus, text(own(s, 'justification')), text(own(s, 'impact_statement'))),
      products,
      time: timeOf(own(s, 'timestamp'), docTime),
      order: order.next++,
    });
  }
  return { ok: true, value: out };
}

function cycloneDx(doc: unknown, file: string, order: { next: number }): Parsed<VexStatement[]> {
  const refs = new Map<string, string>();
  const collect = (component: unknown) => {
    if (!isObject(component)) return;
    const ref = own(component, 'bom-ref');
    const purl = own(component, 'purl');
    if (typeof ref === 'string' && typeof purl === 'string') refs.set(ref, purl);
    for (const child of asArray(own(component, 'components'))) collect(child);
  };
  const main = own(own(doc, 'metadata'), 'component');
  collect(main);
  for (const c of asArray(own(doc, 'components'))) collect(c);
  const mainImage = parsePurl(own(main, 'purl'));
  const resolve = (ref: string): Purl | undefined => {
    const fragment = ref.startsWith('urn:cdx:') && ref.includes('#') ? decodeURIComponentSafe(ref.slice(ref.indexOf('#') + 1)) : ref;
    return parsePurl(refs.get(fragment) ?? fragment);
  };
  const docTime = timeOf(own(own(doc, 'metadata'), 'timestamp'), 0);
  const out: VexStatement[] = [];
  const vulns = asArray(own(doc, 'vulnerabilities'));
  for (let i = 0; i < vulns.length; i++) {
    const v = vulns[i];
    const where = `vulnerability ${i + 1} of VEX document "${file}"`;
    const id = text(own(v, 'id'));
    if (!id) return fail(file, `${where} has no id, set id such as "CVE-2024-1234"`);
    const analysis = own(v, 'analysis');
    if (!isObject(analysis)) continue; // an entry without analysis states nothing
    const state = own(analysis, 'state');
    const status = typeof state === 'string' ? CYCLONEDX_STATES[state] : undefined;
    if (!status) {
      return fail(file, `${where} has analysis.state ${JSON.stringify(state ?? null)}, expecting one of: ${Object.keys(CYCLONEDX_STATES).join(', ')}`);
    }
    const products: VexProduct[] = [];
    for (const a of asArray(own(v, 'affects'))) {
      const ref = own(a, 'ref');
      const purl = typeof ref === 'string' ? resolve(ref) : undefined;
      if (purl?.type === 'oci') {
        products.push({ image: purl, packages: [] });
      } else if (purl && mainImage?.type === 'oci') {
        products.push({ image: mainImage, packages: [purl] });
      } else {
        return fail(file, `${where} affects ${JSON.stringify(ref ?? null)}, which names no pkg:oci image: refer to a component whose purl is pkg:oci/NAME@sha256%3ADIGEST, or describe the image in metadata.component`);
      }
    }
    if (products.length === 0) return fail(file, `${where} affects nothing, list the image in affects[].ref`);
    out.push({
      file,
      ids: [id.toUpperCase()],
      status,
      reason: reasonOf(status, text(own(analysis, 'justification')), text(own(analysis, 'detail'))),
      products,
      time: timeOf(own(analysis, 'lastUpdated'), docTime),
      order: order.next++,
    });
  }
  return { ok: true, value: out };
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
