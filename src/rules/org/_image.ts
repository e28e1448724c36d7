/**
 * A parsed container image reference, normalized the way container runtimes resolve it:
 * `nginx` → registry `docker.io`, repository `library/nginx`. @internal
 */
export interface ImageReference {
  /** The reference as written. */
  readonly raw: string;
  /** The registry host, lowercase, with its port when one is written: `docker.io`, `localhost:5000`. */
  readonly registry: string;
  /** The repository path inside the registry: `library/nginx`, `acme/api`. */
  readonly repository: string;
  /** `registry/repository`, the name registry prefixes are matched against. */
  readonly fullName: string;
  /** The tag when one is written (`1.25`), otherwise undefined. */
  readonly tag?: string;
  /** The digest when one is written (`sha256:…`), otherwise undefined. */
  readonly digest?: string;
}

/** The result of parsing: the reference, or the reason it is not valid. @internal */
export type ImageParse = { readonly ok: true; readonly ref: ImageReference } | { readonly ok: false; readonly reason: string };

const DEFAULT_REGISTRY = 'docker.io';
const LEGACY_DEFAULT_REGISTRY = 'index.docker.io';
const OFFICIAL_NAMESPACE = 'library';
const MAX_NAME_LENGTH = 255;

// Grammar of the distribution reference format (written from its documented grammar):
//   path-component := [a-z0-9]+ ( ( "." | "_" | "__" | "-"+ ) [a-z0-9]+ )*
//   tag            := [\w][\w.-]{0,127}
//   digest         := algorithm ":" hex, algorithm := [a-z0-9]+ ( [+._-] [a-z0-9]+ )*, hex ≥ 32 chars
//   host           := DNS labels joined by "." (letters, digits, inner "-"), or an IPv6 address in [ ]
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[0-9a-fA-F]{32,}$/;
const HOST = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:.]+\])$/;
const PORT = /^[0-9]+$/;
const SHA256_DIGEST = /^sha256:[0-9a-f]{64}$/;

const cache = new Map<string, ImageParse>();

/**
 * Parses an image reference such as `nginx`, `nginx:1.25`, `ghcr.io/acme/api@sha256:…` or
 * `localhost:5000/team/app:dev`. The first path component is a registry when it contains `.`
 * or `:`, is `localhost`, or has uppercase letters; otherwise the registry is `docker.io`, and a
 * one-component repository there gets the `library/` prefix. `index.docker.io` is read as
 * `docker.io`. Results are cached: a manifest set usually repeats the same few images.
 * @internal
 */
export function parseImage(raw: string): ImageParse {
  const cached = cache.get(raw);
  if (cached) return cached;
  const result = parseUncached(raw);
  if (cache.size > 10_000) cache.clear();
  cache.set(raw, result);
  return result;
}

function fail(reason: string): ImageParse {
  return { ok: false, reason };
}

function parseUncached(raw: string): ImageParse {
  if (raw === '') return fail('it is empty');
  if (raw !== raw.trim()) return fail('it has leading or trailing spaces');
  let rest = raw;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return fail(`digest "${digest}" is not "<algorithm>:<hex>"`);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return fail(`tag "${tag}" is not valid`);
  }
  if (rest === '') return fail('it has no repository name');
  if (rest.length > MAX_NAME_LENGTH) return fail(`the name is longer than ${MAX_NAME_LENGTH} characters`);

  let registry = DEFAULT_REGISTRY;
  let path = rest;
  const slash = rest.indexOf('/');
  if (slash >= 0) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase()) {
      const problem = checkDomain(first);
      if (problem) return fail(problem);
      registry = first.toLowerCase();
      path = rest.slice(slash + 1);
    }
  }
  if (registry === LEGACY_DEFAULT_REGISTRY) registry = DEFAULT_REGISTRY;
  const components = path.split('/');
  for (let i = 0; i < components.length; i++) {
    const component = components[i];
    if (!PATH_COMPONENT.test(component)) {
      return fail(component === ''
        ? 'the repository path has an empty component'
        : `repository component "${component}" must be lowercase letters and digits, separated by ".", "_", "__" or "-"`);
    }
  }
  if (registry === DEFAULT_REGISTRY && components.length === 1) path = `${OFFICIAL_NAMESPACE}/${path}`;
  return {
    ok: true,
    ref: {
      raw,
      registry,
      repository: path,
      fullName: `${registry}/${path}`,
      ...(tag !== undefined ? { tag } : {}),
      ...(digest !== undefined ? { digest } : {}),
    },
  };
}

function checkDomain(domain: string): string | undefined {
  let host = domain;
  const bracketEnd = domain.lastIndexOf(']');
  const colon = domain.lastIndexOf(':');
  if (colon > bracketEnd) {
    const port = domain.slice(colon + 1);
    host = domain.slice(0, colon);
    if (!PORT.test(port)) return `registry port "${port}" is not a number`;
  }
  if (!HOST.test(host)) return `registry host "${host}" is not a valid host name`;
  return undefined;
}

/** True when the reference is pinned by a sha256 digest (`@sha256:` and 64 lowercase hex digits). @internal */
export function isSha256Pinned(ref: ImageReference): boolean {
  return ref.digest !== undefined && SHA256_DIGEST.test(ref.digest);
}

/**
 * Normalizes an allowed-registry prefix the way image names are normalized, so that
 * `registry.example.com/` and `Registry.Example.com/` mean the same, and `index.docker.io/`
 * means `docker.io/`. @internal
 */
export function normalizeRegistryPrefix(prefix: string): string {
  const slash = prefix.indexOf('/');
  const host = (slash < 0 ? prefix : prefix.slice(0, slash)).toLowerCase();
  const rest = slash < 0 ? '' : prefix.slice(slash);
  return (host === LEGACY_DEFAULT_REGISTRY ? DEFAULT_REGISTRY : host) + rest;
}

/**
 * True when a normalized image name falls under a normalized prefix. A prefix that ends with `/`
 * matches any name that starts with it. A prefix without a trailing `/` matches the same name
 * exactly or on a `/` boundary, so `ghcr.io/acme` never matches `ghcr.io/acme-evil/app`.
 * @internal
 */
export function matchesPrefix(fullName: string, prefix: string): boolean {
  if (prefix.endsWith('/')) return fullName.startsWith(prefix);
  return fullName === prefix || fullName.startsWith(prefix + '/');
}
