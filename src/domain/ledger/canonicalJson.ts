import { DomainError } from '../errors';

/** A value that cannot be written as canonical JSON; `path` says where it sits (e.g. `$.payload.items[2]`). */
export class CanonicalJsonError extends DomainError {
  readonly path: string;
  constructor(path: string, message: string) {
    super(`${path}: ${message}`, 'CanonicalJsonError');
    this.path = path;
  }
}

/**
 * Canonical JSON: object keys sorted (by UTF-16 code units, as RFC 8785 does) at every depth,
 * no whitespace, array order kept. Anything JSON.stringify would silently drop or distort
 * (undefined, NaN, Infinity, functions, symbols, bigints, class instances such as Date,
 * cycles) is refused instead, because a log entry whose bytes depend on such accidents could
 * not be verified later.
 */
export function canonicalJson(value: unknown): string {
  return write(value, '$', new Set());
}

/** The exact bytes that are hashed and signed: canonical JSON as UTF-8. */
export function canonicalBytes(value: unknown): Uint8Array {
  return new TextEncoder().encode(canonicalJson(value));
}

function write(value: unknown, path: string, open: Set<object>): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(path, `${value} is not a JSON number`);
      return JSON.stringify(value); // -0 becomes 0, as in JSON.stringify.
    case 'undefined':
      throw new CanonicalJsonError(path, 'undefined is not JSON (omit the key or use null)');
    case 'function':
      throw new CanonicalJsonError(path, 'a function is not JSON');
    case 'symbol':
      throw new CanonicalJsonError(path, 'a symbol is not JSON');
    case 'bigint':
      throw new CanonicalJsonError(path, 'a bigint is not JSON (write it as a string)');
    case 'object':
      break;
  }
  if (value === null) return 'null';
  const obj = value as object;
  if (open.has(obj)) throw new CanonicalJsonError(path, 'cyclic reference');
  open.add(obj);
  try {
    if (Array.isArray(obj)) {
      const parts: string[] = [];
      for (let i = 0; i < obj.length; i++) parts.push(write(obj[i], `${path}[${i}]`, open));
      return `[${parts.join(',')}]`;
    }
    const proto = Object.getPrototypeOf(obj) as unknown;
    if (proto !== Object.prototype && proto !== null) {
      const name = (obj as { constructor?: { name?: string } }).constructor?.name ?? 'object';
      throw new CanonicalJsonError(path, `a ${name} is not a plain object`);
    }
    const record = obj as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    const parts = keys.map(
      (k) => `${JSON.stringify(k)}:${write(record[k], `${path}.${k}`, open)}`,
    );
    return `{${parts.join(',')}}`;
  } finally {
    open.delete(obj);
  }
}
