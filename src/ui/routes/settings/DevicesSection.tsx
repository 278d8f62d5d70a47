import { For, Match, Show, Switch, createSignal, onCleanup, onMount } from 'solid-js';
import { isPairingHash, joinPairing, startPairing, type PairingFlow, type PairingView } from '../../../services/devices/pairing';
import { forgetEnded, observeDevices, observeEnded, unpair } from '../../../services/devices/devices';
import { exchangeStartTroubles, exchangeStatuses, onExchangeStatus, pauseExchange, resumeExchange } from '../../../services/devices/exchangeStatuses';
import type { ExchangeStatus } from '../../../services/devices/exchange';
import type { StartTrouble } from '../../../services/devices/keepStarting';
import { errorMessage } from '../../components/errorMessage';
import { useLive } from '../../components/useLive';
import { QrCode } from './QrCode';

function logNote(s: ExchangeStatus): string {
  const log = s.log;
  if (log.state === 'verified') return ` · its signed log verifies (${log.size} entries)`;
  if (log.state === 'waiting' && s.heldBack > 0) return ` · ${s.heldBack} records wait: ${log.reason}`;
  return '';
}

const count = (n: number) => n.toLocaleString('en');

/** "Receiving 24,000 of 100,000 records · sending …", while records are still on their way. */
function progressNote(s: ExchangeStatus): string {
  const p = s.progress;
  const parts: string[] = [];
  if (p.received < p.receiveTotal) parts.push(`receiving ${count(p.received)} of ${count(p.receiveTotal)} records`);
  if (p.sent < p.sendTotal) parts.push(`sending ${count(p.sent)} of ${count(p.sendTotal)} records`);
  return parts.join(' · ');
}

/** Why a pairing does not exchange in this tab: another tab does it, or its start failed here (and is tried again). */
function notExchanging(t: StartTrouble | undefined): string {
  if (!t) return 'Not exchanging in this tab';
  const at = new Date(t.retryAt).toLocaleTimeString(undefined, { timeStyle: 'medium' });
  if (t.afterStart) return `Not exchanging: the exchange stopped (${t.reason}); starting it again at ${at}`;
  return `Not exchanging yet: the exchange did not start (attempt ${t.attempt}: ${t.reason}); trying again at ${at}`;
}

