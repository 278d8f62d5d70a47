import { For } from 'solid-js';

/** A QR code from its module matrix, as SVG squares (drawn in the page; no image service). */
export function QrCode(props: { matrix: boolean[][]; label: string }) {
  const size = () => props.matrix.length;
  const cells = () => props.matrix.flatMap((row, y) => row.flatMap((on, x) => (on ? [{ x, y }] : [])));
  return (
    <svg class="qr-code" role="img" aria-label={props.label} viewBox={`0 0 ${size()} ${size()}`} shape-rendering="crispEdges" data-testid="pair-qr">
      <rect width={size()} height={size()} fill="#fff" />
      <For each={cells()}>{(c) => <rect x={c.x} y={c.y} width="1" height="1" fill="#000" />}</For>
    </svg>
  );
}
