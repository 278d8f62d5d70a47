import { For, Show, createResource, createSignal } from 'solid-js';
import {
  answerShared, myFingerprint, shortFingerprint, stalledReason,
  type ConsentBoard, type ConsentState, type SharedProposalState,
} from '../../../services/governance';
import { errorMessage } from '../../components/errorMessage';

const WORDS: Record<ConsentState, string> = {
  LISTEN: 'listening',
  ABSTAIN: 'abstaining',
  SUSPEND: 'suspending',
  CONSENT_GIVEN: 'consents',
  DISSENT: 'dissents',
};
const ANSWERS: [ConsentState, string][] = [
  ['CONSENT_GIVEN', 'Consent'],
  ['DISSENT', 'Dissent'],
  ['SUSPEND', 'Suspend'],
  ['ABSTAIN', 'Abstain'],
];
const badge = (s: ConsentState) => (s === 'CONSENT_GIVEN' ? 'good' : s === 'DISSENT' ? 'bad' : 'neutral');

/**
 * One proposal on a shared spec: what it would change, each steward's position (signed by the
 * key shown beside their name), this device's answer, and every record the channel refused.
 * Listening and abstaining are silence: the change waits until each steward consents.
 */
export function SharedProposalCard(props: { specId: string; title?: string; state: SharedProposalState; board: ConsentBoard }) {
  const [error, setError] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [mine] = createResource(() => myFingerprint());
  const p = () => props.state.proposal;
  const keyOf = (name: string) => props.board.participants.find((x) => x.name === name)?.key;
  const me = () => props.board.participants.find((x) => x.key === mine())?.name;
  const position = (name: string): ConsentState => props.state.field.positions[name] ?? 'LISTEN';
  const refused = () => props.board.refusals.filter((r) => r.proposalId === p().proposalId);
  const answer = async (to: ConsentState) => {
    setError('');
    setBusy(true);
    try {
      await answerShared(props.specId, p().proposalId, to);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const status = () => {
    if (props.state.applied) return `Applied by ${props.state.applied.body.by}'s device.`;
    const stalled = stalledReason(p().proposalId);
    if (stalled) return `Every steward consents, but it did not run here: ${stalled}.`;
    if (props.state.applies) return `Every steward consents: ${p().proposer}'s device makes the change.`;
    return `It applies only when ${props.state.waitingFor.join(', ')} consent${props.state.waitingFor.length === 1 ? 's' : ''}.`;
  };
  return (
    <div class="consent" data-testid="shared-proposal" data-proposal={p().proposalId} data-applied={String(!!props.state.applied)}>
      <p>
        <strong>{p().action.replace(/_/g, ' ')}</strong>
        <Show when={props.title}> on “{props.title}”</Show>: {p().intent}
      </p>
      <p class="muted small">Proposed by {p().proposer}. Every steward below must consent; silence never does.</p>
      <table class="data small">
        <thead><tr><th>Steward</th><th>Key</th><th>Position</th></tr></thead>
        <tbody>
          <For each={p().stewards}>
            {(s) => (
              <tr data-testid="consent-row" data-participant={s} data-position={position(s)}>
                <td>{s}{s === me() ? ' (you)' : ''}</td>
                <td><code>{keyOf(s) ? shortFingerprint(keyOf(s)!) : 'not shown yet'}</code></td>
                <td><span class={`badge ${badge(position(s))}`}>{WORDS[position(s)]}</span></td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <Show when={!props.state.applied && me() !== undefined && p().stewards.includes(me()!)}>
        <div class="automation-row" role="group" aria-label="Your position">
          <For each={ANSWERS}>
            {([to, label]) => (
              <button class={to === 'CONSENT_GIVEN' ? 'small' : 'ghost small'} disabled={busy() || position(me()!) === to} data-testid={`answer-${to}`} onClick={() => void answer(to)}>
                {label}
              </button>
            )}
          </For>
        </div>
      </Show>
      <p class="small" data-testid="consent-status">{status()}</p>
      <Show when={refused().length > 0}>
        <ul class="small refusals" data-testid="consent-refusals">
          <For each={refused()}>{(r) => <li data-testid="consent-refusal"><span class="badge bad">refused</span> {r.reason} (signed by {r.signer})</li>}</For>
        </ul>
      </Show>
      <Show when={error()}><p class="field-error" role="alert">{error()}</p></Show>
    </div>
  );
}
