import { Show, createSignal, onCleanup, type JSX } from 'solid-js';
import type { Token } from '../../services/specs/view';
import { tokenInfo, type TokenInfo } from '../../services/specs/tokenInfo';
import { BetFacts, CitingFacts, EvidenceFacts, NudgeFacts, PassRateFacts, PathFacts } from './cardFacts';

/** Where a card goes: under its token, kept inside the window. */
function position(anchor: DOMRect): JSX.CSSProperties {
  const width = 300;
  const left = Math.max(8, Math.min(anchor.left, window.innerWidth - width - 8));
  const below = anchor.bottom + 6;
  const fitsBelow = below + 220 < window.innerHeight;
  return fitsBelow
    ? { left: `${left}px`, top: `${below}px`, width: `${width}px` }
    : { left: `${left}px`, bottom: `${window.innerHeight - anchor.top + 6}px`, width: `${width}px` };
}

function facts(info: TokenInfo, token: Token, specId: string): JSX.Element {
  switch (info.kind) {
    case 'evidence':
      return <EvidenceFacts info={info} />;
    case 'nudge':
      return <NudgeFacts info={info} token={token} specId={specId} />;
    case 'bet':
      return <BetFacts info={info} token={token} />;
    case 'citing':
      return <CitingFacts info={info} />;
    case 'passRate':
      return <PassRateFacts info={info} token={token} specId={specId} />;
    case 'path':
      return <PathFacts info={info} />;
    case 'malformed':
      return <p>{info.reason}</p>;
  }
}

/** The hover card of a token; subscribes to the token's facts only while it is shown. */
export function TokenCard(props: { id: string; token: Token; specId: string; anchor: HTMLElement }) {
  const [info, setInfo] = createSignal<TokenInfo | undefined>();
  // Fixed, so no scrolling pane clips it; it follows its token when anything scrolls or moves.
  const [rect, setRect] = createSignal(props.anchor.getBoundingClientRect());
  const follow = () => setRect(props.anchor.getBoundingClientRect());
  const moved = new ResizeObserver(follow);
  moved.observe(document.body);
  addEventListener('scroll', follow, true);
  addEventListener('resize', follow);
  onCleanup(() => (moved.disconnect(), removeEventListener('scroll', follow, true), removeEventListener('resize', follow)));
  const [error, setError] = createSignal('');
  const sub = tokenInfo(props.token, props.specId).subscribe({
    next: (v) => setInfo(() => v),
    error: (e) => setError(e instanceof Error ? e.message : String(e)),
  });
  onCleanup(() => sub.unsubscribe());
  return (
    <div class="tok-card" role="tooltip" id={props.id} data-testid="token-card" style={position(rect())}>
      <div class="tok-card-raw">{props.token.raw}</div>
      <Show when={!error()} fallback={<p class="field-error">Could not read this token's facts: {error()}</p>}>
        {/* Keyed: the facts are plain props, so each new value (the learner answering, a timer
            ticking) must build them anew; without it the card kept its first value forever. */}
        <Show when={info()} keyed fallback={<p class="muted">Reading…</p>}>
          {(i) => facts(i, props.token, props.specId)}
        </Show>
      </Show>
    </div>
  );
}
