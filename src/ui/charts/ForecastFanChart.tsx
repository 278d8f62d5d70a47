import { For, Show, createMemo } from 'solid-js';
import { axisBottom, scaleLinear } from 'd3';
import type { ForecastSummary } from '../../services/bets';
import { HEIGHT, PLOT, usePlot, useAxis } from './frame';
import { ChartTable } from './ChartTable';
import './charts.css';

/** Nested central intervals, widest first, so the darkest band is the middle of the fan. */
const BANDS: [number, number][] = [[5, 95], [10, 90], [20, 80], [30, 70], [40, 60]];
const h1 = (x: number) => `${Number(x.toFixed(1))}h`;

/**
 * Total hours of the open bets from the Monte Carlo: the spread of simulated totals (bars), a
 * fan of central intervals beneath it, and P50 / P80 / P95 (and the budget, when given) marked.
 */
export function ForecastFanChart(props: { summary: ForecastSummary; budgetHours?: number | undefined }) {
  let box: HTMLDivElement | undefined;
  const plot = usePlot(() => box);
  let xAxis: SVGGElement | undefined;
  const fanTop = PLOT.bottom - 34;
  const barsBottom = fanTop - 10;
  const at = (p: number) => props.summary.fan.find((f) => f.percentile === p)?.hours ?? 0;
  const x = createMemo(() => {
    const h = props.summary.histogram;
    const lo = Math.min(h[0]?.lo ?? 0, props.budgetHours ?? Infinity);
    const hi = Math.max(h[h.length - 1]?.hi ?? 1, props.budgetHours ?? -Infinity);
    return scaleLinear().domain([Math.max(0, lo - (hi - lo) * 0.04), hi + (hi - lo) * 0.04 || 1]).range([plot().left, plot().right]).nice();
  });
  const y = createMemo(() => scaleLinear().domain([0, Math.max(1, ...props.summary.histogram.map((b) => b.count))]).range([barsBottom, PLOT.top + 24]));
  useAxis(() => xAxis, () => axisBottom(x()).ticks(6).tickFormat((v) => `${Number(v)}h`));
  const markers = () => [
    { name: 'P50', hours: props.summary.p50 },
    { name: 'P80', hours: props.summary.p80 },
    { name: 'P95', hours: props.summary.p95 },
  ];
  const label = () =>
    `Total hours of ${props.summary.openBets} open bet${props.summary.openBets === 1 ? '' : 's'}: P50 ${h1(props.summary.p50)}, P80 ${h1(props.summary.p80)}, P95 ${h1(props.summary.p95)}` +
    ` (${props.summary.draws.toLocaleString('en')} simulated totals).`;
  return (
    <figure class="chart" data-testid="forecast-chart">
      <div ref={box}>
      <svg viewBox={`0 0 ${plot().width} ${HEIGHT}`} role="img" aria-label={label()}>
        <For each={props.summary.histogram}>
          {(b) => <rect class="bar faint" x={x()(b.lo)} width={Math.max(0.5, x()(b.hi) - x()(b.lo) - 1)} y={y()(b.count)} height={barsBottom - y()(b.count)} />}
        </For>
        <For each={BANDS}>
          {([lo, hi], i) => (
            <rect class="fan" style={{ opacity: 0.18 + i() * 0.16 }} x={x()(at(lo))} width={Math.max(1, x()(at(hi)) - x()(at(lo)))} y={fanTop} height={24}>
              <title>{`P${lo}–P${hi}: ${h1(at(lo))} to ${h1(at(hi))}`}</title>
            </rect>
          )}
        </For>
        <For each={markers()}>
          {(m, i) => (
            <>
              <line class="marker" x1={x()(m.hours)} x2={x()(m.hours)} y1={PLOT.top + 4 + i() * 14} y2={fanTop + 24} />
              <text class="marker-label" x={x()(m.hours) + 4} y={PLOT.top + 14 + i() * 14}>{m.name} {h1(m.hours)}</text>
            </>
          )}
        </For>
        <Show when={props.budgetHours !== undefined}>
          <line class="budget" x1={x()(props.budgetHours ?? 0)} x2={x()(props.budgetHours ?? 0)} y1={PLOT.top} y2={PLOT.bottom} />
          <text class="budget-label" x={x()(props.budgetHours ?? 0) - 4} y={PLOT.top + 10} text-anchor="end">budget {h1(props.budgetHours ?? 0)}</text>
        </Show>
        <g ref={xAxis} class="axis" transform={`translate(0,${PLOT.bottom})`} />
        <text class="axis-label" x={(plot().left + plot().right) / 2} y={HEIGHT - 8} text-anchor="middle">total hours of the open bets</text>
      </svg>
      </div>
      <figcaption>{label()} The band under the bars shades the central 90%, 80%, 60%, 40% and 20% of outcomes.</figcaption>
      <ChartTable
        testId="forecast-table"
        caption="Percentiles of total hours"
        headers={['Percentile', 'Hours']}
        rows={props.summary.fan}
        cells={(f) => [`P${f.percentile}`, h1(f.hours)]}
      />
    </figure>
  );
}
