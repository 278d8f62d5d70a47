import { For, Show, createEffect, on, onCleanup } from 'solid-js';
import { attachShared, shortFingerprint, watchSharedConsent } from '../../../services/governance';
import { onShareChange, shareState } from '../../../services/specs/share';
import { SharedProposalCard } from '../governance/SharedProposalCard';
import { useConsentBoards } from '../governance/useConsent';

/**
 * The proposals on this spec waiting for, or carried by, its stewards' consent (only a shared
 * spec has any). Watching the spec's consent channel while it is open also logs what arrives.
 */
export function ConsentPanel(props: { specId: string }) {
  watchSharedConsent({ shareState, onShareChange });
  createEffect(on(() => props.specId, (id) => onCleanup(attachShared(id))));
  const boards = useConsentBoards();
  const board = () => boards().find((b) => b.specId === props.specId)?.board;
  const open = () => board()?.proposals.filter((p) => !p.applied) ?? [];
  const done = () => board()?.proposals.filter((p) => p.applied) ?? [];
  const loose = () => board()?.refusals.filter((r) => r.proposalId === undefined) ?? [];
  return (
    <Show when={board() && (board()!.participants.length > 0 || board()!.refusals.length > 0)}>
      <section class="consent-panel" data-testid="consent-panel" aria-label="Consent on this shared spec">
        <p class="small muted" data-testid="consent-participants">
          Consent here is signed by each device's key:{' '}
          <For each={board()!.participants}>
            {(p, i) => <>{i() > 0 ? ', ' : ''}<span data-testid="consent-participant" data-name={p.name}>{p.name} <code>{shortFingerprint(p.key)}</code></span></>}
          </For>
          . Compare the codes with each other to be sure who is who.
        </p>
        <For each={open()}>{(state) => <SharedProposalCard specId={props.specId} state={state} board={board()!} />}</For>
        <Show when={loose().length > 0}>
          <ul class="small refusals" data-testid="consent-refusals">
            <For each={loose()}>{(r) => <li data-testid="consent-refusal"><span class="badge bad">refused</span> {r.type}: {r.reason} (signed by {r.signer})</li>}</For>
          </ul>
        </Show>
        <Show when={done().length > 0}>
          <details>
            <summary class="small">{done().length} applied by consent</summary>
            <For each={done()}>{(state) => <SharedProposalCard specId={props.specId} state={state} board={board()!} />}</For>
          </details>
        </Show>
      </section>
    </Show>
  );
}
