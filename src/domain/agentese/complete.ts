/**
 * Completion for the command bar: what may come at the cursor given the words before it.
 * Commands, the current command's flags, AGENTESE paths, and values the caller knows (its
 * principles, open bets, context tags, spec titles and nudges), filtered by what is typed:
 * prefix matches first, then matches anywhere. Never throws.
 */
import type { Word } from './lex';
import { lex } from './lex';
import { findCommand, subcommandsOf, COMMANDS, TOP } from './grammar';
import { isFlagWord } from './args';
import { PATHS } from './paths';

export interface CompletionContext {
  principles?: readonly string[];
  openBets?: readonly { id: string; task?: string }[];
  contexts?: readonly string[];
  /** Titles of the specs in this browser (run record, priors inject). */
  specs?: readonly string[];
  /** Nudge labels already recorded (--nudge). */
  nudges?: readonly string[];
}

export interface Completion {
  label: string;
  /** Text that replaces [from, to) of the input; quoted when it holds spaces or quotes. */
  insert: string;
  detail?: string;
  kind: 'command' | 'flag' | 'path' | 'principle' | 'bet' | 'context' | 'spec' | 'nudge';
}

export interface Completions {
  from: number;
  to: number;
  candidates: Completion[];
}

function shellQuote(s: string): string {
  return /^[^\s"'\\]+$/.test(s) ? s : `"${s.replace(/["\\]/g, (c) => '\\' + c)}"`;
}

const PATH_COMPLETIONS: Completion[] = PATHS.map((p) => ({ label: p.path, insert: p.path, detail: p.title, kind: 'path' }));

function rank(typed: string, all: readonly Completion[]): Completion[] {
  const t = typed.toLowerCase();
  const starts = all.filter((c) => c.label.toLowerCase().startsWith(t));
  // A bet is found by its task too: people remember what they bet on, not its id.
  const inside = all.filter(
    (c) => !starts.includes(c) && t && (c.label.toLowerCase().includes(t) || (c.kind === 'bet' && c.detail?.toLowerCase().includes(t))),
  );
  return [...starts, ...inside];
}

function values(flag: string, ctx: CompletionContext, prefix = ''): Completion[] {
  const make = (kind: Completion['kind']) => (v: string) => ({ label: v, insert: prefix + shellQuote(v), kind });
  if (flag === 'principle') return (ctx.principles ?? []).map(make('principle'));
  if (flag === 'context') return (ctx.contexts ?? []).map(make('context'));
  if (flag === 'nudge') return (ctx.nudges ?? []).map(make('nudge'));
  return [];
}

function candidatesFor(prior: readonly Word[], current: string, ctx: CompletionContext): Completion[] {
  const first = prior[0]?.value.toLowerCase();
  if (prior.length === 0) {
    const top: Completion[] = TOP.map((t) => ({ label: t.word, insert: t.word, detail: t.describe, kind: 'command' }));
    return [...top, ...PATH_COMPLETIONS];
  }
  if (first === 'go') return prior.length === 1 ? PATH_COMPLETIONS : [];
  const subcommands = subcommandsOf(first ?? '');
  if (!subcommands.length) return [];
  if (prior.length === 1)
    return subcommands.map((w) => ({ label: w, insert: w, detail: COMMANDS.find((c) => c.words[0] === first && c.words[1] === w)?.describe ?? '', kind: 'command' }));
  const spec = findCommand(first ?? '', prior[1]?.value.toLowerCase());
  if (!spec) return [];
  const last = prior[prior.length - 1];
  const lastFlag = last && prior.length > 2 && isFlagWord(last) && !last.value.includes('=') ? spec.flags.find((f) => `--${f.name}` === last.value.toLowerCase()) : undefined;
  if (lastFlag && lastFlag.value !== 'none') return values(lastFlag.name, ctx);
  const eq = /^--([a-z]+)=/i.exec(current);
  if (eq?.[1]) return values(eq[1].toLowerCase(), ctx, eq[0]);
  const used = new Set(prior.slice(2).filter(isFlagWord).map((w) => w.value.toLowerCase()));
  const flags: Completion[] = spec.flags
    .filter((f) => (f.repeat || !used.has(`--${f.name}`)) && !(f.excludes && used.has(`--${f.excludes}`)))
    .map((f) => ({ label: `--${f.name}`, insert: `--${f.name}`, detail: f.describe, kind: 'flag' }));
  if (current.startsWith('-')) return flags;
  const positionalCount = prior.slice(2).filter((w, i, ws) => !isFlagWord(w) && !(i > 0 && isValueOf(ws[i - 1], spec.flags))).length;
  const positional: Completion[] =
    positionalCount > 0
      ? []
      : spec.name === 'resolve'
        ? (ctx.openBets ?? []).map((b) => ({ label: b.id, insert: shellQuote(b.id), detail: b.task ?? '', kind: 'bet' }))
        : spec.positionalName === 'spec'
          ? (ctx.specs ?? []).map((t) => ({ label: t, insert: shellQuote(t), kind: 'spec' }))
          : [];
  return [...positional, ...flags];
}

function isValueOf(w: Word | undefined, flags: readonly { name: string; value: string }[]): boolean {
  return !!w && isFlagWord(w) && !w.value.includes('=') && flags.some((f) => `--${f.name}` === w.value.toLowerCase() && f.value !== 'none');
}

export function complete(input: string, cursor: number, ctx: CompletionContext = {}): Completions {
  const at = Number.isFinite(cursor) ? Math.max(0, Math.min(input.length, Math.floor(cursor))) : input.length;
  const before = input.slice(0, at);
  const { words } = lex(before);
  const lastWord = words[words.length - 1];
  const inWord = !!lastWord && (lastWord.open || lastWord.to === at);
  const current = inWord ? lastWord : undefined;
  const prior = inWord ? words.slice(0, -1) : words;
  const from = current?.from ?? at;
  const to = at + (/^\S*/.exec(input.slice(at))?.[0].length ?? 0);
  const typed = current?.value ?? '';
  // In "--principle=dep" the value after "=" is what is being typed.
  const filter = typed.replace(/^--[a-z]+=/i, '');
  const candidates = rank(filter, candidatesFor(prior, typed, ctx));
  return { from, to, candidates };
}
