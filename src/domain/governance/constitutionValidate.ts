import { ValidationError } from '../errors';
import { validateKernel } from '../scars/kernels';
import { ACTIONS } from './actions';
import { DEFAULT_BETTING_RULES } from './constitution';
import type { Constitution } from './constitution';

type Obj = Record<string, unknown>;

const FIELDS = [
  'eExtMax', 'slice', 'minPauseMs', 'trustLevel', 'maxAutomatedPerSession', 'maxPlanDepth',
  'existentialAudit', 'auditMaxSteps', 'forgivenessKernel', 'bettingRules', 'jitterCorridor', 'answerableTo',
  'alwaysNeedsPerson',
];

function object(v: unknown, field: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ValidationError(field, 'must be an object');
  return v as Obj;
}
function onlyKeys(o: Obj, allowed: readonly string[], field: string): void {
  const extra = Object.keys(o).find((k) => !allowed.includes(k));
  if (extra !== undefined) throw new ValidationError(field ? `${field}.${extra}` : extra, 'is not a constitution parameter');
}
function number(v: unknown, field: string, ok: (x: number) => boolean, rule: string): void {
  if (typeof v !== 'number' || !Number.isFinite(v) || !ok(v)) throw new ValidationError(field, `must be ${rule}`);
}
const int = (v: unknown, field: string, min: number, max?: number): void =>
  number(
    v,
    field,
    (x) => Number.isInteger(x) && x >= min && x <= (max ?? Number.MAX_SAFE_INTEGER),
    max === undefined ? `an integer >= ${min}` : `an integer in ${min}..${max}`,
  );
const positive = (v: unknown, field: string): void => number(v, field, (x) => x > 0, 'a number > 0');
const probability = (v: unknown, field: string): void => number(v, field, (x) => x > 0 && x < 1, 'in (0, 1)');

function names(v: unknown, field: string, nonEmpty: boolean): void {
  if (!Array.isArray(v)) throw new ValidationError(field, 'must be a list of names');
  if (nonEmpty && v.length === 0) throw new ValidationError(field, 'needs at least one name');
  v.forEach((n, i) => {
    if (typeof n !== 'string' || n.trim() === '') throw new ValidationError(`${field}[${i}]`, 'must be a non-empty name');
  });
}

/** Checks every parameter; the ValidationError names the first bad field by its path (e.g. `slice.steps`). */
export function validateConstitution(value: unknown): asserts value is Constitution {
  const c = object(value, 'constitution');
  onlyKeys(c, FIELDS, '');
  for (const f of FIELDS) if (!(f in c)) throw new ValidationError(f, 'is missing');
  positive(c.eExtMax, 'eExtMax');
  const slice = object(c.slice, 'slice');
  if ('steps' in slice === 'hours' in slice) throw new ValidationError('slice', 'must have exactly one of steps or hours');
  if ('steps' in slice) int(slice.steps, 'slice.steps', 1);
  else positive(slice.hours, 'slice.hours');
  int(c.minPauseMs, 'minPauseMs', 0);
  int(c.trustLevel, 'trustLevel', 0, 4);
  int(c.maxAutomatedPerSession, 'maxAutomatedPerSession', 0);
  int(c.maxPlanDepth, 'maxPlanDepth', 1);
  if (typeof c.existentialAudit !== 'boolean') throw new ValidationError('existentialAudit', 'must be true or false');
  int(c.auditMaxSteps, 'auditMaxSteps', 0);
  validateKernel(c.forgivenessKernel, 'forgivenessKernel');
  validateBettingRules(object(c.bettingRules, 'bettingRules'));
  const corridor = object(c.jitterCorridor, 'jitterCorridor');
  onlyKeys(corridor, ['maxPp'], 'jitterCorridor');
  positive(corridor.maxPp, 'jitterCorridor.maxPp');
  const who = object(c.answerableTo, 'answerableTo');
  onlyKeys(who, ['primary', 'secondary', 'lastResort'], 'answerableTo');
  names(who.primary, 'answerableTo.primary', true);
  names(who.secondary, 'answerableTo.secondary', false);
  if (typeof who.lastResort !== 'string' || who.lastResort.trim() === '') {
    throw new ValidationError('answerableTo.lastResort', 'must be a non-empty name');
  }
  validatePersonOnly(c.alwaysNeedsPerson);
}

function validatePersonOnly(v: unknown): void {
  if (!Array.isArray(v)) throw new ValidationError('alwaysNeedsPerson', 'must be a list of action kinds');
  v.forEach((k, i) => {
    if (typeof k !== 'string' || !Object.prototype.hasOwnProperty.call(ACTIONS, k)) {
      throw new ValidationError(`alwaysNeedsPerson[${i}]`, `must be one of ${Object.keys(ACTIONS).join(', ')}`);
    }
    if (v.indexOf(k) !== i) throw new ValidationError(`alwaysNeedsPerson[${i}]`, `names ${k} twice`);
  });
}

function validateBettingRules(r: Obj): void {
  const f = (k: string): string => `bettingRules.${k}`;
  onlyKeys(r, Object.keys(DEFAULT_BETTING_RULES), 'bettingRules');
  for (const k of ['bullshitConfidence', 'bullshitPenalty', 'missPenalty', 'hitReward', 'principleDecisiveProbability']) {
    probability(r[k], f(k));
  }
  for (const k of ['bullshitErrorRatio', 'minEstimateHours', 'forecastFallbackSigma', 'principlePriorStrength', 'focusTokensStart']) {
    positive(r[k], f(k));
  }
  number(r.credibilityStart, f('credibilityStart'), (x) => x > 0 && x <= 1, 'in (0, 1]');
  int(r.forecastDraws, f('forecastDraws'), 1000);
  int(r.forecastMinResolved, f('forecastMinResolved'), 1);
}
