import { For, Show, createMemo } from 'solid-js';
import { axisBottom, axisLeft, scaleLinear } from 'd3';
import type { AccuracyBin } from '../../services/bets';
import { HEIGHT, PLOT, usePlot, useAxis } from './frame';
import { ChartTable } from './ChartTable';
import './charts.css';

const RATIOS = [1 / 16, 1 / 8, 1 / 4, 1 / 2, 1, 2, 4, 8, 16];
/** A tick's ratio, read back from its logarithm: exp(log 8) is 7.999999999999998, so the nearest of RATIOS. */
const nearestRatio = (v: number): number => RATIOS.reduce((best, r) => (Math.abs(Math.log(r) - v) < Math.abs(Math.log(best) - v) ? r : best), 1);
const times = (r: number): string => `×${r >= 1 ? r : `1/${Math.round(1 / r)}`}`;
const ratioText = (r: number): string => `×${Number(r.toFixed(2))}`;

/**
 * How far actual hours land from estimates, in log(actual / estimated): taking twice as long
 * and half as long sit at equal distances either side of "on estimate". Axis labels are ratios.
 */
export function LogRatioHistogram(props: { histogram: AccuracyBin[]; medianRatio: number | null; n: number }) {
  let box: HTMLDivElement | undefined;
  const plot = usePlot(() => box);
  let xAxis: SVGGElement | undefined;
  let yAxis: SVGGElement | undefined;
  const x = createMemo(() => {
    const lo = Math.min(-Math.LN2, props.histogram[0]?.lo ?? 0);
    const hi = Math.max(Math.LN2, props.histogram[props.histogram.length - 1]?.hi ?? 0);
    return scaleLinear().domain([lo, hi]).range([plot().left, plot().right]);
  });
  // Headroom above the tallest bar keeps the two line labels clear of it.
  const y = createMemo(() => scaleLinear().domain([0, Math.max(1, ...props.histogram.map((b) => b.count)) * 1.25]).range([PLOT.bottom, PLOT.top]).nice());
  const ticks = createMemo(() => {
    const [lo, hi] = x().domain() as [number, number];
    return RATIOS.map(Math.log).filter((v) => v >= lo - 1e-9 && v <= hi + 1e-9);
  });
  useAxis(() => xAxis, () => axisBottom(x()).tickValues(ticks()).tickFormat((v) => times(nearestRatio(Number(v)))));
  useAxis(() => yAxis, () => axisLeft(y()).ticks(Math.min(5, Math.max(1, y().domain()[1] ?? 1))).tickFormat((v) => String(v)));
  const label = () =>
    `${props.n} completed bet${props.n === 1 ? '' : 's'}` +
    (props.medianRatio !== null ? `; the median task took ${ratioText(props.medianRatio)} its estimate.` : '.');
  return (
    <figure class="chart" data-testid="log-ratio-histogram">
      <div ref={box}>
      <svg viewBox={`0 0 ${plot().width} ${HEIGHT}`} role="img" aria-label={`Histogram of actual over estimated hours: ${label()}`}>
        <For each={props.histogram}>
          {(b) => (
            <rect class="bar" x={x()(b.lo) + 1} width={Math.max(1, x()(b.hi) - x()(b.lo) - 2)} y={y()(b.count)} height={PLOT.bottom - y()(b.count)}>
              <title>{`${ratioText(b.loRatio)} to ${ratioText(b.hiRatio)}: ${b.count}`}</title>
            </rect>
          )}
        </For>
        <line class="guide" x1={x()(0)} x2={x()(0)} y1={PLOT.top} y2={PLOT.bottom} />
        <text class="guide-label" x={x()(0) + 4} y={PLOT.top + 10}>on estimate</text>
        <Show when={props.medianRatio}>
          {(m) => (
            <>
              <line class="marker" x1={x()(Math.log(m()))} x2={x()(Math.log(m()))} y1={PLOT.top + 16} y2={PLOT.bottom} />
              <text class="marker-label" x={x()(Math.log(m())) + 4} y={PLOT.top + 28}>median {ratioText(m())}</text>
            </>
          )}
        </Show>
        <g ref={xAxis} class="axis" transform={`translate(0,${PLOT.bottom})`} />
        <g ref={yAxis} class="axis" transform={`translate(${PLOT.left},0)`} />
        <text class="axis-label" x={(plot().left + plot().right) / 2} y={HEIGHT - 8} text-anchor="middle">actual ÷ estimated (log scale)</text>
        <text class="axis-label" transform={`translate(14,${(PLOT.top + PLOT.bottom) / 2}) rotate(-90)`} text-anchor="middle">bets</text>
      </svg>
      </div>
      <figcaption>{label()} Right of the line: longer than estimated.</figcaption>
      <ChartTable
        testId="log-ratio-table"
        caption="Actual over estimated hours"
        headers={['From', 'To', 'Bets']}
        rows={props.histogram}
        cells={(b) => [ratioText(b.loRatio), ratioText(b.hiRatio), b.count]}
      />
    </figure>
  );
}
