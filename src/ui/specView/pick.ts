/**
 * Where in the source a click in the rendered view landed: the exact character when the click
 * hit a text run that maps one-to-one onto the source (`data-at`), else the start of the
 * innermost block (`data-from`). Undefined for clicks on controls, links and tokens.
 */
export function sourceOffsetAt(e: MouseEvent): number | undefined {
  const target = e.target as Element | null;
  if (!target || target.closest('a, button, input, select, textarea, label, .tok-wrap, .tok-card')) return undefined;
  const doc = document as Document & {
    caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
    caretRangeFromPoint?: (x: number, y: number) => Range | null;
  };
  let node: Node | undefined;
  let offset = 0;
  const pos = doc.caretPositionFromPoint?.(e.clientX, e.clientY);
  if (pos) {
    node = pos.offsetNode;
    offset = pos.offset;
  } else {
    const range = doc.caretRangeFromPoint?.(e.clientX, e.clientY);
    if (range) {
      node = range.startContainer;
      offset = range.startOffset;
    }
  }
  if (node?.nodeType === Node.TEXT_NODE) {
    const run = node.parentElement;
    if (run?.dataset.at !== undefined && run.firstChild === node) return Number(run.dataset.at) + offset;
  }
  const block = target.closest<HTMLElement>('[data-from]');
  return block ? Number(block.dataset.from) : undefined;
}

/** The innermost element whose source span holds `pos`. */
export function blockAt(root: HTMLElement, pos: number): HTMLElement | undefined {
  let best: HTMLElement | undefined;
  let bestLen = Infinity;
  root.querySelectorAll<HTMLElement>('[data-from]').forEach((el) => {
    const from = Number(el.dataset.from);
    const to = Number(el.dataset.to);
    if (from <= pos && pos <= to && to - from <= bestLen) {
      best = el;
      bestLen = to - from;
    }
  });
  return best;
}

/** Scrolls `pane` (not the page) just enough to show `el`. */
export function revealIn(pane: HTMLElement, el: HTMLElement): void {
  const p = pane.getBoundingClientRect();
  const r = el.getBoundingClientRect();
  if (r.top < p.top) pane.scrollTop -= p.top - r.top + 8;
  else if (r.bottom > p.bottom) pane.scrollTop += Math.min(r.bottom - p.bottom + 8, r.top - p.top - 8);
}
