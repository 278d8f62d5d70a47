/**
 * GFM task items (`- [ ] text`, `* [x] text`, `1. [ ] text`, nested by indentation), with the
 * offsets an interactive view needs to write back to the text: the one character inside the
 * brackets (toggling a task changes exactly that), and the text after the checkbox.
 * Tasks inside fenced code blocks are not tasks. Tasks inside block quotes are not read.
 */
import type { Token } from './types';
import type { Line } from './lines';
import { indentWidth, isBlank, splitLines } from './lines';
import { fencedLineMask } from './code';
import { parseTokens } from './tokens';

export interface Task {
  /** 1-based line number. */
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
  /** Columns of leading whitespace (tabs stop every 4 columns). */
  indent: number;
  /** Column where the item's content starts: where a child line must be indented to. */
  contentIndent: number;
  /** Index (into the returned list) of the task this one is nested under, if any. */
  parent?: number;
  /** Tokens on this line. */
  tokens: Token[];
}

const ITEM = /^([ \t]*)([-*+]|\d{1,9}[.)])([ \t]+|$)/;
const CHECKBOX = /^\[([ xX])\](?=[ \t]|$)/;

interface ListItem {
  indent: number;
  contentIndent: number;
  checkbox?: { offset: number; char: string };
}

/** A list item marker at the start of a line, and its checkbox when it has one. */
function readItem(content: string): ListItem | undefined {
  const m = ITEM.exec(content);
  if (!m) return undefined;
  const lead = m[1] ?? '';
  const marker = m[2] ?? '';
  const indent = indentWidth(lead);
  let col = indent + marker.length;
  for (const ch of m[3] ?? '') col += ch === '\t' ? 4 - (col % 4) : 1;
  const gap = col - indent - marker.length;
  // More than four spaces after the marker means the content is indented code: count one.
  const contentIndent = indent + marker.length + (gap >= 1 && gap <= 4 ? gap : 1);
  const after = m[0].length;
  const box = CHECKBOX.exec(content.slice(after));
  return box ? { indent, contentIndent, checkbox: { offset: after + 1, char: box[1] ?? ' ' } } : { indent, contentIndent };
}

/** Every task of a document, in order. Pass `tokens` when the caller already parsed them. */
export function parseTasks(text: string, tokens: readonly Token[] = parseTokens(text)): Task[] {
  const lines = splitLines(text);
  const fenced = fencedLineMask(text, lines);
  const tasks: Task[] = [];
  const stack: { indent: number; task?: number }[] = [];
  let t = 0;
  lines.forEach((line: Line, li) => {
    const content = text.slice(line.from, line.to);
    if (fenced[li] || isBlank(content)) return;
    const item = readItem(content);
    if (!item) {
      // A paragraph back at the margin ends every open list.
      if (indentWidth(content) === 0) stack.length = 0;
      return;
    }
    while (stack.length && (stack[stack.length - 1]?.indent ?? 0) >= item.indent) stack.pop();
    const parent = stack[stack.length - 1]?.task;
    if (!item.checkbox) {
      stack.push({ indent: item.indent });
      return;
    }
    const checkFrom = line.from + item.checkbox.offset;
    let textFrom = checkFrom + 2;
    while (textFrom < line.to && (text[textFrom] === ' ' || text[textFrom] === '\t')) textFrom++;
    let textTo = line.to;
    while (textTo > textFrom && /\s/.test(text[textTo - 1] ?? '')) textTo--;
    while (t < tokens.length && (tokens[t]?.from ?? 0) < line.from) t++;
    const lineTokens: Token[] = [];
    for (let k = t; k < tokens.length && (tokens[k]?.from ?? Infinity) < line.to; k++) {
      const tok = tokens[k];
      if (tok) lineTokens.push(tok);
    }
    const task: Task = {
      line: line.number,
      from: line.from,
      to: line.to,
      checkFrom,
      checked: item.checkbox.char !== ' ',
      text: text.slice(textFrom, textTo),
      textFrom,
      textTo,
      indent: item.indent,
      contentIndent: item.contentIndent,
      tokens: lineTokens,
    };
    if (parent !== undefined) task.parent = parent;
    stack.push({ indent: item.indent, task: tasks.length });
    tasks.push(task);
  });
  return tasks;
}

/** The task's text with its tokens removed and spaces collapsed: its title, e.g. for a bet. */
export function taskTitle(task: Task): string {
  let out = '';
  let at = task.textFrom;
  for (const tok of task.tokens) {
    if (tok.kind === 'path' || tok.from < task.textFrom) continue;
    out += task.text.slice(at - task.textFrom, tok.from - task.textFrom) + ' ';
    at = tok.to;
  }
  out += task.text.slice(Math.max(0, at - task.textFrom));
  return out.replace(/\s+/g, ' ').trim();
}
