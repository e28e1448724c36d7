import { ImageReference, normalizeRegistryPrefix } from '../rules/org/_image';

/** A package URL (`pkg:type/namespace/name@version?qualifiers#subpath`), decoded. @internal */
export interface Purl {
  readonly type: string;
  /** The namespace, `''` when there is none. */
  readonly namespace: string;
  readonly name: string;
  readonly version?: string;
  readonly qualifiers: { readonly [key: string]: string };
}

function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** Parses a package URL; undefined when it is not one. @internal */
export function parsePurl(raw: unknown): Purl | undefined {
  if (typeof raw !== 'string' || !raw.startsWith('pkg:')) return undefined;
  let rest = raw.slice(4).replace(/^\/+/, '');
  const hash = rest.indexOf('#');
  if (hash >= 0) rest = rest.slice(0, hash);
  const qualifiers: { [key: string]: string } = {};
  const question = rest.indexOf('?');
  if (question >= 0) {
    for (const pair of rest.slice(question + 1).split('&')) {
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const value = decode(pair.slice(eq + 1));
      if (value === undefined) return undefined;
      qualifiers[pair.slice(0, eq).toLowerCase()] = value;
    }
    rest = rest.slice(0, question);
  }
  let version: string | undefined;
  const at = rest.lastIndexOf('@');
  if (at >= 0) {
    version = decode(rest.slice(at + 1));
    if (version === undefined) return undefined;
    rest = rest.slice(0, at);
  }
  const parts = rest.split('/').filter(p => p !== '');
  if (parts.length < 2) return undefined;
  const decoded = parts.map(decode);
  if (decoded.some(p => p === undefined)) return undefined;
  const type = decoded[0]!.toLowerCase();
  const name = decoded[decoded.length - 1]!;
  return {
    type,
    namespace: decoded.slice(1, -1).join('/'),
    name,
    ...(version !== undefined && version !== '' ? { version } : {}),
    qualifiers,
  };
}

/**
 * True when a `pkg:oci` purl names this image: its name is the last component of the image's
 * repository; its version, when given, is the image's digest; its `repository_url`, when given,
 * is the image's registry and repository (`ghcr.io/acme/app`, with or without the name at the
 * end). A purl without a version names every digest of the repository, as in Trivy. @internal
 */
export function purlMatchesImage(purl: Purl, image: ImageReference): boolean {
  if (purl.type !== 'oci') return false;
  const repository = image.repository;
  const last = repository.slice(repository.lastIndexOf('/') + 1);
  if (purl.name.toLowerCase() !== last) return false;
  if (purl.version !== undefined && purl.version !== image.digest) return false;
  const url = purl.qualifiers.repository_url;
  if (url !== undefined) {
    const normalized = normalizeRegistryPrefix(url.replace(/^[a-z]+:\/\//i, '').replace(/\/+$/, ''));
    const full = normalized.includes('/') ? normalized : `${normalized}/${last}`;
    // docker.io official images may be written without `library/`.
    const candidates = [full, `${full}/${last}`];
    if (!candidates.some(c => c === image.fullName || c === image.fullName.replace('docker.io/library/', 'docker.io/'))) return false;
  }
  return true;
}

/**
 * True when a package purl (a VEX subcomponent) names a package: same name; same type and
 * namespace when the package's own purl is known; same version when the purl gives one. @internal
 */
export function purlMatchesPackage(purl: Purl, pkg: string, installed: string, pkgPurl: string | undefined): boolean {
  if (purl.name !== pkg) return false;
  const own = pkgPurl !== undefined ? parsePurl(pkgPurl) : undefined;
  if (own && (own.type !== purl.type || own.namespace !== purl.namespace)) return false;
  if (purl.version !== undefined && purl.version !== installed) return false;
  return true;
}
