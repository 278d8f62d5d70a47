import { describe, expect, it } from 'vitest';
import {
  betState,
  isHit,
  parseConfidence,
  parseHours,
  parseQuantiles,
  validateBetInput,
} from '../../../../src/domain/betting/bet';
import { ValidationError } from '../../../../src/domain/errors';
import { fieldOf, makeBet, resolved } from './makeBet';

describe('parseConfidence', () => {
  it('reads 75, 75% and 0.75 as 0.75 and says how it read them', () => {
    expect(parseConfidence('75')).toEqual({ value: 0.75, understoodAs: '75% (read as a percentage)' });
    expect(parseConfidence(' 75 % ')).toEqual({ value: 0.75, understoodAs: '75%' });
    expect(parseConfidence('0.75')).toEqual({ value: 0.75, understoodAs: '75% (read as a probability, 0.75)' });
    expect(parseConfidence('.9').value).toBe(0.9);
    expect(parseConfidence('99.5').value).toBeCloseTo(0.995, 12);
    expect(parseConfidence('1%').value).toBe(0.01);
  });
  it('refuses 0, 1, 100, more than 100 and text, with a message saying what to type', () => {
    for (const bad of ['0', '0%', '1', '100', '100%', '150', '-5', 'abc', '']) {
      expect(fieldOf(() => parseConfidence(bad)), bad).toBe('confidence');
    }
    expect(() => parseConfidence('1')).toThrow(/ambiguous/);
    expect(() => parseConfidence('100')).toThrow(/below 100%/);
    expect(() => parseConfidence('abc')).toThrow(/write 75, 75% or 0.75/);
  });
  it('refuses a bare number between 1 and 2 (a probability gone wrong, never a silent 1.5% bet); 1.5% and 2 are read as percentages', () => {
    for (const bad of ['1.5', '1.01', '1.99']) expect(() => parseConfidence(bad), bad).toThrow(/not a probability.*write \S+% if you mean/);
    expect(parseConfidence('1.5%').value).toBeCloseTo(0.015, 12);
    expect(parseConfidence('2').value).toBeCloseTo(0.02, 12);
  });
});

describe('parseHours', () => {
  it('reads bare numbers as hours, and h / m units', () => {
    expect(parseHours('4')).toBe(4);
    expect(parseHours('4h')).toBe(4);
    expect(parseHours('3.5h')).toBe(3.5);
    expect(parseHours('90m')).toBe(1.5);
    expect(parseHours('1h 30m')).toBe(1.5);
    expect(parseHours('2 hours')).toBe(2);
    expect(parseHours('45 min')).toBe(0.75);
  });
  it('refuses zero, text, days and mixed bare numbers', () => {
    for (const bad of ['0', '0h', 'abc', '', '2d', '1h 30', '4x', '-3h']) {
      expect(fieldOf(() => parseHours(bad)), bad).toBe('estimatedHours');
    }
    expect(() => parseHours('2d')).toThrow(/write hours/);
  });
});

describe('parseQuantiles', () => {
  it('reads a range bet', () => {
    expect(parseQuantiles('4h @ 50%, 6h @ 80%, 9h @ 95%')).toEqual([
      { hours: 4, p: 0.5 },
      { hours: 6, p: 0.8 },
      { hours: 9, p: 0.95 },
    ]);
    expect(parseQuantiles('90m@0.5; 3h@0.9')).toEqual([
      { hours: 1.5, p: 0.5 },
      { hours: 3, p: 0.9 },
    ]);
  });
  it('refuses points that are not increasing in both hours and probability', () => {
    expect(() => parseQuantiles('6h @ 80%, 4h @ 90%')).toThrow(/point 2/);
    expect(() => parseQuantiles('4h @ 80%, 6h @ 50%')).toThrow(/higher probability/);
    expect(() => parseQuantiles('4h 50%')).toThrow(/should look like/);
    expect(() => parseQuantiles('4h @ 100%')).toThrow(/point 1/);
    expect(fieldOf(() => parseQuantiles(''))).toBe('quantiles');
  });
});

describe('validateBetInput', () => {
  const ok = { task: 'Write parser', estimatedHours: 4, confidence: 0.75, stake: 10 };
  it('accepts a sensible bet', () => {
    expect(() => validateBetInput(ok, { balance: 100 })).not.toThrow();
    expect(() => validateBetInput({ ...ok, stake: 100 }, { balance: 100 })).not.toThrow();
  });
  it('names the bad field', () => {
    expect(fieldOf(() => validateBetInput({ ...ok, task: '  ' }, { balance: 100 }))).toBe('task');
    expect(fieldOf(() => validateBetInput({ ...ok, estimatedHours: 0 }, { balance: 100 }))).toBe('estimatedHours');
    expect(fieldOf(() => validateBetInput({ ...ok, estimatedHours: Number.NaN }, { balance: 100 }))).toBe('estimatedHours');
    expect(fieldOf(() => validateBetInput({ ...ok, confidence: 0 }, { balance: 100 }))).toBe('confidence');
    expect(fieldOf(() => validateBetInput({ ...ok, confidence: 1 }, { balance: 100 }))).toBe('confidence');
    expect(fieldOf(() => validateBetInput({ ...ok, stake: 0 }, { balance: 100 }))).toBe('stake');
    expect(fieldOf(() => validateBetInput({ ...ok, stake: 101 }, { balance: 100 }))).toBe('stake');
    expect(fieldOf(() => validateBetInput({ ...ok, quantiles: [{ hours: 5, p: 0.5 }, { hours: 4, p: 0.8 }] }, { balance: 100 }))).toBe(
      'quantiles',
    );
  });
  it('throws a ValidationError whose message says the field', () => {
    try {
      validateBetInput({ ...ok, stake: 150 }, { balance: 100 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).name).toBe('ValidationError');
      expect((e as Error).message).toBe('stake: 150 is more than the 100 focus tokens you have');
    }
  });
});

describe('bet states', () => {
  it('tells open, hit, miss and abandoned apart', () => {
    expect(betState(makeBet())).toBe('open');
    expect(betState(resolved(4, 1))).toBe('hit'); // exactly on the estimate is a hit
    expect(betState(resolved(4.01, 1))).toBe('miss');
    expect(betState(resolved(1, 1, { completed: false }))).toBe('abandoned');
    expect(isHit(resolved(3, 1))).toBe(true);
    expect(isHit(resolved(1, 1, { completed: false }))).toBe(false);
    expect(isHit(makeBet())).toBe(false);
  });
});
