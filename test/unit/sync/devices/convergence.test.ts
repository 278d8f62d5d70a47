import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { replay } from '../../../../src/domain/betting/settle';
import { materialise } from '../../../../src/domain/devices/materialise';
import { RecordUnion } from '../../../../src/domain/devices/recordUnion';
import { approvalId, correctionId, resolutionId, specDocId, specMetaBody, specMetaId, timerId, type DeviceRecord } from '../../../../src/domain/devices/records';
import { deriveRecordKey } from '../../../../src/domain/devices/sealedBatch';
import { mulberry32, type Rng } from '../../../../src/domain/random';
import { DEFAULT_KERNEL } from '../../../../src/domain/scars/kernels';
import { toneOf } from '../../../../src/domain/scars/weight';
import { batchMap, openNewBatches, publishRecords } from '../../../../src/sync/devices/recordDoc';

/**
 * Three paired devices write records at random (runs, some of them the same file imported on
 * two devices; bets placed, resolved, sometimes on two devices while apart, and corrected;
 * scars and restorations), drop off and come back, and exchange only through their pairing's
 * Yjs documents (real Yjs sync by state vectors, real AES-GCM sealing). After the network
 * heals, every device must hold the same records as the union of everything written, and derive
 * the same credibility, tokens, bet record, priors counts and scar tones from them.
 * `FULL=1` runs 200 seeds; the quick run takes 25.
 */
const SEEDS = process.env.FULL ? 200 : 25;
const DEVICES = 3;
const STEPS = 60;
const NUDGES = ['add type hints', 'write tests first', 'use global state', 'small steps'];
const PRINCIPLES = ['measure twice', 'yagni', 'ship small'];
const T0 = Date.UTC(2026, 0, 1);

const int = (rng: Rng, n: number) => Math.floor(rng() * n);
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[int(rng, xs.length)]!;

interface Device {
  name: string;
  doc: Y.Doc;
  union: RecordUnion;
  seen: Set<string>;
  online: boolean;
  /** Each spec's text as this device holds it (its specDoc records applied). */
  texts: Map<string, Y.Doc>;
}

const SPECS = ['spec_a', 'spec_b'];

function textDoc(texts: Map<string, Y.Doc>, specId: string): Y.Doc {
  let doc = texts.get(specId);
  if (!doc) texts.set(specId, (doc = new Y.Doc()));
  return doc;
}

/** Every spec's text from the specDoc records of a union, applied in no particular order. */
function textsOf(union: RecordUnion): Record<string, string> {
  const docs = new Map<string, Y.Doc>();
  for (const r of union.records()) if (r.kind === 'specDoc') Y.applyUpdate(textDoc(docs, r.body.specId as string), r.body.update as Uint8Array);
  return Object.fromEntries([...docs].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, doc]) => [id, doc.getText('markdown').toString()]));
}

function derived(union: RecordUnion) {
  const rows = materialise(union);
  const { state } = replay(rows.bets, rows.corrections);
  const priors: Record<string, [number, number]> = {};
  for (const run of rows.runs) {
    for (const n of run.nudges as string[]) {
      const c = (priors[n] ??= [0, 0]);
      c[0]++;
      if (run.passed) c[1]++;
    }
  }
  const now = T0 + 400 * 86_400_000;
  const tones = PRINCIPLES.map((ref) => toneOf(rows.scars, { kind: 'principle', ref }, now, DEFAULT_KERNEL));
  return {
    runs: rows.runs.length,
    credibility: state.credibility,
    tokens: state.tokens,
    record: state.record,
    priors,
    tones,
    scars: rows.scars.length,
    alternates: rows.alternates.length,
    titles: rows.specs.map((r) => [r.id, r.title, r.deletedAt ?? null]),
    checkpoints: rows.checkpoints.map((r) => r.id),
    constitution: rows.currentConstitution ?? null,
    constitutions: rows.constitutions.length,
    approvals: rows.approvals.map((r) => [r.id, r.state]),
    timers: rows.timers.map((r) => [r.betId, r.running, r.bankedMs]),
    texts: textsOf(union),
  };
}

