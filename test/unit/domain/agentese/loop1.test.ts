import { describe, expect, it } from 'vitest';
import { complete } from '../../../../src/domain/agentese/command';
import { err, ok, underlined } from './parseHelpers';

/** Loop 1 (failure -> prior) in the command bar: run record, priors refit | copy | inject. */
const labels = (input: string, ctx = {}) => complete(input, input.length, ctx).candidates.map((c) => c.label);

describe('run record', () => {
  it('parses the full form', () => {
    expect(ok(`run record "Lexer" --failed --nudge "add type hints" --nudge 'small steps' --error "KeyError: 'x'" --error "AssertionError: 1 != 2"`)).toEqual({
      name: 'record',
      path: 'world.evidence',
      spec: 'Lexer',
      passed: false,
      nudges: ['add type hints', 'small steps'],
      errors: ["KeyError: 'x'", 'AssertionError: 1 != 2'],
    });
    expect(ok('run record parser.py --passed')).toEqual({ name: 'record', path: 'world.evidence', spec: 'parser.py', passed: true, nudges: [], errors: [] });
    // Unquoted words are one name, as for work bet's task; flags take --flag=value too.
    expect(ok('RUN Record the parser spec --nudge=tdd --passed')).toEqual({ name: 'record', path: 'world.evidence', spec: 'the parser spec', passed: true, nudges: ['tdd'], errors: [] });
  });

  it('says what is missing, on the command words', () => {
    expect(err('run record --failed')).toEqual({
      message: 'run record needs the spec or work the run was for, like run record "Lexer" --failed',
      from: 0,
      to: 10,
      field: 'spec',
    });
    expect(err('run record "  " --failed')).toMatchObject({ field: 'spec', from: 0, to: 10 });
    expect(err('run record Lexer --nudge tdd')).toEqual({ message: 'run record needs --passed or --failed', from: 0, to: 10, field: 'outcome' });
  });

  it('underlines the second outcome flag when both are given', () => {
    const input = 'run record Lexer --passed --failed';
    expect(err(input)).toEqual({ message: 'give --passed or --failed, not both', from: 26, to: 34, field: 'failed' });
    expect(underlined('run record Lexer --failed --nudge x --passed')).toBe('--passed');
    expect(err('run record Lexer --failed --nudge x --passed').message).toBe('give --passed or --failed, not both');
    expect(err('run record Lexer --failed --failed')).toMatchObject({ message: '--failed is given twice', from: 26, to: 34 });
  });

  it('underlines an empty nudge, and a nudge with no value', () => {
    const input = 'run record Lexer --failed --nudge "" --nudge x';
    expect(err(input)).toEqual({ message: '--nudge is empty; expected a nudge you applied, e.g. "add type hints"', from: 34, to: 36, field: 'nudge' });
    expect(underlined('run record Lexer --failed --nudge x --nudge "   "')).toBe('"   "');
    expect(underlined('run record Lexer --failed --nudge=')).toBe('');
    expect(err('run record Lexer --failed --nudge=')).toMatchObject({ from: 34, to: 34, field: 'nudge' });
    expect(err('run record Lexer --failed --nudge')).toEqual({ message: '--nudge needs a value: a nudge you applied, e.g. "add type hints"', from: 26, to: 33, field: 'nudge' });
    expect(err('run record Lexer --failed --nudge --error x')).toMatchObject({ from: 26, to: 33, field: 'nudge' });
  });

  it('suggests flags and subcommands', () => {
    expect(err('run record Lexer --fail')).toMatchObject({ field: 'flag', from: 17, to: 23, suggestions: ['--failed'] });
    expect(err('run recrod Lexer --failed')).toEqual({ message: 'unknown run command "recrod". Did you mean "record"?', from: 4, to: 10, field: 'command', suggestions: ['record'] });
    expect(err('run')).toEqual({ message: 'run needs a subcommand: record', from: 0, to: 3, field: 'command', suggestions: ['record'] });
    expect(err('record Lexer --failed')).toEqual({ message: 'did you mean "run record"?', from: 0, to: 6, field: 'command', suggestions: ['run record'] });
  });
});

