/**
 * What every chart shares: a fixed drawing box scaled by the SVG viewBox (so charts shrink with
 * their card without redoing the layout), and axes drawn by d3 into a <g> Solid owns.
 */
import { createEffect } from 'solid-js';
import { select, type Axis, type AxisDomain } from 'd3';

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
