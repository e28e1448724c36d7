import { CheckEntry, RuleDefinition } from './rule';
import { PssLevel } from './types';

const ID_PATTERN = /^[a-z][A-Za-z0-9]*(_[a-z]+)?$/;

/** A PSS check selected for one level and version, with the entry that applies. @internal */
export interface SelectedCheck {
  readonly def: RuleDefinition;
  readonly entry: CheckEntry;
}

function byteCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The catalog of rule definitions. It validates itself on construction (unique IDs, strictly
 * increasing versions, overrides that name baseline checks) and resolves which PSS check entries
 * run at a level and version, the way pod-security admission does. @internal
 */
export class RuleRegistry {
  private readonly byId = new Map<string, RuleDefinition>();
  private readonly resolved = new Map<string, SelectedCheck[]>();
  /** The largest minVersion of any PSS check entry: `latest` and newer versions evaluate as this. */
  public readonly maxMinor: number;

  constructor(definitions: readonly RuleDefinition[]) {
    let maxMinor = 0;
    for (const def of definitions) {
      if (!ID_PATTERN.test(def.id)) {
        throw new Error(`invalid rule id "${def.id}", expecting lowerCamelCase such as "imageDigest"`);
      }
      if (this.byId.has(def.id)) {
        throw new Error(`duplicate rule id "${def.id}", every rule needs its own id`);
      }
      this.byId.set(def.id, def);
      if (def.scope === 'pod') {
        const entries = def.entries ?? [];
        if (entries.length === 0) throw new Error(`rule "${def.id}" has no check entries, add at least one`);
        for (let i = 1; i < entries.length; i++) {
          if (entries[i].minVersion <= entries[i - 1].minVersion) {
            throw new Error(`rule "${def.id}" has entries out of order (v1.${entries[i - 1].minVersion} then v1.${entries[i].minVersion}), sort them by strictly increasing minVersion`);
          }
        }
        if (def.level !== undefined) maxMinor = Math.max(maxMinor, entries[entries.length - 1].minVersion);
      } else if (def.scope === 'manifest' && !def.checkManifest) {
        throw new Error(`rule "${def.id}" has manifest scope but no checkManifest, add one`);
      } else if (def.scope === 'set' && !def.checkSet) {
        throw new Error(`rule "${def.id}" has set scope but no checkSet, add one`);
      }
    }
    for (const def of definitions) {
      for (const entry of def.entries ?? []) {
        for (const target of entry.overrides ?? []) {
          const overridden = this.byId.get(target);
          if (def.level !== PssLevel.RESTRICTED || !overridden || overridden.level !== PssLevel.BASELINE) {
            throw new Error(`rule "${def.id}" overrides "${target}", but only restricted checks may override existing baseline checks`);
          }
        }
      }
    }
    this.maxMinor = maxMinor;
  }

  /** Every rule, sorted by ID. */
  public all(): RuleDefinition[] {
    return [...this.byId.values()].sort((a, b) => byteCompare(a.id, b.id));
  }

  /** The rule with this ID. */
  public get(id: string): RuleDefinition | undefined {
    return this.byId.get(id);
  }

  /** True when a rule has this ID. */
  public has(id: string): boolean {
    return this.byId.has(id);
  }

  /** The Pod Security Standards checks. */
  public pssChecks(): RuleDefinition[] {
    return this.all().filter(d => d.level !== undefined);
  }

  /**
   * The PSS check entries that run at a level and (effective) minor version, in pod-security
   * admission's order: baseline IDs sorted byte-wise, then restricted IDs sorted byte-wise.
   */
  public resolvePss(level: PssLevel, minor: number): readonly SelectedCheck[] {
    const effective = Math.min(minor, this.maxMinor);
    const key = `${level}:${effective}`;
    const cached = this.resolved.get(key);
    if (cached) return cached;
    const levels = level === PssLevel.RESTRICTED ? [PssLevel.BASELINE, PssLevel.RESTRICTED]
      : level === PssLevel.BASELINE ? [PssLevel.BASELINE] : [];
    const selected: SelectedCheck[] = [];
    for (const def of this.all()) {
      if (def.level === undefined || !levels.includes(def.level)) continue;
      const entry = entryAt(def.entries ?? [], effective);
      if (entry) selected.push({ def, entry });
    }
    const overridden = new Set<string>();
    if (level === PssLevel.RESTRICTED) {
      for (const s of selected) for (const o of s.entry.overrides ?? []) overridden.add(o);
    }
    const rank = (l: PssLevel | undefined) => (l === PssLevel.BASELINE ? 0 : 1);
    const result = selected
      .filter(s => !overridden.has(s.def.id))
      .sort((a, b) => rank(a.def.level) - rank(b.def.level) || byteCompare(a.def.id, b.def.id));
    this.resolved.set(key, result);
    return result;
  }
}

/** The entry with the largest minVersion ≤ minor. @internal */
export function entryAt(entries: readonly CheckEntry[], minor: number): CheckEntry | undefined {
  let found: CheckEntry | undefined;
  for (const e of entries) {
    if (e.minVersion <= minor) found = e;
    else break;
  }
  return found;
}
