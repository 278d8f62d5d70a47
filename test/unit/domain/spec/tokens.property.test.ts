import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseTokens } from '../../../../src/domain/spec/tokens';
import type { Token } from '../../../../src/domain/spec/tokens';

const FRAGMENTS = [
  '[Bet: 4h @ 75%]', '[Bet: 4x @ 175%]', '[Bet: 4h @ 50%, 6h @ 80% -> 5h miss #b_1]', '[Nudge: "x" -> +15%]',
  '[Nudge: "a]b" → -2.5%]', '[Evidence: r_1]', 'citing: "a", "b"', 'citing:', '95% pass (n=100)', '(n=', 'self.work.status',
  'world.', '[', ']', '"', '\\', '`', '``', '```', '~~~', '\n', '\r\n', ' ', '@', '->', '→', '#', '%', 'x', '4h', '- [ ] ', '🎯',
];
const docs = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }).map((xs) => xs.join('')),
);

function checkInvariants(text: string, tokens: Token[]): void {
  let end = 0;
  for (const t of tokens) {
    expect(t.raw).toBe(text.slice(t.from, t.to));
    expect(t.from).toBeGreaterThanOrEqual(end);
    expect(t.to).toBeGreaterThan(t.from);
    expect(t.raw).not.toContain('\n');
    end = t.to;
  }
}

describe('parseTokens on any input', () => {
  it('never throws; tokens are sorted, disjoint, and raw is the text they cover', () => {
    fc.assert(
      fc.property(docs, (text) => checkInvariants(text, parseTokens(text))),
      { seed: 20240611, numRuns: 1000 },
    );
  }, 120_000);

  it('finds nothing inside a fenced block', () => {
    const noFence = fc.array(fc.constantFrom(...FRAGMENTS.filter((f) => !f.includes('`') && !f.includes('~'))), { maxLength: 30 });
    fc.assert(
      fc.property(noFence, (xs) => {
        expect(parseTokens('```\n' + xs.join('') + '\n```')).toEqual([]);
      }),
      { seed: 7, numRuns: 1000 },
    );
  }, 120_000);

  it('finds a token the same way wherever the surrounding prose puts it', () => {
    // Prose, not code: nothing that quotes (backticks, tildes, an indent of four, raw HTML's "<").
    const prose = fc.string({ maxLength: 30 }).map((s) => s.replace(/[[\]`\\"~\n\r<]/g, ' ').trimStart());
    fc.assert(
      fc.property(prose, prose, (a, b) => {
        const text = `${a} [Bet: 4h @ 75% #b_1] ${b}`;
        const bet = parseTokens(text).find((t) => t.kind === 'bet');
        expect(bet).toMatchObject({ from: a.length + 1, estimatedHours: 4, confidence: 0.75, id: 'b_1' });
      }),
      { seed: 11, numRuns: 1000 },
    );
  }, 120_000);
});
