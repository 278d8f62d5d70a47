import { describe, expect, it } from 'vitest';
import type { Run } from '../../../src/domain/evidence/run';
import { CHUNK, RunFeed, type FeedSink, type RunSource } from '../../../src/learner/feed';
import { unpackMessages, type RunBatch } from '../../../src/domain/learning/engine/batch';

function run(id: string, at: number, passed = true): Run {
  return { id, specHash: 'name:s', nudges: ['a'], passed, errorMessages: passed ? [] : [`failed ${id}`], testFailures: [], typeErrors: [], source: 'jsonl', at };
}

/** The runs table in memory, with the reads the feed makes counted. */
class MemorySource implements RunSource {
  readonly runs = new Map<string, Run>();
  private listener: ((n: number) => void) | undefined;
  reads = { byIds: 0, idsRead: 0, page: 0 };

  add(...runs: Run[]): void {
    for (const r of runs) this.runs.set(r.id, r);
    this.listener?.(this.runs.size);
  }
  private sorted(): Run[] {
    return [...this.runs.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
  observeCount() {
    return {
      subscribe: (o: { next?: (n: number) => void }) => {
        this.listener = (n) => o.next?.(n);
        queueMicrotask(() => this.listener?.(this.runs.size));
        return { unsubscribe: () => (this.listener = undefined) };
      },
    };
  }
  async idsFrom(at: number) {
    return this.sorted().filter((r) => r.at >= at).map((r) => r.id);
  }
  async allIds() {
    return this.sorted().map((r) => r.id);
  }
  async byIds(ids: readonly string[]) {
    this.reads.byIds++;
    this.reads.idsRead += ids.length;
    return ids.map((id) => this.runs.get(id)).filter((r): r is Run => r !== undefined);
  }
  async page(after: string | undefined, limit: number, through?: string) {
    this.reads.page++;
    return this.sorted()
      .filter((r) => (after === undefined || r.id > after) && (through === undefined || r.id <= through))
      .slice(0, limit);
  }
}

/** What the learner would hold: every run sent, in order, with its flaky flag. */
function recorder() {
  const got: { n: number; bulk: boolean; messages: (readonly string[])[] }[] = [];
  const calls: string[] = [];
  let settle: () => void = () => undefined;
  const sink: FeedSink = {
    reset: async () => void calls.push('reset'),
    runs: async (batch: RunBatch, count, bulk) => {
      expect(batch.enc.n).toBe(count);
      got.push({ n: count, bulk, messages: unpackMessages(batch.messages) });
      calls.push(`runs ${count}${bulk ? ' bulk' : ''}`);
      settle();
    },
    loaded: async () => {
      calls.push('loaded');
      settle();
    },
  };
  const total = () => got.reduce((s, g) => s + g.n, 0);
  const until = (ok: () => boolean) =>
    new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`feed stalled: ${calls.join(', ')}`)), 5000);
      settle = () => {
        if (ok()) {
          clearTimeout(t);
          queueMicrotask(resolve);
        }
      };
      settle();
    });
  return { sink, got, calls, total, until };
}

describe('RunFeed', () => {
  it('sends each run once: a full load, then new runs by time, then older runs found through every id', async () => {
    const source = new MemorySource();
    source.add(...Array.from({ length: 30 }, (_, i) => run(`m-${String(i).padStart(3, '0')}`, 10_000 + i)));
    const r = recorder();
    const feed = new RunFeed(source, r.sink, (e) => {
      throw e;
    });
    feed.start();
    await r.until(() => r.calls.includes('loaded'));
    expect(r.calls).toEqual(['reset', 'runs 30 bulk', 'loaded']);

    // A recorded run of now: the fast path, no bulk.
    source.add(run('z-new', 20_000, false));
    await r.until(() => r.total() === 31);
    expect(r.calls.at(-1)).toBe('runs 1');
    expect(r.got.at(-1)!.messages).toEqual([['failed z-new']]);

    // An import of older runs whose ids sort among the known ones: short stretches between
    // known ids are read by id, the long one at the end as key ranges.
    const scattered = Array.from({ length: 29 }, (_, i) => run(`m-${String(i).padStart(3, '0')}x`, 1000 + i));
    const block = Array.from({ length: 2 * CHUNK + 7 }, (_, i) => run(`n-${String(i).padStart(5, '0')}`, 2000 + i));
    source.reads = { byIds: 0, idsRead: 0, page: 0 };
    source.add(...scattered, ...block);
    await r.until(() => r.calls.at(-1) === 'loaded' && r.total() === 31 + 29 + block.length);
    expect(source.reads.idsRead).toBe(29); // the scattered ones only
    expect(source.reads.page).toBe(3); // the block: two full pages and the rest
    expect(r.calls.filter((c) => c === 'reset')).toHaveLength(1);
    feed.stop();
  });

  it('reloads everything when a known run is gone (the learner only adds)', async () => {
    const source = new MemorySource();
    source.add(run('a', 1), run('b', 2));
    const r = recorder();
    const feed = new RunFeed(source, r.sink, (e) => {
      throw e;
    });
    feed.start();
    await r.until(() => r.calls.includes('loaded'));
    source.runs.delete('a');
    source.add(); // the change is announced
    await r.until(() => r.calls.filter((c) => c === 'reset').length === 2 && r.calls.at(-1) === 'loaded');
    expect(r.calls).toEqual(['reset', 'runs 2 bulk', 'loaded', 'reset', 'runs 1 bulk', 'loaded']);
    feed.stop();
  });
});
