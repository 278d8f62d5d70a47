import 'fake-indexeddb/auto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { db, useDatabase } from '../../../src/store/db';
import { appendGoverned, readWholeLog, withGovernedLog } from '../../../src/store/logRepo';
import { latestHead, scheduleHeadRefresh } from '../../../src/store/headsRepo';
import { currentEthicsFold } from '../../../src/store/ethicsFoldRepo';
import { adoptIfNone } from '../../../src/store/governanceRepo';
import { insertScar, readScars } from '../../../src/store/scarsRepo';
import { SCHEMA_VERSIONS } from '../../../src/store/schema';
import { computeEthicsHeader } from '../../../src/services/governance/ethics';
import { ethicsHeader } from '../../../src/domain/governance/ethicsHeader';
import { MAX_PENDING, foldLog } from '../../../src/domain/governance/ethicsFold';
import { DEFAULT_CONSTITUTION } from '../../../src/domain/governance/constitution';
import { adoptFirstConstitution, type ConstitutionRecord } from '../../../src/domain/governance/constitutionChain';
import { createScar } from '../../../src/domain/scars/scarLog';
import { sealEntries, type GovernedEvent } from '../../../src/domain/ledger/logEntry';
import { mulberry32 } from '../../../src/domain/random';
import { constitutionChainForTests, randomLog } from '../domain/governance/randomLog';
import { freshDatabaseEachTest } from '../../support/freshDatabase';

/*
 * The ethics fold as the store keeps it: extended in the transaction of every append, caught
 * up by a reader when it lags (a log written before the table existed), and always giving the
 * header that reading every entry gives.
 */

const dbName = freshDatabaseEachTest('fold');
let records: ConstitutionRecord[];
beforeAll(async () => {
  records = await constitutionChainForTests();
});
afterEach(async () => {
  db().close();
});

/** The header as the app serves it, once the latest head is signed. */
async function servedHeader(now: number): Promise<string> {
  await scheduleHeadRefresh();
  return JSON.stringify(await computeEthicsHeader(now));
}

/** The header computed the reference way: every entry of the log. */
async function referenceHeader(now: number): Promise<string> {
  await scheduleHeadRefresh();
  const stored = (await db().constitutions.orderBy('createdAt').last()) as ConstitutionRecord | undefined;
  const constitution = stored ?? (await adoptFirstConstitution(DEFAULT_CONSTITUTION));
  return JSON.stringify(await ethicsHeader({ constitution, entries: await readWholeLog(), scars: await readScars(), sth: await latestHead(), now }));
}

const storedFold = async () => (await db().ethicsFold.get('log'))?.fold;
const event = (e: { kind: GovernedEvent['kind']; at: number; payload: GovernedEvent['payload'] }): GovernedEvent => ({ kind: e.kind, at: e.at, payload: e.payload });