const when = (at: number) => new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Settings -> My devices: pair this browser with another device of the same person, or unpair. */
export function DevicesSection() {
  const devices = useLive(observeDevices(), []);
  const ended = useLive(observeEnded(), []);
  const [view, setView] = createSignal<PairingView | null>(null);
  const [error, setError] = createSignal('');
  const [copied, setCopied] = createSignal(false);
  const [statuses, setStatuses] = createSignal(new Map(exchangeStatuses()));
  const [troubles, setTroubles] = createSignal(new Map(exchangeStartTroubles()));
  const offStatus = onExchangeStatus(() => {
    setStatuses(new Map(exchangeStatuses()));
    setTroubles(new Map(exchangeStartTroubles()));
  });
  let current: PairingFlow | undefined;

  const close = () => {
    current?.close();
    current = undefined;
    setView(null);
    setCopied(false);
  };
  const follow = (f: PairingFlow) => {
    current?.close();
    current = f;
    setView(f.view());
    f.onChange(setView);
  };
  const pair = async () => {
    setError('');
    try {
      follow(await startPairing(location.origin));
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const copy = async (link: string) => {
    await navigator.clipboard.writeText(link);
    setCopied(true);
  };

  const openLink = () => {
    if (!isPairingHash(location.hash)) return;
    const hash = location.hash;
    // The link is used once: a reload must not open the handshake again.
    history.replaceState(null, '', location.pathname + location.search);
    setError('');
    joinPairing(hash).then(follow, (e) => setError(errorMessage(e)));
    document.getElementById('devices-title')?.scrollIntoView();
  };
  onMount(() => {
    openLink();
    // A link opened while Settings is already showing changes only the fragment.
    window.addEventListener('hashchange', openLink);
  });
  onCleanup(() => {
    offStatus();
    window.removeEventListener('hashchange', openLink);
    current?.close();
  });

  return (
    <section class="devices" aria-labelledby="devices-title" data-testid="devices">
      <h2 id="devices-title">My devices</h2>
      <p class="muted">
        Pair this browser with your other devices (a phone, another laptop). Paired devices exchange specs (their
        text, live, their titles and History checkpoints), runs, bets with their resolutions, corrections and timers,
        scars and restorations, constitutions and approvals while the app is open on both, through the connection set
        under Shared sessions above, sealed with a key only the two devices hold. Specs need no share session between
        them.
      </p>
      <Show when={devices().length > 0} fallback={<p data-testid="no-devices">No paired devices.</p>}>
        <ul class="device-list" data-testid="device-list">
          <For each={devices()}>
            {(d) => (
              <li data-testid="paired-device">
                <span class="device-name">{d.peer.name}</span>
                <span class="muted"> paired {when(d.pairedAt)} · {d.transport === 'websocket' ? 'y-websocket' : 'WebRTC'} via {d.server}</span>
                <Show when={statuses().get(d.id)} fallback={
                    <span class="device-status muted" data-testid="exchange-status">
                      {notExchanging(troubles().get(d.id))}
                    </span>
                  }>
                  {(s) => (
                    <>
                      <span
                        class="device-status"
                        data-testid="exchange-status"
                        data-connected={s().connected ? 'yes' : 'no'}
                        data-paused={s().paused ? 'yes' : 'no'}
                        data-offline={s().offline ? 'yes' : 'no'}
                        data-up-to-date={s().upToDate ? 'yes' : 'no'}
                      >
                        {s().paused ? 'Paused' : s().offline ? 'Offline: joins again once online' : s().connected ? 'Connected' : 'Not connected'} · {s().sent} records sent, {s().received} received
                        {s().waiting > 0 ? ` · ${s().waiting} waiting for their bet` : ''}
                        {logNote(s())}
                      </span>
                      <Show when={progressNote(s())}>
                        {(note) => (
                          <span class="device-progress" data-testid="exchange-progress">
                            <progress
                              max={s().progress.receiveTotal + s().progress.sendTotal}
                              value={s().progress.received + s().progress.sent}
                              aria-label={`Exchange with ${d.peer.name}`}
                            />{' '}
                            {note()[0]!.toUpperCase() + note().slice(1)}
                            {s().paused ? ' (paused)' : ''}
                          </span>
                        )}
                      </Show>
                      <button
                        class="ghost small"
                        onClick={() => (s().paused ? resumeExchange(d.id) : pauseExchange(d.id))}
                        data-testid={s().paused ? 'exchange-resume' : 'exchange-pause'}
                      >
                        {s().paused ? 'Resume' : 'Pause'}
                      </button>
                    </>
                  )}
                </Show>
                <Show when={statuses().get(d.id)?.log.state === 'failed' && statuses().get(d.id)}>
                  {(s) => (
                    <span class="field-error" role="alert" data-testid="device-log-failed">
                      {d.peer.name}: its log does not verify ({(s().log as { reason: string }).reason}). Its new records are held back
                      ({s().heldBack}), and a scar was left.
                    </span>
                  )}
                </Show>
                <For each={statuses().get(d.id)?.refused ?? []}>
                  {(reason) => <span class="field-error" role="alert" data-testid="exchange-refused">{reason}</span>}
                </For>
                <button class="device-unpair" onClick={() => void unpair(d.id)} data-testid="unpair">
                  Unpair
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <For each={ended()}>
        {(e) => (
          <Show
            when={e.by === 'there'}
            fallback={
              <p class="muted" role="status" data-testid="unpair-telling">
                Unpaired {e.peerName}. It is told the next time both devices are online, and then stops exchanging too.{' '}
                <button class="ghost small" onClick={() => void forgetEnded(e.id)}>Stop trying</button>
              </p>
            }
          >
            <p role="status" class="device-unpaired" data-testid="unpaired-notice">
              {e.peerName} unpaired this device ({when(e.at)}). Nothing is exchanged with it any more; what it sent before
              stays here.{' '}
              <button class="ghost small" onClick={() => void forgetEnded(e.id)}>Dismiss</button>
            </p>
          </Show>
        )}
      </For>
      <Show when={!view()}>
        <button onClick={() => void pair()} data-testid="pair-device">Pair a device</button>
      </Show>
      <Show when={error()}>
        <p class="field-error" role="alert" data-testid="pair-error">{error()}</p>
      </Show>
      <Show when={view()}>
        {(v) => (
          <div class="pairing-panel" data-testid="pairing-panel">
            <Switch>
              <Match when={v().step === 'waiting' && (v() as Extract<PairingView, { step: 'waiting' }>)}>
                {(w) => (
                  <>
                    <p>Open this link on your other device, or scan the code with its camera:</p>
                    <div class="pair-link">
                      <input readonly value={w().link} aria-label="Pairing link" data-testid="pair-link" onFocus={(e) => e.currentTarget.select()} />
                      <button onClick={() => void copy(w().link)}>{copied() ? 'Copied' : 'Copy link'}</button>
                    </div>
                    <QrCode matrix={w().qr} label="QR code of the pairing link" />
                    <p class="muted" role="status" data-testid="pair-status">
                      {w().connected ? 'Waiting for your other device to open the link…' : 'Connecting to the server…'}
                    </p>
                  </>
                )}
              </Match>
              <Match when={v().step === 'joining' && (v() as Extract<PairingView, { step: 'joining' }>)}>
                {(j) => (
                  <p role="status" data-testid="pair-status">
                    {j().connected ? 'Waiting for the device that made this link…' : 'Connecting to the server…'}
                  </p>
                )}
              </Match>
              <Match when={v().step === 'compare' && (v() as Extract<PairingView, { step: 'compare' }>)}>
                {(c) => (
                  <>
                    <p>
                      Check that <strong>{c().otherName}</strong> shows the same code:
                    </p>
                    <p class="pair-code" data-testid="pair-code">{c().code}</p>
                    <Show
                      when={!c().confirmed}
                      fallback={<p role="status" data-testid="pair-status">Confirmed here. Confirm on {c().otherName} too.</p>}
                    >
                      <button onClick={() => void current?.confirm()} data-testid="pair-confirm">
                        The codes match: pair
                      </button>
                    </Show>
                  </>
                )}
              </Match>
              <Match when={v().step === 'paired' && (v() as Extract<PairingView, { step: 'paired' }>)}>
                {(p) => (
                  <p role="status" data-testid="pair-done">
                    Paired with <strong>{p().otherName}</strong>.
                  </p>
                )}
              </Match>
              <Match when={v().step === 'failed' && (v() as Extract<PairingView, { step: 'failed' }>)}>
                {(f) => (
                  <p class="field-error" role="alert" data-testid="pair-error">
                    {f().message}
                  </p>
                )}
              </Match>
            </Switch>
            <button onClick={close} data-testid="pair-close">
              {v().step === 'paired' || v().step === 'failed' ? 'Close' : 'Cancel'}
            </button>
          </div>
        )}
      </Show>
    </section>
  );
}
