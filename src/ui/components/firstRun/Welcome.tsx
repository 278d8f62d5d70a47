import { Show, createSignal } from 'solid-js';
import { firstRun, loadSampleData, startEmpty } from '../../../services/sampleState';
import { errorMessage } from '../errorMessage';
import { useLive } from '../useLive';
import './firstRun.css';

/** On an empty database: the three loops in a few words, and two ways to begin. */
export function Welcome() {
  const show = useLive<boolean>(firstRun(), false);
  const [step, setStep] = createSignal('');
  const [error, setError] = createSignal('');
  const explore = async () => {
    setError('');
    try {
      await loadSampleData(setStep);
      setStep('');
      document.getElementById('main')?.focus();
    } catch (err) {
      setStep('');
      setError(errorMessage(err));
    }
  };
  return (
    <Show when={show() || step()}>
      <section class="welcome card" aria-labelledby="welcome-title" data-testid="welcome">
        <h2 id="welcome-title">Welcome to Metacompiler</h2>
        <p>It closes three feedback loops around your work, all kept in this browser:</p>
        <ol class="welcome-loops">
          <li><strong>Failure → prior.</strong> Every run (pass or fail, with the nudges you applied) is evidence; the Priors page learns which nudges raise or lower the pass rate.</li>
          <li><strong>Estimate → bet.</strong> Every estimate is a wager with hours, confidence and a stake; resolving it scores your calibration.</li>
          <li><strong>Spec → surface.</strong> Specs are live Markdown documents whose tokens (bets, nudges, evidence) every tab and peer sees the same.</li>
        </ol>
        <p class="muted small">The bar under the header is the conscience around them: hover or focus a chip to read what it says.</p>
        <div class="welcome-actions">
          <button type="button" data-testid="explore-sample" disabled={!!step()} onClick={() => void explore()}>Explore with sample data</button>
          <button type="button" class="ghost" data-testid="start-empty" disabled={!!step()} onClick={() => void startEmpty()}>Start empty</button>
        </div>
        <p class="muted small">Sample data is marked “sample” everywhere and is removed in one click; the log keeps only the record that it was added and removed.</p>
        <Show when={step()}><p role="status" data-testid="sample-step">{step()}</p></Show>
        <Show when={error()}><p class="field-error" role="alert">{error()}</p></Show>
      </section>
    </Show>
  );
}
