import { For, createMemo } from 'solid-js';
import { axisBottom, axisLeft, line, scaleLinear, scaleTime } from 'd3';
import type { CurvePoint, LearningCurve } from '../../../services/priors';
import { formatTime, pct } from '../../components/format';
import { HEIGHT, PLOT, WIDTH, percentTick, useAxis } from '../frame';
import '../charts.css';
import './learning.css';

/**
 * The learning curve: pass rate over the last `window` runs, in time order. Rising means the
 * loop is working: failures became priors and the priors are being applied.
 */
export function LearningCurveChart(props: { curve: LearningCurve }) {
  let xAxis: SVGGElement | undefined;
  let yAxis: SVGGElement | undefined;
  const points = () => props.curve.points;
  const x = createMemo(() => {
    const first = points()[0]?.at ?? 0;
    const last = points()[points().length - 1]?.at ?? 1;
    return scaleTime()
      .domain([new Date(first), new Date(last > first ? last : first + 60_000)])
      .range([PLOT.left, PLOT.right]);
  });
  const y = scaleLinear().domain([0, 1]).range([PLOT.bottom, PLOT.top]);
  const path = createMemo(() => line<CurvePoint>((p) => x()(new Date(p.at)), (p) => y(p.rate))(points()) ?? '');
  useAxis(() => xAxis, () => axisBottom<Date>(x()).ticks(5));
  useAxis(() => yAxis, () => axisLeft(y).ticks(5).tickFormat(percentTick));
  const first = () => points()[0];
  const last = () => points()[points().length - 1];
  const label = () =>
    last()
      ? `Pass rate over the last ${props.curve.window} runs: ${pct(first()!.rate)} at first, ${pct(last()!.rate)} now (${pct(props.curve.overall)} over all ${last()!.index} runs).`
      : 'No runs yet.';
  return (
    <figure class="chart" data-testid="learning-curve">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label()}>
        <line class="guide" x1={PLOT.left} x2={PLOT.right} y1={y(props.curve.overall)} y2={y(props.curve.overall)} />
        <path class="series" d={path()} />
        <g ref={xAxis} class="axis" transform={`translate(0,${PLOT.bottom})`} />
        <g ref={yAxis} class="axis" transform={`translate(${PLOT.left},0)`} />
        <text class="axis-label" x={(PLOT.left + PLOT.right) / 2} y={HEIGHT - 8} text-anchor="middle">time of run</text>
        <text class="axis-label" transform={`translate(14,${(PLOT.top + PLOT.bottom) / 2}) rotate(-90)`} text-anchor="middle">
          pass rate (rolling)
        </text>
      </svg>
      <figcaption>
        {label()} The dashed line is the pass rate over all runs; the first {props.curve.window - 1} runs average fewer than {props.curve.window}.
      </figcaption>
      <div class="sr-only">
        <table data-testid="learning-curve-table">
          <caption>Rolling pass rate</caption>
          <thead><tr><th>Run</th><th>Time</th><th>Pass rate</th><th>Runs in window</th></tr></thead>
          <tbody>
            <For each={points()}>{(p) => <tr><td>{p.index}</td><td>{formatTime(p.at)}</td><td>{pct(p.rate, 1)}</td><td>{p.runs}</td></tr>}</For>
          </tbody>
        </table>
      </div>
    </figure>
  );
}
