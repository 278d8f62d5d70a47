/** How a spec is shown: its text, the text beside the rendered view, or the rendered view. */
export type SpecViewMode = 'editor' | 'split' | 'rendered';

const KEY = 'metacompiler.specView';

/** A display preference of this device, like the theme (localStorage); not synced data. */
export function storedSpecViewMode(): SpecViewMode {
  const m = localStorage.getItem(KEY);
  return m === 'editor' || m === 'rendered' ? m : 'split';
}

export function storeSpecViewMode(mode: SpecViewMode): void {
  localStorage.setItem(KEY, mode);
}
