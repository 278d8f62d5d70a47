/**
 * Writing the "## Learned priors" block (DOMAIN.md section 1, rendered by
 * domain/learning/priors.ts) into a spec. A spec keeps at most one such section: injecting
 * again replaces the section's body with the fresh block, so the priors stay current instead
 * of piling up; a spec without one gets it at the end, after a blank line. Headings inside
 * fenced code do not count, and the section ends at the next heading of level 1 or 2.
 */
import { PRIORS_HEADING } from '../learning/priors';
import { fencedLineMask } from './code';
import { isBlank, lineBreakOf, splitLines } from './lines';
import type { TextEdit } from './edits';
import { NothingToInjectError } from './errors';
export { NothingToInjectError };

const HEADING = /^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$/;

/** The edits that put `block` (starting with the "## Learned priors" heading) into `text`. */
export function injectPriorsEdits(text: string, block: string): TextEdit[] {
  if (!block.trim()) throw new NothingToInjectError();
  const br = lineBreakOf(text);
  const body = block.replace(/\r?\n/g, br);
  const lines = splitLines(text);
  const fenced = fencedLineMask(text, lines);
  const title = PRIORS_HEADING.replace(/^#+\s*/, '').toLowerCase();
  const headingOf = (i: number) => (fenced[i] ? undefined : HEADING.exec(text.slice(lines[i]!.from, lines[i]!.to)));
  const start = lines.findIndex((_, i) => {
    const h = headingOf(i);
    return h?.[1] === '##' && h[2]!.trim().toLowerCase() === title;
  });
  if (start === -1) {
    const trailing = /(\r?\n)*$/.exec(text)![0];
    const from = text.length - trailing.length;
    const sep = from === 0 ? '' : br + br;
    return [{ from, to: text.length, insert: `${sep}${body}${br}` }];
  }
  let end = lines.length;
  for (let i = start + 1; i < lines.length; i++) {
    const h = headingOf(i);
    if (h && h[1]!.length <= 2) {
      end = i;
      break;
    }
  }
  // Keep the blank lines that separate the section from what follows.
  while (end - 1 > start && isBlank(text.slice(lines[end - 1]!.from, lines[end - 1]!.to))) end--;
  const from = lines[start]!.from;
  const last = lines[end - 1]!;
  return [{ from, to: last.to, insert: body }];
}
