import { DomainError, ValidationError } from '../domain/errors';
import { complete, parseCommand, type Command, type CommandError, type Completions } from '../domain/agentese/command';
import { formatBetToken } from '../domain/spec/format';
import { bettingDashboard, placeBet, resolveBet, timers, MS_PER_HOUR, elapsedMs, type Dashboard } from './bets';
import { firstValue } from './firstValue';
import { nudges, recordRun } from './evidence';
import { copyPromptBlock, currentPriors, refitPriorsNow } from './priors';
import { specs, type SpecMeta } from './specs';
import { proposeInjectPriors } from './specs/injectPriors';
import { closingWords } from './specs/closeTask';

export type { Completions, CommandError };

/** What a command did: a sentence for the person, and the page to show (an AGENTESE route; none: stay). */
export interface CommandOutcome {
  message: string;
  route?: string;
}

/** What the page knows that a command may need: the spec open now (priors inject). */
export interface CommandContext {
  openSpecId?: string;
}

/** A command that parsed but could not be carried out; `from`/`to` underline the culprit. */
export class CommandFailedError extends DomainError {
  readonly from: number;
  readonly to: number;
  constructor(message: string, at: { from: number; to: number }) {
    super(message, 'CommandFailedError');
    this.from = at.from;
    this.to = at.to;
  }
}

/** The stake used when a bet command names none: small enough to be placed on a fresh start. */
export const DEFAULT_STAKE = 10;

export function parse(input: string) {
  return parseCommand(input);
}

export async function completionsAt(input: string, cursor: number): Promise<Completions> {
  const [dash, specList, nudgeRows] = await Promise.all([firstValue(bettingDashboard()), firstValue(specs()), firstValue(nudges())]);
  return complete(input, cursor, {
    principles: dash.principles.map((p) => p.principle),
    openBets: dash.open.map((b) => ({ id: b.id, task: b.task })),
    specs: specList.map((s) => s.title),
    nudges: nudgeRows.map((n) => n.label),
  });
}

