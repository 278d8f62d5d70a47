import { For, Show, createSignal, type JSX } from 'solid-js';
import { A } from '@solidjs/router';
import type { PhrasingContent, Text } from 'mdast';
import { TokenWidget } from '../tokens/TokenWidget';
import { segments } from './segments';
import { checkImage, checkLink } from './safeUrl';
import type { RenderCtx } from './context';

/**
 * Inline Markdown as Solid elements. Text only ever becomes text nodes: there is no innerHTML
 * anywhere in the rendered view, so nothing written in a spec can run.
 */
export function Inlines(props: { nodes: PhrasingContent[]; ctx: RenderCtx }): JSX.Element {
  return <For each={props.nodes}>{(node) => <Inline node={node} ctx={props.ctx} />}</For>;
}

function TextNode(props: { node: Text; ctx: RenderCtx }) {
  const start = props.node.position?.start.offset;
  const end = props.node.position?.end.offset;
  if (start === undefined || end === undefined) return <>{props.node.value}</>;
  const parts = segments(props.node.value, start, end, props.ctx.doc.text, props.ctx.doc.tokens);
  return (
    <For each={parts}>
      {(part) =>
        part.kind === 'token' ? (
          <TokenWidget token={part.token} specId={props.ctx.specId} />
        ) : part.at !== undefined ? (
          <span data-at={part.at}>{part.value}</span>
        ) : (
          <>{part.value}</>
        )
      }
    </For>
  );
}

function LinkNode(props: { url: string; title?: string | null | undefined; children: JSX.Element }) {
  const verdict = checkLink(props.url);
  if (!verdict.ok)
    return (
      <span class="unsafe-link" title={`Not a link: ${verdict.reason} (${props.url})`} data-testid="inert-link">
        {props.children}
      </span>
    );
  if (!verdict.external) return <A href={verdict.href} title={props.title ?? undefined}>{props.children}</A>;
  return (
    <a href={verdict.href} title={props.title ?? undefined} target="_blank" rel="noopener noreferrer nofollow" referrerPolicy="no-referrer">
      {props.children}
    </a>
  );
}

/** An image is a placeholder until the person asks to load it, and some are never loaded. */
function ImageNode(props: { url: string; alt: string | null | undefined }) {
  const verdict = checkImage(props.url);
  const [shown, setShown] = createSignal(false);
  return (
    <Show
      when={verdict.ok && shown() ? verdict : undefined}
      fallback={
        <span class="image-placeholder" data-testid="image-placeholder" title={verdict.ok ? props.url : `${verdict.reason}: ${props.url}`}>
          <span class="image-label">Image</span> {props.alt || ''}
          <Show when={verdict.ok} fallback={<span class="muted"> (not loaded: {verdict.ok ? '' : verdict.reason})</span>}>
            <button class="ghost small" onClick={() => setShown(true)}>Load from {verdict.ok ? new URL(verdict.href).host : ''}</button>
          </Show>
        </span>
      }
    >
      {(v) => <img src={v().href} alt={props.alt ?? ''} referrerPolicy="no-referrer" loading="lazy" />}
    </Show>
  );
}

/** Nodes never change once parsed (a new text gives new nodes), so each renders once. */
function Inline(props: { node: PhrasingContent; ctx: RenderCtx }): JSX.Element {
  const n = props.node;
  const ctx = props.ctx;
  const kids = (nodes: PhrasingContent[]) => <Inlines nodes={nodes} ctx={ctx} />;
  switch (n.type) {
    case 'text':
      return <TextNode node={n} ctx={ctx} />;
    case 'emphasis':
      return <em>{kids(n.children)}</em>;
    case 'strong':
      return <strong>{kids(n.children)}</strong>;
    case 'delete':
      return <del>{kids(n.children)}</del>;
    case 'inlineCode':
      return <code>{n.value}</code>;
    case 'break':
      return <br />;
    case 'html':
      return <code class="raw-html" title="HTML in a spec is shown as text, never run">{n.value}</code>;
    case 'link':
      return <LinkNode url={n.url} title={n.title}>{kids(n.children)}</LinkNode>;
    case 'image':
      return <ImageNode url={n.url} alt={n.alt} />;
    case 'linkReference': {
      const def = ctx.doc.definitions.get(n.identifier);
      return def ? <LinkNode url={def.url} title={def.title}>{kids(n.children)}</LinkNode> : <>[{kids(n.children)}]</>;
    }
    case 'imageReference':
      return <ImageNode url={ctx.doc.definitions.get(n.identifier)?.url ?? ''} alt={n.alt} />;
    case 'footnoteReference':
      return <sup class="footnote-ref">[{n.label ?? n.identifier}]</sup>;
    default: {
      // A node type added by a future extension: its text, if any, as text.
      const value = (n as { value?: unknown }).value;
      return <>{typeof value === 'string' ? value : ''}</>;
    }
  }
}
