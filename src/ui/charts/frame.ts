/**
 * What every chart shares: a fixed drawing box scaled by the SVG viewBox (so charts shrink with
 * their card without redoing the layout), and axes drawn by d3 into a <g> Solid owns.
 */
import { createEffect, createMemo, type Accessor } from 'solid-js';
import { select, type Axis, type AxisDomain } from 'd3';
import { useWidth } from './learning/width';

export const WIDTH = 520;
export const HEIGHT = 300;
export const MARGIN = { top: 22, right: 20, bottom: 46, left: 54 } as const;
export const PLOT = {
  left: MARGIN.left,
  right: WIDTH - MARGIN.right,
  top: MARGIN.top,
  bottom: HEIGHT - MARGIN.bottom,
} as const;

/** Redraws the axis whenever the scale it closes over changes. */
export function useAxis<D extends AxisDomain>(ref: () => SVGGElement | undefined, axis: () => Axis<D>): void {
  createEffect(() => {
    const g = ref();
    const a = axis();
    if (g) select(g).call(a);
  });
}

export const percentTick = (v: number | { valueOf(): number }): string => `${Math.round(Number(v) * 100)}%`;

export interface Plot {
  width: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/**
 * The drawing box at the width of the element `ref` returns, one viewBox unit per CSS pixel:
 * the labels keep their 12 px on a phone instead of shrinking with a fixed 520-unit viewBox.
 */
export function usePlot(ref: () => HTMLElement | undefined): Accessor<Plot> {
  const width = useWidth(ref);
  return createMemo(() => ({ width: width(), left: MARGIN.left, right: width() - MARGIN.right, top: PLOT.top, bottom: PLOT.bottom }));
}
