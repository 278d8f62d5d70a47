/**
 * What the command bar understands (the seed's CLI), as data: the parser and the completer
 * read the same table, so a flag that parses is a flag that completes.
 */
export type ValueKind = 'hours' | 'confidence' | 'amount' | 'text' | 'quantiles' | 'none';

export interface FlagSpec {
  name: string;
  value: ValueKind;
  repeat?: boolean;
  describe: string;
}

export interface CommandSpec {
  /** Words that name the command, e.g. ['work', 'bet']. */
  words: readonly string[];
  name: CommandName;
  /** AGENTESE path of the page this command belongs to. */
  path: string;
  describe: string;
  /** 'task' takes every positional word, 'one' at most one, 'none' nothing. */
  positional: 'task' | 'one' | 'none';
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
    positional: 'task',
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
    words: ['go'],
    name: 'go',
    path: '',
    describe: 'open a page by its AGENTESE path',
    positional: 'one',
    positionalName: 'path',
    flags: [],
  },
];

export const WORK_SUBCOMMANDS = COMMANDS.filter((c) => c.words[0] === 'work').map((c) => c.words[1] ?? '');
export const TOP_WORDS = ['work', 'go'];

export function findCommand(first: string, second: string | undefined): CommandSpec | undefined {
  return COMMANDS.find((c) => c.words[0] === first && (c.words.length === 1 || c.words[1] === second));
}
