import { readFileSync } from 'node:fs';

/** The seed's stub (test/fixtures/ethics/seedStub.json, transcribed from DOMAIN.md section 4). */
export const SEED_STUB = JSON.parse(readFileSync(new URL('../fixtures/ethics/seedStub.json', import.meta.url), 'utf8')) as Record<string, unknown>;

const kind = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/**
 * Where `header` differs from the stub's shape, key by key: a missing key, a value of another
 * type (beta1_lap may be null: no two refits to compare yet), a list item of another type, or
 * the stub's keys not coming first in the stub's order. Empty when a tool written against the
 * seed reads every key it expects.
 */
export function shapeDifferences(stub: unknown, header: unknown, path = ''): string[] {
  if (kind(stub) === 'object') {
    if (kind(header) !== 'object') return [`${path || '(root)'}: an object was expected, got ${kind(header)}`];
    const s = stub as Record<string, unknown>;
    const h = header as Record<string, unknown>;
    const out: string[] = [];
    const order = Object.keys(h).slice(0, Object.keys(s).length);
    if (order.join() !== Object.keys(s).join()) out.push(`${path || '(root)'}: keys ${order.join(', ')} instead of ${Object.keys(s).join(', ')}`);
    for (const k of Object.keys(s)) {
      const at = path ? `${path}.${k}` : k;
      if (!(k in h)) out.push(`${at}: missing`);
      else out.push(...shapeDifferences(s[k], h[k], at));
    }
    return out;
  }
  if (kind(stub) === 'array') {
    if (kind(header) !== 'array') return [`${path}: a list was expected, got ${kind(header)}`];
    const item = kind((stub as unknown[])[0]);
    return (header as unknown[]).flatMap((x, i) => (kind(x) === item ? [] : [`${path}[${i}]: ${item} expected, got ${kind(x)}`]));
  }
  if (path.endsWith('beta1_lap') && header === null) return [];
  return kind(stub) === kind(header) ? [] : [`${path}: ${kind(stub)} expected, got ${kind(header)}`];
}
