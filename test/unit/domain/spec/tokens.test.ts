import { describe, expect, it } from 'vitest';
import { parseTokens } from '../../../../src/domain/spec/tokens';
import type { Token } from '../../../../src/domain/spec/tokens';

const one = (text: string): Token => {
  const tokens = parseTokens(text);
  expect(tokens).toHaveLength(1);
  return tokens[0] as Token;
};

describe('bracket tokens', () => {
  it('reads evidence with exact offsets', () => {
    const text = 'ran it [Evidence: r_12ab] ok';
    expect(parseTokens(text)).toEqual([{ kind: 'evidence', id: 'r_12ab', from: 7, to: 25, raw: '[Evidence: r_12ab]' }]);
  });

  it('reads nudges with either arrow, signs and decimals', () => {
    expect(one('[Nudge: "add type hints" -> +15%]')).toMatchObject({ kind: 'nudge', label: 'add type hints', pp: 15 });
    expect(one('[Nudge: "use global state" → -35%]')).toMatchObject({ kind: 'nudge', pp: -35 });
    expect(one('[Nudge: "x" -> 7.5%]')).toMatchObject({ kind: 'nudge', pp: 7.5 });
    expect(one('[Nudge: "a \\"quoted\\" ] label" -> -0.5%]')).toMatchObject({ label: 'a "quoted" ] label', pp: -0.5 });
  });

  it('reads bets: single, range, resolved and with an id', () => {
    expect(one('[Bet: 4h @ 75%]')).toMatchObject({ kind: 'bet', estimatedHours: 4, confidence: 0.75, quantiles: [{ hours: 4, p: 0.75 }] });
    const range = one('[Bet: 4h @ 50%, 6h @ 80%]');
    expect(range).toMatchObject({ estimatedHours: 4, confidence: 0.5, quantiles: [{ hours: 4, p: 0.5 }, { hours: 6, p: 0.8 }] });
    expect(one('[Bet: 4h @ 75% -> 3.5h hit]')).toMatchObject({ outcome: { status: 'hit', actualHours: 3.5 } });
    expect(one('[Bet: 4h @ 75% → 6h miss]')).toMatchObject({ outcome: { status: 'miss', actualHours: 6 } });
    expect(one('[Bet: 4h @ 75% -> abandoned]')).toMatchObject({ outcome: { status: 'abandoned' } });
    expect(one('[Bet: 90m @ 60% #b_abc]')).toMatchObject({ estimatedHours: 1.5, id: 'b_abc' });
    expect(one('[Bet: 4h @ 75% -> 3.5h hit #b_1]')).toMatchObject({ id: 'b_1', outcome: { status: 'hit' } });
    expect(one('[bet: 2h @ 90%]')).toMatchObject({ kind: 'bet', estimatedHours: 2 });
  });

  it('reports malformed bracket tokens with the reason', () => {
    const cases: [string, RegExp][] = [
      ['[Bet: 4x @ 175%]', /unit "x"/],
      ['[Bet: 4h @ 175%]', /between 0% and 100%/],
      ['[Bet: 4h @ 0%]', /between 0% and 100%/],
      ['[Bet: 4h]', /hours @ confidence/],
      ['[Bet: ]', /missing estimate/],
      ['[Bet: 6h @ 50%, 4h @ 80%]', /rise/],
      ['[Bet: 4h @ 75% -> 5h hit]', /miss, not a hit/],
      ['[Bet: 4h @ 75% -> 3h miss]', /hit, not a miss/],
      ['[Bet: 4h @ 75% -> hit]', /actual hours/],
      ['[Bet: 4h @ 75% -> soon]', /outcome/],
      ['[Bet: 4h @ 75% #a #b]', /one #id/],
      ['[Nudge: "x" -> lots]', /percentage points/],
      ['[Nudge: x -> +1%]', /double quotes/],
      ['[Nudge: "x" +1%]', /"->"/],
      ['[Nudge: "x" -> +150%]', /beyond 100/],
      ['[Nudge: "" -> +1%]', /empty/],
      ['[Nudge: "x -> +1%]', /unterminated quote/],
      ['[Evidence: ]', /missing evidence id/],
      ['[Evidence: two words]', /no spaces/],
    ];
    for (const [text, reason] of cases) {
      const t = one(text);
      expect(t.kind, text).toBe('malformed');
      if (t.kind === 'malformed') expect(t.reason, text).toMatch(reason);
      expect(t.raw).toBe(text);
    }
    expect(one('[Bet: 4x @ 175%]')).toMatchObject({ intended: 'bet' });
  });

  it('leaves unclosed brackets and other brackets as text', () => {
    expect(parseTokens('[Bet: 4h @ 75%')).toEqual([]);
    expect(parseTokens('[Bet: 4h @ 75%\n]')).toEqual([]);
    expect(parseTokens('- [ ] a [link](http://x) [Betting: 1]')).toEqual([]);
  });
});

describe('inline tokens', () => {
  it('reads citing lists', () => {
    expect(one('citing: "depth over breadth", "x"')).toMatchObject({ kind: 'citing', principles: ['depth over breadth', 'x'], from: 0, to: 33 });
    const t = parseTokens('ok, citing: "a" and then');
    expect(t[0]).toMatchObject({ kind: 'citing', raw: 'citing: "a"' });
    expect(one('citing: nothing quoted')).toMatchObject({ kind: 'malformed', intended: 'citing', raw: 'citing:' });
    expect(parseTokens('Citing: prose')).toEqual([]);
    expect(parseTokens('exciting: no')).toEqual([]);
  });

  it('reads pass rates', () => {
    expect(one('95% pass (n=100)')).toMatchObject({ kind: 'passRate', rate: 0.95, n: 100 });
    expect(one('got 72.5% pass (n = 40) today')).toMatchObject({ rate: 0.725, n: 40, raw: '72.5% pass (n = 40)' });
    expect(one('50% pass (n=lots)')).toMatchObject({ kind: 'malformed', intended: 'passRate' });
    expect(one('150% pass (n=3)')).toMatchObject({ kind: 'malformed' });
    expect(one('0% pass (n=0)')).toMatchObject({ kind: 'malformed' });
    expect(parseTokens('95% pass (as expected)')).toEqual([]);
    expect(parseTokens('95% pass rate')).toEqual([]);
  });

  it('reads AGENTESE paths, known or not, but not inside other words', () => {
    expect(one('see self.work.bet.place.')).toMatchObject({ kind: 'path', path: 'self.work.bet.place', known: true, from: 4, to: 23 });
    expect(one('time.trace.metacompiler.calibration')).toMatchObject({ known: true });
    expect(one('world.specs.s_1')).toMatchObject({ known: true });
    expect(one('world.bogus')).toMatchObject({ kind: 'path', known: false });
    for (const text of ['myself.work', 'https://x.org/self.work', 'a@world.org', 'selfish.x', 'self.', 'timeline.x'])
      expect(parseTokens(text), text).toEqual([]);
  });
});

describe('code and escapes', () => {
  it('ignores fenced code blocks, open or closed, with backticks or tildes', () => {
    const text = '[Evidence: a]\n```md\n[Evidence: b]\n```\n[Evidence: c]\n~~~\n[Evidence: d]\n~~~\n  ````\n[Evidence: e]\n```\nstill code\n````\n[Evidence: f]\n```\n[Evidence: g]';
    expect(parseTokens(text).map((t) => (t.kind === 'evidence' ? t.id : t.kind))).toEqual(['a', 'c', 'f']);
  });

  it('ignores inline code spans, also across lines of a paragraph, but not unmatched backticks', () => {
    expect(parseTokens('`[Evidence: a]` [Evidence: b]').map((t) => t.raw)).toEqual(['[Evidence: b]']);
    expect(parseTokens('``a ` [Evidence: a] ``').map((t) => t.raw)).toEqual([]);
    expect(parseTokens('`start\n[Evidence: a] end`').map((t) => t.raw)).toEqual([]);
    expect(parseTokens('`start\n\n[Evidence: a] end`').map((t) => t.raw)).toEqual(['[Evidence: a]']);
    expect(parseTokens('a ` lone [Evidence: a]').map((t) => t.raw)).toEqual(['[Evidence: a]']);
    expect(parseTokens('[Bet: 4h `@` 75%]')).toEqual([]);
  });

  it('treats a backslash-escaped bracket as text', () => {
    expect(parseTokens('\\[Evidence: a] [Evidence: b]').map((t) => t.raw)).toEqual(['[Evidence: b]']);
    expect(parseTokens('\\`[Evidence: a]`').map((t) => t.raw)).toEqual(['[Evidence: a]']);
  });

  it('counts offsets in UTF-16 code units, as Y.Text does', () => {
    const text = '🎯 é [Evidence: r1]';
    const [t] = parseTokens(text);
    expect(t?.from).toBe(5);
    expect(text.slice(t?.from, t?.to)).toBe('[Evidence: r1]');
  });

  it('handles CRLF line endings', () => {
    const tokens = parseTokens('[Evidence: a]\r\n```\r\n[Evidence: b]\r\n```\r\n[Evidence: c]\r\n');
    expect(tokens.map((t) => t.raw)).toEqual(['[Evidence: a]', '[Evidence: c]']);
  });
});
