/**
 * Writing the "## Learned priors" block (DOMAIN.md section 1, rendered by
 * domain/learning/priors.ts) into a spec. A spec keeps at most one such section: injecting
 * again replaces the section's body with the fresh block, so the priors stay current instead
 * of piling up; a spec without one gets it at the end, after a blank line. Headings are the
 * Markdown tree's (none inside code), and the section ends at the next heading of level 1 or 2.
 */
import { PRIORS_HEADING } from '../learning/priors';
import { headings } from './markdown';
import { isBlank, lineBreakOf, splitLines } from './lines';
import type { TextEdit } from './textEdit';
import { NothingToInjectError } from './errors';
export { NothingToInjectError };

/** The edits that put `block` (starting with the "## Learned priors" heading) into `text`. */
export function injectPriorsEdits(text: string, block: string): TextEdit[] {
  if (!block.trim()) throw new NothingToInjectError();
  const br = lineBreakOf(text);
  const body = block.replace(/\r?\n/g, br);
  const lines = splitLines(text);
  const title = PRIORS_HEADING.replace(/^#+\s*/, '').toLowerCase();
  const all = headings(text);
  const at = all.findIndex((h) => h.depth === 2 && h.title.toLowerCase() === title);
  if (at === -1) {
    const trailing = /(\r?\n)*$/.exec(text)![0];
    const from = text.length - trailing.length;
    const sep = from === 0 ? '' : br + br;
    return [{ from, to: text.length, insert: `${sep}${body}${br}` }];
  }
  const start = all[at]!.line - 1;
  const next = all.slice(at + 1).find((h) => h.depth <= 2);
  let end = next ? next.line - 1 : lines.length;
  // Keep the blank lines that separate the section from what follows.
  while (end - 1 > start && isBlank(text.slice(lines[end - 1]!.from, lines[end - 1]!.to))) end--;
  const from = lines[start]!.from;
  const last = lines[end - 1]!;
  return [{ from, to: last.to, insert: body }];
}
