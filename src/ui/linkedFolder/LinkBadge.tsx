import type { LinkedFileRow } from '../../services/linkedFolder/linkedFolder';
import { STATUS_LABEL, STATUS_TONE } from './linkStatus';
import './linkedFolder.css';

/** One linked spec's status as a small pill; its message (what merged, what failed) on hover. */
export function LinkBadge(props: { row: LinkedFileRow; withName?: boolean; compact?: boolean }) {
  return (
    <span
      class={`link-badge tone-${STATUS_TONE[props.row.status]}`}
      classList={{ compact: !!props.compact }}
      data-testid="link-status"
      data-status={props.row.status}
      title={`${props.row.fileName}: ${STATUS_LABEL[props.row.status]}${props.row.message ? ` — ${props.row.message}` : ''}`}
    >
      <span class="dot" aria-hidden="true" />
      <span classList={{ 'sr-only': !!props.compact }}>
        {props.withName ? `${props.row.fileName} · ${STATUS_LABEL[props.row.status]}` : STATUS_LABEL[props.row.status]}
      </span>
    </span>
  );
}
