import { describe, expect, it } from 'vitest';
import { formatPercentagePoints, renderLearnedPriors } from '../../../../src/domain/learning/priors';

describe('the Learned priors block', () => {
  const labels = new Map([
    ['add type hints', 'add type hints'],
    ['use global state', 'use global state'],
    ['tdd', 'Write the test "first"'],
  ]);
  it('renders exactly as DOMAIN.md shows', () => {
    const text = renderLearnedPriors(
      { beneficial: [{ nudge: 'add type hints', ame: 25.3 }], harmful: [{ nudge: 'use global state', ame: -34.6 }] },
      (k) => labels.get(k),
    );
    expect(text).toBe(
      '## Learned priors\n' +
        'Do: add type hints [Nudge: "add type hints" -> +25%]\n' +
        'Avoid: use global state [Nudge: "use global state" -> -35%]',
    );
  });
  it('keeps the top N of each list, in the given order', () => {
    const beneficial = Array.from({ length: 7 }, (_, i) => ({ nudge: `b${i}`, ame: 10 - i }));
    const harmful = Array.from({ length: 3 }, (_, i) => ({ nudge: `h${i}`, ame: -10 + i }));
    const lines = renderLearnedPriors({ beneficial, harmful }, () => undefined).split('\n');
    expect(lines).toHaveLength(1 + 5 + 3);
    expect(lines[1]).toBe('Do: b0 [Nudge: "b0" -> +10%]');
    expect(lines[5]).toBe('Do: b4 [Nudge: "b4" -> +6%]');
    expect(lines[6]).toBe('Avoid: h0 [Nudge: "h0" -> -10%]');
    expect(renderLearnedPriors({ beneficial, harmful }, () => undefined, 2).split('\n')).toHaveLength(5);
  });
  it('keeps the token parseable when a label has quotes or line breaks', () => {
    const text = renderLearnedPriors({ beneficial: [{ nudge: 'tdd', ame: 4.5 }], harmful: [] }, (k) => labels.get(k));
    expect(text.split('\n')[1]).toBe(`Do: Write the test 'first' [Nudge: "Write the test 'first'" -> +5%]`);
  });
  it('is empty when there is nothing to say', () => {
    expect(renderLearnedPriors({ beneficial: [], harmful: [] }, () => undefined)).toBe('');
  });
  it('formats whole percentage points with the sign of the estimate', () => {
    expect(formatPercentagePoints(25.4)).toBe('+25%');
    expect(formatPercentagePoints(-34.5)).toBe('-35%');
    expect(formatPercentagePoints(0.2)).toBe('+0%');
    expect(formatPercentagePoints(-0.2)).toBe('-0%');
  });
});
