import type { Run } from '../domain/evidence/run';
import type { RunBatch } from '../domain/learning/engine/batch';
import { FlakyTracker } from './flakyTracker';
import { packRuns } from './pack';

/**
 * Runs read and packed per step. The feed runs in a worker in the browser (see
 * workers/import.worker.ts), so a step never holds up the page; its batch crosses as a few
 * transferred buffers. Big enough that 100k runs are 50 messages, small enough that the
 * learner gets going at once and memory stays flat.
 */
export const CHUNK = 2000;

/** Fresh ids in a row (in key order) from which a key-range read beats a get per id. */
const RANGE_READ = 50;

/** More new runs than this arrive as a bulk load (one refit at the end, not one per step). */
export const BULK = 1000;

/** Where the feed reads runs (src/store/runsRepo's runSource in the app). */
export interface RunSource {
  /** The number of runs, now and after every change in any tab or worker. */
  observeCount(): { subscribe(observer: { next?: (count: number) => void; error?: (err: unknown) => void }): { unsubscribe(): void } };
  /** Ids of the runs at or after a time. */
  idsFrom(at: number): Promise<string[]>;
  allIds(): Promise<string[]>;
  byIds(ids: readonly string[]): Promise<Run[]>;
  /** Runs in id order, `limit` at a time after `afterId` (from the first when undefined), up to `through` when given. */
  page(afterId: string | undefined, limit: number, through?: string): Promise<Run[]>;
}

export interface FeedSink {
  /** A new body of evidence begins (first load, or runs were deleted): forget everything. */
  reset(): Promise<void>;
  /**
   * Runs not seen before, packed for the learner (numbered on from the runs sent since the
   * last reset, flaky flags included); `bulk` while a full load or a large import is read.
   */
  runs(batch: RunBatch, count: number, bulk: boolean): Promise<void>;
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
 *
 * Every step that touches many runs (reading them, the id sets, flaky groups, packing) is
 * here, so that where this runs (a worker) is where that work happens; the sink only ever
 * receives packed batches.
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
  private tracker = new FlakyTracker();
  private sent = 0;

  constructor(
    private readonly source: RunSource,
    private readonly sink: FeedSink,
    private readonly onError: (err: unknown) => void,
  ) {}

  start(): void {
    this.sub = this.source.observeCount().subscribe({
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
    const recent = await this.source.idsFrom(this.maxAt);
    const fresh = recent.filter((id) => !this.known.has(id));
    if (this.known.size + fresh.length !== this.count) return this.missed();
    const bulk = fresh.length > BULK;
    for (let i = 0; i < fresh.length; i += CHUNK) {
      await this.send(await this.source.byIds(fresh.slice(i, i + CHUNK)), bulk);
      if (this.stopped) return;
    }
    if (bulk) await this.sink.loaded();
  }

  /**
   * Runs the fast path missed (an import of older runs): every id, in key order, minus the
   * known ones. Fresh ids come in stretches with no known id between them (an import's ids
   * usually sort together); a long stretch is read as key ranges, a page at a time, which is
   * far cheaper than a get per id.
   */
  private async missed(): Promise<void> {
    const ids = await this.source.allIds();
    const present = new Set(ids);
    for (const id of this.known) if (!present.has(id)) return this.fullLoad();
    const stretches: [number, number][] = [];
    let freshCount = 0;
    for (let i = 0; i < ids.length; i++) {
      if (this.known.has(ids[i]!)) continue;
      const last = stretches[stretches.length - 1];
      if (last && last[1] === i - 1) last[1] = i;
      else stretches.push([i, i]);
      freshCount++;
    }
    const bulk = freshCount > BULK;
    let single: string[] = [];
    const flush = async () => {
      if (single.length) await this.send(await this.source.byIds(single), bulk);
      single = [];
    };
    for (const [from, to] of stretches) {
      if (to - from + 1 < RANGE_READ) {
        for (let i = from; i <= to; i++) single.push(ids[i]!);
        if (single.length >= CHUNK) await flush();
      } else {
        // Every run after the known id before the stretch, up to its last id, is fresh.
        let after = from > 0 ? ids[from - 1] : undefined;
        for (;;) {
          const page = await this.source.page(after, CHUNK, ids[to]);
          if (page.length > 0) await this.send(page, bulk);
          if (this.stopped || page.length < CHUNK) break;
          after = page[page.length - 1]!.id;
          if (after === ids[to]) break;
        }
      }
      if (this.stopped) return;
    }
    await flush();
    if (bulk) await this.sink.loaded();
  }

  private async fullLoad(): Promise<void> {
    this.known = new Set();
    this.maxAt = -Infinity;
    this.tracker = new FlakyTracker();
    this.sent = 0;
    await this.sink.reset();
    let after: string | undefined;
    for (;;) {
      const page = await this.source.page(after, CHUNK);
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
    const batch = packRuns(fresh, this.tracker, this.sent);
    this.sent += fresh.length;
    await this.sink.runs(batch, fresh.length, bulk);
  }
}
