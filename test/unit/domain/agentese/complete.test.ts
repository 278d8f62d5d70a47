import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { complete } from '../../../../src/domain/agentese/command';

const labels = (input: string, cursor = input.length, ctx = {}) => complete(input, cursor, ctx).candidates.map((c) => c.label);
const ctx = { principles: ['depth over breadth', 'test first'], openBets: [{ id: 'b_1', task: 'Write parser' }, { id: 'b_2', task: 'Docs' }], contexts: ['solo'] };

describe('complete', () => {
  it('offers commands and paths first', () => {
    expect(labels('')).toEqual(expect.arrayContaining(['work', 'go', 'self.work.status']));
    // Prefix matches first, then matches inside the label.
    expect(labels('wo').slice(0, 5)).toEqual(['work', 'world.evidence', 'world.priors', 'world.specs', 'self.work.status']);
    expect(labels('wo')).not.toContain('self.scars');
    expect(labels('work ')).toEqual(['bet', 'resolve', 'status', 'principles', 'credibility', 'adversary', 'calibration', 'forecast']);
    expect(labels('work sta')).toEqual(['status']);
    expect(labels('go self.work.b')).toEqual(['self.work.bet.place', 'self.work.bet.resolve', 'self.work.bets']);
    expect(labels('self.scar')).toEqual(['self.scars']);
    expect(labels('go calib')).toEqual(['time.trace.metacompiler.calibration']);
  });

  it('offers the flags of the current command, not the ones already used', () => {
    expect(labels('work bet "x" --')).toEqual(['--hours', '--confidence', '--stake', '--principle', '--context', '--quantiles']);
    expect(labels('work bet "x" --hours 4 --principle a --')).toEqual(['--confidence', '--stake', '--principle', '--context', '--quantiles']);
    expect(labels('work forecast ')).toEqual(['--budget']);
    expect(labels('work status ')).toEqual([]);
  });

  it('offers known values: principles, contexts, open bets', () => {
    const r = complete('work bet x --principle "de', 26, ctx);
    expect(r).toEqual({ from: 23, to: 26, candidates: [{ label: 'depth over breadth', insert: '"depth over breadth"', kind: 'principle' }] });
    expect(labels('work bet x --principle ', undefined, ctx)).toEqual(['depth over breadth', 'test first']);
    expect(labels('work bet x --principle first', undefined, ctx)).toEqual(['test first']);
    expect(complete('work bet x --principle=te', 25, ctx).candidates[0]?.insert).toBe('--principle="test first"');
    expect(labels('work bet x --context ', undefined, ctx)).toEqual(['solo']);
    expect(labels('work resolve ', undefined, ctx)).toEqual(['b_1', 'b_2', '--actual', '--abandoned']);
    expect(labels('work resolve doc', undefined, ctx)).toEqual(['b_2']);
    expect(labels('work resolve b_1 ', undefined, ctx)).toEqual(['--actual', '--abandoned']);
    expect(labels('work bet x --hours ', undefined, ctx)).toEqual([]);
  });

  it('replaces the whole word under the cursor', () => {
    const r = complete('work stat --x', 7);
    expect(r).toMatchObject({ from: 5, to: 9 });
    expect(r.candidates.map((c) => c.label)).toEqual(['status', 'forecast']);
  });

  it('never throws, and its range lies inside the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), fc.integer({ min: -5, max: 70 }), (input, cursor) => {
        const r = complete(input, cursor, ctx);
        expect(0 <= r.from && r.from <= r.to && r.to <= input.length).toBe(true);
      }),
      { seed: 8, numRuns: 1000 },
    );
    expect(complete('work', Number.NaN).from).toBe(0);
  });
});
