import { describe, expect, it } from 'vitest';
import { lex } from '../../../../src/domain/agentese/lex';

describe('command bar tokenizer', () => {
  it('splits words and keeps their spans', () => {
    const input = 'work  bet "Implement X" --hours 4';
    const { words, error } = lex(input);
    expect(error).toBeUndefined();
    expect(words.map((w) => w.value)).toEqual(['work', 'bet', 'Implement X', '--hours', '4']);
    expect(words.map((w) => input.slice(w.from, w.to))).toEqual(['work', 'bet', '"Implement X"', '--hours', '4']);
    expect(words[2]?.quoted).toBe(true);
  });

  it('handles escapes, single quotes and adjoining quoted parts', () => {
    const { words } = lex(String.raw`"say \"hi\" \\ \n" 'it''s \literal' a\ b --p="x y"`);
    expect(words.map((w) => w.value)).toEqual(['say "hi" \\ \\n', "its \\literal", 'a b', '--p=x y']);
  });

  it('reports an unterminated quote but still returns the open word', () => {
    const { words, error } = lex('go "self.wo');
    expect(error).toEqual({ message: 'unterminated double quote', from: 3, to: 11 });
    expect(words[1]).toMatchObject({ value: 'self.wo', open: true, from: 3, to: 11 });
  });

  it('keeps a trailing backslash', () => {
    expect(lex('a\\').words[0]?.value).toBe('a\\');
    expect(lex('   ').words).toEqual([]);
  });
});
