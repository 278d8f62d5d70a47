import type { TestFailure, TypeDiagnostic } from '../evidence/run';
import type { PriorItem } from '../learning/priors';

/**
 * One compilation as it is kept in history (the `compilations` table): what was asked, the
 * priors in force when it started, and every candidate, passing or not, with the run that
 * recorded it as evidence (candidate id = run id).
 */
export interface CandidateRecord {
  id: string;
  /** Position in generation order, from 1. */
  index: number;
  /** Nudge keys applied to this variation's prompt. */
  nudges: string[];
  /** The extracted code ('' when the reply had none). */
  code: string;
  passed: boolean;
  testFailures: TestFailure[];
  errors: string[];
  typeErrors: TypeDiagnostic[];
  durationMs: number;
  timedOut: boolean;
  tokens: number;
}

export type CompilationStatus = 'running' | 'done' | 'cancelled' | 'failed';

export interface Compilation {
  id: string;
  specId: string;
  specTitle: string;
  specHash: string;
  at: number;
  finishedAt?: number;
  status: CompilationStatus;
  /** Why it stopped early (an endpoint error, the token budget). */
  note?: string;
  model: string;
  temperature: number;
  requested: number;
  concurrency: number;
  maxTokensPerVariation: number;
  tokenBudget: number;
  timeLimitMs: number;
  nudgesOffered: { key: string; label: string }[];
  priors: { beneficial: PriorItem[]; harmful: PriorItem[] };
  /** The learned-priors block every prompt of this compilation carried ('' when none yet). */
  priorsBlock: string;
  /** Runs the policy's fit saw. */
  evidenceRuns: number;
  generated: number;
  verified: number;
  passed: number;
  tokens: number;
  /** Requests that produced no candidate (HTTP errors): not evidence about the nudges. */
  generationErrors: number;
  candidates: CandidateRecord[];
}

/** Pass rate among verified candidates, or undefined before any was verified. */
export function passRate(c: Pick<Compilation, 'passed' | 'verified'>): number | undefined {
  return c.verified > 0 ? c.passed / c.verified : undefined;
}

export interface NudgeUse {
  key: string;
  label: string;
  used: number;
  passed: number;
}

/** How often each offered nudge was applied in a compilation, and how often with a pass. */
export function nudgeUsage(c: Pick<Compilation, 'nudgesOffered' | 'candidates'>): NudgeUse[] {
  return c.nudgesOffered.map(({ key, label }) => {
    const withIt = c.candidates.filter((x) => x.nudges.includes(key));
    return { key, label, used: withIt.length, passed: withIt.filter((x) => x.passed).length };
  });
}
