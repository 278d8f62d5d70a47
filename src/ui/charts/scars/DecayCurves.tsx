import * as d3 from 'd3';
import { For, createEffect, onCleanup } from 'solid-js';
import { SCAR_FLOOR, scarCurves, type AtlasView } from '../../../services/scars';
import './charts.css';

const MARGIN = { top: 12, right: 20, bottom: 28, left: 44 };
const HEIGHT = 240;
const HORIZON_DAYS = 60;

/**
 * Each scar's weight over time under the constitution's forgiveness kernel: flat at its
 * severity until the first restoration, then fading towards the floor, which it never goes
 * below. Drawn to 60 days ahead; the table gives each weight now and then.
 */
export function DecayCurves(props: { view: AtlasView }) {
  let svg!: SVGSVGElement;
  let box!: HTMLDivElement;
  const curves = () => scarCurves(props.view, HORIZON_DAYS);
  const draw = () => {
    const data = curves();
    // One viewBox unit per CSS pixel down to a phone's card, so labels keep their size.
    const width = Math.max(280, box.clientWidth);
    const root = d3.select(svg).attr('viewBox', `0 0 ${width} ${HEIGHT}`).attr('width', width).attr('height', HEIGHT);
    root.selectAll('*').remove();
    if (data.length === 0) return;
    const all = data.flatMap((c) => c.points);
    const x = d3.scaleTime().domain(d3.extent(all, (p) => p.at) as [number, number]).range([MARGIN.left, width - MARGIN.right]);
    const y = d3.scaleLinear().domain([0, 1]).range([HEIGHT - MARGIN.bottom, MARGIN.top]);
    const color = d3.scaleOrdinal<string, string>(d3.schemeTableau10).domain(data.map((c) => c.id));
    root.append('g').attr('class', 'axis').attr('transform', `translate(0,${HEIGHT - MARGIN.bottom})`).call(d3.axisBottom(x).ticks(Math.max(2, Math.floor(width / 120))));
    root.append('g').attr('class', 'axis').attr('transform', `translate(${MARGIN.left},0)`).call(d3.axisLeft(y).ticks(5));
    root.append('line').attr('class', 'floor-line').attr('x1', MARGIN.left).attr('x2', width - MARGIN.right).attr('y1', y(SCAR_FLOOR)).attr('y2', y(SCAR_FLOOR));
    root.append('line').attr('class', 'now-line').attr('x1', x(props.view.now)).attr('x2', x(props.view.now)).attr('y1', MARGIN.top).attr('y2', HEIGHT - MARGIN.bottom);
    root.append('text').attr('class', 'chart-note').attr('x', x(props.view.now) + 4).attr('y', MARGIN.top + 10).text('now');
    const line = d3.line<{ at: number; weight: number }>().x((p) => x(p.at)).y((p) => y(p.weight));
    for (const c of data) {
      root.append('path').attr('d', line(c.points) ?? '').style('fill', 'none').style('stroke', color(c.id)).style('stroke-width', 2)
        .append('title').text(`${c.label}: weight ${c.now.toFixed(2)} now`);
    }
  };
  createEffect(() => {
    void props.view;
    draw();
  });
  const observer = new ResizeObserver(() => draw());
  createEffect(() => observer.observe(box));
  onCleanup(() => observer.disconnect());
  const color = () => d3.scaleOrdinal<string, string>(d3.schemeTableau10).domain(curves().map((c) => c.id));
  return (
    <figure class="chart" data-testid="decay-curves">
      <figcaption>
        Weight of each scar (0 to 1) with the {props.view.kernel.kind} kernel; the dotted line is the floor of {SCAR_FLOOR}.
      </figcaption>
      <div ref={box} class="chart-box">
        <svg ref={svg} role="img" aria-label="Decay curves of the scars; the same data is in the table below" />
      </div>
      <table class="data small legend-table">
        <thead><tr><th>Scar</th><th class="num">Weight now</th><th class="num">In {HORIZON_DAYS} days</th><th>State</th></tr></thead>
        <tbody>
          <For each={curves()}>
            {(c) => (
              <tr>
                <td><span class="swatch" style={{ background: color()(c.id) }} aria-hidden="true" />{c.label}</td>
                <td class="num">{c.now.toFixed(2)}</td><td class="num">{c.ahead.toFixed(2)}</td>
                <td class="words">{c.restored ? 'restored, fading' : 'unresolved: no decay'}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </figure>
  );
}
