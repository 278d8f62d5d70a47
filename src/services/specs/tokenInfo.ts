import type { Token } from '../../domain/spec/types';
import { normaliseNudge } from '../../domain/evidence/run';
import { previewStakes, type StakesPreview } from '../../domain/betting/outcome';
import type { Bet } from '../../domain/betting/bet';
import type { PrincipleHealth } from '../../domain/betting/principles';
import { tryResolvePath } from '../../domain/agentese/paths';
import { formatNudgeToken, formatPassRate, replaceToken } from '../../domain/spec/edits';
import { observeRun, observeSpecOutcomes } from '../../store/specTokensRepo';
import type { Live } from '../../store/live';
import type { RunRow } from '../../store/rows';
import { priorsView, type PriorRow } from '../priors';
import { bettingDashboard, elapsedMs, timers, MS_PER_HOUR, type TimerRow } from '../bets';
import { editSpecText } from '../../sync/specText';
import { passRateIsCurrent, rateDistribution, type RateDistribution } from './passRate';

/** What a token's hover card shows, read live from the store, the learner and the bets. */
export type TokenInfo =
  | { kind: 'evidence'; id: string; run?: RunRow; loading: boolean }
  | { kind: 'nudge'; label: string; writtenPp: number; estimate?: PriorRow; runs: number; loading: boolean }
  | { kind: 'bet'; bet?: Bet; open?: boolean; stakes?: StakesPreview; perTokenWin: number; elapsedHours?: number; loading: boolean }
  | { kind: 'citing'; principles: { name: string; health?: PrincipleHealth }[]; loading: boolean }
  | { kind: 'passRate'; written: RateDistribution; data?: RateDistribution; current: boolean; loading: boolean }
  | { kind: 'path'; path: string; title?: string; reason?: string; suggestions: string[]; loading: false }
  | { kind: 'malformed'; reason: string; loading: false };

function once<T>(value: T): Live<T> {
  return { subscribe: (o) => (o.next?.(value), { unsubscribe: () => undefined }) };
}

function mapped<A, B>(source: Live<A>, f: (a: A) => B): Live<B> {
  return { subscribe: (o) => source.subscribe({ next: (a) => o.next?.(f(a)), error: (e) => o.error?.(e) }) };
}

function betInfo(id: string | undefined, confidence: number): Live<TokenInfo> {
  const perTokenWin = (1 - confidence) / confidence;
  if (!id) return once({ kind: 'bet', perTokenWin, loading: false });
  return {
    subscribe(o) {
      let info: TokenInfo = { kind: 'bet', perTokenWin, loading: true };
      let rows: TimerRow[] = [];
      const push = () => {
        if (info.kind === 'bet' && info.bet) info = { ...info, elapsedHours: elapsedMs(rows.find((r) => r.betId === id), Date.now()) / MS_PER_HOUR };
        o.next?.(info);
      };
      const a = bettingDashboard().subscribe({
        next: (d) => {
          const open = d.open.find((b) => b.id === id);
          const bet = open ?? d.resolved.find((r) => r.bet.id === id)?.bet;
          info = bet
            ? { kind: 'bet', bet, open: !!open, stakes: previewStakes(bet, d.state.credibility, d.rules), perTokenWin, loading: false }
            : { kind: 'bet', perTokenWin, loading: false };
          push();
        },
        error: (e) => o.error?.(e),
      });
      const b = timers().timers().subscribe({ next: (r) => ((rows = r), push()) });
      return { unsubscribe: () => (a.unsubscribe(), b.unsubscribe()) };
    },
  };
}

/** The live facts behind one token; subscribe while its card is open. */
export function tokenInfo(token: Token, specId: string): Live<TokenInfo> {
  switch (token.kind) {
    case 'evidence':
      return mapped(observeRun(token.id), (run) => (run ? { kind: 'evidence', id: token.id, run, loading: false } : { kind: 'evidence', id: token.id, loading: false }));
    case 'nudge': {
      const key = normaliseNudge(token.label);
      return mapped(priorsView(), (v) => {
        const estimate = v.rows.find((e) => e.key === key);
        const info: TokenInfo = { kind: 'nudge', label: token.label, writtenPp: token.pp, runs: v.runs, loading: v.status === 'loading' };
        return estimate ? { ...info, estimate } : info;
      });
    }
    case 'bet':
      return betInfo(token.id, token.confidence);
    case 'citing':
      return mapped(bettingDashboard(), (d) => ({
        kind: 'citing',
        loading: false,
        principles: token.principles.map((name) => {
          const health = d.principles.find((p) => p.principle === name);
          return health ? { name, health } : { name };
        }),
      }));
    case 'passRate': {
      const written = rateDistribution(Math.round(token.rate * token.n), token.n);
      return mapped(observeSpecOutcomes(specId), ({ passes, n }) => {
        const info: TokenInfo = { kind: 'passRate', written, current: passRateIsCurrent(token, { passes, n }), loading: false };
        return n > 0 ? { ...info, data: rateDistribution(passes, n) } : info;
      });
    }
    case 'path': {
      const r = tryResolvePath(token.path);
      return once(
        r.ok
          ? { kind: 'path', path: token.path, title: r.value.entry.title, suggestions: [], loading: false }
          : { kind: 'path', path: token.path, reason: r.reason, suggestions: r.suggestions, loading: false },
      );
    }
    case 'malformed':
      return once({ kind: 'malformed', reason: token.reason, loading: false });
  }
}

/** Rewrites a pass-rate token with what the runs say now. */
export async function updatePassRateText(specId: string, token: Token, data: { passes: number; n: number }): Promise<void> {
  await editSpecText(specId, (current) => replaceToken(current, token, formatPassRate(data.passes / data.n, data.n)));
}

/** The written effect rounds to the adjusted estimate (whole points, as the prompt block writes them). */
export function nudgeTextIsCurrent(writtenPp: number, ame: number): boolean {
  return Math.abs(writtenPp - ame) < 0.5;
}

/** Rewrites a nudge token with the learner's adjusted effect, in whole percentage points. */
export async function updateNudgeText(specId: string, token: Token, ame: number): Promise<void> {
  if (token.kind !== 'nudge') return;
  await editSpecText(specId, (current) => replaceToken(current, token, formatNudgeToken(token.label, Math.round(ame))));
}
