import { bindSpecText, type SpecTextBinding } from '../../sync/specText';

/** The Markdown tree, tokens and tasks of one version of the text: the domain's own reading, drawn as is. */
export { analyseSpec, type SpecAnalysis } from '../../domain/spec/analysis';
export type { Task } from '../../domain/spec/tasks';
export type { BetToken, Token } from '../../domain/spec/types';

export type SpecViewBinding = SpecTextBinding;

/** A live read of a spec's text for a surface that renders it; release when done. */
export function bindSpecView(specId: string): SpecViewBinding {
  return bindSpecText(specId);
}
