import { db } from './db';
import { isConstraintError } from './addNew';
import { checkFileSize, ImportCancelledError } from '../domain/evidence/import/errors';
import { feed, makeParser, Utf8Text, type ByteSource } from '../domain/evidence/import/pipeline';
import { totals, type FileImportSummary, type ImportSummary } from '../domain/evidence/import/summary';
import { legacyIdPrefix } from '../domain/evidence/import/hash';
import { formatSpec } from '../domain/evidence/import/formats/registry';
import type { FileImportOptions, ImportProgress } from '../domain/evidence/import/types';
import type { Nudge, Run } from '../domain/evidence/run';
import type { NudgeRow } from './rows';

/** Runs per bulk write: the unit of progress reports and of noticing Cancel while writing. */
export const WRITE_BATCH = 5000;
/**
 * Batches queued at once: enough that IndexedDB never waits for the next one (awaiting each
 * batch before issuing the next cost ~40% in Chromium), few enough that issuing them (which
 * clones every row synchronously) never keeps a Cancel message waiting for long.
 */
const IN_FLIGHT = 3;
/** The longest stretch of parsing without letting the event loop turn (a Cancel message land). */
const BREATHE_MS = 30;

export interface ImportHooks {
  onProgress?(p: ImportProgress): void;
  /**
   * Polled inside the transaction. Synchronous on purpose: awaiting anything but IndexedDB
   * there would let it commit early. A cancel message still lands, because the event loop
   * runs other tasks while the writes' requests are in flight.
   */
  isCancelled?(): boolean;
  /** Awaited between chunks while the files' bytes are read, before the transaction opens. */
  checkpoint?(): Promise<void> | void;
}

/**
 * Reads, validates and writes evidence files in ONE transaction: every new run of every file
 * lands, or none does (a validation error anywhere, a Cancel or any failure aborts it). Runs
 * whose id is already stored, or met earlier in this import, are skipped and counted. Nudge
 * labels already stored are kept (a person may have edited them).
 *
 * Speed: parsing overlaps writing. The files' bytes are read first (a transaction cannot wait
 * on a file read); then, inside the transaction, each batch of validated runs is written as
 * soon as it is parsed, while the next is parsed, a few batches always queued so IndexedDB never
 * idles. The check for stored ids costs no reads: a run whose id exists fails its add with a
 * ConstraintError, which is counted as a duplicate and does not abort the transaction.
 * Memory: runs are handed to IndexedDB batch by batch, never all held at once.
 *
 * Progress: 'reading' counts the bytes parsed and checked (its runs being written meanwhile),
 * then 'writing' the runs written while the last batches land.
 */
