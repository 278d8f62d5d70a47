import * as d3 from 'd3';
import { For, createEffect, onCleanup } from 'solid-js';
import type { AtlasView } from '../../../services/scars';
import { formatTime } from '../../components/format';
import './charts.css';

const MARGIN = { top: 12, right: 20, bottom: 28, left: 170 };
/** The lane labels' share of a narrow chart (a phone): the rest is the time axis. */
const LEFT_SHARE = 0.42;
const LANE = 30;

/**
 * When each scar happened and when it was restored, one lane per locus: a dot sized by
 * severity at its creation, a line to its first restoration (or to now, in red, while
 * unresolved), and a tick at every restoration. The table below says the same in words.
 */
export function ScarTimeline(props: { view: AtlasView }) {
  let svg!: SVGSVGElement;
  let box!: HTMLDivElement;
  const draw = () => {
    const { scars, loci, now } = props.view;
    // One viewBox unit per CSS pixel down to a phone's card, so labels keep their size.
    const width = Math.max(280, box.clientWidth);
    const height = MARGIN.top + MARGIN.bottom + Math.max(1, loci.length) * LANE;
    const root = d3.select(svg).attr('viewBox', `0 0 ${width} ${height}`).attr('width', width).attr('height', height);
    root.selectAll('*').remove();
    if (scars.length === 0) return;
    const first = d3.min(scars, (s) => s.createdAt) ?? now;
    const pad = Math.max((now - first) * 0.05, 3_600_000);
    const left = Math.min(MARGIN.left, Math.round(width * LEFT_SHARE));
    const x = d3.scaleTime().domain([first - pad, now + pad]).range([left, width - MARGIN.right]);
    const y = d3.scaleBand<string>().domain(loci.map((l) => l.key)).range([MARGIN.top, height - MARGIN.bottom]).padding(0.3);
    const r = d3.scaleSqrt().domain([0, 1]).range([3, 9]);
    root.append('g').attr('class', 'axis').attr('transform', `translate(0,${height - MARGIN.bottom})`).call(d3.axisBottom(x).ticks(Math.max(2, Math.floor(width / 120))));
    const chars = Math.max(8, Math.floor((left - 12) / 6.5));
    root.append('g').attr('class', 'axis').attr('transform', `translate(${left},0)`).call(d3.axisLeft(y).tickFormat((k) => (k.length > chars ? `${k.slice(0, chars - 1)}…` : k)));
    root.append('line').attr('class', 'now-line').attr('x1', x(now)).attr('x2', x(now)).attr('y1', MARGIN.top).attr('y2', height - MARGIN.bottom);
    const key = (s: AtlasView['scars'][number]) => `${s.locus.kind}:${s.locus.ref}`;
    const mid = (s: AtlasView['scars'][number]) => (y(key(s)) ?? 0) + y.bandwidth() / 2;
    const g = root.append('g');
    for (const s of scars) {
      const end = s.restorations[0]?.at ?? now;
      const open = s.restorations.length === 0;
      g.append('line').attr('x1', x(s.createdAt)).attr('x2', x(end)).attr('y1', mid(s)).attr('y2', mid(s))
        .style('stroke', open ? 'var(--bad)' : 'var(--good)').style('stroke-width', 2).style('stroke-dasharray', open ? '4 3' : 'none');
      for (const rest of s.restorations) {
        g.append('line').attr('x1', x(rest.at)).attr('x2', x(rest.at)).attr('y1', mid(s) - 7).attr('y2', mid(s) + 7).style('stroke', 'var(--good)').style('stroke-width', 2);
      }
      g.append('circle').attr('cx', x(s.createdAt)).attr('cy', mid(s)).attr('r', r(s.severity))
        .style('fill', open ? 'var(--bad)' : 'var(--surface)').style('stroke', open ? 'var(--bad)' : 'var(--good)').style('stroke-width', 2)
        .append('title').text(`${s.trigger.replace(/_/g, ' ')} (${s.severity}): ${s.description}`);
    }
  };
  createEffect(() => {
    void props.view;
    draw();
  });
  const observer = new ResizeObserver(() => draw());
  createEffect(() => observer.observe(box));
  onCleanup(() => observer.disconnect());
  return (
    <figure class="chart" data-testid="scar-timeline">
      <figcaption>
        Timeline: {count(props.view.scars.length, 'scar', 'scars')} at {count(props.view.loci.length, 'locus', 'loci')};{' '}
        {props.view.scars.filter((s) => s.restorations.length === 0).length} not yet restored (red, dashed to now).
      </figcaption>
      <div ref={box} class="chart-box">
        <svg ref={svg} role="img" aria-label="Scar timeline; the same data is in the table below" />
      </div>
      <details>
        <summary>Timeline as a table</summary>
        <table class="data small">
          <thead><tr><th>Created</th><th>Locus</th><th>Trigger</th><th class="num">Severity</th><th>Restorations</th></tr></thead>
          <tbody>
            <For each={props.view.scars}>
              {(s) => (
                <tr>
                  <td>{formatTime(s.createdAt)}</td><td>{s.locus.kind}: {s.locus.ref}</td><td>{s.trigger.replace(/_/g, ' ')}</td>
                  <td class="num">{s.severity}</td><td>{s.restorations.map((r) => formatTime(r.at)).join(', ') || 'none yet'}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </details>
    </figure>
  );
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
