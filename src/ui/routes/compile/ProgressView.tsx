import { Show } from 'solid-js';
import type { CompileProgress } from '../../../services/compile';

const STATUS: Record<CompileProgress['status'], string> = {
  preparing: 'Preparing: checking the endpoint, fitting the learner…',
  running: 'Compiling…',
  done: 'Done.',
  cancelled: 'Cancelled: finished variations are kept as evidence.',
  failed: 'Stopped early.',
};

/** Generated / verified / passed, as numbers and bars. */
export function ProgressView(props: { progress: CompileProgress }) {
  const p = () => props.progress;
  const bar = (label: string, value: number, testid: string) => (
    <div class="progress-row">
      <span class="progress-label">{label}</span>
      <progress max={Math.max(1, p().requested)} value={value} aria-label={`${label}: ${value} of ${p().requested}`} />
      <span class="progress-count" data-testid={testid}>
        {value} / {p().requested}
      </span>
    </div>
  );
  return (
    <div class="compile-progress" aria-live="polite">
      <p data-testid="compile-status" data-status={p().status} data-compilation={p().compilationId ?? ''}>
        {STATUS[p().status]}
        <Show when={p().note}> {p().note}</Show>
      </p>
      <Show when={p().status !== 'preparing'}>
        {bar('Generated', p().generated, 'progress-generated')}
        {bar('Verified', p().verified, 'progress-verified')}
        {bar('Passed', p().passed, 'progress-passed')}
        <p class="hint">
          {p().tokens} tokens used
          <Show when={p().generationErrors > 0}>; {p().generationErrors} request{p().generationErrors === 1 ? '' : 's'} failed</Show>
        </p>
      </Show>
    </div>
  );
}