export async function importSources(
  items: readonly { source: ByteSource; options: FileImportOptions }[],
  now: number,
  hooks: ImportHooks = {},
): Promise<ImportSummary> {
  for (const { source } of items) checkFileSize(source.name, source.size);
  const loaded: Uint8Array[][] = [];
  for (const { source } of items) {
    const chunks: Uint8Array[] = [];
    for await (const chunk of source.chunks()) {
      await hooks.checkpoint?.();
      chunks.push(chunk);
    }
    loaded.push(chunks);
  }
  await hooks.checkpoint?.();
  const total = items.reduce((s, i) => s + i.source.size, 0);
  const cancelled = () => {
    if (hooks.isCancelled?.()) throw new ImportCancelledError();
  };

  const d = db();
  const summaries = await d.transaction('rw', d.runs, d.nudges, async () => {
    // Runs imported before ids were SHA-256 keep their old ids ("junit_" and 32 hex digits);
    // a re-import of such a file must still find them. One key-range read per format says
    // whether any exist; only then is each new run's old id looked up as well.
    const legacyPrefixes = new Set<string>();
    for (const source of new Set(items.map((i) => formatSpec(i.options.format).source))) {
      const prefix = legacyIdPrefix(source);
      if ((await d.runs.where(':id').startsWith(prefix).limit(1).primaryKeys()).length > 0) legacyPrefixes.add(prefix);
    }
    const seen = new Set<string>();
    const labels = new Map<string, Nudge>();
    const summaries: FileImportSummary[] = [];
    const inFlight: { write: Promise<unknown>; runs: number; file: FileImportSummary }[] = [];
    let parsedBytes = 0;
    let written = 0;
    let issued = 0;
    let lastBreath = performance.now();

    /** Waits for the oldest batch: its runs are added, except those whose id was stored. */
    const land = async () => {
      const { write, runs, file } = inFlight.shift()!;
      let failed = 0;
      try {
        await write;
      } catch (err) {
        const failures = (err as { failures?: unknown[] }).failures;
        if (!Array.isArray(failures) || !failures.every(isConstraintError)) throw err;
        failed = failures.length;
      }
      file.added += runs - failed;
      file.duplicates += failed;
      written += runs;
    };
    const issue = async (runs: Run[], file: FileImportSummary) => {
      if (inFlight.length >= IN_FLIGHT) await land();
      cancelled();
      const write = d.runs.bulkAdd(runs);
      write.catch(() => undefined); // handled in land(); a Cancel aborts the transaction and rejects it
      inFlight.push({ write, runs: runs.length, file });
      issued += runs.length;
    };
    /** Lets the event loop turn (a Cancel message lands) without leaving the transaction. */
    const breathe = async () => {
      if (inFlight.length) await land();
      else await d.nudges.get(''); // any request keeps the transaction open while we wait
      lastBreath = performance.now();
      cancelled();
    };

    for (const [i, { source, options }] of items.entries()) {
      const file: FileImportSummary = { name: source.name, format: options.format, added: 0, duplicates: 0, skippedTests: 0, notes: [] };
      summaries.push(file);
      const parser = makeParser(options.format, source, options);
      const text = new Utf8Text(source.name);
      let pending: Run[] = [];
      const checkLegacy = legacyPrefixes.has(legacyIdPrefix(formatSpec(options.format).source));
      const collect = async (last: boolean) => {
        let taken = parser.take();
        const legacy = parser.takeLegacy();
        if (checkLegacy && taken.length && legacy.size) {
          const olds = taken.map((r) => legacy.get(r.id) ?? '');
          const found = await d.runs.bulkGet(olds.map((o) => o || '\u0000'));
          const before = taken.length;
          taken = taken.filter((_, k) => found[k] === undefined);
          file.duplicates += before - taken.length;
        }
        for (const run of taken) {
          if (seen.has(run.id)) file.duplicates++;
          else {
            seen.add(run.id);
            pending.push(run);
          }
        }
        while (pending.length >= WRITE_BATCH || (last && pending.length > 0)) {
          const batch = pending.length > WRITE_BATCH ? pending.slice(0, WRITE_BATCH) : pending;
          pending = pending.length > WRITE_BATCH ? pending.slice(WRITE_BATCH) : [];
          await issue(batch, file);
        }
      };
      const chunks = loaded[i]!;
      for (let c = 0; c < chunks.length; c++) {
        const chunk = chunks[c]!;
        chunks[c] = new Uint8Array(0); // parsed: its memory can go
        feed(parser, text, chunk);
        parsedBytes += chunk.byteLength;
        hooks.onProgress?.({ phase: 'reading', done: parsedBytes, total, file: source.name, fileIndex: i + 1, files: items.length });
        cancelled();
        await collect(false);
        if (performance.now() - lastBreath > BREATHE_MS) await breathe();
      }
      feed(parser, text, undefined);
      const parsed = parser.end();
      file.duplicates += parsed.duplicates;
      file.skippedTests = parsed.skippedTests;
      file.notes = parsed.notes;
      for (const n of parsed.nudges) if (!labels.has(n.key)) labels.set(n.key, n);
      await collect(true);
    }

    const known = await d.nudges.bulkGet([...labels.keys()]);
    const newNudges: NudgeRow[] = [...labels.values()].filter((_, k) => known[k] === undefined).map((n) => ({ ...n, createdAt: now }));
    await d.nudges.bulkAdd(newNudges);
    hooks.onProgress?.({ phase: 'writing', done: written, total: issued });
    while (inFlight.length) {
      await land();
      cancelled();
      hooks.onProgress?.({ phase: 'writing', done: written, total: issued });
    }
    cancelled();
    // Every write has landed; what is left is IndexedDB committing the transaction to disk.
    hooks.onProgress?.({ phase: 'committing', done: written, total: issued });
    return summaries;
  });
  return totals(summaries);
}
