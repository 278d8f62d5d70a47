import type { Token } from '../../services/specs/view';

/**
 * Splits a Markdown text node into plain runs and tokens. The node's value can differ from its
 * source (escapes, entities, indentation stripped from continuation lines), so each character
 * of the value is matched to its source offset first; a token is shown as a widget only when
 * its characters appear unchanged and contiguous in the value. Anything else stays plain text.
 */
export type Segment = { kind: 'text'; value: string; at?: number } | { kind: 'token'; token: Token };

/** Source offset of each character of `value`, or undefined when value is not a subsequence. */
function align(value: string, source: string, base: number): number[] | undefined {
  const pos: number[] = new Array<number>(value.length);
  let j = 0;
  for (let i = 0; i < value.length; i++) {
    while (j < source.length && source[j] !== value[i]) j++;
    if (j >= source.length) return undefined;
    pos[i] = base + j++;
  }
  return pos;
}

function contiguous(pos: readonly number[], from: number, to: number): boolean {
  return to > from && pos[to - 1]! - pos[from]! === to - 1 - from;
}

function textRun(value: string, pos: readonly number[] | undefined, from: number, to: number): Segment {
  const seg: Segment = { kind: 'text', value: value.slice(from, to) };
  if (pos && contiguous(pos, from, to)) seg.at = pos[from]!;
  return seg;
}

export function segments(value: string, start: number, end: number, text: string, tokens: readonly Token[]): Segment[] {
  const inside = tokens.filter((t) => t.from >= start && t.to <= end);
  const pos = align(value, text.slice(start, end), start);
  if (!pos) return [{ kind: 'text', value }];
  const out: Segment[] = [];
  let at = 0;
  for (const token of inside) {
    const i = pos.indexOf(token.from, at);
    const j = i + token.raw.length;
    if (i === -1 || j > value.length || value.slice(i, j) !== token.raw || !contiguous(pos, i, j)) continue;
    if (i > at) out.push(textRun(value, pos, at, i));
    out.push({ kind: 'token', token });
    at = j;
  }
  if (at < value.length) out.push(textRun(value, pos, at, value.length));
  return out;
}