/** Every pair of online devices exchanges what the other lacks, as y-websocket would. */
function exchange(devices: Device[]): void {
  for (const a of devices) {
    for (const b of devices) {
      if (a === b || !a.online || !b.online) continue;
      const diff = Y.encodeStateAsUpdate(a.doc, Y.encodeStateVector(b.doc));
      Y.applyUpdate(b.doc, diff, 'peer');
    }
  }
}

async function materialiseNew(d: Device, key: CryptoKey): Promise<void> {
  const { opened, unreadable } = await openNewBatches(d.doc, key, d.seen);
  expect(unreadable).toEqual([]);
  for (const { batch } of opened) {
    d.union.add(batch.records);
    for (const r of batch.records) if (r.kind === 'specDoc') Y.applyUpdate(textDoc(d.texts, r.body.specId as string), r.body.update as Uint8Array);
  }
}

interface Stats {
  /** Writes of the kinds added later: titles, text, checkpoints, constitutions, approvals, timers. */
  others: Record<string, number>;
  doubleResolutions: number;
  sharedImports: number;
  records: number;
}

async function runSeed(seed: number, key: CryptoKey, stats: Stats): Promise<void> {
  const rng = mulberry32(seed);
  const devices: Device[] = Array.from({ length: DEVICES }, (_, i) => ({ name: `device-${i}`, doc: new Y.Doc(), union: new RecordUnion(), seen: new Set(), online: true, texts: new Map<string, Y.Doc>() }));
  const everything = new RecordUnion();
  let clock = T0;
  let serial = 0;
  const importable = Array.from({ length: 6 }, (_, i) => ({ id: `run_file_${seed}_${i}`, specHash: `h${i % 2}`, nudges: [NUDGES[i % NUDGES.length]!], passed: i % 3 !== 0, errorMessages: [], testFailures: [], typeErrors: [], source: 'junit', at: T0 + i }));

  const write = async (d: Device, records: DeviceRecord[]) => {
    d.union.add(records);
    everything.add(records);
    await publishRecords(d.doc, key, d.name, records);
  };

  const count = (k: string) => (stats.others[k] = (stats.others[k] ?? 0) + 1);
  /** Titles, spec text, checkpoints, constitutions, approvals, timers: what a device can change of them. */
  const writeOther = async (d: Device, rows: ReturnType<typeof materialise>) => {
    const what = int(rng, 6);
    const specId = pick(rng, SPECS);
    if (what === 0) {
      const body = specMetaBody({ id: specId, title: `title ${serial++}`, createdAt: T0, metaAt: clock, ...(rng() < 0.2 ? { deletedAt: clock } : {}) });
      count('title');
      await write(d, [{ kind: 'spec', id: specMetaId(body), origin: d.name, body }]);
    } else if (what === 1) {
      const doc = textDoc(d.texts, specId);
      const text = doc.getText('markdown');
      let update: Uint8Array | undefined;
      doc.once('update', (u: Uint8Array) => (update = u));
      if (text.length > 4 && rng() < 0.3) text.delete(int(rng, text.length - 2), 2);
      else text.insert(int(rng, text.length + 1), `${d.name.slice(-1)}${serial++} `);
      count('text');
      await write(d, [{ kind: 'specDoc', id: specDocId(specId, update!), origin: d.name, body: { specId, update: update! } }]);
    } else if (what === 2) {
      const id = `cp_${seed}_${serial++}`;
      count('checkpoint');
      await write(d, [{ kind: 'checkpoint', id, origin: d.name, body: { id, specId, name: 'v', createdAt: clock, automatic: false, state: new Uint8Array([serial % 256]), text: 't' } }]);
    } else if (what === 3) {
      const id = `const_${seed}_${serial++}`;
      count('constitution');
      await write(d, [{ kind: 'constitution', id, origin: d.name, body: { id, previousId: rows.currentConstitution ?? null, constitution: { n: serial }, createdAt: clock } }]);
    } else if (what === 4) {
      const current = rows.approvals.filter((a) => a.state === 'pending' || a.state === 'approved');
      const next = current.length > 0 && rng() < 0.7 ? pick(rng, current) : undefined;
      const body = next
        ? { ...next, state: next.state === 'pending' ? pick(rng, ['approved', 'rejected', 'withdrawn']) : pick(rng, ['applied', 'failed']), decidedAt: clock }
        : { id: `act_${seed}_${serial++}`, state: 'pending', createdAt: clock, actionKind: 'x', intent: 'i', reason: 'r', params: {} };
      count('approval');
      await write(d, [{ kind: 'approval', id: approvalId(body as { id: string; state: string }), origin: d.name, body }]);
    } else {
      const open = rows.bets.filter((b) => b.resolvedAt === undefined);
      if (open.length === 0) return;
      const bet = pick(rng, open);
      const was = rows.timers.find((t) => t.betId === bet.id);
      const body = was?.running ? { betId: bet.id, running: false, bankedMs: (was.bankedMs as number) + clock - (was.runningSince as number), updatedAt: clock } : { betId: bet.id, running: true, runningSince: clock, bankedMs: (was?.bankedMs as number) ?? 0, updatedAt: clock };
      count('timer');
      await write(d, [{ kind: 'timer', id: timerId(body), origin: d.name, body }]);
    }
  };

  for (let step = 0; step < STEPS; step++) {
    clock += 1 + int(rng, 3_600_000);
    const d = pick(rng, devices);
    const rows = materialise(d.union);
    const roll = rng();
    if (roll < 0.25) {
      const id = `run_${seed}_${serial++}`;
      const nudges = NUDGES.filter(() => rng() < 0.4);
      await write(d, [{ kind: 'run', id, origin: d.name, body: { id, specHash: pick(rng, ['h0', 'h1', 'h2']), nudges, passed: rng() < 0.5, errorMessages: [], testFailures: [], typeErrors: [], source: 'manual', at: clock } }]);
    } else if (roll < 0.33) {
      const run = pick(rng, importable);
      if (d.union.has({ kind: 'run', id: run.id, body: run })) stats.sharedImports++;
      await write(d, [{ kind: 'run', id: run.id, origin: d.name, body: run }]);
    } else if (roll < 0.48) {
      const id = `bet_${seed}_${serial++}`;
      await write(d, [{ kind: 'bet', id, origin: d.name, body: { id, task: `task ${id}`, estimatedHours: 1 + int(rng, 8), confidence: pick(rng, [0.5, 0.7, 0.9]), stake: 1 + int(rng, 5), principles: PRINCIPLES.filter(() => rng() < 0.4), context: [], placedAt: clock } }]);
    } else if (roll < 0.63) {
      const open = rows.bets.filter((b) => b.resolvedAt === undefined);
      if (open.length === 0) continue;
      const bet = pick(rng, open);
      if (everything.versions('betResolution').has(bet.id)) stats.doubleResolutions++;
      const res = { betId: bet.id, resolvedAt: clock, actualHours: 1 + int(rng, 12), completed: rng() < 0.85 };
      await write(d, [{ kind: 'betResolution', id: resolutionId(res), origin: d.name, body: res }]);
    } else if (roll < 0.68) {
      const resolved = rows.bets.filter((b) => b.resolvedAt !== undefined);
      if (resolved.length === 0) continue;
      const bet = pick(rng, resolved);
      const c = { betId: bet.id, at: clock, actualHours: 1 + int(rng, 12), completed: true };
      await write(d, [{ kind: 'betCorrection', id: correctionId(c), origin: d.name, body: c }]);
    } else if (roll < 0.76) {
      const id = `scar_${seed}_${serial++}`;
      const ref = pick(rng, PRINCIPLES);
      await write(d, [{ kind: 'scar', id, origin: d.name, body: { id, locus: { kind: 'principle', ref }, locusKey: `principle:${ref}`, trigger: 'manual_incident', severity: pick(rng, [0.2, 0.5, 1]), description: 'incident', createdAt: clock } }]);
    } else if (roll < 0.8) {
      if (rows.scars.length === 0) continue;
      const scar = pick(rng, rows.scars);
      const id = `rest_${seed}_${serial++}`;
      await write(d, [{ kind: 'restoration', id, origin: d.name, body: { id, scarId: scar.id, at: clock, note: 'fixed' } }]);
    } else if (roll < 0.84) {
      await writeOther(d, rows);
    } else if (roll < 0.9) {
      d.online = !d.online;
    } else {
      exchange(devices);
    }
    if (rng() < 0.5) await materialiseNew(pick(rng, devices), key);
  }

  for (const d of devices) d.online = true;
  exchange(devices);
  exchange(devices);
  for (const d of devices) await materialiseNew(d, key);

  const expected = derived(everything);
  for (const d of devices) {
    expect(d.union.digest(), `seed ${seed}: ${d.name} holds other records than everything written`).toBe(everything.digest());
    expect(derived(d.union), `seed ${seed}: ${d.name} derives other values`).toEqual(expected);
    // The documents it edited and received say the same as the union of all text updates.
    for (const [id, text] of Object.entries(expected.texts)) expect(d.texts.get(id)?.getText('markdown').toString(), `seed ${seed}: ${d.name}'s text of ${id}`).toBe(text);
  }
  stats.records += everything.size;
}

