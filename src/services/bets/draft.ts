/**
 * Turning what a person typed (or what the command bar parsed) into a bet input, with every
 * field's problem at once so a form can show them all beside their fields. The rules are the
 * domain's: this file only decides which domain reader applies to which field.
 */
import type { BettingRules } from '../../domain/betting/rules';
import { ValidationError } from '../../domain/errors';
import {
  parseConfidence,
  parseHours,
  parseQuantiles,
  validateBetInput,
  type BetInput,
  type Quantile,
} from '../../domain/betting/bet';
import { distinctPrinciples, previewStakes, type StakesPreview } from '../../domain/betting/outcome';

export interface BetDraft {
  task: string;
  /** Hours as a number, or text such as "4", "4h", "90m", "1h 30m". */
  estimatedHours: number | string;
  /** 0.75, or text: "75", "75%" or "0.75". */
  confidence: number | string;
  stake: number | string;
  principles?: string[];
  /** A list, or one comma-separated text. */
  context?: string[] | string;
  /** Range bet points, or text such as "4h @ 50%, 6h @ 80%". Empty text means none. */
  quantiles?: Quantile[] | string;
  specId?: string;
  taskAnchor?: string;
}

export type BetField = 'task' | 'estimatedHours' | 'confidence' | 'stake' | 'quantiles';
export type FieldErrors = Partial<Record<BetField, string>>;

export interface ReadDraft {
  /** Present only when every field is good. */
  input?: BetInput & { principles: string[]; context: string[] };
  errors: FieldErrors;
  /** How the confidence was read ("75% (read as a percentage)"), shown beside the field. */
  confidenceUnderstood?: string;
}

/** Several problems, one per field; `field` and `message` are the first, for callers that want one. */
export class BetDraftError extends ValidationError {
  readonly errors: FieldErrors;
  constructor(errors: FieldErrors) {
    const [field, message] = Object.entries(errors)[0] ?? ['form', 'the bet is not valid'];
    super(field, message ?? '');
    this.name = 'BetDraftError';
    this.errors = errors;
  }
}

/** The message without its "field: " prefix, for showing next to the field it names. */
export function messageAtField(e: { field: string; message: string }): string {
  const prefix = `${e.field}: `;
  return e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message;
}

const FIELDS: readonly BetField[] = ['task', 'estimatedHours', 'confidence', 'stake', 'quantiles'];

function readStake(value: number | string): number {
  if (typeof value === 'number') return value;
  const text = value.trim();
  if (text === '') throw new ValidationError('stake', 'say how many focus tokens to stake');
  const n = Number(text);
  if (!Number.isFinite(n)) throw new ValidationError('stake', `"${value}" is not a number of focus tokens`);
  return n;
}

function readConfidence(value: number | string): { value: number; understoodAs?: string } {
  if (typeof value === 'number' && value > 0 && value < 1) return { value };
  return parseConfidence(String(value));
}

function readQuantiles(value: Quantile[] | string | undefined): Quantile[] | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') return value;
  return value.trim() === '' ? undefined : parseQuantiles(value);
}

const splitContext = (c: string[] | string | undefined): string[] =>
  distinctPrinciples(typeof c === 'string' ? c.split(',') : (c ?? []));

/**
 * Reads every field, then lets `validateBetInput` (the single authority on what a bet may be)
 * judge the whole. It stops at its first problem, so a field it rejects is swapped for a
 * harmless stand-in and it is asked again: that collects all its problems without restating
 * its rules here.
 */
export function readDraft(draft: BetDraft, balance: number): ReadDraft {
  const errors: FieldErrors = {};
  const fail = (e: unknown, fallback: BetField): void => {
    if (!(e instanceof ValidationError)) throw e;
    const field = (FIELDS as readonly string[]).includes(e.field) ? (e.field as BetField) : fallback;
    errors[field] ??= messageAtField(e);
  };
  const attempt = <T>(field: BetField, read: () => T): T | undefined => {
    try {
      return read();
    } catch (e) {
      fail(e, field);
      return undefined;
    }
  };
  const hours = attempt('estimatedHours', () =>
    typeof draft.estimatedHours === 'number' ? draft.estimatedHours : parseHours(draft.estimatedHours),
  );
  const confidence = attempt('confidence', () => readConfidence(draft.confidence));
  const stake = attempt('stake', () => readStake(draft.stake));
  const quantiles = attempt('quantiles', () => readQuantiles(draft.quantiles));

  const standIn: BetInput = { task: 'a task', estimatedHours: 1, confidence: 0.5, stake: Math.min(1, Math.max(balance, 0)) || 1 };
  const candidate: BetInput = {
    task: draft.task,
    estimatedHours: hours ?? standIn.estimatedHours,
    confidence: confidence?.value ?? standIn.confidence,
    stake: stake ?? standIn.stake,
    ...(quantiles ? { quantiles } : {}),
  };
  for (let round = 0; round < FIELDS.length; round++) {
    try {
      validateBetInput(candidate, { balance });
      break;
    } catch (e) {
      fail(e, 'task');
      const field = (e as ValidationError).field as keyof BetInput;
      if (!(field in standIn) || candidate[field] === standIn[field]) break;
      Object.assign(candidate, { [field]: standIn[field] });
    }
  }
  const result: ReadDraft = { errors };
  if (confidence?.understoodAs) result.confidenceUnderstood = confidence.understoodAs;
  if (Object.keys(errors).length === 0) {
    result.input = { ...candidate, task: draft.task.trim(), principles: distinctPrinciples(draft.principles ?? []), context: splitContext(draft.context) };
  }
  return result;
}

/** The stakes preview, with the stated confidence it was computed from. */
export type DraftPreview = StakesPreview & { confidence: number };

/** The stakes preview for whatever can be read so far; undefined until hours, confidence and stake can. */
export function previewDraft(draft: BetDraft, credibility: number, rules?: BettingRules): DraftPreview | undefined {
  try {
    const estimatedHours = typeof draft.estimatedHours === 'number' ? draft.estimatedHours : parseHours(draft.estimatedHours);
    const confidence = readConfidence(draft.confidence).value;
    const stake = readStake(draft.stake);
    if (!(stake > 0)) return undefined;
    return { ...previewStakes({ estimatedHours, confidence, stake }, credibility, rules), confidence };
  } catch {
    return undefined;
  }
}

/** Actual hours as typed: anything parseHours reads, and also 0 (a task dropped at once). */
export function readActualHours(value: number | string): number {
  if (typeof value === 'number') return value;
  if (/^\s*0*(\.0*)?\s*[hm]?\s*$/i.test(value) && /\d/.test(value)) return 0;
  return parseHours(value, 'actualHours');
}

/** How a typed confidence reads, for the hint beside the field; undefined while it cannot be read. */
export function understoodConfidence(text: string): string | undefined {
  if (text.trim() === '') return undefined;
  try {
    return parseConfidence(text).understoodAs;
  } catch {
    return undefined;
  }
}
