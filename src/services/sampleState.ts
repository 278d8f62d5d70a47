import type { Live } from '../store/live';
import { dismissWelcome, observeFirstRun, observeSample, type SampleIds } from '../store/sampleRepo';

/**
 * What the welcome and the sample banner watch on every page. Adding and removing the sample
 * (services/sampleData.ts) go through the spec, import and bet services, so the page loads
 * them only when a person asks for it.
 */
export type { SampleIds };

export function sampleData(): Live<SampleIds | undefined> {
  return observeSample();
}

/** True while the welcome should show: nothing recorded yet and not put away with "Start empty". */
export function firstRun(): Live<boolean> {
  return observeFirstRun();
}

export function startEmpty(now = Date.now()): Promise<void> {
  return dismissWelcome(now);
}

export const loadSampleData = async (onStep?: (step: string) => void): Promise<SampleIds> => (await import('./sampleData')).loadSampleData(onStep);

export const removeSampleData = async (): Promise<boolean> => (await import('./sampleData')).removeSampleData();
