import { For, createMemo } from 'solid-js';
import { axisBottom, scaleLinear } from 'd3';
import type { PriorRow } from '../../../services/priors';
import { WIDTH, useAxis } from '../frame';
import { clip, intervalText, ppText, tone } from './effects';
import '../charts.css';
import './learning.css';

type Fitted = PriorRow & { adjusted: NonNullable<PriorRow['adjusted']> };

/** Rows drawn at most; with more nudges the largest effects are shown (the table has them all). */
export const FOREST_ROWS = 25;
const ROW = 24;
const TOP = 16;
const BOTTOM = 44;
const LEFT = 178;
const RIGHT = 20;

/** The nudges to draw: the FOREST_ROWS largest adjusted effects, then best first. */
export function forestRows(rows: readonly PriorRow[]): Fitted[] {
  const fitted = rows.filter((r): r is Fitted => r.adjusted !== undefined);
  return [...fitted]
    .sort((a, b) => Math.abs(b.adjusted.ame) - Math.abs(a.adjusted.ame) || a.key.localeCompare(b.key))
    .slice(0, FOREST_ROWS)
    .sort((a, b) => b.adjusted.ame - a.adjusted.ame || a.key.localeCompare(b.key));
}

/**
 * Forest plot of the adjusted effects: each nudge's average marginal effect (dot) and its 95%
 * interval (bar), against zero. A bar clear of the zero line is a classified effect.
 */
export function ForestPlot(props: { rows: PriorRow[] }) {
  let xAxis: SVGGElement | undefined;
  const shown = createMemo(() => forestRows(props.rows));
  const total = () => props.rows.filter((r) => r.adjusted).length;
  const height = () => TOP + BOTTOM + ROW * Math.max(1, shown().length);
  const x = createMemo(() => {
    const ends = shown().flatMap((r) => [r.adjusted.lo, r.adjusted.hi]);
    const lo = Math.min(-5, ...ends);
    const hi = Math.max(5, ...ends);
    return scaleLinear().domain([lo, hi]).range([LEFT, WIDTH - RIGHT]).nice();
  });
  const y = (i: number) => TOP + ROW * i + ROW / 2;
  useAxis(() => xAxis, () => axisBottom(x()).ticks(6).tickFormat((v) => `${Number(v) > 0 ? '+' : ''}${Number(v)}`));
  const summary = () =>
    shown()
      .map((r) => `${r.label}: ${ppText(r.adjusted.ame)} (${intervalText(r.adjusted.lo, r.adjusted.hi)}), ${r.adjusted.classification}`)
      .join('; ');
  return (
    <figure class="chart" data-testid="forest-plot">
      <svg viewBox={`0 0 ${WIDTH} ${height()}`} role="img" aria-label={`Forest plot of adjusted effects. ${summary()}`}>
        <For each={shown()}>
          {(r, i) => (
            <g class="forest-row" data-nudge={r.key}>
              <rect class="band" x={0} width={WIDTH} y={y(i()) - ROW / 2} height={ROW} />
              <text class="label" x={LEFT - 8} y={y(i()) + 4} text-anchor="end">
                {clip(r.label)}
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
        <text class="axis-label" x={(LEFT + WIDTH - RIGHT) / 2} y={height() - 8} text-anchor="middle">
          adjusted effect on the pass rate (percentage points)
        </text>
      </svg>
      <figcaption>
        Dots are average marginal effects, bars their 95% intervals; green is beneficial, red harmful, grey uncertain, faint not enough evidence.
        {total() > shown().length ? ` Showing the ${shown().length} largest of ${total()} effects.` : ''}
      </figcaption>
      <div class="sr-only">
        <table data-testid="forest-table">
          <caption>Adjusted effects with 95% intervals</caption>
          <thead><tr><th>Nudge</th><th>Effect</th><th>95% interval</th><th>Classification</th></tr></thead>
          <tbody>
            <For each={shown()}>
              {(r) => (
                <tr>
                  <td>{r.label}</td>
                  <td>{ppText(r.adjusted.ame)}</td>
                  <td>{intervalText(r.adjusted.lo, r.adjusted.hi)}</td>
                  <td>{r.adjusted.classification}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </figure>
  );
}
