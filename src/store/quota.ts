import { DomainError } from '../domain/errors';

/**
 * The browser refused a write because this site's storage is full. IndexedDB aborts the whole
 * transaction when that happens, so nothing of the write is stored; this error says so in words
 * a person can act on, instead of a bare "QuotaExceededError".
 */
export class StorageFullError extends DomainError {
  constructor(what: string) {
    super(
      `Your browser's storage is full: ${what} was not saved, and nothing of it was written. ` +
        'Free some space (delete data of other sites, or download a backup and remove old specs), then try again.',
      'StorageFullError',
    );
  }
}

/** Dexie reports the quota as its own QuotaExceededError, or as an abort whose inner error is one. */
export function isQuotaError(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 4; depth++) {
    const o = e as { name?: unknown; inner?: unknown; cause?: unknown };
    if (o.name === 'QuotaExceededError') return true;
    e = o.inner ?? o.cause;
  }
  return false;
}

/** Runs a write; a full storage comes back as StorageFullError naming `what`. */
export async function guardQuota<T>(what: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (isQuotaError(err)) throw new StorageFullError(what);
    throw err;
  }
}
