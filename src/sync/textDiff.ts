import { lineDiff, type TextEdit } from '../domain/spec/edits';

/**
 * The text edits that turn `from` into `to`: what a checkpoint restore or a Markdown import
 * applies, so that they arrive at every tab and peer as ordinary edits (never a replaced
 * document) and merge with concurrent typing. Lines are matched with the domain's Myers diff;
 * inside each changed run of lines the common prefix and suffix are kept, so a one-character
 * change stays a one-character edit. Applying the result to `from` gives `to` exactly, byte
 * for byte (line breaks, "\r" and a missing final newline included).
 */
export function editsBetween(from: string, to: string): TextEdit[] {
  if (from === to) return [];
  const A = rawLines(from);
  const B = rawLines(to);
  // lineDiff splits on "\n" and ignores "\r"; comparing ids of exact raw lines keeps every byte.
  const ids = new Map<string, string>();
  const id = (line: string) => {
    let v = ids.get(line);
    if (v === undefined) {
      v = `L${ids.size}`;
      ids.set(line, v);
    }
    return v;
  };
  const diff = lineDiff(A.map(id).join('\n'), B.map(id).join('\n'));
  const aStart: number[] = [0];
  for (const line of A) aStart.push(aStart[aStart.length - 1]! + line.length);

  const edits: TextEdit[] = [];
  let ai = 0;
  let bi = 0;
  let hunk: { a0: number; insert: string } | undefined;
  const close = () => {
    if (!hunk) return;
    const edit = trim(from, aStart[hunk.a0]!, aStart[ai]!, hunk.insert);
    if (edit) edits.push(edit);
    hunk = undefined;
  };
  for (const d of diff) {
    if (d.op === 'same') {
      close();
      ai++;
      bi++;
      continue;
    }
    hunk ??= { a0: ai, insert: '' };
    if (d.op === 'removed') ai++;
    else hunk.insert += B[bi++]!;
  }
  close();
  return edits;
}

/** Lines with their line breaks attached; the concatenation is the text. */
function rawLines(s: string): string[] {
  return s.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/**
 * Shrinks a replacement to the part that differs. A boundary never falls between the two
 * halves of a surrogate pair: Yjs would store each half apart and an emoji could turn into
 * U+FFFD.
 */
function trim(text: string, from: number, to: number, insert: string): TextEdit | undefined {
  const old = text.slice(from, to);
  let p = 0;
  const max = Math.min(old.length, insert.length);
  while (p < max && old.charCodeAt(p) === insert.charCodeAt(p)) p++;
  if (p > 0 && isHigh(old.charCodeAt(p - 1))) p--;
  let s = 0;
  while (s < max - p && old.charCodeAt(old.length - 1 - s) === insert.charCodeAt(insert.length - 1 - s)) s++;
  if (s > 0 && isLow(old.charCodeAt(old.length - s))) s--;
  const edit = { from: from + p, to: to - s, insert: insert.slice(p, insert.length - s) };
  return edit.from === edit.to && edit.insert === '' ? undefined : edit;
}
