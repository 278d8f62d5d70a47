export { SCAR_TRIGGERS } from './types';
export type { Restoration, Scar, ScarLocus, ScarLocusKind, ScarTrigger, Tone } from './types';
export { DEFAULT_KERNEL, survival, validateKernel } from './kernels';
export type { ForgivenessKernel } from './kernels';
export {
  DAY_MS, SCAR_FLOOR, VIGILANCE_THRESHOLD, decayCurve, isUnresolved, kernelCurve, locusWeight, sameLocus, scarWeight, toneOf,
} from './weight';
export type { CurvePoint } from './weight';
export { ScarAppendOnlyError, appendScar, createScar, restorationEvent, restoreScar, scarEvent } from './scarLog';
export type { NewScar } from './scarLog';
