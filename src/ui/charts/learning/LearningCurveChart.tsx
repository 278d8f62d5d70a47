import { For, Show, createMemo } from 'solid-js';
import { axisLeft, line, scaleLinear } from 'd3';
import type { CurvePoint, LearningCurve } from '../../../services/priors';
import { formatCount, formatTime, pct } from '../../components/format';
import { percentTick, useAxis } from '../frame';
import { useWidth } from './width';
import { ChartTable } from '../ChartTable';
import '../charts.css';
import './learning.css';

const HEIGHT = 300;
const M = { top: 30, right: 20, bottom: 62, left: 54 } as const;
/** Up to this many points get a dot, so that a handful of runs shows as runs, not as a line. */
const DOTS = 60;
/** Gaps marked at most (the largest). */
const MAX_GAPS = 4;
const DAY = 86_400_000;

const dayMonthYear = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
const dayMonth = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/** Tick dates as precise as the span of the runs needs: "12 May 2024", "12 May" or "13:50". */
export function tickDate(spanMs: number): (ms: number) => string {
  if (spanMs > 300 * DAY) return (ms) => dayMonthYear.format(ms);
  if (spanMs > 2 * DAY) return (ms) => dayMonth.format(ms);
  return (ms) => clock.format(ms);
}

/** A stretch of time in words: "36 hours", "12 days", "7 months", "2.6 years". */
export function durationText(ms: number): string {
  const days = ms / DAY;
  if (days < 2) return `${Math.round(ms / 3_600_000)} hours`;
  if (days < 60) return `${Math.round(days)} days`;
  if (days < 730) return `${Math.round(days / 30.44)} months`;
  return `${(days / 365.25).toFixed(1)} years`;
}

/**
 * Quiet stretches: consecutive points further apart in time than both a week and eight times the
 * average spacing. Returns the index (into points) of the point after each gap, largest gaps
 * first, at most MAX_GAPS. Evenly spread runs have none.
 */
export function curveGaps(points: readonly CurvePoint[]): number[] {
  if (points.length < 3) return [];
  const typical = (points[points.length - 1]!.at - points[0]!.at) / (points.length - 1);
  const threshold = Math.max(7 * DAY, 8 * typical);
  const gaps: { i: number; dt: number }[] = [];
  for (let i = 1; i < points.length; i++) {
    const dt = points[i]!.at - points[i - 1]!.at;
    if (dt > threshold) gaps.push({ i, dt });
  }
  return gaps
    .sort((a, b) => b.dt - a.dt)
    .slice(0, MAX_GAPS)
    .map((g) => g.i)
    .sort((a, b) => a - b);
}

/**
 * The learning curve: pass rate over the last `window` runs. The x axis is the run's place in
 * time order, not its time: a year with no runs takes no room and a burst of a hundred runs in
 * a day takes a hundred runs' room, so imported history plus today's runs still reads as a
 * curve. The dates under the ticks are those of the runs there, and dotted lines mark long
 * quiet stretches with their length.
 */
