import { For, Show, createEffect, createMemo, createSignal, on } from 'solid-js';
import { acceptCandidate, compilations, rankCandidates, type Compilation } from '../../../services/compile';
import { errorMessage } from '../../components/errorMessage';
import { formatTime } from '../../components/format';
import { useLive } from '../../components/useLive';
import { CandidateDetail } from './CandidateDetail';
import { CandidateDiff } from './CandidateDiff';
import { CandidateTable, type RankedCandidate } from './CandidateTable';
import { CompilationSummary } from './CompilationSummary';

/** The candidates of one compilation of this spec (the latest unless another is picked), ranked. */
export function ResultsCard(props: { specId: string }) {
  const list = useLive(compilations(props.specId), [] as Compilation[]);
  const [picked, setPicked] = createSignal<string | undefined>();
  const current = () => list().find((c) => c.id === picked()) ?? list()[list().length - 1];
  const ranked = createMemo<RankedCandidate[]>(() =>
    rankCandidates((current()?.candidates ?? []).map((c) => ({ ...c, failures: c.testFailures.length + c.errors.length }))),
  );
  const labels = createMemo(() => new Map(current()?.nudgesOffered.map((n) => [n.key, n.label]) ?? []));
  const labelOf = (key: string) => labels().get(key) ?? key;
  const [shown, setShown] = createSignal<string | undefined>();
  const [a, setA] = createSignal<string | undefined>();
  const [b, setB] = createSignal<string | undefined>();
  const [message, setMessage] = createSignal<{ ok: boolean; text: string } | undefined>();
  const [accepting, setAccepting] = createSignal(false);
  // A new compilation (or another pick) starts with its best candidate shown and its top two compared.
  createEffect(
    on(
      () => current()?.id,
      () => {
        setShown(undefined);
        setA(undefined);
        setB(undefined);
      },
    ),
  );
  const aId = () => a() ?? ranked()[0]?.id;
  const bId = () => b() ?? ranked()[1]?.id ?? ranked()[0]?.id;
  const shownCandidate = () => ranked().find((c) => c.id === (shown() ?? ranked()[0]?.id));

  const accept = async (c: RankedCandidate) => {
    const comp = current();
    if (!comp) return;
    setAccepting(true);
    setMessage(undefined);
    try {
      const r = await acceptCandidate(comp.id, c.id);
      const say = (ok: boolean, text: string) => setMessage({ ok, text });
      if (r.verdict === 'apply') say(true, `Candidate #${c.index} is written into the spec (a checkpoint was saved first; undo it from Governance).`);
      else if (r.verdict === 'queue') say(true, `Candidate #${c.index} waits for your approval on the Governance page: ${r.reason}.`);
      else if (r.verdict === 'chapel') say(true, `Candidate #${c.index} is in the chapel: it is written after the pause unless vetoed.`);
      else if (r.verdict === 'consent') say(true, `Candidate #${c.index} is proposed to everyone sharing the spec: ${r.reason} (on the spec).`);
      else say(false, `Governance did not let it run: ${r.reason}.`);
      if (r.verdict === 'consent') return;
      const outcome = await r.done;
      if (r.verdict === 'chapel') say(outcome.ran, outcome.ran ? `Candidate #${c.index} is written into the spec.` : `It did not run: ${outcome.reason}.`);
    } catch (err) {
      setMessage({ ok: false, text: errorMessage(err) });
    } finally {
      setAccepting(false);
    }
  };

  return (
    <section class="card results" aria-labelledby="results-title" data-testid="results">
      <div class="results-head">
        <h2 id="results-title">Results</h2>
        <Show when={list().length > 1}>
          <label class="inline-label">
            Compilation
            <select data-testid="pick-compilation" onChange={(e) => setPicked(e.currentTarget.value)}>
              <For each={[...list()].reverse()}>
                {(c) => <option value={c.id} selected={c.id === current()?.id}>{formatTime(c.at)} · {c.passed}/{c.verified} passed</option>}
              </For>
            </select>
          </label>
        </Show>
      </div>
      <Show when={current()} fallback={<p class="empty">No compilations of this spec yet. Set up the generator, then compile.</p>}>
        {(comp) => (
          <>
            <CompilationSummary compilation={comp()} />
            <Show when={message()}>
              {(m) => (
                <p class={m().ok ? 'ok-text' : 'field-error'} role={m().ok ? 'status' : 'alert'} data-testid="accept-message">
                  {m().text}
                </p>
              )}
            </Show>
            <Show when={ranked().length > 0} fallback={<p class="empty">No candidate has been verified yet.</p>}>
              <CandidateTable ranked={ranked()} labelOf={labelOf} shown={shownCandidate()?.id} onShow={setShown} onAccept={(c) => void accept(c)} accepting={accepting()} />
              <Show when={shownCandidate()}>{(c) => <CandidateDetail candidate={c()} />}</Show>
              <Show when={ranked().length > 1}>
                <CandidateDiff ranked={ranked()} a={aId()} b={bId()} onA={setA} onB={setB} />
              </Show>
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}
