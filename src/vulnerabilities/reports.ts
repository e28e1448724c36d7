import { readJson } from './_json';
import { readSeverity, ReportedSeverity } from './severity';
import { asArray, isObject, own } from '../engine/_util';

/** One vulnerability entry of a report: a vulnerability in one installed package. @internal */
export interface VulnerabilityEntry {
  /** The vulnerability ID as the scanner reports it, e.g. `CVE-2019-14697`. */
  readonly id: string;
  readonly severity: ReportedSeverity;
  /** The package name. */
  readonly pkg: string;
  /** The installed version. */
  readonly installed: string;
  /** The fixed version(s), when the scanner knows a fix. */
  readonly fixedVersion?: string;
  /** True when the scanner says a fix exists (Trivy status `fixed`, Grype `fix.state` `fixed`). */
  readonly fixed: boolean;
  /** The package's purl, when the report gives one. */
  readonly purl?: string;
}

/** A scanner report, parsed. @internal */
export interface ScanReport {
  /** The file name shown in findings and errors. */
  readonly file: string;
  readonly format: 'trivy' | 'grype';
  /** Every sha256 digest the report covers: manifest digests, and index digests listed among the repo digests. */
  readonly digests: readonly string[];
  /** When the scan ran, as milliseconds since the epoch, when the report says. */
  readonly createdAt?: number;
  /** The vulnerability entries, in report order. */
  readonly entries: readonly VulnerabilityEntry[];
}

/** A problem with an input file of the vulnerability gate. @internal */
export interface VulnerabilityInputError {
  readonly file: string;
  readonly line?: number;
  readonly message: string;
}

/** A parsed input, or the problem with it. @internal */
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: VulnerabilityInputError };

const SHA256 = /sha256:[0-9a-f]{64}$/;
const REGENERATE = 'regenerate it with "trivy image -f json" or "grype -o json"';

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The digest of `name@sha256:…` or of a bare `sha256:…`. */
function digestOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const at = value.lastIndexOf('@');
  const digest = at >= 0 ? value.slice(at + 1) : value;
  return SHA256.test(digest) && digest.startsWith('sha256:') ? digest : undefined;
}

function timeOf(value: unknown): number | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

function fail<T>(file: string, message: string, line?: number): Parsed<T> {
  return { ok: false, error: { file, ...(line !== undefined ? { line } : {}), message } };
}

/**
 * Parses a Trivy (`trivy image -f json`, SchemaVersion 2) or Grype (`grype -o json`) report; the
 * format is detected from the content. A report that does not parse, is neither format, or
 * names no image digest is a problem naming the file. @internal
 */
export function parseScanReport(text: string, file: string): Parsed<ScanReport> {
  const json = readJson(text);
  if (!json.ok) return fail(file, `scan report "${file}" cannot be read: ${json.problem}, ${REGENERATE}`, json.line);
  return scanReportFrom(json.value, file);
}

/** Reads an already parsed report (see `parseScanReport`). @internal */
export function scanReportFrom(value: unknown, file: string): Parsed<ScanReport> {
  if (isObject(value) && own(value, 'SchemaVersion') !== undefined) return trivy(value, file);
  if (isObject(value) && Array.isArray(own(value, 'matches')) && isObject(own(value, 'source'))) return grype(value, file);
  return fail(file, `scan report "${file}" is neither Trivy JSON (SchemaVersion 2) nor Grype JSON (matches and source), ${REGENERATE}`);
}