describe('paired devices converge', () => {
  it(`${SEEDS} seeds x ${DEVICES} devices: same records, same derived values`, async () => {
    const key = await deriveRecordKey('a pairing secret for the convergence test', 'mcd-test');
    const stats: Stats = { others: {}, doubleResolutions: 0, sharedImports: 0, records: 0 };
    for (let seed = 1; seed <= SEEDS; seed++) {
      try {
        await runSeed(seed, key, stats);
      } catch (e) {
        throw new Error(`convergence failed at seed ${seed}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    // The hard cases happened: the same bet resolved on two devices, the same file imported twice.
    expect(stats.doubleResolutions).toBeGreaterThan(0);
    expect(stats.sharedImports).toBeGreaterThan(0);
    // Every later kind was written (titles, text, checkpoints, constitutions, approvals, timers).
    expect(Object.keys(stats.others).sort()).toEqual(['approval', 'checkpoint', 'constitution', 'text', 'timer', 'title']);
  }, 120_000);

  it('a device that missed one record derives other values (the comparison can fail)', async () => {
    const a = new RecordUnion();
    const b = new RecordUnion();
    const bet = { kind: 'bet' as const, id: 'bet_1', origin: 'a', body: { id: 'bet_1', task: 't', estimatedHours: 2, confidence: 0.9, stake: 2, principles: [], context: [], placedAt: T0 } };
    const res = { betId: 'bet_1', resolvedAt: T0 + 5, actualHours: 9, completed: true };
    a.add([bet, { kind: 'betResolution', id: resolutionId(res), origin: 'a', body: res }]);
    b.add([bet]);
    expect(a.digest()).not.toBe(b.digest());
    expect(derived(a).credibility).toBeCloseTo(0.85);
    expect(derived(b).credibility).toBe(1);
  });

  it('the same record made on two devices is held once; the relay sees no record text', async () => {
    const key = await deriveRecordKey('secret', 'mcd-test');
    const doc = new Y.Doc();
    const run = { id: 'run_same_file', specHash: 'h', nudges: ['small steps'], passed: true, errorMessages: [], testFailures: [], typeErrors: [], source: 'junit', at: T0 };
    await publishRecords(doc, key, 'laptop', [{ kind: 'run', id: run.id, origin: 'laptop', body: run }]);
    await publishRecords(doc, key, 'phone', [{ kind: 'run', id: run.id, origin: 'phone', body: run }]);
    expect(batchMap(doc).size).toBe(2);
    const relayed = new TextDecoder('latin1').decode(Y.encodeStateAsUpdate(doc));
    expect(relayed).not.toContain('run_same_file');
    expect(relayed).not.toContain('small steps');
    const union = new RecordUnion();
    const { opened } = await openNewBatches(doc, key, new Set());
    for (const { batch } of opened) union.add(batch.records);
    expect(union.size).toBe(1);
    expect(materialise(union).runs).toHaveLength(1);
  });
});
