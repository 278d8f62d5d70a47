import { describeImport, type ImportSummary } from '../domain/evidence/import/summary';
import type { FileImportOptions } from '../domain/evidence/import/types';
import { importJobState, setImportJobController, setImportJobState as set } from './importJobState';
import { openImportSession, type ImportSession } from './importEvidence';

export { cancelImportJob, dismissImportJob, importJobState, watchImportJob, type ImportJobState } from './importJobState';

/**
 * Starts an import that outlives the dialog that asked for it: it runs in an import worker of
 * its own, so the person can close the dialog, go to another page and keep working, while the
 * header shows its progress (the chip) and offers Cancel. One import at a time: imports are
 * all-or-nothing transactions, and two at once would only compete for the same store.
 * Resolves with the summary, or rejects as the import did (the state says so too).
 */
export async function startImportJob(items: { file: File; options: FileImportOptions }[], session: ImportSession = openImportSession()): Promise<ImportSummary> {
  if (importJobState().status === 'running') throw new Error('An import is already running: wait for it or cancel it first.');
  const controller = new AbortController();
  setImportJobController(controller);
  const total = items.reduce((s, i) => s + i.file.size, 0);
  const startedAt = Date.now();
  set({ status: 'running', files: items.length, progress: { phase: 'reading', done: 0, total, fileIndex: 0, files: items.length }, startedAt });
  try {
    const summary = await session.run(
      items,
      (progress) => {
        const state = importJobState();
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
    setImportJobController(undefined);
    session.close();
  }
}
