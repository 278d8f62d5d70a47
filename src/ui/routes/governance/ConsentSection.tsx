import { For, Show, createSignal, onCleanup } from 'solid-js';
import { onSharedProposalsChange, sharedProposals, type SharedProposal } from '../../../services/governance';
import { ConsentField } from './ConsentField';

/** Proposals on shared specs open in this page (peer sessions attach them). */
export function ConsentSection(props: { primary: readonly string[] }) {
  const [open, setOpen] = createSignal<SharedProposal[]>(sharedProposals());
  onCleanup(onSharedProposalsChange(() => setOpen(sharedProposals())));
  return (
    <section class="card" data-testid="consent" aria-labelledby="consent-title">
      <h2 id="consent-title">Consent on shared specs</h2>
      <p class="muted small">
        In a peer session, a change to a shared spec carries a position per participant: listen, abstain, suspend, consent or
        dissent. Listening and abstaining are silence, and no timer or default turns silence into consent.
      </p>
      <Show when={open().length > 0} fallback={<p class="muted">No shared proposal is open in this tab.</p>}>
        <For each={open()}>{(s) => <ConsentField channel={s.channel} proposal={s.proposal} me={s.me} primary={props.primary} />}</For>
      </Show>
    </section>
  );
}
