import type { ImportProgress } from '../domain/evidence/import/types';
import type { ImportSummary } from '../domain/evidence/import/summary';

/**
 * Where the one import at a time stands; the dialog, the header chip and the Evidence page all
 * watch it. Apart from importJob.ts (which runs the import) so that the header's chip, on every
 * page, does not load the import pipeline and its parsers.
 */
export type ImportJobState =
  | { status: 'idle' }
  | { status: 'running'; files: number; progress: ImportProgress; startedAt: number }
  | { status: 'done'; summary: ImportSummary; message: string; notes: string[] }
  | { status: 'failed'; error: unknown; cancelled: boolean };

type Listener = (state: ImportJobState) => void;

let state: ImportJobState = { status: 'idle' };
let controller: AbortController | undefined;
const listeners = new Set<Listener>();

export function setImportJobState(next: ImportJobState): void {
  state = next;
  for (const l of listeners) l(state);
}

/** The current state, then every change, until unsubscribed. */
export function watchImportJob(listener: Listener): () => void {
  listeners.add(listener);
  listener(state);
  return () => listeners.delete(listener);
}

export function importJobState(): ImportJobState {
  return state;
}

/** The running import's Cancel (set by importJob.ts while it runs). */
export function setImportJobController(c: AbortController | undefined): void {
  controller = c;
}

/** Cancels the running import; nothing of it is written. */
export function cancelImportJob(): void {
  controller?.abort();
}

/** Forgets a finished import's outcome (the chip's ×). */
export function dismissImportJob(): void {
  if (state.status !== 'running') setImportJobState({ status: 'idle' });
}
