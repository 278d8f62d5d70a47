import * as Comlink from 'comlink';
import { installWorkerErrors } from '../src/domain/workerErrors';
import {
  fileSource,
  ImportCancelledError,
  previewSource,
  toErrorInfo,
  type FileImportOptions,
  type ImportErrorInfo,
  type ImportProgress,
  type ImportSummary,
  type PreviewRequest,
} from '../src/domain/evidence/import';
import { importSources } from '../src/store/evidenceImport';
import { runSource } from '../src/store/runsRepo';
import { batchTransferList } from '../src/domain/learning/engine/batch';
import { RunFeed, type FeedSink } from '../src/learner/feed';

// Errors cross to the page as plain data with their fields and come back as the same class.
installWorkerErrors(Comlink.transferHandlers);

/**
 * Evidence import, off the page's thread: reading, parsing, validating AND writing. The write
 * happens here too (through src/store, the one exception to "workers import only the
 * domain"), because 100k runs would otherwise cross back to the page as objects and a single
 * bulk write there would block it for seconds; Dexie tells the page's live queries when it
 * commits.
 *
 * A second, long-lived instance of this file (named 'evidence-feed') reads evidence the other
 * way: it keeps the page's learner fed with the runs table (src/learner/feed.ts), reading,
 * flagging and packing the runs here, so that after a 100k-run import the page only forwards
 * packed batches (transferred buffers) to the learner worker.
 */

export type ImportOutcome = { ok: true; summary: ImportSummary } | { ok: false; error: ImportErrorInfo };

/** Progress messages at most this often: enough for a smooth bar, few enough to cost nothing. */
const PROGRESS_MS = 100;
/** The longest stretch of parsing between yields, so a Cancel message is handled promptly. */
const YIELD_MS = 30;

let cancelled = false;
let feed: RunFeed | undefined;

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
      const summary = await importSources(
        items.map(({ file, options }) => ({ source: fileSource(file), options })),
        now,
        { onProgress: report, checkpoint, isCancelled: () => cancelled },
      );
      return { ok: true, summary };
    } catch (err) {
      return { ok: false, error: toErrorInfo(err) };
    }
  },

  cancel() {
    cancelled = true;
  },

  /** In the 'evidence-feed' instance: feeds `sink` (the page's learner session) until stopped. */
  startFeed(sink: FeedSink, onError: (err: { name: string; message: string }) => void) {
    feed?.stop();
    feed = new RunFeed(
      runSource(),
      {
        reset: () => sink.reset(),
        runs: (batch, count, bulk) => sink.runs(Comlink.transfer(batch, batchTransferList(batch)), count, bulk),
        loaded: () => sink.loaded(),
      },
      (err) => {
        const e = err instanceof Error ? err : new Error(String(err));
        void onError({ name: e.name, message: e.message });
      },
    );
    feed.start();
  },
};

export type ImportApi = typeof api;

Comlink.expose(api);
