import { For, Show, type JSX } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import type { List, ListItem, Paragraph, PhrasingContent, RootContent, Table } from 'mdast';
import { taskTitle } from '../../domain/spec/format';
import { Inlines } from './Inline';
import { span, type RenderCtx } from './context';

/** Block-level Markdown as Solid elements; each carries the source offsets it came from. */
export function Blocks(props: { nodes: RootContent[]; ctx: RenderCtx }): JSX.Element {
  return <For each={props.nodes}>{(node) => <Block node={node} ctx={props.ctx} />}</For>;
}

function TaskItem(props: { item: ListItem; ctx: RenderCtx }) {
  const item = props.item;
  const ctx = props.ctx;
  const task = ctx.doc.taskOf.get(item);
  const [first, ...rest] = item.children;
  const lead = first?.type === 'paragraph' ? (first as Paragraph) : undefined;
  return (
    <li class="task-item" classList={{ done: !!item.checked }} {...span(item)} data-testid="task-item">
      <span class="task-line" {...(lead ? span(lead) : {})}>
        <input
          type="checkbox"
          class="task-box"
          checked={!!item.checked}
          disabled={!task}
          aria-label={task ? `Done: ${taskTitle(task) || task.text}` : 'Task (read only here)'}
          title={task ? undefined : 'Tasks inside quotes are not tracked; edit the text to change this one'}
          onChange={(e) => {
            const want = e.currentTarget.checked;
            e.currentTarget.checked = !want; // the text decides; the view follows it
            if (task) ctx.onTaskToggle(task, want);
          }}
        />
        <span class="task-text">
          <Show when={lead}>{(p) => <Inlines nodes={p().children as PhrasingContent[]} ctx={ctx} />}</Show>
        </span>
        <Show when={task}>
          {(t) => (
            <button class="task-menu ghost small" aria-label={`Task actions: ${taskTitle(t()) || t().text}`} title="Task actions" onClick={() => ctx.onTaskMenu(t())}>
              ⋯
            </button>
          )}
        </Show>
      </span>
      <Blocks nodes={lead ? rest : item.children} ctx={ctx} />
    </li>
  );
}

function ListBlock(props: { node: List; ctx: RenderCtx }) {
  const n = props.node;
  const items = () => (
    <For each={n.children}>
      {(item) =>
        item.checked === null || item.checked === undefined ? (
          <li {...span(item)}>
            <Blocks nodes={item.children} ctx={props.ctx} />
          </li>
        ) : (
          <TaskItem item={item} ctx={props.ctx} />
        )
      }
    </For>
  );
  const tasky = n.children.some((i) => i.checked !== null && i.checked !== undefined);
  return n.ordered ? (
    <ol start={n.start ?? 1} classList={{ 'task-list': tasky, tight: !n.spread }} {...span(n)}>{items()}</ol>
  ) : (
    <ul classList={{ 'task-list': tasky, tight: !n.spread }} {...span(n)}>{items()}</ul>
  );
}

function TableBlock(props: { node: Table; ctx: RenderCtx }) {
  const [head, ...body] = props.node.children;
  const align = (i: number) => props.node.align?.[i] ?? undefined;
  const row = (cells: (typeof props.node.children)[number], Cell: 'th' | 'td') => (
    <tr {...span(cells)}>
      <For each={cells.children}>
        {(cell, i) =>
          Cell === 'th' ? (
            <th style={{ 'text-align': align(i()) }}><Inlines nodes={cell.children} ctx={props.ctx} /></th>
          ) : (
            <td style={{ 'text-align': align(i()) }}><Inlines nodes={cell.children} ctx={props.ctx} /></td>
          )
        }
      </For>
    </tr>
  );
  return (
    <div class="table-wrap" {...span(props.node)}>
      <table>
        <Show when={head}>{(h) => <thead>{row(h(), 'th')}</thead>}</Show>
        <tbody><For each={body}>{(r) => row(r, 'td')}</For></tbody>
      </table>
    </div>
  );
}

function Block(props: { node: RootContent; ctx: RenderCtx }): JSX.Element {
  const n = props.node;
  const ctx = props.ctx;
  const at = span(n);
  switch (n.type) {
    case 'heading': {
      const kids = <Inlines nodes={n.children} ctx={ctx} />;
      const tags = { 1: 'h1', 2: 'h2', 3: 'h3', 4: 'h4', 5: 'h5', 6: 'h6' } as const;
      return <Dynamic component={tags[n.depth]} {...at}>{kids}</Dynamic>;
    }
    case 'paragraph':
      return <p {...at}><Inlines nodes={n.children} ctx={ctx} /></p>;
    case 'blockquote':
      return <blockquote {...at}><Blocks nodes={n.children} ctx={ctx} /></blockquote>;
    case 'list':
      return <ListBlock node={n} ctx={ctx} />;
    case 'code':
      return <pre {...at}><code data-lang={n.lang ?? undefined}>{n.value}</code></pre>;
    case 'html':
      return (
        <pre class="raw-html" {...at} title="HTML in a spec is shown as text, never run" data-testid="raw-html">
          <code>{n.value}</code>
        </pre>
      );
    case 'thematicBreak':
      return <hr {...at} />;
    case 'table':
      return <TableBlock node={n} ctx={ctx} />;
    case 'definition':
      return <p class="definition muted" {...at}>[{n.label ?? n.identifier}]: {n.url}</p>;
    case 'footnoteDefinition':
      return (
        <div class="footnote" {...at}>
          <sup>[{n.label ?? n.identifier}]</sup> <Blocks nodes={n.children} ctx={ctx} />
        </div>
      );
    default:
      return 'children' in n ? <Blocks nodes={n.children as RootContent[]} ctx={ctx} /> : <p {...at}>{'value' in n ? String(n.value) : ''}</p>;
  }
}