describe('priors refit | copy | inject', () => {
  it('parses the three commands', () => {
    expect(ok('priors refit')).toEqual({ name: 'refit', path: 'world.priors' });
    expect(ok('priors copy')).toEqual({ name: 'copy', path: 'world.priors' });
    expect(ok('priors inject')).toEqual({ name: 'inject', path: 'world.specs' });
    expect(ok('priors inject "Parser spec"')).toEqual({ name: 'inject', path: 'world.specs', spec: 'Parser spec' });
    expect(ok('priors inject Parser spec')).toEqual({ name: 'inject', path: 'world.specs', spec: 'Parser spec' });
  });

  it('points at what does not belong', () => {
    expect(err('priors copy now')).toEqual({ message: 'priors copy takes no arguments ("now")', from: 12, to: 15, field: 'command' });
    expect(err('priors refit --all')).toMatchObject({ message: 'unknown flag "--all" (priors refit takes no flags)', from: 13, to: 18, field: 'flag' });
    expect(err('priors')).toEqual({ message: 'priors needs a subcommand: refit, copy, inject', from: 0, to: 6, field: 'command', suggestions: ['refit', 'copy', 'inject'] });
    expect(err('priors cpoy')).toMatchObject({ message: 'unknown priors command "cpoy". Did you mean "copy"?', from: 7, to: 11 });
    expect(err('refit')).toMatchObject({ message: 'did you mean "priors refit"?', suggestions: ['priors refit'] });
    expect(err('prior refit')).toMatchObject({ message: 'unknown command "prior". Did you mean "priors"?', from: 0, to: 5 });
  });
});

describe('completion for loop 1', () => {
  const ctx = { specs: ['Lexer', 'Parser spec'], nudges: ['Add type hints', 'Use global state'] };

  it('offers the new first words and their subcommands', () => {
    expect(labels('').slice(0, 4)).toEqual(['work', 'run', 'priors', 'go']);
    expect(complete('priors ', 7).candidates).toEqual([
      { label: 'refit', insert: 'refit', detail: 'refit the learned priors on every run', kind: 'command' },
      { label: 'copy', insert: 'copy', detail: 'copy the learned-priors block to the clipboard', kind: 'command' },
      { label: 'inject', insert: 'inject', detail: 'write the learned priors into the open spec (or the one named)', kind: 'command' },
    ]);
    expect(labels('pri')).toEqual(['priors', 'self.work.principles.health', 'world.priors']);
    expect(labels('run ')).toEqual(['record']);
    expect(labels('priors re')).toEqual(['refit']);
  });

  it('offers spec titles where a spec is named, then the flags', () => {
    expect(labels('run record ', ctx)).toEqual(['Lexer', 'Parser spec', '--passed', '--failed', '--nudge', '--error']);
    expect(complete('run record par', 14, ctx)).toEqual({ from: 11, to: 14, candidates: [{ label: 'Parser spec', insert: '"Parser spec"', kind: 'spec' }] });
    expect(labels('priors inject ', ctx)).toEqual(['Lexer', 'Parser spec']);
    expect(labels('priors inject Lexer ', ctx)).toEqual([]);
    expect(labels('priors copy ', ctx)).toEqual([]);
  });

  it('offers known nudges, and never the outcome flag that contradicts the one given', () => {
    expect(labels('run record Lexer --failed --', ctx)).toEqual(['--nudge', '--error']);
    expect(labels('run record Lexer --passed ', ctx)).toEqual(['--nudge', '--error']);
    expect(labels('run record Lexer --failed --nudge ', ctx)).toEqual(['Add type hints', 'Use global state']);
    expect(complete('run record Lexer --nudge "add', 30, ctx).candidates).toEqual([{ label: 'Add type hints', insert: '"Add type hints"', kind: 'nudge' }]);
    expect(labels('run record Lexer --nudge x --', ctx)).toEqual(['--passed', '--failed', '--nudge', '--error']);
    expect(labels('run record Lexer --error ', ctx)).toEqual([]);
  });
});
