/**
 * The command bar (the seed's CLI). `parseCommand` turns a line into a command or an error
 * that points at the offending characters; it never throws, whatever is typed.
 *
 *   work bet "Implement FailureCorpus" --hours 4 --confidence 0.75 [--stake 10]
 *            [--principle "depth over breadth"]... [--context x]... [--quantiles "4h @ 50%, 6h @ 80%"]
 *   work resolve [id] --actual 3.5 | --abandoned
 *   work status | principles | credibility | adversary | calibration
 *   work forecast [--budget 20]
 *   run record "Lexer" --passed | --failed [--nudge "add type hints"]... [--error "KeyError: 'x'"]...
 *            (a spec of this app by its title, else outside work by that name)
 *   priors refit | copy | inject ["Spec title"]   (inject without a title: the spec open now)
 *   go <agentese path>          or just the path: self.work.bet.place
 *
 * Flags also take `--flag=value`. With --quantiles alone, the first quantile is the estimate.
 */
import type { Quantile } from '../spec/types';
import type { CommandSpec, FlagSpec } from './grammar';
import type { Word } from './lex';
import { lex } from './lex';
import { COMMANDS, TOP_WORDS, findCommand, subcommandsOf } from './grammar';
import { readArgs } from './args';
import type { Args } from './args';
import { tryResolvePath, PATHS } from './paths';
import { suggest } from './suggest';
import { readConfidence, readHours, readPositive } from './values';
import { parseQuantiles } from '../spec/bet';

export { complete } from './complete';
export type { Completion, CompletionContext, Completions } from './complete';

export interface CommandError {
  message: string;
  from: number;
  to: number;
  /** What was wrong: 'command', 'flag', 'quote', or the name of a flag or argument. */
  field: string;
  suggestions?: string[];
}

export interface BetCommand {
  name: 'bet';
  path: string;
  task: string;
  estimatedHours: number;
  confidence: number;
  stake?: number;
  principles: string[];
  context: string[];
  quantiles?: Quantile[];
  /** How each value was read, by flag name: { confidence: '0.75 (75%)' }. */
  understood: Record<string, string>;
}
export interface ResolveCommand {
  name: 'resolve';
  path: string;
  id?: string;
  actualHours?: number;
  abandoned: boolean;
  understood: Record<string, string>;
}
export interface ViewCommand {
  name: 'status' | 'principles' | 'credibility' | 'adversary' | 'calibration';
  path: string;
}
export interface ForecastCommand {
  name: 'forecast';
  path: string;
  budgetHours?: number;
  understood: Record<string, string>;
}
export interface GoCommand {
  name: 'go';
  path: string;
  route: string;
  href: string;
}
/** `run record`: what the Evidence page's form collects, typed. */
export interface RecordRunCommand {
  name: 'record';
  path: string;
  /** A spec title, or the name of outside work (the service decides which). */
  spec: string;
  passed: boolean;
  /** Nudge labels as typed (trimmed); never empty. */
  nudges: string[];
  /** Error messages, one per --error. */
  errors: string[];
}
export interface PriorsCommand {
  name: 'refit' | 'copy';
  path: string;
}
export interface InjectCommand {
  name: 'inject';
  path: string;
  /** The spec named by title; absent means the spec open now. */
  spec?: string;
}
export type Command = BetCommand | ResolveCommand | ViewCommand | ForecastCommand | RecordRunCommand | PriorsCommand | InjectCommand | GoCommand;
export type CommandResult = { ok: true; command: Command } | { ok: false; error: CommandError };

const fail = (message: string, at: { from: number; to: number }, field: string, suggestions?: string[]): CommandResult => ({
  ok: false,
  error: suggestions?.length ? { message, from: at.from, to: at.to, field, suggestions } : { message, from: at.from, to: at.to, field },
});

function didYouMean(s: readonly string[] | undefined): string {
  return s?.length ? ` Did you mean ${s.map((x) => `"${x}"`).join(' or ')}?` : '';
}

function goTo(word: Word, extra: Word | undefined): CommandResult {
  const r = tryResolvePath(word.value);
  if (!r.ok) return fail(r.reason + '.' + didYouMean(r.suggestions), word, 'path', r.suggestions);
  if (extra) return fail(`unexpected "${extra.value}" after the path`, extra, 'path');
  return { ok: true, command: { name: 'go', path: r.value.path, route: r.value.route, href: r.value.href } };
}

