/**
 * The one reading of a spec's Markdown: a GFM tree (mdast, with source offsets) from which
 * everything else is derived: where code and raw HTML sit (nothing there is a token or a
 * task), the tasks, the fenced blocks, the headings. The rendered view draws the same tree,
 * so what the domain counts and what a person sees never disagree. Offsets are UTF-16 code
 * units into the whole text, the unit of Y.Text and CodeMirror.
 */
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import type { Nodes, Root } from 'mdast';
import { splitLines, type Line } from './lines';
import { taskCheckGuard } from './taskCheckGuard';

export interface Range {
  from: number;
  to: number;
}

export interface MarkdownTree {
  text: string;
  root: Root;
  lines: Line[];
  /** Fenced and indented code, inline code spans and raw HTML, sorted and disjoint: text shown verbatim. */
  literal: Range[];
}

/** Parses are kept for the last text: one edit asks for tokens, tasks and blocks of the same text. */
let last: MarkdownTree | undefined;

export function markdownTree(text: string): MarkdownTree {
  if (last?.text === text) return last;
  const root = fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown(), taskCheckGuard()] });
  const literal: Range[] = [];
  visit(root, (node) => {
    if (node.type !== 'code' && node.type !== 'inlineCode' && node.type !== 'html') return true;
    const r = rangeOf(node);
    if (r) literal.push(r);
    return false;
  });
  last = { text, root, lines: splitLines(text), literal };
  return last;
}

/** Calls `enter` on every node in document order; its children are visited when it returns true. */
export function visit(node: Nodes, enter: (node: Nodes, ancestors: readonly Nodes[]) => boolean | void, ancestors: Nodes[] = []): void {
  if (enter(node, ancestors) === false || !('children' in node)) return;
  ancestors.push(node);
  for (const child of node.children) visit(child, enter, ancestors);
  ancestors.pop();
}

export function rangeOf(node: Nodes): Range | undefined {
  const from = node.position?.start.offset;
  const to = node.position?.end.offset;
  return from === undefined || to === undefined ? undefined : { from, to };
}

/** The line holding an offset (binary search over the tree's lines). */
export function lineAt(tree: MarkdownTree, offset: number): Line {
  const { lines } = tree;
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines[mid]!.from <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lines[lo]!;
}

/** The visual column of an offset on its line; tabs stop every 4 columns, as CommonMark says. */
export function columnAt(text: string, line: Line, offset: number): number {
  let col = 0;
  for (let i = line.from; i < offset; i++) col = text[i] === '\t' ? col + 4 - (col % 4) : col + 1;
  return col;
}

/** The text a node reads as (its text, code and inline-code values), e.g. a heading's title. */
export function plainText(node: Nodes): string {
  if ('value' in node && (node.type === 'text' || node.type === 'inlineCode')) return node.value;
  return 'children' in node ? node.children.map((c) => plainText(c as Nodes)).join('') : '';
}

export interface Heading {
  depth: number;
  title: string;
  /** 1-based line where the heading starts. */
  line: number;
}

/** The headings (ATX or setext) that divide the document into sections: those at its top level. */
export function headings(text: string): Heading[] {
  const out: Heading[] = [];
  for (const node of markdownTree(text).root.children) {
    if (node.type === 'heading') out.push({ depth: node.depth, title: plainText(node).trim(), line: node.position?.start.line ?? 0 });
  }
  return out;
}
