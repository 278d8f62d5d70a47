import { For, Show } from 'solid-js';
import type { PriorChecks as ChecksData } from '../../../services/priors';

type CheckName = 'placebo' | 'subset' | 'varies';

const NAME: Record<CheckName, string> = {
  placebo: 'Placebo',
  subset: 'Two halves',
  varies: 'Same across specs',
};

/** What each check asks, for the hover text and screen readers. */
const QUESTION: Record<CheckName, string> = {
  placebo: 'Does the real effect beat 95 of 100 placebo effects, its labels shuffled within each spec?',
  subset: 'Does each random half of the runs give the same verdict?',
  varies: 'Is the effect the same from spec to spec?',
};

const MARK: Record<ChecksData['placebo'], string> = { passed: '✓', failed: '✗', 'not run': '–', 'not applicable': '–' };
const WORD: Record<ChecksData['placebo'], string> = { passed: 'passed', failed: 'failed', 'not run': 'not run', 'not applicable': 'not applicable (one spec)' };

/**
 * The refutation checks of one Do/Avoid line (DOMAIN.md "Refutation"): a mark per check, and
 * when the line is not a prior, why it is left out of the prompt block.
 */
export function Checks(props: { checks: ChecksData | null }) {
  return (
    <Show
      when={props.checks}
      fallback={<p class="checks-note muted" data-testid="checks-pending">Checks run with the next full fit; until then it stays out of the prompt block.</p>}
    >
      {(c) => (
        <>
          <ul class="checks" aria-label="Refutation checks">
            <For each={['placebo', 'subset', 'varies'] as const}>
              {(name) => (
                <li class={`check ${c()[name].replace(' ', '-')}`} data-testid={`check-${name}`} data-state={c()[name]} title={QUESTION[name]}>
                  <span aria-hidden="true">{MARK[c()[name]]}</span> {NAME[name]}
                  <span class="sr-only">: {WORD[c()[name]]}</span>
                </li>
              )}
            </For>
          </ul>
          <Show when={!c().prior}>
            <p class="checks-note" data-testid="checks-reason">
              Not in the prompt block: {c().reasons.join('; ')}.
            </p>
          </Show>
        </>
      )}
    </Show>
  );
}
