import { For, Show } from 'solid-js';
import { A } from '@solidjs/router';
import { copyPromptBlock, type PriorsView } from '../../../services/priors';
import { notify } from '../../components/notify';
import { errorMessage } from '../../components/errorMessage';

/**
 * The "## Learned priors" block for the next prompt, as it will be pasted, with each line
 * linked to the runs it rests on, and a button that copies it; then the Do/Avoid lines left
 * out because a refutation check failed, and why.
 */
export function PromptBlock(props: { view: PriorsView }) {
  /** The nudge's own label (as in the table), for link names that say which nudge. */
  const labelOf = (key: string) => props.view.rows.find((r) => r.key === key)?.label ?? key;
  const copy = async () => {
    try {
      await copyPromptBlock(props.view.promptBlock);
      notify(`Copied the learned priors (${props.view.promptLines.length} line${props.view.promptLines.length === 1 ? '' : 's'}).`);
    } catch (err) {
      notify(`Could not copy: ${errorMessage(err)}`);
    }
  };
  return (
    <section class="card prompt-card" aria-labelledby="prompt-heading">
      <div class="prompt-head">
        <h2 id="prompt-heading">Prompt block</h2>
        <button data-testid="copy-prompt" disabled={!props.view.promptBlock} onClick={() => void copy()}>
          Copy prompt block
        </button>
      </div>
      <Show
        when={props.view.promptBlock}
        fallback={
          <p class="empty" data-testid="prompt-empty">
            {props.view.withheld.length > 0
              ? 'No learned priors yet: no Do or Avoid line has passed its checks.'
              : 'No learned priors yet: a line appears here once a nudge is clearly beneficial or harmful and passes its checks.'}
          </p>
        }
      >
        <div class="prompt-block" data-testid="prompt-block">
          <div class="prompt-line heading">{props.view.promptBlock.split('\n')[0]}</div>
          <For each={props.view.promptLines}>
            {(line) => (
              <div class="prompt-line" data-testid="prompt-line" data-nudge={line.key}>
                <code>{line.text}</code>
                <A
                  href={`/evidence?nudge=${encodeURIComponent(line.key)}`}
                  class="prompt-runs"
                  aria-label={`runs with ${labelOf(line.key)}`}
                  title={`The runs with ${labelOf(line.key)}`}
                >
                  runs
                </A>
              </div>
            )}
          </For>
        </div>
      </Show>
      <Show when={props.view.withheld.length > 0}>
        <div class="withheld" data-testid="withheld">
          <p class="muted small">Left out of the block:</p>
          <ul>
            <For each={props.view.withheld}>
              {(w) => (
                <li data-testid="withheld-line" data-nudge={w.key}>
                  <span class="withheld-label">{w.label}</span>: {w.reasons.join('; ')}
                </li>
              )}
            </For>
          </ul>
        </div>
      </Show>
    </section>
  );
}
