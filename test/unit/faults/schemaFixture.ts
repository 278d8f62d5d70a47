import { writeFileSync } from 'node:fs';
import { freshProfile } from '../backup/profile';
import { createSpec } from '../../../src/services/specs';
import { placeBet, resolveBet } from '../../../src/services/bets';
import { recordRun } from '../../../src/services/evidence';
import { reportIncident, restore } from '../../../src/services/scars';
import { ensureConstitution } from '../../../src/services/governance/snapshot';
import { appendGoverned } from '../../../src/store/logRepo';
import { scheduleHeadRefresh } from '../../../src/store/headsRepo';
import { addCheckpoint } from '../../../src/store/checkpointsRepo';
import { exportSpecState } from '../../../src/sync/backup';
import { db } from '../../../src/store/db';
import { encodeValue } from '../../../src/domain/backup/encoding';
import { SCHEMA_VERSIONS } from '../../../src/store/schema';

/**
 * Writes the data fixture of the CURRENT schema version, made by the app itself: call it from
 * a scratch test when a new schema version ships (e.g. writeSchemaFixture('test/fixtures/schema/v2.json')),
 * and keep every earlier file as it is. schemaFixtures.test.ts opens each under the current schema.
 */
export async function writeSchemaFixture(path: string): Promise<void> {
  freshProfile();
  const t = 1_715_000_000_000;
  await ensureConstitution(t);
  await appendGoverned({ kind: 'session_started', at: t, payload: { sessionId: 'session_fixture' } });
  const spec = await createSpec('Parser', '# Parser\n\n## Tasks\n- [ ] Tokenise [Bet: 4h @ 75%]\n- [x] Parse\n');
  await recordRun({ spec: spec.id, nudges: ['Add type hints', 'TDD'], passed: false, errorText: 'AssertionError: expected 3\nTypeError: x is undefined' });
  await recordRun({ spec: spec.id, nudges: ['TDD'], passed: true, errorText: '' });
  const a = await placeBet({ task: 'Tokenise', estimatedHours: '4h', confidence: '75', stake: '10', principles: ['small steps'], context: 'morning' }, t + 1000);
  await resolveBet(a.bet.id, { actualHours: '5h', completed: true }, t + 2000);
  const b = await placeBet({ task: 'Parse', estimatedHours: '1h', confidence: '90', stake: '5', principles: ['depth over breadth'], context: '' }, t + 3000);
  await resolveBet(b.bet.id, { actualHours: '4h', completed: true }, t + 4000);
  await placeBet({ task: 'Emit', estimatedHours: '2h', confidence: '60', stake: '5', principles: [], context: '' }, t + 5000);
  const scar = await reportIncident({ kind: 'spec', ref: spec.id, severity: 0.4, description: 'the parser lost a line' });
  await restore(scar.id, 'added a regression test');
  await addCheckpoint({ id: 'checkpoint_fixture', specId: spec.id, name: 'before refactor', createdAt: t + 7000, automatic: false, state: await exportSpecState(spec.id), text: '# Parser\n' });
  await db().table('timers').put({ betId: 'bet_timer_fixture', running: false, bankedMs: 120000, updatedAt: t + 8000 });
  await db().table('approvals').add({ id: 'approval_fixture', state: 'pending', createdAt: t + 9000, actionKind: 'inject_priors', intent: 'inject priors into Parser', reason: 'trust level', params: { specId: spec.id } });
  await db().table('compilations').put({ id: 'compilation_fixture', specId: spec.id, at: t + 10000, candidates: [], variations: 0 });
  await db().table('quarantine').add({ id: 'metacompiler-spec:x#3', docName: 'metacompiler-spec:x', key: 3, at: t + 11000, bytes: new Uint8Array([255, 255, 255]), reason: 'Error: Integer out of Range' });
  await db().table('settings').put({ key: 'peers', value: { displayName: 'Ada', transport: 'webrtc', signaling: ['ws://127.0.0.1:4444'], iceServers: [], websocketUrl: 'ws://127.0.0.1:1234' } });
  await db().table('peerSessions').put({ specId: spec.id, transport: 'websocket', room: 'mc-fixtureroom1234', password: 'fixture-password-0123456789abcdef', servers: ['ws://127.0.0.1:1234'], role: 'sharer', createdAt: t + 12000 });
  await scheduleHeadRefresh();
  const tables: Record<string, unknown[]> = {};
  for (const table of db().tables) {
    let rows = (await table.toArray()) as Record<string, unknown>[];
    // The device key is a CryptoKey pair (not data that can be written down): kept as its public half.
    if (table.name === 'keys') rows = rows.map((r) => ({ id: r.id, createdAt: r.createdAt, publicKeyJwk: r.publicKeyJwk }));
    tables[table.name] = encodeValue(rows) as unknown[];
  }
  const current = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!;
  const fixture = { version: current.version, note: 'Data as this schema version stores it, written by the app itself; test/unit/faults/schemaFixtures.test.ts opens it under the current schema. Never edit: add v2.json for a new version.', stores: current.stores, tables };
  writeFileSync(path, JSON.stringify(fixture, null, 1) + '\n');
}
