import { For, createMemo } from 'solid-js';
import { linkHorizontal, scaleLinear } from 'd3';
import type { PriorRow } from '../../../services/priors';
import { WIDTH } from '../frame';
import { clip, intervalText, ppText } from './effects';
import '../charts.css';
import './learning.css';

type Fitted = PriorRow & { adjusted: NonNullable<PriorRow['adjusted']> };

/** Nudges drawn at most: past a dozen edges the picture stops saying anything. */
export const GRAPH_NODES = 12;
const ROW = 30;
const PAD = 24;
const NODE_X = 190;
const OUT_X = WIDTH - 90;

interface Edge {
  row: Fitted;
  y: number;
  width: number;
  sign: 'good' | 'bad';
  dashed: boolean;
  path: string;
}

/**
 * Nudges -> outcome: one edge from each nudge to "pass", its width the size of the adjusted
 * effect, green when it raises the pass rate and red when it lowers it, dashed when the
 * evidence does not settle the sign (uncertain, or not enough evidence).
 */
export function NudgeGraph(props: { rows: PriorRow[] }) {
  const shown = createMemo(() =>
    props.rows
      .filter((r): r is Fitted => r.adjusted !== undefined)
      .sort((a, b) => Math.abs(b.adjusted.ame) - Math.abs(a.adjusted.ame) || a.key.localeCompare(b.key))
      .slice(0, GRAPH_NODES)
      .sort((a, b) => b.adjusted.ame - a.adjusted.ame || a.key.localeCompare(b.key)),
  );
  const height = () => PAD * 2 + ROW * Math.max(2, shown().length);
  const edges = createMemo<Edge[]>(() => {
    const rows = shown();
    const biggest = Math.max(1, ...rows.map((r) => Math.abs(r.adjusted.ame)));
    const width = scaleLinear().domain([0, biggest]).range([1, 12]);
    const outY = height() / 2;
    const link = linkHorizontal<{ source: [number, number]; target: [number, number] }, [number, number]>();
    return rows.map((row, i) => {
      const y = PAD + ROW * i + ROW / 2;
      return {
        row,
        y,
        width: width(Math.abs(row.adjusted.ame)),
        sign: row.adjusted.ame >= 0 ? 'good' : 'bad',
        dashed: row.adjusted.classification === 'uncertain' || row.adjusted.classification === 'not enough evidence',
        path: link({ source: [NODE_X + 6, y], target: [OUT_X - 14, outY] }) ?? '',
      };
    });
  });
  const summary = () =>
    edges()
      .map((e) => `${e.row.label} ${e.sign === 'good' ? 'raises' : 'lowers'} the pass rate by ${ppText(Math.abs(e.row.adjusted.ame)).replace(/^[+−]/, '')}${e.dashed ? ' (not settled)' : ''}`)
      .join('; ');
  return (
    <figure class="chart" data-testid="nudge-graph">
      <svg viewBox={`0 0 ${WIDTH} ${height()}`} role="img" aria-label={`Graph of nudges and the pass rate. ${summary()}`}>
        <For each={edges()}>
          {(e) => (
            <g class="graph-edge" data-nudge={e.row.key} data-dashed={e.dashed ? 'true' : 'false'}>
              <path class={`edge ${e.sign} ${e.dashed ? 'dashed' : ''}`} d={e.path} stroke-width={e.width}>
                <title>{`${e.row.label}: ${ppText(e.row.adjusted.ame)} (${intervalText(e.row.adjusted.lo, e.row.adjusted.hi)}), ${e.row.adjusted.classification}`}</title>
              </path>
              <circle class="node" cx={NODE_X} cy={e.y} r={5} />
              <text class="node-label" x={NODE_X - 10} y={e.y + 4} text-anchor="end">
                {clip(e.row.label)}
                <title>{e.row.label}</title>
              </text>
            </g>
          )}
        </For>
        <circle class="node outcome" cx={OUT_X} cy={height() / 2} r={12} />
        <text class="outcome-label" x={OUT_X} y={height() / 2 + 30} text-anchor="middle">pass</text>
      </svg>
      <figcaption>
        <ul class="chart-legend">
          <li><span class="swatch good" />raises the pass rate</li>
          <li><span class="swatch bad" />lowers it</li>
          <li><span class="swatch dashed" />dashed: not settled (interval spans zero, or too few runs)</li>
        </ul>
        Edge width is the size of the adjusted effect.
      </figcaption>
      <div class="sr-only">
        <table data-testid="nudge-graph-table">
          <caption>Edges from nudges to the pass rate</caption>
          <thead><tr><th>Nudge</th><th>Direction</th><th>Effect</th><th>Settled</th></tr></thead>
          <tbody>
            <For each={edges()}>
              {(e) => (
                <tr>
                  <td>{e.row.label}</td>
                  <td>{e.sign === 'good' ? 'raises' : 'lowers'}</td>
                  <td>{ppText(e.row.adjusted.ame)}</td>
                  <td>{e.dashed ? 'no' : 'yes'}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </figure>
  );
}
