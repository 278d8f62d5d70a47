import { createEffect, createMemo, createSignal, onCleanup, type Accessor } from 'solid-js';

/**
 * `list` shown in slices: `step` new items at once, then `step` more after each frame is
 * painted, until all are shown. Rendering a long list in one go is one long task (a trace of the
 * Evidence page after a 100k-run import: 100 new rows cost 45 ms of script, then 94 ms of layout
 * and paint, as tasks of 218 and 242 ms on a loaded machine); in slices each task stays short
 * and the page answers input in between. Items already on screen stay, and count apart from the
 * slice: a new run on top of 100 shown rows renders at once; a new filter's rows in slices.
 * Items are compared by identity (the runs table keeps a re-read run's object).
 */
export function progressive<T>(list: Accessor<readonly T[]>, step: number): Accessor<readonly T[]> {
  const [tick, setTick] = createSignal(0);
  let shown: readonly T[] = [];
  let lastList: readonly T[] | undefined;
  const visible = createMemo(() => {
    const all = list();
    tick();
    let limit = shown.length + step;
    if (all !== lastList) {
      const before = new Set(shown);
      limit = all.slice(0, Math.max(shown.length, step)).filter((item) => before.has(item)).length + step;
      lastList = all;
    }
    shown = all.length <= limit ? all : all.slice(0, limit);
    return shown;
  });
  createEffect(() => {
    if (visible().length >= list().length) return;
    // After the next frame, in a task of its own: the next slice's script runs apart from this
    // slice's layout and paint (a requestAnimationFrame callback would share their task).
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setTick((n) => n + 1), 0);
    });
    onCleanup(() => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    });
  });
  return visible;
}
