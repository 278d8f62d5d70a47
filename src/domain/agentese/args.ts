/**
 * Splits a command's words into positional words and flags, checking flags against the
 * command's table: unknown flags get suggestions, a flag missing its value (or given an empty
 * one), given twice, or given with a flag it excludes is pointed at. Values are checked later, by the command.
 */
import type { CommandSpec } from './grammar';
import type { Word } from './lex';
import type { CommandError } from './command';
import { suggest } from './suggest';

export interface Args {
  positional: Word[];
  /** Flag name -> its value words (a 'none' flag maps to its own word). */
  flags: Map<string, Word[]>;
}

type ArgsResult = { ok: true; value: Args } | { ok: false; error: CommandError };

/** A word that reads as a flag: unquoted, starting with "-", and not a negative number. */
export function isFlagWord(w: Word): boolean {
  return !w.quoted && w.value.startsWith('-') && !/^-[\d.]/.test(w.value);
}

function err(message: string, w: { from: number; to: number }, field: string, suggestions?: string[]): ArgsResult {
  const error: CommandError = { message, from: w.from, to: w.to, field };
  if (suggestions?.length) error.suggestions = suggestions;
  return { ok: false, error };
}

export function readArgs(spec: CommandSpec, words: readonly Word[]): ArgsResult {
  const positional: Word[] = [];
  const flags = new Map<string, Word[]>();
  const title = spec.words.join(' ');
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (!w) continue;
    if (!isFlagWord(w)) {
      if (spec.positional === 'none') return err(`${title} takes no ${positional.length ? 'more ' : ''}arguments ("${w.value}")`, w, 'command');
      if (spec.positional === 'one' && positional.length === 1) return err(`${title} takes one ${spec.positionalName ?? 'argument'}; unexpected "${w.value}"`, w, spec.positionalName ?? 'command');
      positional.push(w);
      continue;
    }
    const body = w.value.replace(/^-+/, '');
    const cut = body.indexOf('=');
    const name = (cut === -1 ? body : body.slice(0, cut)).toLowerCase();
    const eq = cut === -1 ? -1 : w.value.length - body.length + cut; // index of "=" in the word
    const flag = spec.flags.find((f) => f.name === name);
    if (!flag || !w.value.startsWith('--')) {
      const names = spec.flags.map((f) => `--${f.name}`);
      const s = suggest(`--${name}`, names);
      const known = names.length ? ` (${title} takes ${names.join(', ')})` : ` (${title} takes no flags)`;
      return err(`unknown flag "${w.value.slice(0, eq === -1 ? undefined : eq)}"${known}`, w, 'flag', s);
    }
    if (!flag.repeat && flags.has(flag.name)) return err(`--${flag.name} is given twice`, w, flag.name);
    if (flag.excludes && flags.has(flag.excludes)) {
      const pair = spec.flags.filter((f) => f.name === flag.name || f.name === flag.excludes).map((f) => `--${f.name}`);
      return err(`give ${pair.join(' or ')}, not both`, w, flag.name);
    }
    let value: Word;
    if (flag.value === 'none') {
      if (eq !== -1) return err(`--${flag.name} takes no value`, w, flag.name);
      value = w;
    } else if (eq !== -1) {
      // "--hours=4": the value's span starts after "=" (exact unless quotes came before it).
      value = { ...w, value: w.value.slice(eq + 1), from: Math.min(w.to, w.from + eq + 1) };
    } else {
      const next = words[i + 1];
      if (!next || isFlagWord(next)) return err(`--${flag.name} needs a value: ${flag.describe}`, w, flag.name);
      value = next;
      i++;
    }
    if (flag.value !== 'none' && !value.value.trim()) return err(`--${flag.name} is empty; expected ${flag.describe}`, value, flag.name);
    flags.set(flag.name, [...(flags.get(flag.name) ?? []), value]);
  }
  return { ok: true, value: { positional, flags } };
}
