const VERSION_PATTERN = /^v1\.([0-9]|[1-9][0-9]*)$/;

/**
 * A Pod Security Standards policy version, parsed exactly as pod-security admission parses the
 * `pod-security.kubernetes.io/<mode>-version` labels: `latest`, or `v1.<minor>` without leading zeros.
 */
export class PolicyVersion {
  /** The newest policy version. It evaluates as the newest check entry. */
  public static readonly LATEST = new PolicyVersion(Number.MAX_SAFE_INTEGER);

  /**
   * Parses `latest` or `v1.N`.
   * @throws when the value is neither; nothing falls back silently to `latest`
   */
  public static of(value: string): PolicyVersion {
    if (typeof value !== 'string') {
      throw new Error(`invalid policy version ${JSON.stringify(value)}, expecting "latest" or "v1.<minor>" such as "v1.30"`);
    }
    if (value === 'latest') return PolicyVersion.LATEST;
    const match = VERSION_PATTERN.exec(value);
    if (!match) {
      throw new Error(`invalid policy version "${value}", expecting "latest" or "v1.<minor>" such as "v1.30"`);
    }
    return new PolicyVersion(Number(match[1]));
  }

  /** Version `v1.<minor>`. */
  public static fromMinor(minor: number): PolicyVersion {
    if (!Number.isInteger(minor) || minor < 0) {
      throw new Error(`invalid policy minor version ${minor}, expecting a whole number from 0`);
    }
    return new PolicyVersion(minor);
  }

  /** Tells whether a string is a valid policy version. */
  public static isValid(value: string): boolean {
    return value === 'latest' || VERSION_PATTERN.test(value);
  }

  /** The minor version; `Number.MAX_SAFE_INTEGER` for `latest`. */
  public readonly minor: number;

  private constructor(minor: number) {
    this.minor = minor;
  }

  /** True for `latest`. */
  public get isLatest(): boolean {
    return this.minor === Number.MAX_SAFE_INTEGER;
  }

  /** The version as it is written in labels: `latest` or `v1.N`. */
  public toString(): string {
    return this.isLatest ? 'latest' : `v1.${this.minor}`;
  }

  /** This version, capped at `maxMinor` (the newest check entry), as pod-security admission evaluates it. */
  public effectiveMinor(maxMinor: number): number {
    return Math.min(this.minor, maxMinor);
  }
}
