import { For, Show, createMemo } from 'solid-js';
import { axisBottom, axisLeft, line, scaleLinear } from 'd3';
import type { RollingPoint } from '../../services/bets';
import { formatTime } from '../components/format';
import { HEIGHT, PLOT, usePlot, useAxis } from './frame';
import { ChartTable } from './ChartTable';
import './charts.css';

const f2 = (x: number) => x.toFixed(2);

/**
 * "Am I getting better?": Brier score over the last `window` resolved bets, one point per
 * resolution, in order. Lower is better; the dashed line is what always stating your base rate
 * would have scored. Hollow points rest on fewer bets than the window.
 */
export function RollingBrierChart(props: { points: RollingPoint[]; baseline: number | null; window: number }) {
  let box: HTMLDivElement | undefined;
  const plot = usePlot(() => box);
  let xAxis: SVGGElement | undefined;
  let yAxis: SVGGElement | undefined;
  const x = createMemo(() => scaleLinear().domain([1, Math.max(2, props.points.length)]).range([plot().left, plot().right]));
  const y = createMemo(() => {
    const top = Math.max(0.5, props.baseline ?? 0, ...props.points.map((p) => p.brier));
    return scaleLinear().domain([0, Math.min(1, top * 1.1)]).range([PLOT.bottom, PLOT.top]).nice();
  });
  const path = createMemo(() => line<RollingPoint>((_, i) => x()(i + 1), (p) => y()(p.brier))(props.points) ?? '');
  useAxis(() => xAxis, () => axisBottom(x()).ticks(Math.min(8, Math.max(1, props.points.length - 1))).tickFormat((v) => String(v)));
  useAxis(() => yAxis, () => axisLeft(y()).ticks(5));
  const first = () => props.points[0];
  const last = () => props.points[props.points.length - 1];
  const label = () =>
    last()
      ? `Rolling Brier score over the last ${props.window} bets: from ${f2(first()?.brier ?? 0)} at the first resolution to ${f2(last()?.brier ?? 0)} now${props.baseline !== null ? `; base-rate baseline ${f2(props.baseline)}` : ''}. Lower is better.`
      : 'No resolved bets yet.';
  return (
    <figure class="chart" data-testid="rolling-brier-chart">
      <div ref={box}>
      <svg viewBox={`0 0 ${plot().width} ${HEIGHT}`} role="img" aria-label={label()}>
        <Show when={props.baseline !== null}>
          <line class="guide" x1={PLOT.left} x2={plot().right} y1={y()(props.baseline ?? 0)} y2={y()(props.baseline ?? 0)} />
          <text class="guide-label" x={PLOT.left + 6} y={y()(props.baseline ?? 0) + 13}>
            always your base rate: {f2(props.baseline ?? 0)}
          </text>
        </Show>
        <path class="series" d={path()} />
        <For each={props.points}>
          {(p, i) => (
            <circle class={`point ${p.bets < props.window ? 'filling' : ''}`} cx={x()(i() + 1)} cy={y()(p.brier)} r={3.5}>
              <title>{`Bet ${i() + 1}, ${formatTime(p.at)}: Brier ${f2(p.brier)} over ${p.bets} bet${p.bets === 1 ? '' : 's'}`}</title>
            </circle>
          )}
        </For>
        <g ref={xAxis} class="axis" transform={`translate(0,${PLOT.bottom})`} />
        <g ref={yAxis} class="axis" transform={`translate(${PLOT.left},0)`} />
        <text class="axis-label" x={(plot().left + plot().right) / 2} y={HEIGHT - 8} text-anchor="middle">resolved bets, in order</text>
        <text class="axis-label" transform={`translate(14,${(PLOT.top + PLOT.bottom) / 2}) rotate(-90)`} text-anchor="middle">Brier (lower is better)</text>
      </svg>
      </div>
      <figcaption>{label()} Hollow points average fewer than {props.window} bets.</figcaption>
      <ChartTable
        testId="rolling-brier-table"
        caption="Rolling Brier score"
        headers={['Bet', 'Resolved', 'Brier', 'Bets in window']}
        rows={props.points}
        cells={(p, i) => [i + 1, formatTime(p.at), f2(p.brier), p.bets]}
      />
    </figure>
  );
}
