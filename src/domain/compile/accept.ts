import type { TextEdit } from '../spec/textEdit';
import { lineBreakOf } from '../spec/lines';
import { readCompileSpec } from './target';

/**
 * The edits that write an accepted candidate into its spec: the ```ts compiled block is
 * replaced when there is one, otherwise a new one is inserted right after the target, so the
 * signature and the tests stay as the person wrote them. Computed from the text as it is when
 * applied (throws CompileTargetError when the spec no longer has a target).
 */
export function acceptEdits(text: string, code: string): TextEdit[] {
  const spec = readCompileSpec(text);
  const nl = lineBreakOf(text);
  const body = code.replace(/\r?\n/g, nl).replace(/\s+$/, '');
  // A fence longer than any backtick run in the code, so the code cannot close it early.
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  const block = `${fence}ts compiled${nl}${body}${nl}${fence}`;
  if (spec.compiled) return [{ from: spec.compiled.from, to: spec.compiled.to, insert: block }];
  const at = spec.targetBlock.to;
  return [{ from: at, to: at, insert: `${nl}${nl}${block}` }];
}
