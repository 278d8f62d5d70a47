import { Show, createSignal, createUniqueId, onCleanup } from 'solid-js';
import { A } from '@solidjs/router';
import type { Token } from '../../services/specs/view';
import { TokenCard } from './TokenCard';
import { tokenRoute } from './tokenRoutes';

const KIND_LABEL: Record<Token['kind'], string> = {
  evidence: 'evidence',
  nudge: 'nudge',
  bet: 'bet',
  citing: 'principles',
  passRate: 'pass rate',
  path: 'AGENTESE path',
  malformed: 'malformed token',
};

/** Text that looks like a token but does not parse: shown as it is, with a quiet warning. */
function Malformed(props: { token: Extract<Token, { kind: 'malformed' }> }) {
  const why = `Looks like a ${KIND_LABEL[props.token.intended]} token, but ${props.token.reason}`;
  return (
    <span class="tok-malformed" title={why} data-testid="malformed-token">
      {props.token.raw}
      <span class="sr-only"> ({why})</span>
    </span>
  );
}

/** Closes the card shown last, so that moving from token to token never leaves two open. */
let closeShown: (() => void) | undefined;

/**
 * A live token: a link to the page behind it, and a hover (or focus) card with the facts it
 * stands for, read live while the card is open.
 */
export function TokenWidget(props: { token: Token; specId: string }) {
  const token = props.token;
  if (token.kind === 'malformed') return <Malformed token={token} />;
  const route = tokenRoute(token, props.specId);
  const id = createUniqueId();
  const [anchor, setAnchor] = createSignal<HTMLElement | undefined>();
  let el!: HTMLElement;
  let hideTimer: ReturnType<typeof setTimeout> | undefined;
  const close = () => setAnchor(undefined);
  const show = () => {
    clearTimeout(hideTimer);
    if (closeShown !== close) closeShown?.();
    closeShown = close;
    setAnchor(el);
  };
  // A short grace period lets the pointer travel from the token into its card.
  const hide = () => {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(close, 150);
  };
  const escape = (e: KeyboardEvent) => e.key === 'Escape' && close();
  onCleanup(() => {
    clearTimeout(hideTimer);
    if (closeShown === close) closeShown = undefined;
  });
  const common = {
    class: `tok tok-${token.kind}`,
    'data-testid': 'token',
    'data-kind': token.kind,
    // A getter, so the spread stays reactive: the card is described only while shown.
    get 'aria-describedby'() {
      return anchor() ? id : undefined;
    },
  };
  return (
    <span class="tok-wrap" onMouseEnter={show} onMouseLeave={hide} onFocusIn={show} onFocusOut={hide} onKeyDown={escape}>
      <Show
        when={route}
        fallback={
          <span {...common} ref={(s: HTMLSpanElement) => (el = s)} tabindex="0" title={token.kind === 'path' ? 'Unknown AGENTESE path' : undefined}>
            {token.raw}
          </span>
        }
      >
        {(href) => (
          <A {...common} ref={(a: HTMLAnchorElement) => (el = a)} href={href()} aria-label={`${token.raw} (${KIND_LABEL[token.kind]}; opens its page)`}>
            {token.raw}
          </A>
        )}
      </Show>
      <Show when={anchor()}>{(a) => <TokenCard id={id} token={token} specId={props.specId} anchor={a()} />}</Show>
    </span>
  );
}
