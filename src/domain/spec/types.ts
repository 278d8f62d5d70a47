import type { Quantile } from '../betting/quantile';

/**
 * The tokens of a spec document. Offsets are UTF-16 code units into the whole text, so that a
 * token maps straight onto Y.Text and CodeMirror positions; `raw === text.slice(from, to)`.
 */
export interface TokenBase {
  from: number;
  to: number;
  raw: string;
}

/** `[Evidence: run_id]`: a run recorded as evidence for the surrounding task. */
export interface EvidenceToken extends TokenBase {
  kind: 'evidence';
  id: string;
}

/** `[Nudge: "label" -> +15%]`: a nudge and its effect in percentage points. */
export interface NudgeToken extends TokenBase {
  kind: 'nudge';
  label: string;
  pp: number;
}

/** One point of an estimate, P(actual <= hours) = p: the betting rules' own type. */
export type { Quantile };

export type BetStatus = 'hit' | 'miss' | 'abandoned';

export interface BetOutcome {
  status: BetStatus;
  /** Always present for hit and miss; optional for abandoned. */
  actualHours?: number;
}

/**
 * `[Bet: 4h @ 75%]`, `[Bet: 4h @ 50%, 6h @ 80%]`, `[Bet: 4h @ 75% -> 3.5h hit #b_abc]`.
 * The primary estimate (estimatedHours @ confidence) is the first quantile written.
 */
export interface BetToken extends TokenBase {
  kind: 'bet';
  estimatedHours: number;
  confidence: number;
  /** Every quantile in written order, the primary first. */
  quantiles: Quantile[];
  outcome?: BetOutcome;
  /** The bet's id in the store, written as a trailing `#id`. */
  id?: string;
}

/** `citing: "depth over breadth", "x"`: principles a bet or task cites. */
export interface CitingToken extends TokenBase {
  kind: 'citing';
  principles: string[];
}

/** `95% pass (n=100)`: a pass rate (a fraction) over n runs. */
export interface PassRateToken extends TokenBase {
  kind: 'passRate';
  rate: number;
  n: number;
}

/** An AGENTESE path such as `self.work.bet.place`; `known` when the registry resolves it. */
export interface PathToken extends TokenBase {
  kind: 'path';
  path: string;
  known: boolean;
}

export type WellFormedToken = EvidenceToken | NudgeToken | BetToken | CitingToken | PassRateToken | PathToken;
export type TokenKind = WellFormedToken['kind'];

/** Text that starts like a token but does not parse; the UI shows it as text with a warning. */
export interface MalformedToken extends TokenBase {
  kind: 'malformed';
  /** What it looks like it was meant to be. */
  intended: TokenKind;
  reason: string;
}

export type Token = WellFormedToken | MalformedToken;

/** Bodies are parsed apart from their position; the scanner adds from/to/raw. */
export type Body<T extends TokenBase> = Omit<T, keyof TokenBase>;
export type BodyResult<T extends TokenBase> = { ok: true; value: Body<T> } | { ok: false; reason: string };
