import { For, Show, lazy } from 'solid-js';
import { useConsentBoards } from './useConsent';

// Only a page that reads a shared spec's channel has proposals, and it has loaded spec
// documents already; the Governance page alone does not load them for an empty list.
const SharedProposalCard = lazy(() => import('./SharedProposalCard').then((m) => ({ default: m.SharedProposalCard })));

/** Proposals on the shared specs of this page: each with its stewards' signed positions. */
export function ConsentSection() {
  const boards = useConsentBoards();
  const proposals = () => boards().flatMap((b) => b.board.proposals.map((state) => ({ ...b, state })));
  return (
    <section class="card" data-testid="consent" aria-labelledby="consent-title">
      <h2 id="consent-title">Consent on shared specs</h2>
      <p class="muted small">
        On a spec shared with other devices, an automated change (injecting priors, accepting a compiled candidate, closing a
        task) is proposed to everyone in it. Each participant answers from their own device, signed with its key; a position in
        someone else's name is refused and logged. Listening and abstaining are silence, and no timer or default turns silence
        into consent: the change applies only once every steward consents.
      </p>
      <Show when={proposals().length > 0} fallback={<p class="muted">No proposal on a shared spec in this tab.</p>}>
        <For each={proposals()}>{(x) => <SharedProposalCard specId={x.specId} title={x.title} state={x.state} board={x.board} />}</For>
      </Show>
    </section>
  );
}
