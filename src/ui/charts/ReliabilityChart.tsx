import { For, createMemo } from 'solid-js';
import { axisBottom, axisLeft, scaleLinear, scaleSqrt } from 'd3';
import type { ReliabilityBin } from '../../services/bets';
import { pct } from '../components/format';
import { HEIGHT, PLOT, percentTick, usePlot, useAxis } from './frame';
import { ChartTable } from './ChartTable';
import './charts.css';

/**
 * Reliability diagram: for each band of stated confidence, the share of forecasts that came
 * true, with its 95% Wilson interval. Calibrated points sit on the diagonal within their bars.
 */
export function ReliabilityChart(props: { bins: ReliabilityBin[] }) {
  let box: HTMLDivElement | undefined;
  const plot = usePlot(() => box);
  let xAxis: SVGGElement | undefined;
  let yAxis: SVGGElement | undefined;
  const xScale = createMemo(() => scaleLinear().domain([0, 1]).range([plot().left, plot().right]));
  const x = (v: number) => xScale()(v);
  const y = scaleLinear().domain([0, 1]).range([PLOT.bottom, PLOT.top]);
  const radius = createMemo(() => scaleSqrt().domain([0, Math.max(1, ...props.bins.map((b) => b.n))]).range([3, 9]));
  useAxis(() => xAxis, () => axisBottom(xScale()).ticks(5).tickFormat(percentTick));
  useAxis(() => yAxis, () => axisLeft(y).ticks(5).tickFormat(percentTick));
  const summary = () =>
    props.bins
      .map((b) => `${pct(b.lo)}–${pct(b.hi)}: ${pct(b.hitRate)} came true of ${b.n} (stated ${pct(b.meanConfidence)} on average)`)
      .join('; ');
  return (
    <figure class="chart" data-testid="reliability-chart">
      <div ref={box}>
      <svg viewBox={`0 0 ${plot().width} ${HEIGHT}`} role="img" aria-label={`Reliability diagram. ${summary()}`}>
        <line class="guide" x1={x(0)} y1={y(0)} x2={x(1)} y2={y(1)} />
        {/* Bottom right, clear of the points and their n= labels near the top. */}
        <text class="guide-label" x={x(1)} y={PLOT.bottom - 14} text-anchor="end">dashed: perfect calibration</text>
        <For each={props.bins}>
          {(b) => (
            <g class="bin">
              <rect class="bin-span" x={x(b.lo) + 1.5} width={Math.max(1, x(b.hi) - x(b.lo) - 3)} y={PLOT.bottom - 6} height={6} />
              <line class="error-bar" x1={x(b.meanConfidence)} x2={x(b.meanConfidence)} y1={y(b.interval[0])} y2={y(b.interval[1])} />
              <line class="error-bar" x1={x(b.meanConfidence) - 5} x2={x(b.meanConfidence) + 5} y1={y(b.interval[0])} y2={y(b.interval[0])} />
              <line class="error-bar" x1={x(b.meanConfidence) - 5} x2={x(b.meanConfidence) + 5} y1={y(b.interval[1])} y2={y(b.interval[1])} />
              <circle class="point" cx={x(b.meanConfidence)} cy={y(b.hitRate)} r={radius()(b.n)} />
              <text class="count" x={x(b.meanConfidence)} y={y(b.interval[1]) - 6} text-anchor="middle">n={b.n}</text>
            </g>
          )}
        </For>
        <g ref={xAxis} class="axis" transform={`translate(0,${PLOT.bottom})`} />
        <g ref={yAxis} class="axis" transform={`translate(${PLOT.left},0)`} />
        <text class="axis-label" x={(plot().left + plot().right) / 2} y={HEIGHT - 8} text-anchor="middle">stated confidence</text>
        <text class="axis-label" transform={`translate(14,${(PLOT.top + PLOT.bottom) / 2}) rotate(-90)`} text-anchor="middle">share that came true</text>
      </svg>
      </div>
      <figcaption>
        Each point is a band of stated confidence (its span is marked on the axis); bars are 95% Wilson intervals. Bands are merged until each holds at least 5 forecasts.
      </figcaption>
      <ChartTable
        testId="reliability-table"
        caption="Reliability by confidence band"
        headers={['Band', 'Forecasts', 'Mean stated', 'Came true', '95% interval']}
        rows={props.bins}
        cells={(b) => [`${pct(b.lo)}–${pct(b.hi)}`, b.n, pct(b.meanConfidence), pct(b.hitRate), `${pct(b.interval[0])}–${pct(b.interval[1])}`]}
      />
    </figure>
  );
}
