import { beforeAll, describe, expect, it } from 'vitest';
import type { Constitution } from '../../../../src/domain/governance/constitution';
import { amendConstitution, constitutionEvent, type ConstitutionRecord } from '../../../../src/domain/governance/constitutionChain';
import {
  EMPTY_FOLD, MAX_PENDING, constitutionHashes, foldEntry, foldLog, keysOfBatch, MemoryKeys, type EthicsFold, type FoldKeys, type FoldValue,
} from '../../../../src/domain/governance/ethicsFold';
import { ethicsHeader, ethicsHeaderFromFold } from '../../../../src/domain/governance/ethicsHeader';
import { sliceBounds, sliceIndexOf } from '../../../../src/domain/governance/slice';
import { mulberry32 } from '../../../../src/domain/random';
import type { GovernedEvent, LogEntry } from '../../../../src/domain/ledger/logEntry';
import type { SignedTreeHead } from '../../../../src/domain/ledger/treeHead';
import type { Scar } from '../../../../src/domain/scars/types';
import { T0, asLog } from './logHelpers';
import { constitutionChainForTests, randomLog, type Rng } from './randomLog';

/*
 * The running fold must give the header the reference gives (ethicsHeader reads every entry),
 * byte for byte, on any log (randomLog.ts), folded in random batches through a key store that
 * refuses any key the batch did not ask for up front (as the IndexedDB store prefetches them).
 */

let records: ConstitutionRecord[];
beforeAll(async () => {
  records = await constitutionChainForTests();
});

/** Keys as a store holds them: only what a batch asked for beforehand may be read. */
class PrefetchedKeys implements FoldKeys {
  private readonly mem: MemoryKeys;
  private readonly allowed: Set<string>;
  constructor(stored: Map<string, FoldValue>, allowed: readonly string[]) {
    this.allowed = new Set(allowed);
    this.mem = new MemoryKeys(allowed.filter((k) => stored.has(k)).map((k) => [k, stored.get(k) as FoldValue] as const));
  }
  get(key: string): FoldValue | undefined {
    if (!this.allowed.has(key)) throw new Error(`key ${key} was not asked for`);
    return this.mem.get(key);
  }
  set(key: string, value: FoldValue): void {
    if (!this.allowed.has(key)) throw new Error(`key ${key} was not asked for`);
    this.mem.set(key, value);
  }
  changes() {
    return this.mem.changes();
  }
}

/** Folds `entries` in random batches, as appends to a store would, keeping values by key. */
async function foldInBatches(entries: readonly LogEntry[], r: Rng): Promise<EthicsFold> {
  const stored = new Map<string, FoldValue>();
  let fold = EMPTY_FOLD;
  for (let i = 0; i < entries.length; ) {
    const batch = entries.slice(i, i + 1 + Math.floor(r() * 12));
    const keys = new PrefetchedKeys(stored, keysOfBatch(batch, fold));
    const hashes = await constitutionHashes(batch);
    for (const e of batch) fold = foldEntry(fold, e, keys, hashes);
    for (const [k, v] of keys.changes()) stored.set(k, structuredClone(v));
    fold = structuredClone(fold); // as stored and read back
    i += batch.length;
  }
  return fold;
}

/** The entries a store would find for the current slice through its seq or at index. */
function sliceEntriesOf(entries: readonly LogEntry[], fold: EthicsFold, c: Constitution, now: number): LogEntry[] {
  const b = sliceBounds(sliceIndexOf({ seq: fold.standing.size, at: now }, c.slice), c.slice);
  return entries.filter((e) => (b.by === 'seq' ? e.seq : e.at) >= b.from && (b.by === 'seq' ? e.seq : e.at) <= b.to).sort((a, z) => a.seq - z.seq);
}

const sth: SignedTreeHead = { size: 3, root: 'ab'.repeat(32), at: T0, signature: 'cd'.repeat(64) };

/** The store's scars for a random log: usually one per distinct scar id logged, sometimes one short. */
function storeScars(entries: readonly LogEntry[], seed: number): Scar[] {
  const ids = [...new Set(entries.filter((e) => e.kind === 'scar' && typeof e.payload.id === 'string').map((e) => e.payload.id as string))];
  const kept = seed % 5 === 0 ? ids.slice(1) : ids;
  return kept.map((id) => ({ id, locus: { kind: 'area', ref: 'x' }, trigger: 'manual_incident', severity: 0.3, description: 'd', createdAt: T0, restorations: [] }));
}

