import { bindSpecText, type SpecTextBinding } from '../../sync/specText';

export type SpecViewBinding = SpecTextBinding;

/** A live read of a spec's text for a surface that renders it; release when done. */
export function bindSpecView(specId: string): SpecViewBinding {
  return bindSpecText(specId);
}
