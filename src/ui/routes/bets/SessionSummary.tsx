import { For, Show } from 'solid-js';
import type { Dashboard } from '../../../services/bets';
import { num, signed } from './betFormat';

const MARK = { hit: '✓', miss: '✗', abandoned: '–' } as const;

/** The seed's session-start view: how believable you are, what you can risk, who is winning. */
export function SessionSummary(props: { dash: Dashboard }) {
  const s = () => props.dash.state;
  const credibilityTone = () => (s().credibility >= 0.9 ? 'good' : s().credibility >= 0.7 ? 'warn' : 'bad');
  return (
    <div class="bet-summary">
      <div class="card stat" data-testid="credibility">
        <h2>Credibility</h2>
        <p class="stat-value">{num(s().credibility)}</p>
        <div
          class={`meter ${credibilityTone()}`}
          role="meter"
          aria-label="Credibility"
          aria-valuemin="0"
          aria-valuemax="1"
          aria-valuenow={s().credibility}
        >
          <span style={{ width: `${s().credibility * 100}%` }} />
        </div>
        <p class="muted small">
          Started at {num(props.dash.start.credibility)}. Now a hit +{num(props.dash.rules.hitReward)}, a miss −{num(props.dash.rules.missPenalty)}, bullshit −{num(props.dash.rules.bullshitPenalty)} (the
          constitution's betting rules; each bet settled by the rules in force when it was resolved). Your stated confidence is believed at this rate.
        </p>
      </div>
      <div class="card stat" data-testid="tokens">
        <h2>Focus tokens</h2>
        <p class="stat-value">{num(s().tokens)}</p>
        <p class="muted small">
          <span data-testid="available">{num(props.dash.available)}</span> free to stake
          <Show when={props.dash.staked > 0}>, {num(props.dash.staked)} at stake on open bets</Show>. Started with {num(props.dash.start.tokens)}.
        </p>
        <p class="muted small">
          {s().record.hits} hits · {s().record.misses} misses · {s().record.abandoned} abandoned · {s().record.bullshit} bullshit
        </p>
      </div>
      <div class="card stat" data-testid="adversary">
        <h2>Adversary</h2>
        <p class="stat-value">{signed(s().adversary.winnings)}</p>
        <p class="muted small">
          tokens won from you at fair odds · {s().adversary.wins} won, {s().adversary.losses} lost
        </p>
        <Show when={props.dash.recent.length > 0} fallback={<p class="muted small">No bet settled yet: a calibrated person leaves it at 0.</p>}>
          <p class="record" aria-label={`Your recent results, newest first: ${props.dash.recent.join(', ')}`}>
            <For each={props.dash.recent}>{(o) => <span class={`rec ${o}`} title={o}>{MARK[o]}</span>}</For>
          </p>
        </Show>
      </div>
    </div>
  );
}
