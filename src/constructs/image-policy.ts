import { IConstruct } from 'constructs';
import { isSha256Pinned, matchesPrefix, normalizeRegistryPrefix, parseImage } from '../rules/org/_image';

/**
 * Properties of an `ImagePolicy`.
 */
export interface ImagePolicyProps {
  /**
   * Registry prefixes images must come from, matched like the `imageRegistry` rule does: a
   * prefix ending with `/` matches every image under it (`ghcr.io/acme/`), one without matches
   * that name exactly or on a `/` boundary. Images without a registry host are `docker.io/...`
   * (`nginx` is `docker.io/library/nginx`).
   * @default - any registry
   */
  readonly trustedRegistries?: string[];
  /**
   * Require every image to be pinned by a sha256 digest.
   * @default false
   */
  readonly requireDigest?: boolean;
}

const POLICIES = new WeakMap<IConstruct, ImagePolicy>();

/**
 * An organization image policy that hardened containers check at construction: trusted
 * registries and digest pinning. Give it to a container or workload (`imagePolicy`), or set it
 * on a scope with `ImagePolicy.apply(scope, policy)` so that every secure workload created under
 * that scope afterwards uses it. Tag pinning (no `latest`, no untagged image) always applies.
 */
export class ImagePolicy {
  /** The policy without registry or digest requirements (tag pinning only). @internal */
  public static readonly _NONE = new ImagePolicy();

  /**
   * Sets the image policy of every secure workload created under `scope` from now on, unless a
   * workload or container gives its own.
   */
  public static apply(scope: IConstruct, policy: ImagePolicy): void {
    POLICIES.set(scope, policy);
  }

  /**
   * The image policy in force at `scope`: the one applied to the nearest enclosing scope.
   * @returns undefined when no policy is applied
   */
  public static of(scope: IConstruct): ImagePolicy | undefined {
    const scopes = scope.node.scopes;
    for (let i = scopes.length - 1; i >= 0; i--) {
      const found = POLICIES.get(scopes[i]);
      if (found) return found;
    }
    return undefined;
  }

  /**
   * Refuses invalid, untagged and `latest` images.
   * @param owner the container as errors name it, e.g. `container "web"`
   * @internal
   */
  public static _checkPinned(image: string, owner: string): void {
    if (typeof image !== 'string' || image === '') {
      throw new Error(`${owner} has no image, set image to a pinned reference such as "nginx:1.27.3"`);
    }
    const parsed = parseImage(image);
    if (!parsed.ok) {
      throw new Error(`${owner} image "${image}" is not a valid image reference: ${parsed.reason}`);
    }
    const ref = parsed.ref;
    if (ref.digest !== undefined) return;
    if (ref.tag === undefined) {
      throw new Error(`${owner} image "${image}" has no tag or digest, pin it with a version tag such as "${image}:1.2.3" or a digest "${image}@sha256:<64 hex digits>"`);
    }
    if (ref.tag === 'latest') {
      throw new Error(`${owner} image "${image}" uses the mutable tag "latest", pin a version tag or a digest`);
    }
  }

  /** True when the image is pinned by a sha256 digest. @internal */
  public static _isDigestPinned(image: string): boolean {
    const parsed = parseImage(image);
    return parsed.ok && isSha256Pinned(parsed.ref);
  }

  /** The trusted registry prefixes; empty when any registry is allowed. */
  public readonly trustedRegistries: string[];
  /** True when images must be pinned by a sha256 digest. */
  public readonly requireDigest: boolean;

  private readonly prefixes: string[];

  constructor(props: ImagePolicyProps = {}) {
    for (const prefix of props.trustedRegistries ?? []) {
      if (typeof prefix !== 'string' || prefix.trim() === '' || prefix !== prefix.trim()) {
        throw new Error(`invalid trusted registry ${JSON.stringify(prefix)}, expecting a registry prefix such as "ghcr.io/acme/"`);
      }
    }
    this.trustedRegistries = [...(props.trustedRegistries ?? [])];
    this.requireDigest = props.requireDigest ?? false;
    this.prefixes = this.trustedRegistries.map(normalizeRegistryPrefix);
  }

  /**
   * Checks an image reference against this policy and the tag pinning every hardened container
   * needs.
   * @param image the image reference
   * @param container the container's name, for the error
   * @throws when the image is not allowed, naming the image and the fix
   */
  public check(image: string, container: string): void {
    this._check(image, `container "${container}"`);
  }

  /**
   * `check` with the container named as errors name it, e.g. `container "web" (containers[0]) of
   * SecureDeployment "shop/web"`.
   * @internal
   */
  public _check(image: string, owner: string): void {
    ImagePolicy._checkPinned(image, owner);
    const parsed = parseImage(image);
    if (!parsed.ok) return; // checkPinned already refused it
    if (this.requireDigest && !isSha256Pinned(parsed.ref)) {
      throw new Error(`${owner} image "${image}" is not pinned by a sha256 digest, which the image policy requires: use "${image.split('@')[0]}@sha256:<64 hex digits>"`);
    }
    if (this.prefixes.length > 0 && !this.prefixes.some(p => matchesPrefix(parsed.ref.fullName, p))) {
      throw new Error(`${owner} image "${image}" (${parsed.ref.fullName}) is not from a trusted registry, expecting one of: ${this.trustedRegistries.join(', ')}`);
    }
  }
}
