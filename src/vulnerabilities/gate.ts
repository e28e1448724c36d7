import { dayAfter, parseReportAge } from './options';
import { purlMatchesImage, purlMatchesPackage } from './purl';
import { ScanReport, VulnerabilityEntry } from './reports';
import { atOrAboveSeverity, DEFAULT_MIN_SEVERITY } from './severity';
import { VulnerabilityAcceptance, VulnerabilitySeverity } from './types';
import { VexStatement } from './vex';
import { ImageReference, matchesPrefix, normalizeRegistryPrefix } from '../rules/org/_image';

/** Where an acceptance or a VEX statement that suppresses a finding was declared. @internal */
export const ACCEPT_SOURCE = 'vulnerabilities.accept';

/** What the gate says about one vulnerability entry of an image. @internal */
export interface VulnerabilityOutcome {
  readonly kind: 'vulnerability';
  readonly entry: VulnerabilityEntry;
  /** The report file that lists it (the first one, when several do). */
  readonly file: string;
  /** The VEX statement or acceptance that covers it. */
  readonly suppression?: { readonly reason: string; readonly by: string };
}

/** A covering report older than maxReportAge, or without a creation time. @internal */
export interface StaleOutcome {
  readonly kind: 'stale';
  readonly file: string;
  /** Why it is stale, e.g. `was created on 2021-08-25, 1924 days ago, more than maxReportAge 7d`. */
  readonly why: string;
}

/** Everything the gate says about one image. @internal */
export type ImageOutcome = StaleOutcome | VulnerabilityOutcome;

/** The inputs of a gate, already read and parsed. @internal */
export interface GateInput {
  readonly reports: readonly ScanReport[];
  readonly vex?: readonly VexStatement[];
  readonly minSeverity?: VulnerabilitySeverity;
  readonly ignoreUnfixed?: boolean;
  /** Acceptances; expired ones are dropped by `buildGate` (with a warning). */
  readonly accept?: readonly VulnerabilityAcceptance[];
  readonly maxReportAge?: string;
}

interface Acceptance {
  readonly id: string;
  readonly reason: string;
  readonly images?: readonly string[];
  readonly packages?: readonly string[];
}

function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * The loaded scanner data the imageVulnerabilities rule reads from its parameters: reports by
 * digest, VEX statements and active acceptances by vulnerability ID, and the filters. Built
 * once per run by `buildGate`; answering for an image is pure (answers are kept by image,
 * since manifests repeat a few images). @internal
 */
export class VulnerabilityGate {
  /** The lowest severity reported. */
  public readonly minSeverity: VulnerabilitySeverity;
  /** Whether entries without a fix are skipped. */
  public readonly ignoreUnfixed: boolean;
  private readonly byDigest = new Map<string, ScanReport[]>();
  private readonly stale = new Map<string, string>();
  private readonly vex = new Map<string, VexStatement[]>();
  private readonly accepted = new Map<string, Acceptance[]>();
  private readonly answers = new Map<string, ImageOutcome[]>();

  constructor(input: GateInput, stale: ReadonlyMap<string, string>, active: readonly VulnerabilityAcceptance[]) {
    this.minSeverity = input.minSeverity ?? DEFAULT_MIN_SEVERITY;
    this.ignoreUnfixed = input.ignoreUnfixed ?? false;
    for (const report of input.reports) {
      for (const digest of report.digests) {
        const list = this.byDigest.get(digest) ?? [];
        if (!list.includes(report)) list.push(report);
        this.byDigest.set(digest, list);
      }
    }
    for (const [file, why] of stale) this.stale.set(file, why);
    for (const s of input.vex ?? []) {
      for (const id of s.ids) {
        const list = this.vex.get(id) ?? [];
        list.push(s);
        this.vex.set(id, list);
      }
    }
    for (const a of active) {
      const id = a.id.toUpperCase();
      const list = this.accepted.get(id) ?? [];
      list.push({
        id,
        reason: a.reason.trim(),
        ...(a.images ? { images: a.images.map(normalizeRegistryPrefix) } : {}),
        ...(a.packages ? { packages: a.packages } : {}),
      });
      this.accepted.set(id, list);
    }
  }

  /** True when some report covers this digest. */
  public covers(digest: string): boolean {
    return this.byDigest.has(digest);
  }

