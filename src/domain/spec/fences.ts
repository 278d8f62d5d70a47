/**
 * Fenced code blocks of a Markdown document with their info strings and exact offsets, read
 * from the Markdown tree (markdown.ts), so the compile loop can read a spec's target and tests
 * and write accepted code back in place. CommonMark's fences: ``` or ~~~, closed by the same
 * character at least as long; an unclosed fence runs to the end of its container (the
 * document, or the list item it sits in).
 */
import { lineAt, markdownTree, visit } from './markdown';

export interface FencedBlock {
  /** The info string after the opening fence, trimmed (e.g. "ts test trims spaces"). */
  info: string;
  /** Its first word, lower-cased ("ts"). */
  lang: string;
  /** The words after the language (["test", "trims", "spaces"]). */
  words: string[];
  /** The text between the fences (no trailing line break; a list item's indentation removed). */
  code: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** Offsets of the whole block, from the opening fence to the end of the closing fence line. */
  from: number;
  to: number;
  /** Offsets of the code between the fences. */
  codeFrom: number;
  codeTo: number;
}

const OPEN = /^(`{3,}|~{3,})(.*)$/;
const CLOSE = /^[ \t]*(`{3,}|~{3,})[ \t]*$/;

export function fencedBlocks(text: string): FencedBlock[] {
  const tree = markdownTree(text);
  const blocks: FencedBlock[] = [];
  visit(tree.root, (node) => {
    if (node.type !== 'code') return true;
    const from = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (from === undefined || end === undefined) return false;
    const open = lineAt(tree, from);
    const m = OPEN.exec(text.slice(from, open.to));
    const fence = m?.[1];
    if (!fence) return false; // indented code: not a fenced block
    const info = (m[2] ?? '').trim();
    const last = lineAt(tree, Math.max(from, end - 1));
    const close = last.number > open.number ? CLOSE.exec(text.slice(last.from, last.to))?.[1] : undefined;
    const closed = close !== undefined && close[0] === fence[0] && close.length >= fence.length;
    const codeFrom = Math.min(open.next, last.to);
    const beforeClose = last.from - (text[last.from - 2] === '\r' ? 2 : 1);
    const codeTo = Math.max(codeFrom, closed ? beforeClose : last.to);
    const [lang = '', ...words] = info.split(/\s+/).filter(Boolean);
    blocks.push({ info, lang: lang.toLowerCase(), words, code: node.value, line: open.number, from, to: last.to, codeFrom, codeTo });
    return false;
  });
  return blocks;
}