export function LearningCurveChart(props: { curve: LearningCurve }) {
  let yAxis: SVGGElement | undefined;
  let box: HTMLDivElement | undefined;
  const width = useWidth(() => box);
  const points = () => props.curve.points;
  const plot = () => ({ left: M.left, right: width() - M.right, top: M.top, bottom: HEIGHT - M.bottom });
  const x = createMemo(() => {
    const first = points()[0]?.index ?? 1;
    const last = points()[points().length - 1]?.index ?? first + 1;
    return scaleLinear()
      .domain([first, last > first ? last : first + 1])
      .range([plot().left, plot().right]);
  });
  const y = createMemo(() => scaleLinear().domain([0, 1]).range([plot().bottom, plot().top]));
  const path = createMemo(() => line<CurvePoint>((p) => x()(p.index), (p) => y()(p.rate))(points()) ?? '');
  const gaps = createMemo(() => curveGaps(points()));
  const gapBefore = createMemo(() => {
    const m = new Map<number, number>();
    for (const i of gaps()) m.set(i, points()[i]!.at - points()[i - 1]!.at);
    return m;
  });
  const date = createMemo(() => {
    const p = points();
    return tickDate(p.length > 1 ? p[p.length - 1]!.at - p[0]!.at : 0);
  });
  /**
   * Ticks at points: both ends, the first run after each gap, and evenly spaced ones between.
   * A tick is dropped when its label (date over run number, about 6.6 px a character) would
   * touch one already placed; ends and gaps are placed first.
   */
  const ticks = createMemo(() => {
    const p = points();
    if (p.length === 0) return [];
    const wanted = [0, p.length - 1, ...gaps()];
    const even = Math.max(2, Math.floor((plot().right - plot().left) / 110));
    for (let k = 1; k < even; k++) {
      const target = p[0]!.index + ((p[p.length - 1]!.index - p[0]!.index) * k) / even;
      let best = 0;
      for (let i = 0; i < p.length; i++) if (Math.abs(p[i]!.index - target) < Math.abs(p[best]!.index - target)) best = i;
      wanted.push(best);
    }
    const anchor = (i: number): 'start' | 'end' | 'middle' => (i === 0 ? 'start' : i === p.length - 1 ? 'end' : 'middle');
    const extent = (i: number): [number, number] => {
      const at = x()(p[i]!.index);
      const w = 6.6 * Math.max(date()(p[i]!.at).length, `run ${formatCount(p[i]!.index)}`.length);
      const a = anchor(i);
      return a === 'start' ? [at, at + w] : a === 'end' ? [at - w, at] : [at - w / 2, at + w / 2];
    };
    const placed: { i: number; span: [number, number] }[] = [];
    for (const i of wanted) {
      const span = extent(i);
      if (placed.every((t) => span[1] + 12 <= t.span[0] || t.span[1] + 12 <= span[0])) placed.push({ i, span });
    }
    return placed.sort((a, b) => a.i - b.i).map((t) => ({ point: p[t.i]!, anchor: anchor(t.i) }));
  });
  useAxis(() => yAxis, () => axisLeft(y()).ticks(5).tickFormat(percentTick));
  const first = () => points()[0];
  const last = () => points()[points().length - 1];
  const label = () =>
    last()
      ? `Pass rate over the last ${formatCount(props.curve.window)} runs: ${pct(first()!.rate)} at first, ${pct(last()!.rate)} now (${pct(props.curve.overall)} over all ${formatCount(last()!.index)} runs).`
      : 'No runs yet.';
  const gapNote = () => {
    const g = gaps();
    if (g.length === 0) return '';
    const spans = g.map((i) => durationText(gapBefore().get(i)!));
    return ` Dotted lines mark ${g.length === 1 ? 'a stretch' : `${g.length} stretches`} with no runs (${spans.join(', ')}).`;
  };
  return (
    <figure class="chart" data-testid="learning-curve">
      <div ref={box} class="learning-box">
        <svg viewBox={`0 0 ${width()} ${HEIGHT}`} role="img" aria-label={label() + gapNote()}>
          <line class="guide" x1={plot().left} x2={plot().right} y1={y()(props.curve.overall)} y2={y()(props.curve.overall)} />
          <For each={gaps()}>
            {(i) => {
              const gx = () => (x()(points()[i - 1]!.index) + x()(points()[i]!.index)) / 2;
              return (
                <g class="gap" data-testid="curve-gap">
                  <line class="gap-mark" x1={gx()} x2={gx()} y1={plot().top} y2={plot().bottom} />
                  <text class="gap-label" x={gx()} y={plot().top - 8} text-anchor={gx() > plot().right - 50 ? 'end' : gx() < plot().left + 50 ? 'start' : 'middle'}>
                    {durationText(gapBefore().get(i)!)} gap
                  </text>
                </g>
              );
            }}
          </For>
          <path class="series" d={path()} />
          <Show when={points().length <= DOTS}>
            <For each={points()}>{(p) => <circle class="curve-dot" cx={x()(p.index)} cy={y()(p.rate)} r={3} />}</For>
          </Show>
          <line class="axis-line" x1={plot().left} x2={plot().right} y1={plot().bottom} y2={plot().bottom} />
          <For each={ticks()}>
            {(t) => (
              <g class="x-tick" transform={`translate(${x()(t.point.index)},${plot().bottom})`}>
                <line y2={6} />
                <text class="date" y={20} text-anchor={t.anchor}>{date()(t.point.at)}</text>
                <text y={35} text-anchor={t.anchor}>run {formatCount(t.point.index)}</text>
              </g>
            )}
          </For>
          <g ref={yAxis} class="axis" transform={`translate(${plot().left},0)`} />
          <text class="axis-label" x={(plot().left + plot().right) / 2} y={HEIGHT - 6} text-anchor="middle">
            {width() < 460 ? 'runs in time order' : 'runs in time order (date of the run at each tick)'}
          </text>
          <text class="axis-label" transform={`translate(14,${(plot().top + plot().bottom) / 2}) rotate(-90)`} text-anchor="middle">
            pass rate (rolling)
          </text>
        </svg>
      </div>
      <figcaption>
        {label()} Runs are spaced evenly in time order, so a quiet year takes no room.{gapNote()} The dashed line is the pass rate over all
        runs; the first {formatCount(props.curve.window - 1)} runs average fewer than {formatCount(props.curve.window)}.
      </figcaption>
      <ChartTable
        testId="learning-curve-table"
        caption="Rolling pass rate, in time order"
        headers={['Run', 'Time', 'Pass rate', 'Runs in window', 'Before it']}
        rows={points()}
        cells={(p, i) => [
          formatCount(p.index),
          formatTime(p.at),
          pct(p.rate, 1),
          formatCount(p.runs),
          gapBefore().has(i) ? `${durationText(gapBefore().get(i)!)} with no runs` : '',
        ]}
      />
    </figure>
  );
}
