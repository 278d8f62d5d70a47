import type { Floor } from './floors';

export const BEGIN: string;
export const END: string;
/** The README's architecture diagram (a Mermaid block) drawn from the floors' allow-lists. */
export function floorsDiagram(floors: Floor[], workerEntries: string[]): string;
/** The README with its diagram block replaced. */
export function withDiagram(readme: string, diagram: string): string;
/** The worker entry points: workers/*.worker.ts, sorted. */
export function workerEntries(root?: string): string[];
