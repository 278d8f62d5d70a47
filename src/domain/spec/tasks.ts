/**
 * GFM task items (`- [ ] text`, `* [x] text`, `1. [ ] text`, nested in lists), read from the
 * Markdown tree (markdown.ts), with the offsets an interactive view needs to write back to the
 * text: the one character inside the brackets (toggling a task changes exactly that), and the
 * text after the checkbox. What GFM does not call a task is none here either (`- [ ]` with
 * nothing after it, a list in a code block). Tasks inside block quotes are not read: their
 * lines carry "> " prefixes that no write-back here would keep.
 */
import type { ListItem } from 'mdast';
import type { Token } from './types';
import { columnAt, lineAt, markdownTree, visit, type MarkdownTree } from './markdown';
import { parseTokens } from './tokens';

export interface Task {
  /** 1-based line number of the checkbox. */
  line: number;
  /** The line's content span (line break excluded). */
  from: number;
  to: number;
  /** Offset of the ' ' or 'x' inside `[ ]`. */
  checkFrom: number;
  checked: boolean;
  /** The text after the checkbox, trailing whitespace dropped; tokens included. */
  text: string;
  textFrom: number;
  textTo: number;
  /** Column of the item's marker (tabs stop every 4 columns). */
  indent: number;
  /** Column where the item's content starts: where a child line must be indented to. */
  contentIndent: number;
  /** End of the item's last line, its nested items and paragraphs included. */
  itemTo: number;
  /** Index (into the returned list) of the task this one is nested under, if any. */
  parent?: number;
  /** Tokens on this line. */
  tokens: Token[];
}

const MARKER = /(?:[-*+]|\d{1,9}[.)])([ \t]*)/y;

/** The content column of a list item whose marker starts at `at` (CommonMark's rule). */
function contentColumn(text: string, tree: MarkdownTree, at: number, indent: number): number {
  MARKER.lastIndex = at;
  const m = MARKER.exec(text);
  const markerWidth = (m?.[0].length ?? 1) - (m?.[1]?.length ?? 0);
  const line = lineAt(tree, at);
  const end = Math.min(at + (m?.[0].length ?? 1), line.to);
  const gap = columnAt(text, line, end) - indent - markerWidth;
  // More than four spaces after the marker means the content is indented code: count one.
  return indent + markerWidth + (gap >= 1 && gap <= 4 ? gap : 1);
}

/** The checkbox's inner offset: the `[ ]` sits just before the item's first paragraph. */
function checkOffset(text: string, item: ListItem): number | undefined {
  const para = item.children[0];
  let i = para?.type === 'paragraph' ? (para.position?.start.offset ?? -1) : -1;
  while (i > 0 && (text[i - 1] === ' ' || text[i - 1] === '\t')) i--;
  return i >= 3 && text[i - 1] === ']' && text[i - 3] === '[' ? i - 2 : undefined;
}

/** Every task of a document in order, and the tree node of each. */
export function tasksOf(text: string, tokens: readonly Token[] = parseTokens(text)): { tasks: Task[]; nodes: Map<ListItem, Task> } {
  const tree = markdownTree(text);
  const tasks: Task[] = [];
  const nodes = new Map<ListItem, Task>();
  const index = new Map<ListItem, number>();
  let t = 0; // tasks come in document order, so the tokens of their lines do too
  visit(tree.root, (node, ancestors) => {
    if (node.type === 'blockquote') return false;
    if (node.type !== 'listItem' || typeof node.checked !== 'boolean') return true;
    const checkFrom = checkOffset(text, node);
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (checkFrom === undefined || start === undefined || end === undefined) return true;
    const line = lineAt(tree, checkFrom);
    let textFrom = checkFrom + 2;
    while (textFrom < line.to && (text[textFrom] === ' ' || text[textFrom] === '\t')) textFrom++;
    let textTo = line.to;
    while (textTo > textFrom && /\s/.test(text[textTo - 1] ?? '')) textTo--;
    const indent = columnAt(text, lineAt(tree, start), start);
    while (t < tokens.length && tokens[t]!.from < line.from) t++;
    const lineTokens: Token[] = [];
    for (let k = t; k < tokens.length && tokens[k]!.from < line.to; k++) lineTokens.push(tokens[k]!);
    const task: Task = {
      line: line.number,
      from: line.from,
      to: line.to,
      checkFrom,
      checked: node.checked,
      text: text.slice(textFrom, textTo),
      textFrom,
      textTo,
      indent,
      contentIndent: contentColumn(text, tree, start, indent),
      itemTo: lineAt(tree, Math.max(start, end - 1)).to,
      tokens: lineTokens,
    };
    // The item this one is nested in, when that item is a task (a plain item breaks the chain).
    for (let a = ancestors.length - 1; a >= 0; a--) {
      const owner = ancestors[a]!;
      if (owner.type !== 'listItem') continue;
      const parent = index.get(owner);
      if (parent !== undefined) task.parent = parent;
      break;
    }
    index.set(node, tasks.length);
    tasks.push(task);
    nodes.set(node, task);
    return true;
  });
  return { tasks, nodes };
}

/** Every task of a document, in order. Pass `tokens` when the caller already parsed them. */
export function parseTasks(text: string, tokens?: readonly Token[]): Task[] {
  return tasksOf(text, tokens).tasks;
}