/** The spec a command names by its title (case and spacing aside), if there is one. */
function specByTitle(list: readonly SpecMeta[], title: string): SpecMeta | undefined {
  const key = (t: string) => t.trim().replace(/\s+/g, ' ').toLowerCase();
  return list.find((s) => key(s.title) === key(title));
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const sentence = (message: string) => {
  const m = message.trim().replace(/[.:]$/, '');
  return `${m.charAt(0).toUpperCase()}${m.slice(1)}.`;
};
const duration = (ms: number | null) => (ms === null ? 'an unknown time' : ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`);

const round2 = (x: number) => Math.round(x * 100) / 100;

function summary(command: Command, dash: Dashboard): string {
  const s = dash.state;
  switch (command.name) {
    case 'credibility':
      return `Credibility ${round2(s.credibility)} (${s.record.hits} hits, ${s.record.misses} misses, ${s.record.bullshit} bullshit).`;
    case 'adversary':
      return `The adversary ${s.adversary.winnings >= 0 ? 'has won' : 'is down'} ${round2(Math.abs(s.adversary.winnings))} tokens (${s.adversary.wins} wins, ${s.adversary.losses} losses).`;
    case 'principles': {
      const labelled = dash.principles.map((p) => `${p.principle}: ${p.label}`);
      return labelled.length ? labelled.join('; ') + '.' : 'No principle cited yet.';
    }
    default:
      return `Credibility ${round2(s.credibility)}, ${round2(s.tokens)} focus tokens (${round2(dash.available)} free), ${dash.open.length} open bet${dash.open.length === 1 ? '' : 's'}.`;
  }
}

/** Finds which bet `work resolve` means when no id is given: the only open one, or none. */
function pickOpenBet(dash: Dashboard, id: string | undefined, at: { from: number; to: number }) {
  if (id) {
    const bet = dash.open.find((b) => b.id === id || b.id.endsWith(id));
    if (!bet) throw new CommandFailedError(`No open bet with id "${id}".`, at);
    return bet;
  }
  if (dash.open.length === 1) return dash.open[0]!;
  throw new CommandFailedError(
    dash.open.length === 0 ? 'There is no open bet to resolve.' : `Which bet? ${dash.open.length} are open: give its id (Tab completes).`,
    at,
  );
}

/** Carries out a command line. Parse errors and refusals throw, with the span to underline. */
export async function runCommand(input: string, context: CommandContext = {}): Promise<CommandOutcome> {
  const parsed = parseCommand(input);
  if (!parsed.ok) throw new CommandFailedError(parsed.error.message, parsed.error);
  const command = parsed.command;
  const whole = { from: 0, to: input.length };
  const route = `/${command.path}`;
  switch (command.name) {
    case 'go':
      return { message: `Opened ${command.path}.`, route: command.route };
    case 'bet': {
      try {
        const placed = await placeBet({
          task: command.task,
          estimatedHours: command.estimatedHours,
          confidence: command.confidence,
          stake: command.stake ?? DEFAULT_STAKE,
          principles: command.principles,
          context: command.context,
          ...(command.quantiles ? { quantiles: command.quantiles } : {}),
        });
        const p = placed.preview;
        return {
          message: `Placed ${formatBetToken({ estimatedHours: placed.bet.estimatedHours, confidence: placed.bet.confidence })} on “${placed.bet.task}”: effective confidence ${Math.round(p.effectiveConfidence * 100)}%, a hit wins ${round2(p.winOnHit)}, a miss costs ${round2(p.costOnMiss)}.`,
          route: '/self.work.bets',
        };
      } catch (err) {
        throw err instanceof ValidationError ? new CommandFailedError(err.message, whole) : err;
      }
    }
    case 'resolve': {
      const dash = await firstValue(bettingDashboard());
      const bet = pickOpenBet(dash, command.id, whole);
      const clocks = await firstValue(timers().timers());
      const fromTimer = elapsedMs(clocks.find((t) => t.betId === bet.id), Date.now()) / MS_PER_HOUR;
      const actual = command.actualHours ?? (fromTimer > 0 ? round2(fromTimer) : undefined);
      if (actual === undefined) throw new CommandFailedError('Say how long it took: --actual 3.5 (or run its timer).', whole);
      try {
        const { settlement, closeTask } = await resolveBet(bet.id, { actualHours: actual, completed: !command.abandoned });
        const verdict = command.abandoned ? 'abandoned' : settlement.hit ? 'hit' : 'miss';
        return {
          message: `Resolved “${bet.task}”: ${actual}h, ${verdict}${settlement.bullshit ? ' (bullshit: a scar on each cited principle)' : ''}. Credibility ${round2(settlement.credibilityBefore)} → ${round2(settlement.credibilityAfter)}.${closeTask ? ` ${closingWords(closeTask)}` : ''}`,
          route: '/self.work.bets',
        };
      } catch (err) {
        throw err instanceof ValidationError || err instanceof DomainError ? new CommandFailedError(err.message, whole) : err;
      }
    }
    case 'record': {
      // A spec of this app when one has that title (the Evidence form's choice), else outside
      // work by that name: the same two kinds of run the form records.
      const spec = specByTitle(await firstValue(specs()), command.spec);
      try {
        const run = await recordRun({ spec: spec?.id ?? command.spec, nudges: command.nudges, passed: command.passed, errorText: command.errors.join('\n') });
        const what = spec ? `the spec “${spec.title}”` : `“${command.spec}” (outside work: no spec has that title)`;
        const extras = [plural(run.nudges.length, 'nudge'), plural(run.errorMessages.length, 'error')].join(' and ');
        return { message: `Recorded a ${run.passed ? 'passing' : 'failing'} run of ${what}, with ${extras}.`, route: '/world.evidence' };
      } catch (err) {
        throw err instanceof ValidationError ? new CommandFailedError(err.message, whole) : err;
      }
    }
    case 'refit': {
      try {
        const view = await refitPriorsNow();
        if (view.learnedRuns === 0) throw new CommandFailedError('There are no runs to fit yet: record one (run record …) or import some on the Evidence page.', whole);
        const fit = view.fit;
        const runs = fit?.runs ?? view.learnedRuns;
        const verdicts = `${plural(view.ranked.beneficial.length, 'nudge')} clearly help${view.ranked.beneficial.length === 1 ? 's' : ''}, ${view.ranked.harmful.length} clearly hurt${view.ranked.harmful.length === 1 ? 's' : ''}`;
        return {
          message: `Refitted the priors on ${plural(runs, 'run')} in ${duration(fit?.fitMs ?? null)}${fit && !fit.converged ? ' (the fit did not converge)' : ''}: ${verdicts}.`,
          route,
        };
      } catch (err) {
        throw err instanceof DomainError ? new CommandFailedError(sentence(err.message), whole) : err;
      }
    }
    case 'copy': {
      const view = await currentPriors();
      try {
        await copyPromptBlock(view.promptBlock);
      } catch (err) {
        if (err instanceof DomainError) throw new CommandFailedError(sentence(err.message), whole);
        throw new CommandFailedError(`The browser did not let the page write to the clipboard (${err instanceof Error ? err.message : String(err)}).`, whole);
      }
      return { message: `Copied the learned priors (${plural(view.promptLines.length, 'line')}) to the clipboard.` };
    }
    case 'inject': {
      let specId = context.openSpecId;
      let title: string | undefined;
      if (command.spec) {
        const spec = specByTitle(await firstValue(specs()), command.spec);
        if (!spec) throw new CommandFailedError(`No spec is titled “${command.spec}” (Tab lists them).`, whole);
        specId = spec.id;
        title = spec.title;
      }
      if (!specId) throw new CommandFailedError('Open a spec first, or name one: priors inject "Parser".', whole);
      title ??= (await firstValue(specs())).find((s) => s.id === specId)?.title ?? specId;
      try {
        const r = await proposeInjectPriors(specId);
        const back = { route: `/specs/${encodeURIComponent(specId)}` };
        if (r.verdict === 'queue') return { message: `Queued for your approval on the Governance page: ${r.reason}.`, ...back };
        if (r.verdict === 'blocked') return { message: `Blocked: ${r.reason}.`, ...back };
        if (r.verdict === 'chapel') return { message: `Paused in the chapel before writing the learned priors into “${title}”: you can veto it on the Governance page.`, ...back };
        const outcome = await r.done;
        return {
          message: outcome.ran
            ? `Applied: wrote the learned priors into “${title}” (History or the Governance page rolls it back).`
            : `Not written: ${outcome.reason}.`,
          ...back,
        };
      } catch (err) {
        throw err instanceof DomainError ? new CommandFailedError(sentence(err.message), whole) : err;
      }
    }
    case 'forecast':
      return {
        message: command.budgetHours ? `Forecast with a budget of ${command.budgetHours}h.` : 'Forecast of the open bets.',
        route: command.budgetHours ? `${route}?budget=${command.budgetHours}` : route,
      };
    default: {
      const dash = await firstValue(bettingDashboard());
      return { message: summary(command, dash), route };
    }
  }
}
