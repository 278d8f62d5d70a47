import { createSignal, onCleanup, onMount, type Accessor } from 'solid-js';
import { WIDTH } from '../frame';

/** Narrowest drawing width: below it the chart scrolls sideways rather than shrink its text. */
export const MIN_WIDTH = 300;

/**
 * The width in CSS pixels of the element `ref` returns, kept up to date. The learning charts
 * draw at this width (one viewBox unit = one pixel), so their 12 px labels stay 12 px on a
 * phone instead of being scaled down with a fixed 520-unit viewBox. Before the first
 * measurement (and where ResizeObserver is missing) it is the shared chart WIDTH.
 */
export function useWidth(ref: () => HTMLElement | undefined): Accessor<number> {
  const [width, setWidth] = createSignal(WIDTH);
  const measure = (el: HTMLElement) => {
    const w = Math.floor(el.clientWidth);
    if (w > 0) setWidth(Math.max(MIN_WIDTH, w));
  };
  onMount(() => {
    const el = ref();
    if (!el) return;
    measure(el);
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => measure(el));
    observer.observe(el);
    onCleanup(() => observer.disconnect());
  });
  return width;
}
