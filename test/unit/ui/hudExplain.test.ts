import { describe, expect, it } from 'vitest';
import { explainHud, trustChipWords } from '../../../src/ui/components/hud/explain';
import { trustTone } from '../../../src/ui/components/hud/tones';
import type { HudView } from '../../../src/services/governance';

function view(over: { trust?: Partial<HudView['trust']>; veto?: Partial<HudView['veto']>; proof?: Partial<HudView['proof']> } = {}): HudView {
  return {
    veto: { fuse: 'ok', eExt: 0, eExtMax: 10, sliceIndex: 0, vetoesThisSlice: 0, automatedThisSession: 0, maxAutomatedPerSession: 10, existentialAudit: false, ...over.veto },
    trust: { level: 2, credibility: null, tone: null, unresolvedScars: 0, consent: { open: 0, waitingFor: [], specId: null }, ...over.trust },
    proof: { size: 3, head: { size: 3, root: 'b2d14d9a00ff', at: 0, signature: '' } as unknown as HudView['proof']['head'], verification: null, state: 'green', ...over.proof },
    mode: { mode: 'IDLE', directions: ['COMPILING', 'LEARNING'], reason: 'the app started' },
  };
}

describe('the HUD in words', () => {
  it('explains each chip from its numbers', () => {
    const w = explainHud(view({ veto: { eExt: 3 } }));
    expect(w.veto).toMatch(/^Veto ok: .*E 3\/10: automated actions have used 3 of the 10 units/);
    expect(w.trust).toMatch(/^Trust L2: automation may do pure data transforms on its own .*changes to specs wait for your approval/);
    expect(w.proof).toMatch(/^Proof 3: the log holds 3 governed events\. Its Merkle root begins b2d14d9a.*verified/);
    expect(w.mode).toMatch(/^IDLE: what the app is doing now \(the app started\)\. It can move to COMPILING, LEARNING/);
    expect(explainHud(view({ veto: { fuse: 'tripped' } })).veto).toMatch(/tripped: a veto fired/);
    expect(explainHud(view({ proof: { state: 'red' } })).proof).toMatch(/mismatch/);
  });

  it('says whom a shared proposal waits for, and that silence never consents', () => {
    const waiting = explainHud(view({ trust: { consent: { open: 1, waitingFor: ['Ada', 'Bob'], specId: 's1' } } }));
    expect(waiting.consent).toBe('1 automated change to a shared spec waits for Ada, Bob to consent. Silence never consents: each steward answers on the spec, signed by their own device.');
    expect(explainHud(view({ trust: { consent: { open: 2, waitingFor: [], specId: 's1' } } })).consent).toMatch(/^2 automated changes to a shared spec: every steward has consented/);
  });

  it('reads an open scar as a record awaiting a restoration, in amber, never as an error', () => {
    const v = view({ trust: { tone: 'unresolved', unresolvedScars: 1 } });
    expect(trustChipWords(v.trust)).toBe('1 scar open');
    expect(trustTone(v.trust)).toBe('warn');
    expect(explainHud(v).trust).toMatch(/1 scar is not yet restored: a record of a harm, not an error/);
    expect(trustChipWords(view({ trust: { unresolvedScars: 2, tone: 'unresolved' } }).trust)).toBe('2 scars open');
    expect(trustChipWords(view().trust)).toBeNull();
  });
});