async function outcome(f: () => Promise<unknown>): Promise<string> {
  try {
    return JSON.stringify(await f());
  } catch (err) {
    return `threw ${err instanceof Error ? err.name : String(err)}`;
  }
}

describe('the running ethics fold', () => {
  it('gives the reference header, byte for byte, on random logs folded in random batches', async () => {
    const seen = new Map<string, Set<boolean>>();
    for (let seed = 1; seed <= 400; seed++) {
      const { entries, current, now } = randomLog(seed, records);
      const scars = storeScars(entries, seed);
      const expected = await outcome(() => ethicsHeader({ constitution: current, entries, scars, sth, now }));
      const fold = await foldInBatches(entries, mulberry32(seed * 7919));
      const got = await outcome(() =>
        ethicsHeaderFromFold({ constitution: current, fold, sliceEntries: sliceEntriesOf(entries, fold, current.constitution, now), scars, sth, now }),
      );
      expect(got, `seed ${seed}`).toBe(expected);
      if (!expected.startsWith('threw')) {
        const h = JSON.parse(expected) as { evidence: Record<string, { holds?: boolean; broken_at?: number | null }>; trust_slice_status: { veto_fuse_status: string } };
        for (const [k, v] of Object.entries(h.evidence)) {
          if (typeof v.holds !== 'boolean') continue;
          (seen.get(k) ?? seen.set(k, new Set()).get(k))!.add(k === 'scars_logged' ? v.broken_at === null : v.holds);
        }
        const fuse = `fuse ${h.trust_slice_status.veto_fuse_status}`;
        (seen.get(fuse) ?? seen.set(fuse, new Set()).get(fuse))!.add(true);
      }
    }
    // The logs must exercise both answers of every check, and every fuse state, or this test proves little.
    for (const k of ['pause_invariants', 'e_ext_budget', 'rewrite_bounds', 'consent_silence_bands', 'scars_logged', 'constitution_chain']) {
      expect([...(seen.get(k) ?? [])].sort(), k).toEqual([false, true]);
    }
    for (const fuse of ['ok', 'strained', 'tripped']) expect(seen.has(`fuse ${fuse}`), fuse).toBe(true);
  });

  it('folds the whole log at once to the same state as in batches', async () => {
    for (let seed = 500; seed < 530; seed++) {
      const { entries } = randomLog(seed, records);
      const once = await foldLog(entries);
      const batched = await foldInBatches(entries, mulberry32(seed));
      expect(JSON.stringify(batched), `seed ${seed}`).toBe(JSON.stringify(once));
    }
  });

  it('gives up, rather than carry them, when more entries than MAX_PENDING wait for a constitution', async () => {
    const events: GovernedEvent[] = Array.from({ length: MAX_PENDING + 1 }, (_, i) => ({ kind: 'consent', at: T0 + i, payload: { proposalId: 'p' } }));
    await expect(foldLog(asLog(events))).rejects.toThrow(/wait for a well-formed constitution/);
    expect((await foldLog(asLog(events.slice(1)))).pending).toHaveLength(MAX_PENDING);
  });

  it('waits for the first constitution before checking what depends on it', async () => {
    const [first] = records as [ConstitutionRecord];
    const strict = await amendConstitution(first, { minPauseMs: 10_000 });
    // Before the first constitution entry, the first logged one is in force: a 5 s pause is too short under it.
    const events: GovernedEvent[] = [
      { kind: 'chapel_entered', at: T0, payload: { actionId: 'x', hazard: 'high' } },
      { kind: 'pause_elapsed', at: T0 + 5000, payload: { actionId: 'x', elapsedMs: 5000 } },
      { kind: 'veto_checked', at: T0 + 5000, payload: { actionId: 'x', vetoed: false } },
      { kind: 'action_applied', at: T0 + 5001, payload: { actionId: 'x', hazard: 'high' } },
    ];
    const before = await foldLog(asLog(events));
    expect(before.mode).toBe('pending');
    expect(before.pending).toHaveLength(4);
    const after = await foldLog(asLog([...events, constitutionEvent({ ...strict, previousId: null }, T0 + 6000)]));
    expect(after).toMatchObject({ mode: 'known', pending: [], pause: { ok: false, brokenAt: 3 } });
  });
});
