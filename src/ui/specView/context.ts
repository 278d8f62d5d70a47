import type { SpecAnalysis, Task } from '../../services/specs/view';

/** What every node renderer of one rendered spec shares. */
export interface RenderCtx {
  specId: string;
  doc: SpecAnalysis;
  /** A checkbox was clicked: the person wants the task to read `checked`. */
  onTaskToggle: (task: Task, checked: boolean) => void;
  /** The task's "…" menu was opened. */
  onTaskMenu: (task: Task) => void;
}

/** Source offsets of a node, for data attributes (split-view cursor sync and click-to-place). */
export function span(node: { position?: { start: { offset?: number }; end: { offset?: number } } }): { 'data-from'?: number; 'data-to'?: number } {
  const from = node.position?.start.offset;
  const to = node.position?.end.offset;
  return from === undefined || to === undefined ? {} : { 'data-from': from, 'data-to': to };
}