export function parseCommand(input: string): CommandResult {
  const { words, error } = lex(input);
  if (error) return fail(error.message, error, 'quote');
  const [w0, w1] = words;
  if (!w0) return fail('type a command, such as work status, or an AGENTESE path', { from: 0, to: input.length }, 'command');
  const first = w0.value.toLowerCase();
  const subcommands = subcommandsOf(first);
  if (subcommands.length) {
    const span = { from: w0.from, to: w1?.to ?? w0.to };
    if (!w1) return fail(`${first} needs a subcommand: ${subcommands.join(', ')}`, span, 'command', subcommands);
    const spec = findCommand(first, w1.value.toLowerCase());
    if (!spec) {
      const s = suggest(w1.value, subcommands);
      return fail(`unknown ${first} command "${w1.value}".${didYouMean(s)}`, w1, 'command', s);
    }
    return build(spec, words.slice(2), span);
  }
  if (first === 'go') {
    if (!w1) return fail('go needs an AGENTESE path, like go self.work.status', w0, 'path');
    return goTo(w1, words[2]);
  }
  if (w0.value.includes('.')) return goTo(w0, w1);
  // A subcommand typed alone: "status" means "work status", "refit" "priors refit".
  const whole = COMMANDS.filter((c) => c.words.length > 1 && c.words[1] === first).map((c) => c.words.join(' '));
  if (whole.length) return fail(`did you mean ${whole.map((w) => `"${w}"`).join(' or ')}?`, w0, 'command', whole);
  const s = suggest(w0.value, [...TOP_WORDS, ...PATHS.map((p) => p.path)]);
  return fail(`unknown command "${w0.value}".${didYouMean(s)}`, w0, 'command', s);
}

type Built = { ok: true; value: number; understood: string } | CommandResult;

function numberFlag(args: Args, flag: FlagSpec): Built | undefined {
  const v = args.flags.get(flag.name)?.[0];
  if (!v) return undefined;
  const r = flag.value === 'hours' ? readHours(v.value) : flag.value === 'confidence' ? readConfidence(v.value) : readPositive(v.value, flag.name);
  return r.ok ? r : fail(`--${flag.name}: ${r.reason}`, v, flag.name);
}

/** Missing things are reported on the command's own words, the nearest thing to underline. */
function build(spec: CommandSpec, rest: readonly Word[], span: { from: number; to: number }): CommandResult {
  const args = readArgs(spec, rest);
  if (!args.ok) return { ok: false, error: args.error };
  const understood: Record<string, string> = {};
  const nums: Record<string, number> = {};
  for (const flag of spec.flags) {
    if (flag.value !== 'hours' && flag.value !== 'confidence' && flag.value !== 'amount') continue;
    const r = numberFlag(args.value, flag);
    if (!r) continue;
    if ('understood' in r) {
      nums[flag.name] = r.value;
      understood[flag.name] = r.understood;
    } else return r;
  }
  const texts = (name: string) => (args.value.flags.get(name) ?? []).map((w) => w.value.trim()).filter(Boolean);
  switch (spec.name) {
    case 'bet': {
      const task = args.value.positional.map((w) => w.value).join(' ').trim();
      if (!task) return fail('work bet needs a task, like work bet "Write the parser" --hours 4 --confidence 75%', span, 'task');
      let quantiles: Quantile[] | undefined;
      const qWord = args.value.flags.get('quantiles')?.[0];
      if (qWord) {
        const q = parseQuantiles(qWord.value);
        if (!q.ok) return fail(`--quantiles: ${q.reason}`, qWord, 'quantiles');
        quantiles = q.value;
      }
      const hours = nums.hours ?? quantiles?.[0]?.hours;
      const confidence = nums.confidence ?? quantiles?.[0]?.p;
      if (hours === undefined) return fail('work bet needs --hours (or --quantiles)', span, 'hours');
      if (confidence === undefined) return fail('work bet needs --confidence (or --quantiles)', span, 'confidence');
      const command: BetCommand = { name: 'bet', path: spec.path, task, estimatedHours: hours, confidence, principles: texts('principle'), context: texts('context'), understood };
      if (nums.stake !== undefined) command.stake = nums.stake;
      if (quantiles) command.quantiles = quantiles;
      return { ok: true, command };
    }
    case 'resolve': {
      const abandoned = args.value.flags.has('abandoned');
      if (nums.actual === undefined && !abandoned) return fail('work resolve needs --actual <hours> or --abandoned', span, 'actual');
      const command: ResolveCommand = { name: 'resolve', path: spec.path, abandoned, understood };
      const id = args.value.positional[0]?.value.trim();
      if (id) command.id = id;
      if (nums.actual !== undefined) command.actualHours = nums.actual;
      return { ok: true, command };
    }
    case 'record': {
      const name = args.value.positional.map((w) => w.value).join(' ').trim();
      if (!name) return fail('run record needs the spec or work the run was for, like run record "Lexer" --failed', span, 'spec');
      const passed = args.value.flags.has('passed');
      if (!passed && !args.value.flags.has('failed')) return fail('run record needs --passed or --failed', span, 'outcome');
      return { ok: true, command: { name: 'record', path: spec.path, spec: name, passed, nudges: texts('nudge'), errors: texts('error') } };
    }
    case 'inject': {
      const title = args.value.positional.map((w) => w.value).join(' ').trim();
      return { ok: true, command: title ? { name: 'inject', path: spec.path, spec: title } : { name: 'inject', path: spec.path } };
    }
    case 'forecast': {
      const command: ForecastCommand = { name: 'forecast', path: spec.path, understood };
      if (nums.budget !== undefined) command.budgetHours = nums.budget;
      return { ok: true, command };
    }
    case 'go':
      return fail('go is read before its arguments', span, 'command');
    default:
      return { ok: true, command: { name: spec.name, path: spec.path } };
  }
}

export { COMMANDS };
