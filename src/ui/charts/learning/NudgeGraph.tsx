import { For, Show, createMemo, createSignal } from 'solid-js';
import { linkHorizontal, scaleLinear } from 'd3';
import type { PriorRow } from '../../../services/priors';
import { clip, fitChars, intervalText, ppText } from './effects';
import { useWidth } from './width';
import { ChartTable } from '../ChartTable';
import '../charts.css';
import './learning.css';

type Fitted = PriorRow & { adjusted: NonNullable<PriorRow['adjusted']> };

/** Nudges drawn until asked for all: past a dozen edges the picture stops saying anything. */
export const GRAPH_NODES = 12;
/** Below this drawing width the labels get the larger share of the width. */
const NARROW = 460;
const ROW = 30;
const PAD = 24;
/** Widest edge, in pixels. */
const MAX_STROKE = 12;

interface Edge {
  row: Fitted;
  y: number;
  width: number;
  sign: 'good' | 'bad';
  dashed: boolean;
  path: string;
}

/**
 * A dash pattern that stays visibly broken at any stroke width: a fixed 6/5 px dash disappears
 * under a 12 px round-capped stroke. Dashes and gaps grow with the width (butt caps, so the gap
 * is really empty).
 */
export function dashFor(strokeWidth: number): string {
  const dash = Math.max(6, Math.round(strokeWidth * 1.6));
  const gap = Math.max(4, Math.round(strokeWidth * 1.2));
  return `${dash} ${gap}`;
}

/** The nudges to draw: the `limit` largest adjusted effects, best first. */
export function graphRows(rows: readonly PriorRow[], limit = GRAPH_NODES): Fitted[] {
  return rows
    .filter((r): r is Fitted => r.adjusted !== undefined)
    .sort((a, b) => Math.abs(b.adjusted.ame) - Math.abs(a.adjusted.ame) || a.key.localeCompare(b.key))
    .slice(0, limit)
    .sort((a, b) => b.adjusted.ame - a.adjusted.ame || a.key.localeCompare(b.key));
}

/**
 * Nudges -> outcome: one edge from each nudge to "pass", its width the size of the adjusted
 * effect, green when it raises the pass rate and red when it lowers it, dashed when the
 * evidence does not settle the sign (uncertain, or not enough evidence). Drawn at the card's
 * width in pixels so that labels keep their size on a phone.
 */
export function NudgeGraph(props: { rows: PriorRow[] }) {
  let box: HTMLDivElement | undefined;
  const width = useWidth(() => box);
  const [all, setAll] = createSignal(false);
  const total = () => props.rows.filter((r) => r.adjusted).length;
  const shown = createMemo(() => graphRows(props.rows, all() ? Infinity : GRAPH_NODES));
  const narrow = () => width() < NARROW;
  const nodeX = () => (narrow() ? Math.round(width() * 0.58) : 190);
  const outX = () => (narrow() ? width() - 26 : width() - 90);
  const height = () => PAD * 2 + ROW * Math.max(2, shown().length);
  const edges = createMemo<Edge[]>(() => {
    const rows = shown();
    const biggest = Math.max(1, ...rows.map((r) => Math.abs(r.adjusted.ame)));
    const stroke = scaleLinear().domain([0, biggest]).range([1, MAX_STROKE]);
    const outY = height() / 2;
    const link = linkHorizontal<{ source: [number, number]; target: [number, number] }, [number, number]>();
    return rows.map((row, i) => {
      const y = PAD + ROW * i + ROW / 2;
      return {
        row,
        y,
        width: stroke(Math.abs(row.adjusted.ame)),
        sign: row.adjusted.ame >= 0 ? 'good' : 'bad',
        dashed: row.adjusted.classification === 'uncertain' || row.adjusted.classification === 'not enough evidence',
        path: link({ source: [nodeX() + 6, y], target: [outX() - 14, outY] }) ?? '',
      };
    });
  });
  const summary = () =>
    edges()
      .map((e) => `${e.row.label} ${e.sign === 'good' ? 'raises' : 'lowers'} the pass rate by ${ppText(Math.abs(e.row.adjusted.ame)).replace(/^[+−]/, '')}${e.dashed ? ' (not settled)' : ''}`)
      .join('; ');
  return (
    <figure class="chart" data-testid="nudge-graph">
      <div ref={box} class="learning-box">
        <svg viewBox={`0 0 ${width()} ${height()}`} role="img" aria-label={`Graph of nudges and the pass rate. ${summary()}`}>
          <For each={edges()}>
            {(e) => (
              <g class="graph-edge" data-nudge={e.row.key} data-dashed={e.dashed ? 'true' : 'false'}>
                <path
                  class={`edge ${e.sign} ${e.dashed ? 'dashed' : ''}`}
                  d={e.path}
                  stroke-width={e.width}
                  stroke-dasharray={e.dashed ? dashFor(e.width) : undefined}
                >
                  <title>{`${e.row.label}: ${ppText(e.row.adjusted.ame)} (${intervalText(e.row.adjusted.lo, e.row.adjusted.hi)}), ${e.row.adjusted.classification}`}</title>
                </path>
                <circle class="node" cx={nodeX()} cy={e.y} r={5} />
                <text class="node-label" x={nodeX() - 10} y={e.y + 4} text-anchor="end">
                  {clip(e.row.label, fitChars(nodeX() - 14))}
                  <title>{e.row.label}</title>
                </text>
              </g>
            )}
          </For>
          <circle class="node outcome" cx={outX()} cy={height() / 2} r={12} />
          <text class="outcome-label" x={outX()} y={height() / 2 + 30} text-anchor="middle">pass</text>
        </svg>
      </div>
      <figcaption>
        <ul class="chart-legend">
          <li><span class="swatch good" />raises the pass rate</li>
          <li><span class="swatch bad" />lowers it</li>
          <li><span class="swatch dashed" />broken line: not settled (interval spans zero, or too few runs)</li>
        </ul>
        Edge width is the size of the adjusted effect.
        <Show when={total() > GRAPH_NODES}>
          {' '}
          <span data-testid="graph-shown">
            {all()
              ? `Showing all ${total()} nudges.`
              : `Showing the ${shown().length} largest effects of ${total()} nudges (past a dozen edges the picture stops saying anything); every nudge is in the table above.`}
          </span>{' '}
          <button type="button" class="link-button" data-testid="graph-toggle" aria-pressed={all()} onClick={() => setAll(!all())}>
            {all() ? `Show the ${GRAPH_NODES} largest` : `Show all ${total()}`}
          </button>
        </Show>
      </figcaption>
      <ChartTable
        testId="nudge-graph-table"
        caption="Edges from nudges to the pass rate"
        headers={['Nudge', 'Direction', 'Effect', 'Settled']}
        rows={edges()}
        cells={(e) => [e.row.label, e.sign === 'good' ? 'raises' : 'lowers', ppText(e.row.adjusted.ame), e.dashed ? 'no' : 'yes']}
      />
    </figure>
  );
}
