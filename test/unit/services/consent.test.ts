import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { useDatabase } from '../../../src/store/db';
import { readWholeLog } from '../../../src/store/logRepo';
import {
  ConsentMissingError, ConsentRefusedError, applyConsented, consentFieldOf, declare, memoryConsentChannel, waitingFor,
} from '../../../src/services/governance/consent';
import { computeEthicsHeader } from '../../../src/services/governance/ethics';
import { ensureConstitution } from '../../../src/services/governance/snapshot';

let name = '';
beforeEach(() => {
  name = `consent-${Math.random().toString(36).slice(2)}`;
  useDatabase(name);
});
afterEach(async () => {
  await Dexie.delete(name);
});

const proposal = { id: 'p1', title: 'rename the parser spec', participants: ['self', 'ana'] };

describe('consent on shared specs', () => {
  it('starts everyone listening and moves only the speaker, logging their event', async () => {
    const channel = memoryConsentChannel();
    let seen = 0;
    channel.subscribe(() => seen++);
    await declare(channel, proposal, 'ana', 'ABSTAIN', 10);
    const field = consentFieldOf(channel, proposal);
    expect(field.positions).toEqual({ self: 'LISTEN', ana: 'ABSTAIN' });
    expect(seen).toBe(1);
    const log = await readWholeLog();
    expect(log.map((e) => e.payload)).toEqual([{ proposalId: 'p1', participant: 'ana', to: 'ABSTAIN', by: 'ana' }]);
  });

  it('refuses an unknown position and shares nothing', async () => {
    const channel = memoryConsentChannel();
    await expect(declare(channel, proposal, 'self', 'NOT_A_STATE' as never)).rejects.toThrow(ConsentRefusedError);
    expect(channel.events()).toEqual([]);
  });

  it('applies only when every primary steward consents, and logs the consent it relied on', async () => {
    await ensureConstitution(1); // primary stewards: ['self']
    const channel = memoryConsentChannel();
    // Another participant's event arrives through the shared document (not logged here yet).
    channel.append({ kind: 'consent', proposalId: 'p1', participant: 'ana', to: 'CONSENT_GIVEN', at: 5, by: 'ana' });
    let changed = 0;
    await expect(applyConsented(channel, proposal, async () => void changed++)).rejects.toThrow(ConsentMissingError);
    expect(waitingFor(consentFieldOf(channel, proposal), ['self'])).toEqual(['self']);
    await declare(channel, proposal, 'self', 'CONSENT_GIVEN', 20);
    await applyConsented(channel, proposal, async () => void changed++, 30);
    expect(changed).toBe(1);
    const kinds = (await readWholeLog()).map((e) => e.kind);
    expect(kinds).toEqual(['constitution', 'consent', 'consent', 'action_applied']);
    expect((await computeEthicsHeader()).zk_proof_handles.consent_silence_bands_intact).toBe(true);
  });
});
