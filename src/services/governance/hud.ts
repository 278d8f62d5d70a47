import type { TrustLevel } from '../../domain/governance/constitution';
import type { FuseState } from '../../domain/governance/slice';
import type { SignedTreeHead } from '../../domain/ledger/treeHead';
import type { Tone } from '../../domain/scars/types';
import { observeConstitutions } from '../../store/governanceRepo';
import { observeLatestHead } from '../../store/headsRepo';
import type { Live } from '../../store/live';
import { observeLogTail } from '../../store/logRepo';
import { observeSetting } from '../../store/settingsRepo';
import { atlas, type AtlasView } from '../scars';
import { consentBoards, onConsentChange } from './consentState';
import { credibility } from './credibility';
import { VERIFICATION_KEY, type VerificationRecord } from './ledger';
import { modeView, onModeChange, type ModeView } from './mode';
import { hudStatus } from './hudStatus';
import { startGovernance } from './startup';

/** Everything the three dials and the mode machine show, from one recomputation. */
export interface HudView {
  veto: {
    fuse: FuseState;
    eExt: number;
    eExtMax: number;
    sliceIndex: number;
    vetoesThisSlice: number;
    automatedThisSession: number;
    maxAutomatedPerSession: number;
    existentialAudit: boolean;
  };
  trust: {
    level: TrustLevel;
    credibility: number | null;
    tone: Tone | null;
    unresolvedScars: number;
    /** Proposals on shared specs not applied yet, whom they wait for, and the spec of the first. */
    consent: { open: number; waitingFor: string[]; specId: string | null };
  };
  proof: {
    size: number;
    head: SignedTreeHead | null;
    verification: VerificationRecord | null;
    state: 'green' | 'red' | 'unverified';
  };
  mode: ModeView;
}

function consentSummary(): HudView['trust']['consent'] {
  const open = consentBoards().flatMap((b) => b.board.proposals.filter((p) => !p.applied).map((p) => ({ specId: b.specId, p })));
  const waiting = new Set(open.flatMap((o) => o.p.waitingFor));
  return { open: open.length, waitingFor: [...waiting], specId: open[0]?.specId ?? null };
}

/** The HUD, recomputed whenever the log, the head, a verification, a scar, bets, consent or the mode change. */
export function hud(): Live<HudView> {
  return {
    subscribe(observer) {
      let head: SignedTreeHead | null = null;
      let verification: VerificationRecord | null = null;
      let scars: AtlasView | null = null;
      let cred: number | null = null;
      let size = 0;
      let scheduled = false;
      let closed = false;
      const recompute = () => {
        if (scheduled || closed) return;
        scheduled = true;
        queueMicrotask(async () => {
          scheduled = false;
          try {
            // A log check that found the log changed means the kept fold cannot be taken on trust.
            const snap = await hudStatus(Date.now(), verification?.ok !== false);
            const c = snap.record.constitution;
            const s = snap.status;
            if (closed) return;
            observer.next?.({
              veto: {
                fuse: s.fuse, eExt: s.eExt, eExtMax: s.eExtMax, sliceIndex: s.sliceIndex, vetoesThisSlice: s.vetoesThisSlice,
                automatedThisSession: s.automatedThisSession, maxAutomatedPerSession: c.maxAutomatedPerSession, existentialAudit: c.existentialAudit,
              },
              trust: {
                level: c.trustLevel,
                credibility: cred,
                tone: scars?.tone ?? null,
                unresolvedScars: scars?.loci.reduce((n, l) => n + l.unresolved, 0) ?? 0,
                consent: consentSummary(),
              },
              proof: {
                size,
                head,
                verification,
                state: verification === null ? 'unverified' : verification.ok ? 'green' : 'red',
              },
              mode: modeView(),
            });
          } catch (err) {
            observer.error?.(err);
          }
        });
      };
      const on = <T>(source: Live<T>, set: (v: T) => void) =>
        source.subscribe({ next: (v) => (set(v), recompute()), error: (e) => observer.error?.(e) });
      let subs: { unsubscribe(): void }[] = [];
      let offs: (() => void)[] = [];
      const begin = () => {
        if (closed) return;
        subs = [
          on(observeLogTail(), (t) => (size = t.size)),
          on(observeLatestHead(), (h) => (head = h)),
          on(observeSetting<VerificationRecord | null>(VERIFICATION_KEY, null), (v) => (verification = v)),
          on(atlas(), (a) => (scars = a)),
          on(observeConstitutions(), () => undefined),
          on(credibility(), (v) => (cred = v)),
        ];
        offs = [onModeChange(recompute), onConsentChange(recompute)];
      };
      // The dials read every scar and a few rows of the log (hudStatus): in a long-used
      // profile, issued with the start-up check of the log they held its reads up behind
      // theirs (IndexedDB serves a database's requests in turn), so they wait for it. Its
      // verdict is what the proof dial shows first anyway.
      void startGovernance().then(begin, begin);
      return {
        unsubscribe() {
          closed = true;
          for (const s of subs) s.unsubscribe();
          for (const off of offs) off();
        },
      };
    },
  };
}
