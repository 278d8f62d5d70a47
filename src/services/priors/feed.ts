import type { Run } from '../../domain/evidence/run';
import { allRunIds, observeRunCount, runIdsFrom, runsByIds, runsPage } from '../../store/runsRepo';

/**
 * Runs read per step. Reading a run from IndexedDB and packing it for the worker costs the
 * page some 20-60 µs; 500 at a time keeps each step far below a 50 ms long task, and the
 * await between steps lets the page paint and respond.
 */
export const CHUNK = 500;

/** More new runs than this arrive as a bulk load (one refit at the end, not one per step). */
export const BULK = 2 * CHUNK;

export interface FeedSink {
  /** A new body of evidence begins (first load, or runs were deleted): forget everything. */
  reset(): Promise<void>;
  /** Runs not seen before; `bulk` while a full load or a large import is being read. */
  runs(runs: Run[], bulk: boolean): Promise<void>;
  /** A bulk read is complete. */
  loaded(): Promise<void>;
}

/**
 * Keeps a learner in step with the runs table, sending each run once. Every change to the
 * table (in any tab) wakes it; it then finds what is new without reading old runs:
 * 1. fast path: the ids of runs at or after the latest time seen (a recorded run is the newest);
 * 2. when the count says that missed something (an import of older runs): every id, minus
 *    the ids known (keys only, never the runs);
 * 3. when a known id is gone (runs were deleted): a full reload, since the learner only adds.
 * Changes are handled one at a time; a change during a pass triggers one more pass.
 */
export class RunFeed {
  private known = new Set<string>();
  private maxAt = -Infinity;
  private loadedOnce = false;
  private running = false;
  private again = false;
  private count = -1;
  private stopped = false;
  private sub: { unsubscribe(): void } | undefined;

  constructor(
    private readonly sink: FeedSink,
    private readonly onError: (err: unknown) => void,
  ) {}

  start(): void {
    this.sub = observeRunCount().subscribe({
      next: (count) => {
        this.count = count;
        void this.wake();
      },
      error: (e) => this.onError(e),
    });
  }

  stop(): void {
    this.stopped = true;
    this.sub?.unsubscribe();
  }

  private async wake(): Promise<void> {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    try {
      do {
        this.again = false;
        if (this.stopped) return;
        await this.pass();
      } while (this.again);
    } catch (err) {
      this.onError(err);
    } finally {
      this.running = false;
    }
  }

  private async pass(): Promise<void> {
    if (!this.loadedOnce || this.known.size === 0) return this.fullLoad();
    const recent = await runIdsFrom(this.maxAt);
    let fresh = recent.filter((id) => !this.known.has(id));
    if (this.known.size + fresh.length !== this.count) {
      const ids = await allRunIds();
      const present = new Set(ids);
      for (const id of this.known) if (!present.has(id)) return this.fullLoad();
      fresh = ids.filter((id) => !this.known.has(id));
    }
    const bulk = fresh.length > BULK;
    for (let i = 0; i < fresh.length; i += CHUNK) {
      await this.send(await runsByIds(fresh.slice(i, i + CHUNK)), bulk);
      if (this.stopped) return;
    }
    if (bulk) await this.sink.loaded();
  }

  private async fullLoad(): Promise<void> {
    this.known = new Set();
    this.maxAt = -Infinity;
    await this.sink.reset();
    let after: string | undefined;
    for (;;) {
      const page = await runsPage(after, CHUNK);
      if (page.length === 0) break;
      await this.send(page, true);
      after = page[page.length - 1]!.id;
      if (this.stopped) return;
    }
    this.loadedOnce = true;
    await this.sink.loaded();
  }

  private async send(runs: Run[], bulk: boolean): Promise<void> {
    const fresh = runs.filter((r) => !this.known.has(r.id));
    if (fresh.length === 0) return;
    for (const r of fresh) {
      this.known.add(r.id);
      if (r.at > this.maxAt) this.maxAt = r.at;
    }
    await this.sink.runs(fresh, bulk);
  }
}
