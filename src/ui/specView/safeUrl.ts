/**
 * Which URLs in a spec become live links or loaded images. A spec may come from anyone (a
 * peer, an imported file), so anything that could run code or reach out unasked stays text.
 */
const LINK_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

export type UrlVerdict = { ok: true; href: string; external: boolean } | { ok: false; reason: string };

function parse(url: string): URL | undefined {
  try {
    // Browsers ignore tabs, newlines and leading control characters in a scheme
    // ("java\tscript:"); URL parsing does the same, so it sees what a click would.
    return new URL(url, 'https://relative.invalid/');
  } catch {
    return undefined;
  }
}

export function checkLink(url: string): UrlVerdict {
  const u = parse(url.trim());
  if (!u) return { ok: false, reason: 'not a valid address' };
  if (!LINK_SCHEMES.has(u.protocol)) return { ok: false, reason: `${u.protocol} links are not followed` };
  if (u.host === 'relative.invalid') {
    const path = u.pathname + u.search + u.hash;
    return { ok: true, href: path, external: false };
  }
  return { ok: true, href: u.href, external: true };
}

/**
 * Images are never loaded from data:, blob:, javascript: or SVG sources, and a remote image is
 * only fetched when the person asks (loading it would tell that server the spec was opened).
 */
export function checkImage(url: string): UrlVerdict {
  const u = parse(url.trim());
  if (!u) return { ok: false, reason: 'not a valid address' };
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return { ok: false, reason: `${u.protocol} images are not loaded` };
  if (/\.svgz?$/i.test(u.pathname)) return { ok: false, reason: 'SVG images are not loaded' };
  if (u.host === 'relative.invalid') return { ok: false, reason: 'relative images are not loaded' };
  return { ok: true, href: u.href, external: true };
}
