import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDatabase } from './specsSupport';
import { readWholeLog } from '../../../src/store/logRepo';
import { savePeerSettings, DEFAULT_PEER_SETTINGS } from '../../../src/services/specs/peerSettings';
import { channelOf, settled } from '../../../src/services/governance/consentBoards';
import { answerShared, attachShared, proposeShared } from '../../../src/services/governance/sharedProposals';
import { ensureConstitution } from '../../../src/services/governance/snapshot';
import { computeEthicsHeader } from '../../../src/services/governance/ethics';
import type { AutomationProposal } from '../../../src/services/governance/apply';
import { keyFingerprint, signRecord } from '../../../src/domain/governance/consentRecords';
import { generateDeviceKey } from '../../../src/domain/ledger/treeHead';
import { newId } from '../../../src/domain/ids';

/*
 * Consent on a shared spec, on this device (Ada's, with the real store, device key and spec
 * document), while another participant's device (Bob) writes into the spec's consent channel
 * what its own key signed, as its records would arrive from a peer.
 */

let db: ReturnType<typeof freshDatabase>;
let release: () => void = () => undefined;
beforeEach(async () => {
  db = freshDatabase();
  await savePeerSettings({ ...DEFAULT_PEER_SETTINGS, displayName: 'Ada' });
  await ensureConstitution(); // trust level 2: injecting priors (level 3) would queue for a person
});
afterEach(async () => {
  release();
  await db.drop();
});

async function peer(name: string) {
  const key = await generateDeviceKey();
  return { name, privateKey: key.privateKey, publicKeyJwk: key.publicKeyJwk, fingerprint: await keyFingerprint(key.publicKeyJwk) };
}

function injection(specId: string, changes: string[]): AutomationProposal {
  return {
    action: 'inject_priors',
    intent: 'write the learned priors into "Parser"',
    params: { specId, title: 'Parser' },
    sharedSpecId: specId,
    apply: { kind: 'external', run: async () => void changes.push('applied') },
    rollback: async () => void changes.push('rolled back'),
  };
}

const kinds = async () => (await readWholeLog()).map((e) => e.kind).filter((k) => k !== 'constitution');

describe('consent on a shared spec', () => {
  it('applies only after every steward consents, refuses a forged consent, and logs all of it', async () => {
    const specId = newId('spec');
    release = attachShared(specId);
    const bob = await peer('Bob');
    const channel = channelOf(specId)!;
    channel.append(await signRecord(specId, 'roster', { name: 'Bob', publicKeyJwk: bob.publicKeyJwk, at: 1 }, bob));
    await settled(specId);

    const changes: string[] = [];
    const r = await proposeShared(specId, injection(specId, changes));
    expect(r.verdict).toBe('consent');
    expect(r.reason).toBe('it applies once Ada, Bob consent');
    const proposalId = r.actionId;

    await answerShared(specId, proposalId, 'CONSENT_GIVEN');
    // Bob signs a consent in Ada's name with his own key: refused; and he listens (silence).
    channel.append(await signRecord(specId, 'position', { proposalId, participant: 'Ada', to: 'DISSENT', at: 5 }, bob));
    channel.append(await signRecord(specId, 'position', { proposalId, participant: 'Bob', to: 'LISTEN', at: 6 }, bob));
    let board = await settled(specId);
    expect(board.proposals[0]).toMatchObject({ applies: false, waitingFor: ['Bob'] });
    expect(board.proposals[0]?.field.positions.Ada).toBe('CONSENT_GIVEN');
    expect(board.refusals.map((x) => x.reason)).toEqual(["a position in Ada's name signed by Bob's key"]);
    expect(changes).toEqual([]);

    channel.append(await signRecord(specId, 'position', { proposalId, participant: 'Bob', to: 'CONSENT_GIVEN', at: 7 }, bob));
    expect(await r.done).toEqual({ ran: true });
    board = await settled(specId);
    expect(changes).toEqual(['applied']);
    expect(board.proposals[0]?.applied).not.toBeNull();

    const log = await readWholeLog();
    expect(await kinds()).toEqual(['proposal_opened', 'consent', 'consent_refused', 'consent', 'action_applied', 'proposal_applied']);
    const refused = log.find((e) => e.kind === 'consent_refused');
    expect(refused?.payload).toMatchObject({ proposalId, participant: 'Ada', signer: 'Bob', reason: "a position in Ada's name signed by Bob's key" });
    const opened = log.find((e) => e.kind === 'proposal_opened');
    expect(opened?.payload).toMatchObject({ proposalId, stewards: ['Ada', 'Bob'], proposer: 'Ada' });
    expect(log.find((e) => e.kind === 'action_applied')?.payload).toMatchObject({ proposalId, action: 'inject_priors', automated: false });

    const header = await computeEthicsHeader();
    expect(header.zk_proof_handles.consent_silence_bands_intact).toBe(true);
    expect(header.invariants_wired).toContain('SILENCE_BANDS_PROTECTED');
  });

  it('never applies while a steward only listens, and a steward with no key shown keeps it waiting', async () => {
    const specId = newId('spec');
    release = attachShared(specId);
    const changes: string[] = [];
    const bob = await peer('Bob');
    channelOf(specId)!.append(await signRecord(specId, 'roster', { name: 'Bob', publicKeyJwk: bob.publicKeyJwk, at: 1 }, bob));
    await settled(specId);
    const r = await proposeShared(specId, injection(specId, changes));
    await answerShared(specId, r.actionId, 'CONSENT_GIVEN');
    const board = await settled(specId);
    expect(board.proposals[0]?.waitingFor).toEqual(['Bob']);
    expect(changes).toEqual([]);
    expect(await kinds()).not.toContain('action_applied');
  });
});
