import * as Comlink from 'comlink';
import {
  fileSource,
  ImportCancelledError,
  parseSources,
  previewSource,
  toErrorInfo,
  type FileImportOptions,
  type ImportErrorInfo,
  type ImportProgress,
  type ImportSummary,
  type PreviewRequest,
} from '../src/domain/evidence/import';
import { writeParsedFiles } from '../src/store/evidenceImport';

/**
 * Evidence import, off the page's thread: reading, parsing, validating AND writing. The write
 * happens here too (through src/store, the one exception to "workers import only the
 * domain"), because 100k runs would otherwise cross back to the page as objects and a single
 * bulk write there would block it for seconds; Dexie tells the page's live queries when it
 * commits.
 */

export type ImportOutcome = { ok: true; summary: ImportSummary } | { ok: false; error: ImportErrorInfo };

/** Progress messages at most this often: enough for a smooth bar, few enough to cost nothing. */
const PROGRESS_MS = 100;
/** The longest stretch of parsing between yields, so a Cancel message is handled promptly. */
const YIELD_MS = 30;

let cancelled = false;

const api = {
  preview(file: File, request: PreviewRequest) {
    return previewSource(fileSource(file), request);
  },

  async importFiles(items: { file: File; options: FileImportOptions }[], now: number, onProgress?: (p: ImportProgress) => void): Promise<ImportOutcome> {
    cancelled = false;
    let lastPost = 0;
    let lastPhase = '';
    let lastYield = performance.now();
    const report = (p: ImportProgress) => {
      const t = performance.now();
      if (t - lastPost < PROGRESS_MS && p.done < p.total && p.phase === lastPhase) return;
      lastPost = t;
      lastPhase = p.phase;
      void onProgress?.(p);
    };
    const checkpoint = async () => {
      if (performance.now() - lastYield > YIELD_MS) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        lastYield = performance.now();
      }
      if (cancelled) throw new ImportCancelledError();
    };
    try {
      const parsed = await parseSources(
        items.map(({ file, options }) => ({ source: fileSource(file), options })),
        { onProgress: report, checkpoint },
      );
      const summary = await writeParsedFiles(parsed, now, { onProgress: report, isCancelled: () => cancelled });
      return { ok: true, summary };
    } catch (err) {
      return { ok: false, error: toErrorInfo(err) };
    }
  },

  cancel() {
    cancelled = true;
  },
};

export type ImportApi = typeof api;

Comlink.expose(api);
