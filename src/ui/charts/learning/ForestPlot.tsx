import { For, Show, createMemo, createSignal } from 'solid-js';
import { axisBottom, scaleLinear } from 'd3';
import type { PriorRow } from '../../../services/priors';
import { useAxis } from '../frame';
import { clip, fitChars, intervalText, ppText, tone } from './effects';
import { useWidth } from './width';
import { ChartTable } from '../ChartTable';
import '../charts.css';
import './learning.css';

type Fitted = PriorRow & { adjusted: NonNullable<PriorRow['adjusted']> };

/** Rows drawn at most until asked for all; with more nudges the largest effects are shown (the table has them all). */
export const FOREST_ROWS = 25;
/** Below this drawing width each label goes on its own line above its interval. */
export const NARROW = 460;
const TOP = 16;
const BOTTOM = 44;
const RIGHT = 20;

/** The nudges to draw: the `limit` largest adjusted effects, then best first. */
export function forestRows(rows: readonly PriorRow[], limit = FOREST_ROWS): Fitted[] {
  const fitted = rows.filter((r): r is Fitted => r.adjusted !== undefined);
  return [...fitted]
    .sort((a, b) => Math.abs(b.adjusted.ame) - Math.abs(a.adjusted.ame) || a.key.localeCompare(b.key))
    .slice(0, limit)
    .sort((a, b) => b.adjusted.ame - a.adjusted.ame || a.key.localeCompare(b.key));
}

/**
 * Forest plot of the adjusted effects: each nudge's average marginal effect (dot) and its 95%
 * interval (bar), against zero. A bar clear of the zero line is a classified effect.
 *
 * Drawn at the card's own width in pixels, so its text keeps its size on a phone: when the card
 * is narrow each label sits on its own line above its interval instead of in a left margin.
 */
export function ForestPlot(props: { rows: PriorRow[] }) {
  let xAxis: SVGGElement | undefined;
  let box: HTMLDivElement | undefined;
  const width = useWidth(() => box);
  const [all, setAll] = createSignal(false);
  const total = () => props.rows.filter((r) => r.adjusted).length;
  const shown = createMemo(() => forestRows(props.rows, all() ? Infinity : FOREST_ROWS));
  const narrow = () => width() < NARROW;
  const row = () => (narrow() ? 36 : 24);
  const left = () => (narrow() ? 10 : 178);
  const height = () => TOP + BOTTOM + row() * Math.max(1, shown().length);
  const x = createMemo(() => {
    const ends = shown().flatMap((r) => [r.adjusted.lo, r.adjusted.hi]);
    const lo = Math.min(-5, ...ends);
    const hi = Math.max(5, ...ends);
    return scaleLinear().domain([lo, hi]).range([left(), width() - RIGHT]).nice();
  });
  /** Centre of row i (the interval's line). */
  const y = (i: number) => TOP + row() * i + (narrow() ? row() - 11 : row() / 2);
  const labelY = (i: number) => (narrow() ? TOP + row() * i + 13 : y(i) + 4);
  const chars = () => (narrow() ? fitChars(width() - 20) : 26);
  useAxis(() => xAxis, () => axisBottom(x()).ticks(narrow() ? 4 : 6).tickFormat((v) => `${Number(v) > 0 ? '+' : ''}${Number(v)}`));
  const summary = () =>
    shown()
      .map((r) => `${r.label}: ${ppText(r.adjusted.ame)} (${intervalText(r.adjusted.lo, r.adjusted.hi)}), ${r.adjusted.classification}`)
      .join('; ');
  return (
    <figure class="chart" data-testid="forest-plot">
      <div ref={box} class="learning-box">
        <svg viewBox={`0 0 ${width()} ${height()}`} role="img" aria-label={`Forest plot of adjusted effects. ${summary()}`}>
          <For each={shown()}>
            {(r, i) => (
              <g class="forest-row" data-nudge={r.key}>
                <rect class="band" x={0} width={width()} y={TOP + row() * i()} height={row()} />
                <text class="label" x={narrow() ? left() : left() - 8} y={labelY(i())} text-anchor={narrow() ? 'start' : 'end'}>
                  {clip(r.label, chars())}
                  <title>{r.label}</title>
                </text>
                <line class={`ci ${tone(r.adjusted.classification)}`} x1={x()(r.adjusted.lo)} x2={x()(r.adjusted.hi)} y1={y(i())} y2={y(i())} />
                <circle class={`est ${tone(r.adjusted.classification)}`} cx={x()(r.adjusted.ame)} cy={y(i())} r={5}>
                  <title>{`${r.label}: ${ppText(r.adjusted.ame)}, 95% interval ${intervalText(r.adjusted.lo, r.adjusted.hi)} (${r.adjusted.classification})`}</title>
                </circle>
              </g>
            )}
          </For>
          <line class="zero" x1={x()(0)} x2={x()(0)} y1={TOP - 4} y2={height() - BOTTOM + 4} />
          <g ref={xAxis} class="axis" transform={`translate(0,${height() - BOTTOM})`} />
          <text class="axis-label" x={(left() + width() - RIGHT) / 2} y={height() - 8} text-anchor="middle">
            {narrow() ? 'adjusted effect (percentage points)' : 'adjusted effect on the pass rate (percentage points)'}
          </text>
        </svg>
      </div>
      <figcaption>
        Dots are average marginal effects, bars their 95% intervals; green is beneficial, red harmful, grey uncertain, faint not enough evidence.
        <Show when={total() > FOREST_ROWS}>
          {' '}
          <span data-testid="forest-shown">
            {all()
              ? `Showing all ${total()} effects.`
              : `Showing the ${shown().length} largest of ${total()} effects (more rows stop being readable); every nudge is in the table above.`}
          </span>{' '}
          <button type="button" class="link-button" data-testid="forest-toggle" aria-pressed={all()} onClick={() => setAll(!all())}>
            {all() ? `Show the ${FOREST_ROWS} largest` : `Show all ${total()}`}
          </button>
        </Show>
      </figcaption>
      <ChartTable
        testId="forest-table"
        caption="Adjusted effects with 95% intervals"
        headers={['Nudge', 'Effect', '95% interval', 'Classification']}
        rows={shown()}
        cells={(r) => [r.label, ppText(r.adjusted.ame), intervalText(r.adjusted.lo, r.adjusted.hi), r.adjusted.classification]}
      />
    </figure>
  );
}
