import { openImportWorker, type ImportWorker } from '../learner/importClient';
import { importSources } from '../store/evidenceImport';
import {
  fileSource,
  ImportCancelledError,
  previewSource,
  type FileImportOptions,
  type ImportProgress,
  type ImportSummary,
} from '../domain/evidence/import';

export {
  CSV_FIELDS,
  describeImport,
  detectFormat,
  FileTooLargeError,
  FORMATS,
  formatById,
  ImportCancelledError,
  IMPORT_FORMATS,
  MAX_IMPORT_BYTES,
  describeBytes,
  type CsvField,
  type CsvMapping,
  type FileImportOptions,
  type FormatSpec,
  type ImportFormat,
  type ImportProgress,
  type ImportSummary,
  type PreviewRequest,
  type PreviewResult,
} from '../domain/evidence/import';

/** An import dialog's connection: preview files, then import them all-or-nothing. */
export type ImportSession = ImportWorker;

/**
 * Reads and writes on the calling thread. Used where there is no Worker (Node tests) and as
 * the reference the worker must agree with: the same parse and writes, in the same single transaction.
 */
export function inProcessImportSession(): ImportSession {
  return {
    preview: (file, request) => previewSource(fileSource(file), request),
    async run(items, onProgress, signal) {
      const checkpoint = () => {
        if (signal?.aborted) throw new ImportCancelledError();
      };
      return importSources(
        items.map(({ file, options }) => ({ source: fileSource(file), options })),
        Date.now(),
        { onProgress, checkpoint, isCancelled: () => signal?.aborted ?? false },
      );
    },
    close: () => undefined,
  };
}

/** The import worker in a browser; in-process elsewhere. Close it when the dialog closes. */
export function openImportSession(): ImportSession {
  return typeof Worker === 'undefined' ? inProcessImportSession() : openImportWorker();
}

/** One import from start to end, for callers that need no preview (and for tests). */
export async function importEvidence(
  items: { file: File; options: FileImportOptions }[],
  onProgress?: (p: ImportProgress) => void,
  signal?: AbortSignal,
): Promise<ImportSummary> {
  const session = openImportSession();
  try {
    return await session.run(items, onProgress, signal);
  } finally {
    session.close();
  }
}
