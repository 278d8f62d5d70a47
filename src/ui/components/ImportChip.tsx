import { Match, Switch, createSignal, onCleanup } from 'solid-js';
import { cancelImportJob, dismissImportJob, watchImportJob, type ImportJobState } from '../../services/importJobState';
import { errorMessage } from './errorMessage';
import { progressFraction, progressLabel } from './importProgressText';
import './ImportChip.css';

/**
 * An import running in the background, in the header on every page: how far it is (its step
 * in words on hover and for screen readers), Cancel, and its outcome once it ends, until
 * dismissed. The import itself runs in a worker of its own (services/importJob.ts).
 */
export function ImportChip() {
  const [job, setJob] = createSignal<ImportJobState>({ status: 'idle' });
  onCleanup(watchImportJob(setJob));
  const running = () => {
    const j = job();
    return j.status === 'running' ? j : undefined;
  };
  const short = (j: Extract<ImportJobState, { status: 'running' }>) => {
    const f = progressFraction(j.progress);
    return f === undefined ? 'Importing: saving…' : `Importing ${Math.round(f * 100)}%`;
  };
  return (
    <Switch>
      <Match when={running()}>
        {(j) => (
          <span class="import-chip running" role="status" data-testid="import-chip" title={progressLabel(j().progress)}>
            <a href="/evidence">{short(j())}</a>
            <span class="sr-only">{progressLabel(j().progress)}</span>
            <button type="button" class="ghost small" onClick={() => cancelImportJob()} data-testid="import-chip-cancel">Cancel</button>
          </span>
        )}
      </Match>
      <Match when={job().status === 'done' || job().status === 'failed'}>
        <span class="import-chip" classList={{ bad: job().status === 'failed' }} role="status" data-testid="import-chip">
          <a href="/evidence" data-testid="import-chip-text">
            {(() => {
              const j = job();
              if (j.status === 'done') return j.message;
              if (j.status === 'failed') return j.cancelled ? 'Import cancelled; nothing was written' : `Import failed: ${errorMessage(j.error)}`;
              return '';
            })()}
          </a>
          <button type="button" class="ghost small" aria-label="Dismiss" onClick={() => dismissImportJob()} data-testid="import-chip-dismiss">×</button>
        </span>
      </Match>
    </Switch>
  );
}
