import { describeImport, type FileImportOptions, type ImportProgress, type ImportSummary } from '../domain/evidence/import';
import { openImportSession, type ImportSession } from './importEvidence';

/** Where the one import at a time stands; the dialog, the header chip and the Evidence page all watch it. */
export type ImportJobState =
  | { status: 'idle' }
  | { status: 'running'; files: number; progress: ImportProgress; startedAt: number }
  | { status: 'done'; summary: ImportSummary; message: string; notes: string[] }
  | { status: 'failed'; error: unknown; cancelled: boolean };

type Listener = (state: ImportJobState) => void;

let state: ImportJobState = { status: 'idle' };
let controller: AbortController | undefined;
const listeners = new Set<Listener>();

function set(next: ImportJobState): void {
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

/**
 * Starts an import that outlives the dialog that asked for it: it runs in an import worker of
 * its own, so the person can close the dialog, go to another page and keep working, while the
 * header shows its progress (the chip) and offers Cancel. One import at a time: imports are
 * all-or-nothing transactions, and two at once would only compete for the same store.
 * Resolves with the summary, or rejects as the import did (the state says so too).
 */
export async function startImportJob(items: { file: File; options: FileImportOptions }[], session: ImportSession = openImportSession()): Promise<ImportSummary> {
  if (state.status === 'running') throw new Error('An import is already running: wait for it or cancel it first.');
  controller = new AbortController();
  const total = items.reduce((s, i) => s + i.file.size, 0);
  const startedAt = Date.now();
  set({ status: 'running', files: items.length, progress: { phase: 'reading', done: 0, total, fileIndex: 0, files: items.length }, startedAt });
  try {
    const summary = await session.run(
      items,
      (progress) => {
        if (state.status === 'running') set({ ...state, progress });
      },
      controller.signal,
    );
    set({ status: 'done', summary, message: describeImport(summary), notes: summary.files.flatMap((f) => f.notes.map((n) => `${f.name}: ${n}`)) });
    return summary;
  } catch (error) {
    set({ status: 'failed', error, cancelled: (error as { name?: string } | undefined)?.name === 'ImportCancelledError' });
    throw error;
  } finally {
    controller = undefined;
    session.close();
  }
}

/** Cancels the running import; nothing of it is written. */
export function cancelImportJob(): void {
  controller?.abort();
}

/** Forgets a finished import's outcome (the chip's ×). */
export function dismissImportJob(): void {
  if (state.status !== 'running') set({ status: 'idle' });
}
