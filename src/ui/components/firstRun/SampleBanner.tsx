import { Show, createSignal } from 'solid-js';
import { useLocation, useNavigate } from '@solidjs/router';
import { removeSampleData, sampleData, type SampleIds } from '../../../services/sampleState';
import { errorMessage } from '../errorMessage';
import { notify } from '../notify';
import { useLive } from '../useLive';
import './firstRun.css';

/** On every page while the sample workspace is here: says so, and removes it in one click. */
export function SampleBanner() {
  const sample = useLive<SampleIds | undefined>(sampleData(), undefined);
  const [busy, setBusy] = createSignal(false);
  const location = useLocation();
  const navigate = useNavigate();
  const remove = async (ids: SampleIds) => {
    setBusy(true);
    try {
      // Off the sample spec first, so its document is closed before it is deleted.
      if (ids.specIds.some((id) => location.pathname.includes(id))) navigate('/specs');
      await removeSampleData();
      notify('Sample data removed. The log keeps the record that it was added and removed.');
      document.getElementById('main')?.focus();
    } catch (err) {
      notify(`Sample data not removed: ${errorMessage(err)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Show when={sample()}>
      {(ids) => (
        <div class="banner sample-banner" role="region" aria-label="Sample data" data-testid="sample-banner">
          <span>
            <strong>Sample data.</strong> You are exploring a sample workspace ({ids().runIds.length} runs, {ids().betIds.length} bets, a spec and a scar), marked “sample” wherever it shows.
          </span>
          <button type="button" class="small" data-testid="remove-sample" disabled={busy()} onClick={() => void remove(ids())}>
            {busy() ? 'Removing…' : 'Remove sample data'}
          </button>
        </div>
      )}
    </Show>
  );
}