describe('the ethics fold in the store', () => {
  it('is current after every append and gives the reference header on random logs', { timeout: 60_000 }, async () => {
    for (let seed = 1; seed <= 25; seed++) {
      useDatabase(`${dbName()}-${seed}`);
      const { entries, now } = randomLog(seed, records);
      const r = mulberry32(seed);
      for (let i = 0; i < entries.length; ) {
        const batch = entries.slice(i, i + 1 + Math.floor(r() * 8));
        await withGovernedLog([], async (log) => batch.forEach((e) => log.append(event(e))));
        i += batch.length;
        // Kept in the append's own transaction: never behind the log.
        expect((await storedFold())?.standing.size, `seed ${seed}`).toBe(i);
      }
      await scheduleHeadRefresh();
      expect(await servedHeader(now), `seed ${seed}`).toBe(await referenceHeader(now));
      db().close();
      await Dexie.delete(`${dbName()}-${seed}`);
    }
  });

  it('answers with the constitution and scars the app writes through its repositories', async () => {
    const first = await adoptFirstConstitution(DEFAULT_CONSTITUTION);
    await adoptIfNone(first, 1000);
    await withGovernedLog(['scars'], async (log) => {
      await insertScar(createScar({ id: 's1', locus: { kind: 'area', ref: 'x' }, trigger: 'manual_incident', severity: 0.5, description: 'd', createdAt: 2000 }), log);
    });
    await appendGoverned({ kind: 'restoration', at: 1500, payload: { scarId: 's1', at: 1500, note: 'too early' } });
    await scheduleHeadRefresh();
    const header = await computeEthicsHeader(3000);
    expect(header.zk_proof_handles).toMatchObject({ scars_monotone: false, pause_invariants: true });
    expect(header.constitution_chain_intact).toBe(true);
    expect(header.invariants_wired).not.toContain('SCARS_DURABLE_FORGIVENESS_BOUNDED');
    expect(JSON.stringify(header)).toBe(await referenceHeader(3000));
    expect(await db().ethicsFoldKeys.get('scar:s1')).toEqual({ key: 'scar:s1', value: { at: 2000 } });
  });

  it('builds the fold of a log written before the fold existed (schema v1), once, then keeps it current', async () => {
    const v1name = `${dbName()}-v1`;
    const old = new Dexie(v1name);
    old.version(1).stores(SCHEMA_VERSIONS[0]!.stores);
    await old.open();
    const { entries, now } = randomLog(7, records);
    const sealed = await sealEntries(0, entries.map(event));
    await old.table('log').bulkAdd(sealed.map((e) => ({ seq: e.seq, kind: e.kind, at: e.at, payload: e.payload, leafHash: e.leafHash })));
    old.close();

    useDatabase(v1name);
    await db().open();
    expect(db().verno).toBe(SCHEMA_VERSIONS.at(-1)!.version);
    expect(await db().log.count()).toBe(entries.length); // nothing a person recorded moved
    expect(await storedFold()).toBeUndefined();
    // An append to a log with no fold leaves it to a reader (no partial fold is ever stored).
    await appendGoverned({ kind: 'session_started', at: now, payload: { sessionId: 'x' } });
    expect(await storedFold()).toBeUndefined();

    expect(await servedHeader(now)).toBe(await referenceHeader(now));
    const built = await storedFold();
    expect(built?.standing.size).toBe(entries.length + 1);
    expect(JSON.stringify(built)).toBe(JSON.stringify(await foldLog(await readWholeLog())));

    await appendGoverned({ kind: 'veto', at: now, payload: { actionId: 'y', by: 'self' } });
    expect((await storedFold())?.standing.size).toBe(entries.length + 2);
    expect(await servedHeader(now)).toBe(await referenceHeader(now));
    db().close();
    await Dexie.delete(v1name);
  });

  it('answers from every entry when a damaged log cannot be folded (no constitution, too much waiting)', async () => {
    await withGovernedLog([], async (log) => {
      for (let i = 0; i <= MAX_PENDING; i++) log.append({ kind: 'consent', at: 1000 + i, payload: { proposalId: `p${i % 7}`, participant: 'self', to: 'CONSENT_GIVEN', by: 'self' } });
    });
    expect(await storedFold()).toBeUndefined(); // the append went through, without a fold
    expect(await servedHeader(9000)).toBe(await referenceHeader(9000));
  });

  it('drops a fold it cannot trust and rebuilds it from the log', async () => {
    const { entries, now } = randomLog(11, records);
    await withGovernedLog([], async (log) => entries.forEach((e) => log.append(event(e))));
    const good = await storedFold();
    // A fold that claims more entries than the log holds is dropped by the next append...
    await db().ethicsFold.put({ id: 'log', fold: { ...good!, standing: { ...good!.standing, size: entries.length + 5 } } });
    await appendGoverned({ kind: 'session_started', at: now, payload: { sessionId: 'x' } });
    expect(await storedFold()).toBeUndefined();
    // ... and a reader builds it again, from the log alone.
    expect(await servedHeader(now)).toBe(await referenceHeader(now));
    expect((await storedFold())?.standing.size).toBe(entries.length + 1);
    // One of another format is ignored and rebuilt too.
    await db().ethicsFold.put({ id: 'log', fold: { ...good!, version: 99 as 2 } });
    expect((await currentEthicsFold()).standing.size).toBe(entries.length + 1);
    expect((await storedFold())?.version).toBe(2);
  });
});
