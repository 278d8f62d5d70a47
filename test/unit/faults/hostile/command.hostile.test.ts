import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { complete, parseCommand } from '../../../../src/domain/agentese/command';
import { params, RUNS, SEED } from './support';
import { XSS } from './xss';

const pieces = ['work', 'bet', 'resolve', 'go', 'status', 'principles', 'forecast', '--hours', '--confidence', '--stake', '--principle', '--context', '--actual', '--abandoned', '--budget', '--quantiles', '--hours=', '--=', '4h', '1e309h', 'NaN', '-0', '90m', '75%', '0.75', '"', "'", '\\', '\t', '\u0000', '\ud800', '=', 'self.work.status', 'world.', '.', '"4h @ 50%, 6h @ 80%"', ...XSS];
const inputs = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 120 }),
  fc.array(fc.constantFrom(...pieces), { maxLength: 16 }).map((xs) => xs.join(' ')),
  fc.array(fc.constantFrom(...pieces), { maxLength: 16 }).map((xs) => xs.join('')),
);

describe('the command bar on hostile input', () => {
  it(`parses or explains, never throws, errors point inside the input (${RUNS} cases, seed ${SEED})`, () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const r = parseCommand(input);
        if (!r.ok) {
          expect(r.error.message.length).toBeGreaterThan(0);
          expect(0 <= r.error.from && r.error.from <= r.error.to && r.error.to <= input.length).toBe(true);
        } else if (r.command.name === 'bet') {
          expect(Number.isFinite(r.command.estimatedHours) && r.command.estimatedHours > 0).toBe(true);
          expect(r.command.confidence > 0 && r.command.confidence < 1).toBe(true);
        }
      }),
      params(),
    );
  });

  it(`completes any prefix at any cursor without throwing (${RUNS} cases, seed ${SEED})`, () => {
    fc.assert(
      fc.property(inputs, fc.nat(), (input, at) => {
        const cursor = at % (input.length + 1);
        const c = complete(input, cursor);
        expect(Array.isArray(c.candidates)).toBe(true);
        expect(0 <= c.from && c.from <= c.to && c.to <= input.length).toBe(true);
      }),
      params(),
    );
  });
});