function trivy(doc: { [key: string]: any }, file: string): Parsed<ScanReport> {
  const schema = own(doc, 'SchemaVersion');
  if (schema !== 2) {
    return fail(file, `scan report "${file}" has Trivy SchemaVersion ${JSON.stringify(schema)}, expecting 2: regenerate it with a current "trivy image -f json"`);
  }
  const metadata = own(doc, 'Metadata');
  // RepoDigests are the registry's digests of the image (and of its multi-arch index); ImageID is
  // the config digest, which no manifest refers to, so it is never used.
  const digests: string[] = [];
  for (const d of asArray(own(metadata, 'RepoDigests'))) {
    const digest = digestOf(d);
    if (digest && !digests.includes(digest)) digests.push(digest);
  }
  if (digests.length === 0) {
    return fail(file, `scan report "${file}" has no Metadata.RepoDigests, so it cannot be matched to an image: scan the image from its registry (trivy image -f json REPOSITORY@sha256:DIGEST)`);
  }
  const results = own(doc, 'Results');
  if (results !== undefined && results !== null && !Array.isArray(results)) {
    return fail(file, `scan report "${file}" has Results that is not a list, ${REGENERATE}`);
  }
  const entries: VulnerabilityEntry[] = [];
  for (const result of asArray(results)) {
    for (const v of asArray(own(result, 'Vulnerabilities'))) {
      const id = str(own(v, 'VulnerabilityID'));
      const pkg = str(own(v, 'PkgName'));
      if (!id || !pkg) return fail(file, `scan report "${file}" has a vulnerability without VulnerabilityID or PkgName, ${REGENERATE}`);
      const fixedVersion = str(own(v, 'FixedVersion'));
      const status = str(own(v, 'Status')) ?? (fixedVersion ? 'fixed' : 'affected');
      if (status === 'not_affected') continue;
      const purl = str(own(own(v, 'PkgIdentifier'), 'PURL'));
      entries.push({
        id,
        severity: readSeverity(own(v, 'Severity')),
        pkg,
        installed: str(own(v, 'InstalledVersion')) ?? '',
        ...(fixedVersion ? { fixedVersion } : {}),
        fixed: status === 'fixed',
        ...(purl ? { purl } : {}),
      });
    }
  }
  const createdAt = timeOf(own(doc, 'CreatedAt'));
  return { ok: true, value: { file, format: 'trivy', digests, ...(createdAt !== undefined ? { createdAt } : {}), entries } };
}

function grype(doc: { [key: string]: any }, file: string): Parsed<ScanReport> {
  const source = own(doc, 'source');
  const target = own(source, 'target');
  if (own(source, 'type') !== 'image' || !isObject(target)) {
    return fail(file, `scan report "${file}" is a Grype report of ${JSON.stringify(own(source, 'type') ?? 'nothing')}, not of an image: scan the image (grype -o json REPOSITORY@sha256:DIGEST)`);
  }
  const digests: string[] = [];
  for (const d of [own(target, 'manifestDigest'), ...asArray(own(target, 'repoDigests'))]) {
    const digest = digestOf(d);
    if (digest && !digests.includes(digest)) digests.push(digest);
  }
  if (digests.length === 0) {
    return fail(file, `scan report "${file}" has no source.target.manifestDigest or repoDigests, so it cannot be matched to an image: scan the image from its registry (grype -o json REPOSITORY@sha256:DIGEST)`);
  }
  const entries: VulnerabilityEntry[] = [];
  for (const m of asArray(own(doc, 'matches'))) {
    const vuln = own(m, 'vulnerability');
    const artifact = own(m, 'artifact');
    const id = str(own(vuln, 'id'));
    const pkg = str(own(artifact, 'name'));
    if (!id || !pkg) return fail(file, `scan report "${file}" has a match without vulnerability.id or artifact.name, ${REGENERATE}`);
    const fix = own(vuln, 'fix');
    const fixed = own(fix, 'state') === 'fixed';
    const suggested = asArray(own(m, 'matchDetails')).map(d => str(own(own(d, 'fix'), 'suggestedVersion'))).find(v => v !== undefined);
    const versions = asArray(own(fix, 'versions')).filter((v): v is string => typeof v === 'string' && v !== '');
    const fixedVersion = suggested ?? (versions.length > 0 ? versions.join(', ') : undefined);
    const purl = str(own(artifact, 'purl'));
    entries.push({
      id,
      severity: readSeverity(own(vuln, 'severity')),
      pkg,
      installed: str(own(artifact, 'version')) ?? '',
      ...(fixed && fixedVersion ? { fixedVersion } : {}),
      fixed,
      ...(purl ? { purl } : {}),
    });
  }
  const createdAt = timeOf(own(own(doc, 'descriptor'), 'timestamp'));
  return { ok: true, value: { file, format: 'grype', digests, ...(createdAt !== undefined ? { createdAt } : {}), entries } };
}
