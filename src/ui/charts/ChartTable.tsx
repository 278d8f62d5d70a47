import { For, type JSX } from 'solid-js';

/**
 * A chart's numbers as a table that only screen readers see: the picture says it with shapes,
 * this says the same with text, one row per mark.
 */
export function ChartTable<T>(props: {
  testId: string;
  caption: string;
  headers: readonly string[];
  rows: readonly T[];
  cells: (row: T, index: number) => JSX.Element[];
}) {
  return (
    <div class="sr-only">
      <table data-testid={props.testId}>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <For each={props.headers}>{(h) => <th>{h}</th>}</For>
          </tr>
        </thead>
        <tbody>
          <For each={props.rows}>
            {(row, i) => (
              <tr>
                <For each={props.cells(row, i())}>{(cell) => <td>{cell}</td>}</For>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
