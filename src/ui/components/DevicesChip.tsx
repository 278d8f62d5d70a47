import { Show, createSignal, onCleanup } from 'solid-js';
import { exchangeBacklog, exchangeStatuses, onExchangeStatus } from '../../services/devices/exchangeStatuses';
import './ImportChip.css';

/**
 * A first exchange with a paired device under way, in the header on every page: records
 * received and sent of all that are on their way, linking to Settings (where it can be paused).
 */
export function DevicesChip() {
  const [backlog, setBacklog] = createSignal(exchangeBacklog(exchangeStatuses().values()));
  onCleanup(onExchangeStatus(() => setBacklog(exchangeBacklog(exchangeStatuses().values()))));
  const text = () => {
    const b = backlog();
    return `Devices: ${b.done.toLocaleString('en')} of ${b.total.toLocaleString('en')} records${b.paused ? ' (paused)' : ''}`;
  };
  return (
    <Show when={backlog().total > 0}>
      <span class="import-chip running" role="status" data-testid="devices-chip" title="Records exchanged with your paired devices, of all on their way">
        <a href="/settings#devices-title">{text()}</a>
      </span>
    </Show>
  );
}
