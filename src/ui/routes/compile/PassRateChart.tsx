import { For, createMemo } from 'solid-js';
import { axisBottom, axisLeft, line, scaleLinear } from 'd3';
import { passRate, type Compilation } from '../../../services/compile';
import { formatTime, pct } from '../../components/format';
import { HEIGHT, PLOT, WIDTH, percentTick, useAxis } from '../../charts/frame';
import '../../charts/charts.css';

interface Point {
  n: number;
  rate: number;
  c: Compilation;
}

/**
 * The learning curve across compilations: pass rate of each, in order. The text alternative
 * (caption and the table on the page) carries the same numbers.
 */
export function PassRateChart(props: { compilations: Compilation[] }) {
  let xAxis: SVGGElement | undefined;
  let yAxis: SVGGElement | undefined;
  const points = createMemo<Point[]>(() =>
    props.compilations.flatMap((c, i) => {
      const rate = passRate(c);
      return rate === undefined ? [] : [{ n: i + 1, rate, c }];
    }),
  );
  const x = createMemo(() => scaleLinear().domain([1, Math.max(2, props.compilations.length)]).range([PLOT.left, PLOT.right]));
  const y = scaleLinear().domain([0, 1]).range([PLOT.bottom, PLOT.top]);
  const path = createMemo(() => line<Point>((p) => x()(p.n), (p) => y(p.rate))(points()) ?? '');
  useAxis(() => xAxis, () => axisBottom(x()).ticks(Math.min(10, Math.max(1, props.compilations.length - 1))).tickFormat((v) => String(v)));
  useAxis(() => yAxis, () => axisLeft(y).ticks(5).tickFormat(percentTick));
  const label = () => {
    const p = points();
    if (p.length === 0) return 'No compilation has verified candidates yet.';
    const first = p[0]!;
    const last = p[p.length - 1]!;
    return `Pass rate per compilation, ${p.length} compilation${p.length === 1 ? '' : 's'}: from ${pct(first.rate)} in the first to ${pct(last.rate)} in the latest.`;
  };
  return (
    <figure class="chart" data-testid="generations-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label()}>
        <path class="series" d={path()} />
        <For each={points()}>
          {(p) => (
            <circle class="point" cx={x()(p.n)} cy={y(p.rate)} r={4}>
              <title>{`Compilation ${p.n} (${p.c.specTitle}, ${formatTime(p.c.at)}): ${p.c.passed} of ${p.c.verified} passed`}</title>
            </circle>
          )}
        </For>
        <g ref={xAxis} class="axis" transform={`translate(0,${PLOT.bottom})`} />
        <g ref={yAxis} class="axis" transform={`translate(${PLOT.left},0)`} />
        <text class="axis-label" x={(PLOT.left + PLOT.right) / 2} y={HEIGHT - 8} text-anchor="middle">compilations, in order</text>
        <text class="axis-label" transform={`translate(14,${(PLOT.top + PLOT.bottom) / 2}) rotate(-90)`} text-anchor="middle">pass rate</text>
      </svg>
      <figcaption data-testid="generations-caption">{label()}</figcaption>
    </figure>
  );
}
