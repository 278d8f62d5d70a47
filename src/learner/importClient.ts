import * as Comlink from 'comlink';
import { installWorkerErrors } from '../domain/workerErrors';
import type { ImportApi } from '../../workers/import.worker';
import { fromErrorInfo } from '../domain/evidence/import/errors';
import type { ImportProgress, FileImportOptions } from '../domain/evidence/import/types';
import type { ImportSummary } from '../domain/evidence/import/summary';
import type { PreviewRequest, PreviewResult } from '../domain/evidence/import/preview';
import type { FeedSink } from './feed';

// Errors thrown in the worker come back as the same class, with their fields.
installWorkerErrors(Comlink.transferHandlers);

export interface ImportWorker {
  preview(file: File, request: PreviewRequest): Promise<PreviewResult>;
  /** Rejects with the app's own error classes (ValidationError, FileTooLargeError, ImportCancelledError). */
  run(items: { file: File; options: FileImportOptions }[], onProgress?: (p: ImportProgress) => void, signal?: AbortSignal): Promise<ImportSummary>;
  close(): void;
}

/** The one place the worker file is named, so the bundler emits it once. */
function spawn(name: string): Worker {
  return new Worker(new URL('../../workers/import.worker.ts', import.meta.url), { type: 'module', name });
}

/**
 * A dedicated import worker for one dialog: previews and the import itself run there, so the
 * page only ever handles small messages. Files cross as File handles (cloned, not read).
 */
export function openImportWorker(): ImportWorker {
  const worker = spawn('import');
  const remote = Comlink.wrap<ImportApi>(worker);
  // Comlink never settles a call whose worker died (a crash, running out of memory): do it here.
  const crashed = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (e) => reject(new Error(`The import worker stopped: ${e.message || 'unknown error'}`)));
  });
  crashed.catch(() => undefined);
  return {
    preview: (file, request) => Promise.race([remote.preview(file, request), crashed]),
    async run(items, onProgress, signal) {
      const onAbort = () => void remote.cancel();
      signal?.addEventListener('abort', onAbort);
      try {
        const progress = onProgress ? Comlink.proxy(onProgress) : undefined;
        const outcome = await Promise.race([remote.importFiles(items, Date.now(), progress), crashed]);
        if (!outcome.ok) throw fromErrorInfo(outcome.error);
        return outcome.summary;
      } finally {
        signal?.removeEventListener('abort', onAbort);
      }
    },
    close: () => {
      remote[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
}

export interface FeedHandle {
  stop(): void;
}

/**
 * The learner's evidence feed (src/learner/feed.ts) in a worker of its own: the runs are read,
 * flagged and packed there, and `sink` on the page receives packed batches (transferred
 * buffers) to pass on to the learner worker. Errors, a crash of the worker included, go to
 * `onError`.
 */
export function openFeedWorker(sink: FeedSink, onError: (err: unknown) => void): FeedHandle {
  const worker = spawn('evidence-feed');
  const remote = Comlink.wrap<ImportApi>(worker);
  worker.addEventListener('error', (e) => onError(new Error(`The evidence feed worker stopped: ${e.message || 'unknown error'}`)));
  const fail = ({ name, message }: { name: string; message: string }) => {
    const err = new Error(message);
    err.name = name;
    onError(err);
  };
  remote.startFeed(Comlink.proxy(sink), Comlink.proxy(fail)).catch(onError);
  return {
    stop: () => {
      remote[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
}
