import { For, Show, createSignal } from 'solid-js';
import type { Token } from '../../services/specs/view';
import type { TokenInfo } from '../../services/specs/tokenInfo';
import { nudgeTextIsCurrent, updateNudgeText, updatePassRateText } from '../../services/specs/tokenInfo';
import { formatTime, pct, pp } from '../components/format';
import { errorMessage } from '../components/errorMessage';
import { intervalText, ppText, tone } from '../charts/learning/effects';

type Info<K extends TokenInfo['kind']> = Extract<TokenInfo, { kind: K }>;

const hours = (h: number) => `${h < 10 ? h.toFixed(1).replace(/\.0$/, '') : Math.round(h)} h`;

export function EvidenceFacts(props: { info: Info<'evidence'> }) {
  return (
    <Show when={props.info.run} fallback={<p class="muted">No run with id {props.info.id} is recorded in this browser.</p>}>
      {(run) => {
        const errors = () => [
          ...run().errorMessages,
          ...run().testFailures.map((t) => `${t.name}: ${t.message}`),
          ...run().typeErrors.map((t) => (t.file ? `${t.file}${t.line ? `:${t.line}` : ''}: ${t.message}` : t.message)),
        ];
        return (
          <>
            <p>
              <strong class={run().passed ? 'pass' : 'fail'}>{run().passed ? 'Passed' : 'Failed'}</strong> · {formatTime(run().at)} · source {run().source}
            </p>
            <Show when={run().nudges.length}>
              <p class="muted">Nudges: {run().nudges.join(', ')}</p>
            </Show>
            <Show when={errors().length}>
              <ul class="card-errors">
                <For each={errors().slice(0, 5)}>{(e) => <li>{e}</li>}</For>
              </ul>
              <Show when={errors().length > 5}>
                <p class="muted">and {errors().length - 5} more</p>
              </Show>
            </Show>
          </>
        );
      }}
    </Show>
  );
}

export function NudgeFacts(props: { info: Info<'nudge'>; token: Token; specId: string }) {
  const [error, setError] = createSignal('');
  const stale = () => {
    const a = props.info.estimate?.adjusted;
    return a && a.classification !== 'not enough evidence' && !nudgeTextIsCurrent(props.info.writtenPp, a.ame) ? a : undefined;
  };
  const update = async (ame: number) => {
    try {
      await updateNudgeText(props.specId, props.token, ame);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <>
      <p>Written in the spec: {props.info.writtenPp >= 0 ? '+' : ''}{props.info.writtenPp}%</p>
      <Show when={!props.info.loading} fallback={<p class="muted">Asking the learner…</p>}>
        <Show when={props.info.estimate} fallback={<p class="muted">No recorded run applied “{props.info.label}” yet ({props.info.runs} runs in all).</p>}>
          {(e) => (
            <>
              <Show when={e().adjusted} fallback={<p class="muted" data-testid="card-adjusted">Adjusted: fitting…</p>}>
                {(a) => (
                  <p data-testid="card-adjusted">
                    Adjusted: <strong>{ppText(a().ame)}</strong> <span class="muted">(95% {intervalText(a().lo, a().hi)})</span>{' '}
                    <span class={`badge ${tone(a().classification)}`}>{a().classification}</span>
                  </p>
                )}
              </Show>
              <p data-testid="card-raw">
                Raw: {pp(e().effect)} · P(beneficial) {pct(e().pBeneficial)}
              </p>
              <p class="muted">
                With: {e().withPasses}/{e().withN} passed · without: {e().withoutPasses}/{e().withoutN}
              </p>
              <Show when={stale()}>
                {(a) => (
                  <button class="small" data-testid="update-nudge" onClick={() => void update(a().ame)}>
                    Update the text to {Math.round(a().ame) >= 0 ? '+' : '−'}{Math.abs(Math.round(a().ame))}%
                  </button>
                )}
              </Show>
              <Show when={error()}><p class="field-error">{error()}</p></Show>
            </>
          )}
        </Show>
      </Show>
    </>
  );
}

export function BetFacts(props: { info: Info<'bet'>; token: Token }) {
  const t = props.token.kind === 'bet' ? props.token : undefined;
  return (
    <>
      <Show when={t}>
        {(b) => (
          <p>
            {hours(b().estimatedHours)} at {pct(b().confidence)} confidence
            <Show when={b().outcome}>{(o) => <> · {o().status}{o().actualHours !== undefined ? ` in ${hours(o().actualHours!)}` : ''}</>}</Show>
          </p>
        )}
      </Show>
      <Show
        when={props.info.bet}
        fallback={<p class="muted">Odds: risk 1 focus token to win {props.info.perTokenWin.toFixed(2)}. No bet with this id is placed in this browser.</p>}
      >
        {(bet) => (
          <>
            <p>
              Stake {bet().stake}: win {props.info.stakes ? props.info.stakes.winOnHit.toFixed(1) : '?'} on a hit, lose {bet().stake} on a miss
            </p>
            <Show when={props.info.stakes}>{(s) => <p class="muted">Effective confidence {pct(s().effectiveConfidence)} (times your credibility)</p>}</Show>
            <p class="muted">
              {props.info.open ? 'Open' : 'Resolved'} · placed {formatTime(bet().placedAt)}
              <Show when={props.info.open && props.info.elapsedHours !== undefined}> · timer {hours(props.info.elapsedHours ?? 0)}</Show>
            </p>
          </>
        )}
      </Show>
    </>
  );
}

export function CitingFacts(props: { info: Info<'citing'> }) {
  return (
    <ul class="card-list">
      <For each={props.info.principles}>
        {(p) => (
          <li>
            “{p.name}”:{' '}
            <Show when={p.health} fallback={<span class="muted">not cited by any bet yet</span>}>
              {(h) => (
                <>
                  health <strong>{pct(h().health)}</strong> · {h().label} · {h().hits} hit{h().hits === 1 ? '' : 's'}, {h().misses} miss{h().misses === 1 ? '' : 'es'}
                </>
              )}
            </Show>
          </li>
        )}
      </For>
    </ul>
  );
}

export function PassRateFacts(props: { info: Info<'passRate'>; token: Token; specId: string }) {
  const [error, setError] = createSignal('');
  const w = () => props.info.written;
  const update = async () => {
    const d = props.info.data;
    if (!d) return;
    try {
      await updatePassRateText(props.specId, props.token, d);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <>
      <p>
        The text says {pct(w().rate, 1)} of {w().n} runs <span class="muted">(95% interval {pct(w().low)}–{pct(w().high)})</span>
      </p>
      <Show when={props.info.data} fallback={<p class="muted">No runs of this spec are recorded here yet.</p>}>
        {(d) => (
          <p classList={{ stale: !props.info.current }}>
            Recorded here: {d().passes} of {d().n} passed, {pct(d().rate, 1)} <span class="muted">(95% interval {pct(d().low)}–{pct(d().high)})</span>
          </p>
        )}
      </Show>
      <Show when={!props.info.current}>
        <button class="small" data-testid="update-pass-rate" onClick={() => void update()}>Update the text</button>
      </Show>
      <Show when={error()}><p class="field-error">{error()}</p></Show>
    </>
  );
}

export function PathFacts(props: { info: Info<'path'> }) {
  return (
    <Show when={props.info.title} fallback={<p>{props.info.reason}{props.info.suggestions.length ? `. Did you mean ${props.info.suggestions.join(', ')}?` : ''}</p>}>
      <p>
        {props.info.title} <span class="muted">({props.info.path})</span>
      </p>
    </Show>
  );
}
