import { For, Show } from 'solid-js';
import { VIGILANCE_THRESHOLD, atlas, type AtlasView } from '../../../services/scars';
import { DecayCurves } from '../../charts/scars/DecayCurves';
import { ScarTimeline } from '../../charts/scars/ScarTimeline';
import { useLive } from '../../components/useLive';
import { IncidentForm } from './IncidentForm';
import { RestorationForm } from './RestorationForm';
import { ScarList } from './ScarList';
import './scars.css';

const TONE_BADGE = { unresolved: 'bad', vigilance: 'warn', earned_forgiveness: 'good' } as const;

/** The Atlas of Scars: harms that decay but never vanish. */
export default function ScarsPage() {
  const view = useLive<AtlasView | undefined>(atlas(), undefined);
  return (
    <section class="page scars-page">
      <h1>Atlas of Scars</h1>
      <p class="muted">
        Scars are left by bullshit bets, a crossed impact budget, a veto, learner jitter, a failed log check, constitution
        changes and incidents you report. They are never edited or deleted: a restoration starts their fading, and a floor keeps the crack visible.
      </p>
      <Show when={view()} fallback={<p class="muted">Reading scars…</p>}>
        {(v) => (
          <>
            <section class="card" aria-labelledby="tones-title">
              <h2 id="tones-title">Tone per locus</h2>
              <Show when={v().loci.length > 0} fallback={<p class="muted" data-testid="no-scars">No scars yet.</p>}>
                <ul class="tones" data-testid="locus-tones">
                  <For each={v().loci}>
                    {(l) => (
                      <li data-testid="locus-tone" data-tone={l.tone}>
                        <span class={`badge ${TONE_BADGE[l.tone]}`}>{l.tone.replace('_', ' ')}</span>
                        <span>{l.locus.kind}: <strong>{l.locus.ref}</strong></span>
                        <span class="muted small">weight {l.weight.toFixed(2)} · {l.scars} scar{l.scars === 1 ? '' : 's'}{l.unresolved ? `, ${l.unresolved} unresolved` : ''}</span>
                      </li>
                    )}
                  </For>
                </ul>
                <p class="muted small">Vigilance from a summed weight of {VIGILANCE_THRESHOLD}; unresolved while any scar there awaits a restoration.</p>
              </Show>
            </section>
            <Show when={v().scars.length > 0}>
              <div class="scar-charts">
                <section class="card"><h2>Timeline</h2><ScarTimeline view={v()} /></section>
                <section class="card"><h2>Decay</h2><DecayCurves view={v()} /></section>
              </div>
            </Show>
            <div class="scar-forms">
              <IncidentForm />
              <RestorationForm scars={v().scars} />
            </div>
            <Show when={v().scars.length > 0}>
              <section class="card"><h2>All scars</h2><ScarList view={v()} /></section>
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}