  /**
   * What the reports say about a digest-pinned image: stale reports first, then one outcome per
   * distinct vulnerability entry (ID, package, installed version) that passes the filters.
   */
  public outcomes(image: ImageReference): readonly ImageOutcome[] {
    const key = image.raw;
    const cached = this.answers.get(key);
    if (cached) return cached;
    const out: ImageOutcome[] = [];
    const reports = image.digest !== undefined ? this.byDigest.get(image.digest) ?? [] : [];
    for (const report of reports) {
      const why = this.stale.get(report.file);
      if (why !== undefined) out.push({ kind: 'stale', file: report.file, why });
    }
    const seen = new Set<string>();
    for (const report of reports) {
      for (const entry of report.entries) {
        if (!atOrAboveSeverity(entry.severity, this.minSeverity)) continue;
        if (this.ignoreUnfixed && !entry.fixed) continue;
        const id = `${entry.id}\u0000${entry.pkg}\u0000${entry.installed}`;
        if (seen.has(id)) continue;
        seen.add(id);
        const suppression = this.vexFor(entry, image) ?? this.acceptanceFor(entry, image);
        out.push({ kind: 'vulnerability', entry, file: report.file, ...(suppression ? { suppression } : {}) });
      }
    }
    if (this.answers.size > 10_000) this.answers.clear();
    this.answers.set(key, out);
    return out;
  }

  private vexFor(entry: VulnerabilityEntry, image: ImageReference): { reason: string; by: string } | undefined {
    const statements = this.vex.get(entry.id.toUpperCase());
    if (!statements) return undefined;
    // The latest statement about this image and package decides (ties: the one read last).
    let best: VexStatement | undefined;
    for (const s of statements) {
      const applies = s.products.some(p => purlMatchesImage(p.image, image)
        && (p.packages.length === 0 || p.packages.some(q => purlMatchesPackage(q, entry.pkg, entry.installed, entry.purl))));
      if (!applies) continue;
      if (!best || s.time > best.time || (s.time === best.time && s.order > best.order)) best = s;
    }
    if (!best || (best.status !== 'not_affected' && best.status !== 'fixed')) return undefined;
    return { reason: `${best.status}: ${best.reason}`, by: `vex:${best.file}` };
  }

  private acceptanceFor(entry: VulnerabilityEntry, image: ImageReference): { reason: string; by: string } | undefined {
    const list = this.accepted.get(entry.id.toUpperCase());
    if (!list) return undefined;
    for (const a of list) {
      if (a.images && !a.images.some(p => matchesPrefix(image.fullName, p))) continue;
      if (a.packages && !a.packages.includes(entry.pkg)) continue;
      return { reason: a.reason, by: ACCEPT_SOURCE };
    }
    return undefined;
  }
}

/** A gate and the warnings its inputs raise (expired acceptances). @internal */
export interface BuiltGate {
  readonly gate: VulnerabilityGate;
  readonly warnings: string[];
}

/**
 * Builds the gate from parsed inputs at a moment in time: acceptances that expired before `now`
 * are dropped with a warning naming them, and reports older than maxReportAge (or without a
 * creation time, when maxReportAge is set) are marked stale. @internal
 */
export function buildGate(input: GateInput, now: number): BuiltGate {
  const warnings: string[] = [];
  const active: VulnerabilityAcceptance[] = [];
  for (const a of input.accept ?? []) {
    const end = dayAfter(a.expires);
    if (end !== undefined && now >= end) {
      warnings.push(`acceptance of "${a.id}" expired on ${a.expires} and no longer suppresses it: fix the vulnerability, or renew the acceptance with a later expires date`);
    } else {
      active.push(a);
    }
  }
  const stale = new Map<string, string>();
  const maxAge = input.maxReportAge !== undefined ? parseReportAge(input.maxReportAge) : undefined;
  if (maxAge !== undefined) {
    for (const r of input.reports) {
      if (r.createdAt === undefined) {
        stale.set(r.file, `has no creation time, so its age cannot be checked against maxReportAge ${input.maxReportAge}`);
      } else if (now - r.createdAt > maxAge) {
        const days = Math.floor((now - r.createdAt) / 86_400_000);
        stale.set(r.file, `was created on ${day(r.createdAt)}, ${days} ${days === 1 ? 'day' : 'days'} ago, more than maxReportAge ${input.maxReportAge}`);
      }
    }
  }
  return { gate: new VulnerabilityGate(input, stale, active), warnings };
}
