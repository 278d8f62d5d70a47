/**
 * What the command bar understands (the seed's CLI), as data: the parser and the completer
 * read the same table, so a flag that parses is a flag that completes.
 */
export type ValueKind = 'hours' | 'confidence' | 'amount' | 'text' | 'quantiles' | 'none';

export interface FlagSpec {
  name: string;
  value: ValueKind;
  repeat?: boolean;
  /** A flag that cannot be given with this one (--passed and --failed): never both, never both offered. */
  excludes?: string;
  describe: string;
}

export interface CommandSpec {
  /** Words that name the command, e.g. ['work', 'bet']. */
  words: readonly string[];
  name: CommandName;
  /** AGENTESE path of the page this command belongs to. */
  path: string;
  describe: string;
  /** 'words' takes every positional word (joined by spaces), 'one' at most one, 'none' nothing. */
  positional: 'words' | 'one' | 'none';
  positionalName?: string;
  flags: readonly FlagSpec[];
}

export type CommandName =
  | 'bet'
  | 'resolve'
  | 'status'
  | 'principles'
  | 'credibility'
  | 'adversary'
  | 'calibration'
  | 'forecast'
  | 'record'
  | 'refit'
  | 'copy'
  | 'inject'
  | 'go';

const view = (name: CommandName, path: string, describe: string): CommandSpec => ({
  words: ['work', name],
  name,
  path,
  describe,
  positional: 'none',
  flags: [],
});

export const COMMANDS: readonly CommandSpec[] = [
  {
    words: ['work', 'bet'],
    name: 'bet',
    path: 'self.work.bet.place',
    describe: 'place a bet on a task estimate',
    positional: 'words',
    positionalName: 'task',
    flags: [
      { name: 'hours', value: 'hours', describe: 'estimated hours: 4, 4h or 90m' },
      { name: 'confidence', value: 'confidence', describe: 'chance to finish within the estimate: 75%, 75 or 0.75' },
      { name: 'stake', value: 'amount', describe: 'focus tokens at stake' },
      { name: 'principle', value: 'text', repeat: true, describe: 'a principle this estimate relies on' },
      { name: 'context', value: 'text', repeat: true, describe: 'a context tag' },
      { name: 'quantiles', value: 'quantiles', describe: 'a range: "4h @ 50%, 6h @ 80%"' },
    ],
  },
  {
    words: ['work', 'resolve'],
    name: 'resolve',
    path: 'self.work.bet.resolve',
    describe: 'resolve a bet with the actual hours',
    positional: 'one',
    positionalName: 'id',
    flags: [
      { name: 'actual', value: 'hours', describe: 'actual hours spent' },
      { name: 'abandoned', value: 'none', describe: 'the task was dropped' },
    ],
  },
  view('status', 'self.work.status', 'open bets, credibility and focus tokens'),
  view('principles', 'self.work.principles.health', 'health of the principles you cite'),
  view('credibility', 'self.work.credibility', 'your credibility and its history'),
  view('adversary', 'self.work.adversary', "the adversary's winnings and record"),
  view('calibration', 'time.trace.metacompiler.calibration', 'Brier score and reliability'),
  {
    words: ['work', 'forecast'],
    name: 'forecast',
    path: 'self.work.forecast',
    describe: 'when will the open bets be done',
    positional: 'none',
    flags: [{ name: 'budget', value: 'hours', describe: 'hours available' }],
  },
  {
    words: ['run', 'record'],
    name: 'record',
    path: 'world.evidence',
    describe: 'record a run: did it pass, which nudges, which errors',
    positional: 'words',
    positionalName: 'spec',
    flags: [
      { name: 'passed', value: 'none', excludes: 'failed', describe: 'the run passed' },
      { name: 'failed', value: 'none', excludes: 'passed', describe: 'the run failed' },
      { name: 'nudge', value: 'text', repeat: true, describe: 'a nudge you applied, e.g. "add type hints"' },
      { name: 'error', value: 'text', repeat: true, describe: 'an error message it gave' },
    ],
  },
  {
    words: ['priors', 'refit'],
    name: 'refit',
    path: 'world.priors',
    describe: 'refit the learned priors on every run',
    positional: 'none',
    flags: [],
  },
  {
    words: ['priors', 'copy'],
    name: 'copy',
    path: 'world.priors',
    describe: 'copy the learned-priors block to the clipboard',
    positional: 'none',
    flags: [],
  },
  {
    words: ['priors', 'inject'],
    name: 'inject',
    path: 'world.specs',
    describe: 'write the learned priors into the open spec (or the one named)',
    positional: 'words',
    positionalName: 'spec',
    flags: [],
  },
  {
    words: ['go'],
    name: 'go',
    path: '',
    describe: 'open a page by its AGENTESE path',
    positional: 'one',
    positionalName: 'path',
    flags: [],
  },
];

/** The first words, in the order completion offers them; all but `go` take a subcommand. */
export const TOP: readonly { word: string; describe: string }[] = [
  { word: 'work', describe: 'bets, status, forecast' },
  { word: 'run', describe: 'record a run (pass or fail)' },
  { word: 'priors', describe: 'refit, copy or inject the learned priors' },
  { word: 'go', describe: 'open a page by its path' },
];
export const TOP_WORDS = TOP.map((t) => t.word);

/** The second words of the commands a first word starts (['bet', 'resolve', …] for 'work'). */
export function subcommandsOf(first: string): string[] {
  return COMMANDS.filter((c) => c.words[0] === first && c.words.length > 1).map((c) => c.words[1] ?? '');
}
export const WORK_SUBCOMMANDS = subcommandsOf('work');

export function findCommand(first: string, second: string | undefined): CommandSpec | undefined {
  return COMMANDS.find((c) => c.words[0] === first && (c.words.length === 1 || c.words[1] === second));
}
