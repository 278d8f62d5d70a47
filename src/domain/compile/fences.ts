import { splitLines } from '../spec/lines';

/**
 * Fenced code blocks of a Markdown document with their info strings and exact offsets, so the
 * compile loop can read a spec's target and tests and write accepted code back in place.
 * Follows CommonMark's fences (``` or ~~~, closed by the same character at least as long);
 * an unclosed fence runs to the end of the document, as CommonMark says.
 */
export interface FencedBlock {
  /** The info string after the opening fence, trimmed (e.g. "ts test trims spaces"). */
  info: string;
  /** Its first word, lower-cased ("ts"). */
  lang: string;
  /** The words after the language (["test", "trims", "spaces"]). */
  words: string[];
  /** The text between the fences (no trailing line break). */
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

const OPEN = /^([ \t]*)(`{3,}|~{3,})(.*)$/;

export function fencedBlocks(text: string): FencedBlock[] {
  const lines = splitLines(text);
  const blocks: FencedBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    const open = lines[i]!;
    const m = OPEN.exec(text.slice(open.from, open.to));
    const fence = m?.[2];
    const info = (m?.[3] ?? '').trim();
    // A backtick fence's info string may not contain backticks (that would be a code span).
    if (!fence || (fence[0] === '`' && info.includes('`'))) {
      i++;
      continue;
    }
    let j = i + 1;
    let closed = false;
    for (; j < lines.length; j++) {
      const close = /^[ \t]*(`{3,}|~{3,})[ \t]*$/.exec(text.slice(lines[j]!.from, lines[j]!.to));
      if (close?.[1] && close[1][0] === fence[0] && close[1].length >= fence.length) {
        closed = true;
        break;
      }
    }
    const last = closed ? lines[j]! : lines[lines.length - 1]!;
    const codeFrom = open.next;
    const codeTo = closed ? Math.max(codeFrom, lines[j]!.from - (text[lines[j]!.from - 2] === '\r' ? 2 : 1)) : last.to;
    const [lang = '', ...words] = info.split(/\s+/).filter(Boolean);
    blocks.push({
      info,
      lang: lang.toLowerCase(),
      words,
      code: codeFrom <= codeTo ? text.slice(codeFrom, codeTo) : '',
      line: open.number,
      from: open.from,
      to: last.to,
      codeFrom,
      codeTo: Math.max(codeFrom, codeTo),
    });
    i = j + 1;
  }
  return blocks;
}
