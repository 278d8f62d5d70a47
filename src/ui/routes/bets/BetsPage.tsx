import { Show, createSignal, onCleanup, onMount } from 'solid-js';
import { A } from '@solidjs/router';
import { bettingDashboard, timers, type Bet, type Dashboard } from '../../../services/bets';
import { useLive } from '../../components/useLive';
import { Toast, type ToastState } from '../../components/Toast';
import { SessionSummary } from './SessionSummary';
import { PlaceBetForm } from './PlaceBetForm';
import { OpenBets } from './OpenBets';
import { PrincipleHealthList } from './PrincipleHealthList';
import { ResolvedBets } from './ResolvedBets';
import { ResolveDialog, type ResolveRequest } from './ResolveDialog';
import { BetFiles } from './BetFiles';
import './bets.css';

export default function BetsPage() {
  const dash = useLive<Dashboard | undefined>(bettingDashboard(), undefined);
  const [request, setRequest] = createSignal<ResolveRequest>();
  const [toast, setToast] = createSignal<ToastState>();
  // This tab takes over timers left running by a tab that has closed or reloaded.
  onMount(() => onCleanup(timers().watch()));
  const say = (message: string) => setToast({ message });
  // Where focus goes when the resolve dialog closes (the native return target may be gone).
  let opener: HTMLElement | null = null;
  let resolvedId: string | undefined;
  const openDialog = (r: ResolveRequest) => {
    opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    resolvedId = undefined;
    setRequest(r);
  };
  const closeDialog = () => {
    const closing = request();
    setRequest(undefined);
    // After a resolution the bet's own Resolve button leaves the list: the next open bet's, else
    // the Open bets heading. After Cancel or a correction: the button that opened the dialog.
    const gone = resolvedId !== undefined && closing?.mode === 'resolve';
    const skip = resolvedId ?? '';
    queueMicrotask(() => {
      const next = gone
        ? document.querySelector<HTMLElement>(`[data-testid="open-bet"]:not([data-bet-id="${CSS.escape(skip)}"]) [data-testid="resolve-open"]`) ??
          document.getElementById('open-bets-heading')
        : opener?.isConnected
          ? opener
          : document.getElementById('open-bets-heading');
      next?.focus();
    });
  };

  return (
    <section class="page bets-page">
      <h1>Bets</h1>
      <p class="muted lede">
        Every estimate is a wager: hours, how sure you are, and focus tokens at stake against an adversary at fair odds.
        See how well your confidence holds up on the <A href="/calibration">Calibration</A> page.
      </p>
      <Show when={dash()} fallback={<p class="muted" role="status">Loading your bets…</p>}>
        {(d) => (
          <>
            <SessionSummary dash={d()} />
            <div class="bets-grid">
              <PlaceBetForm credibility={d().state.credibility} rules={d().rules} available={d().available} onPlaced={say} />
              <div class="bets-column">
                <OpenBets bets={d().open} onResolve={(bet: Bet, hoursOnClock) => openDialog({ bet, hoursOnClock, mode: 'resolve' })} />
                <PrincipleHealthList principles={d().principles} baseRate={d().baseRate} decisive={d().rules.principleDecisiveProbability} />
              </div>
            </div>
            <ResolvedBets resolved={d().resolved} onCorrect={(bet) => openDialog({ bet, hoursOnClock: 0, mode: 'correct' })} />
            <BetFiles />
          </>
        )}
      </Show>
      <Show when={request()} keyed>
        {(r) => (
          <ResolveDialog
            request={r}
            credibility={dash()?.state.credibility ?? 1}
            rules={dash()?.rules}
            onClose={closeDialog}
            onDone={(message) => {
              resolvedId = r.bet.id;
              say(message);
            }}
          />
        )}
      </Show>
      <Toast state={toast()} onClose={() => setToast(undefined)} />
    </section>
  );
}
