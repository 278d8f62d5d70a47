import { ValidationError } from '../errors';
import { upperRegularizedGamma } from '../math';

/**
 * How a restored scar's weight fades (the constitution fixes one). All time parameters are
 * in days, because forgiveness is felt over days and weeks, not milliseconds.
 */
export type ForgivenessKernel =
  | { readonly kind: 'exponential'; readonly halfLifeDays: number }
  | { readonly kind: 'weibull'; readonly k: number; readonly lambdaDays: number }
  | { readonly kind: 'gamma'; readonly k: number; readonly thetaDays: number };

export const DEFAULT_KERNEL: ForgivenessKernel = { kind: 'exponential', halfLifeDays: 30 };

/** S(d): the share of the weight left d days after the first restoration (1 at d = 0). */
export function survival(kernel: ForgivenessKernel, days: number): number {
  const d = Math.max(0, days);
  switch (kernel.kind) {
    case 'exponential':
      return 2 ** (-d / kernel.halfLifeDays);
    case 'weibull':
      return Math.exp(-((d / kernel.lambdaDays) ** kernel.k));
    case 'gamma':
      return upperRegularizedGamma(kernel.k, d / kernel.thetaDays);
  }
}

const positive = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v) && v > 0;

/** Throws a ValidationError naming the bad field (prefixed by `field`, e.g. `forgivenessKernel.k`). */
export function validateKernel(kernel: unknown, field = 'forgivenessKernel'): asserts kernel is ForgivenessKernel {
  if (typeof kernel !== 'object' || kernel === null) throw new ValidationError(field, 'must be an object');
  const k = kernel as Record<string, unknown>;
  const params: Record<string, readonly string[]> = {
    exponential: ['halfLifeDays'],
    weibull: ['k', 'lambdaDays'],
    gamma: ['k', 'thetaDays'],
  };
  const names = typeof k.kind === 'string' ? params[k.kind] : undefined;
  if (names === undefined) throw new ValidationError(`${field}.kind`, 'must be exponential, weibull or gamma');
  for (const name of names) {
    if (!positive(k[name])) throw new ValidationError(`${field}.${name}`, 'must be a finite number > 0');
  }
  const extra = Object.keys(k).find((key) => key !== 'kind' && !names.includes(key));
  if (extra !== undefined) throw new ValidationError(`${field}.${extra}`, `is not a parameter of the ${String(k.kind)} kernel`);
}
