import { clearDocument } from 'y-indexeddb';
import { specDocName } from './specSession';

/** Deletes a spec's stored document (its own IndexedDB database) for good: sample data only. */
export function deleteSpecDocument(specId: string): Promise<void> {
  return clearDocument(specDocName(specId));
}
