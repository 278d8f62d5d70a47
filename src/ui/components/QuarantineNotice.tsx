import { Show } from 'solid-js';
import { A } from '@solidjs/router';
import { dismissQuarantine, quarantined } from '../../services/quarantine';
import { useLive } from './useLive';

/**
 * Says, on every page until dismissed, that stored data could not be read and was set aside:
 * a spec that opens without one of its edits must never look as if nothing happened.
 */
export function QuarantineNotice() {
  const items = useLive(quarantined(), []);
  const fresh = () => items().filter((q) => !q.acknowledged);
  return (
    <Show when={fresh().length > 0}>
      <div class="banner warn" role="alert" data-testid="quarantine-notice">
        <span>
          {fresh().length === 1
            ? `A stored edit of ${fresh()[0]!.what} could not be read. It was set aside (quarantined) and the spec opened without it.`
            : `${fresh().length} stored edits could not be read. They were set aside (quarantined) and their specs opened without them.`}
        </span>
        <A href="/settings#quarantine">Details</A>
        <button class="ghost small" onClick={() => void dismissQuarantine(fresh().map((q) => q.id))} data-testid="quarantine-dismiss">Dismiss</button>
      </div>
    </Show>
  );
}
