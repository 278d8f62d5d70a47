import { For, type JSX } from 'solid-js';

/**
 * The one shape every data table shares: a scrolling wrapper, the table with its class and
 * test id, an optional caption and column group, the header row, and one row per item.
 * Kept as plain markup so the table CSS and the e2e selectors see the same DOM as before.
 */
export function DataTable<T>(props: {
  class: string;
  testid: string;
  caption?: JSX.Element;
  colgroup?: JSX.Element;
  head: JSX.Element;
  each: readonly T[];
  children: (item: T, index: () => number) => JSX.Element;
}) {
  return (
    <div class="table-scroll">
      <table class={props.class} data-testid={props.testid}>
        {props.caption}
        {props.colgroup}
        <thead>{props.head}</thead>
        <tbody>
          <For each={props.each}>{props.children}</For>
        </tbody>
      </table>
    </div>
  );
}
