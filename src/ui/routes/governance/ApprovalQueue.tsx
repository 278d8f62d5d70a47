import { For, Show, createSignal } from 'solid-js';
import { approvalQueue, approveAction, canRun, rejectAction, type ApprovalRow } from '../../../services/governance';
import { errorMessage } from '../../components/errorMessage';
import { formatTime } from '../../components/format';
import { useLive } from '../../components/useLive';

const STATE_BADGE: Record<ApprovalRow['state'], string> = {
  pending: 'neutral', approved: 'neutral', applied: 'good', rejected: 'bad', failed: 'bad', withdrawn: 'neutral',
};

/** Actions waiting for a person (approve / reject, both logged) and the latest decisions. */
export function ApprovalQueue() {
  const rows = useLive(approvalQueue(), [] as ApprovalRow[]);
  const [busy, setBusy] = createSignal('');
  const [message, setMessage] = createSignal('');
  const pending = () => rows().filter((r) => r.state === 'pending');
  const decided = () => rows().filter((r) => r.state !== 'pending').slice(0, 8);
  const act = async (id: string, what: 'approve' | 'reject') => {
    setBusy(id);
    setMessage('');
    try {
      if (what === 'reject') {
        await rejectAction(id);
        setMessage('Rejected: it will not run.');
      } else {
        const outcome = await approveAction(id);
        setMessage(outcome.ran ? 'Approved and applied.' : `Approved, but it did not run: ${outcome.reason}`);
      }
    } catch (err) {
      setMessage(errorMessage(err));
    } finally {
      setBusy('');
    }
  };
  return (
    <section class="card" data-testid="approval-queue" aria-labelledby="queue-title">
      <h2 id="queue-title">Approval queue</h2>
      <Show when={pending().length > 0} fallback={<p class="muted">Nothing waits for you. Automation above the trust level lands here.</p>}>
        <ul class="queue">
          <For each={pending()}>
            {(r) => (
              <li class="queue-item" data-testid="queued-action" data-action={r.actionKind}>
                <div>
                  <strong>{r.actionKind.replace(/_/g, ' ')}</strong>: {r.intent}
                  <p class="muted small" data-testid="queue-reason">Queued because {r.reason}. {formatTime(r.createdAt)}</p>
                  <Show when={!canRun(r)}><p class="field-error small">Its page has closed: reject it and propose it again.</p></Show>
                </div>
                <div class="queue-actions">
                  <button data-testid="approve" disabled={busy() !== '' || !canRun(r)} onClick={() => void act(r.id, 'approve')}>Approve</button>
                  <button class="ghost" data-testid="reject" disabled={busy() !== ''} onClick={() => void act(r.id, 'reject')}>Reject</button>
                </div>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={message()}><p role="status" class="small" data-testid="queue-message">{message()}</p></Show>
      <Show when={decided().length > 0}>
        <h3 class="subhead">Decided</h3>
        <ul class="queue decided">
          <For each={decided()}>
            {(r) => (
              <li data-testid="decided-action">
                <span class={`badge ${STATE_BADGE[r.state]}`}>{r.state}</span> {r.actionKind.replace(/_/g, ' ')}
                <span class="muted small"> {r.outcome ?? ''}</span>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
