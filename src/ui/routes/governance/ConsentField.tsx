import { For, Show, createSignal, onCleanup } from 'solid-js';
import {
  CONSENT_STATES, consentFieldOf, declare, positionOf, waitingFor,
  type ConsentChannel, type ConsentField as Field, type ConsentProposal, type ConsentState,
} from '../../../services/governance';
import { errorMessage } from '../../components/errorMessage';

const WORDS: Record<ConsentState, string> = {
  LISTEN: 'listening',
  ABSTAIN: 'abstaining',
  SUSPEND: 'suspending',
  CONSENT_GIVEN: 'consents',
  DISSENT: 'dissents',
};

/**
 * One proposal's consent field: every participant's position, and a control for `me` alone
 * (nobody can move another's position; silence never turns into consent).
 */
export function ConsentField(props: { channel: ConsentChannel; proposal: ConsentProposal; me: string; primary: readonly string[] }) {
  const [field, setField] = createSignal<Field>(consentFieldOf(props.channel, props.proposal));
  const [error, setError] = createSignal('');
  onCleanup(props.channel.subscribe(() => setField(consentFieldOf(props.channel, props.proposal))));
  const waiting = () => waitingFor(field(), props.primary);
  const choose = async (to: ConsentState) => {
    setError('');
    try {
      await declare(props.channel, props.proposal, props.me, to);
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <div class="consent" data-testid="consent-field" data-proposal={props.proposal.id}>
      <p><strong>{props.proposal.title}</strong></p>
      <table class="data small">
        <thead><tr><th>Participant</th><th>Position</th></tr></thead>
        <tbody>
          <For each={props.proposal.participants}>
            {(p) => (
              <tr data-testid="consent-row" data-participant={p}>
                <td>{p}{props.primary.includes(p) ? ' (primary steward)' : ''}{p === props.me ? ' — you' : ''}</td>
                <td><span class={`badge ${positionOf(field(), p) === 'CONSENT_GIVEN' ? 'good' : positionOf(field(), p) === 'DISSENT' ? 'bad' : 'neutral'}`}>{WORDS[positionOf(field(), p)]}</span></td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <label class="inline-label small">
        Your position
        <select data-testid="my-consent" value={positionOf(field(), props.me)} onChange={(e) => void choose(e.currentTarget.value as ConsentState)}>
          <For each={CONSENT_STATES}>{(s) => <option value={s}>{WORDS[s]}</option>}</For>
        </select>
      </label>
      <p class="small" data-testid="consent-applies">
        {waiting().length === 0 ? 'Every primary steward consents: the proposal may apply.' : `It applies only when ${waiting().join(', ')} consent${waiting().length === 1 ? 's' : ''}.`}
      </p>
      <Show when={error()}><p class="field-error" role="alert">{error()}</p></Show>
    </div>
  );
}
