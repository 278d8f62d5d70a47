import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseCommand } from '../../../../src/domain/agentese/command';
import { err, ok, underlined } from './parseHelpers';

describe('work bet', () => {
  it('parses the full form of the seed', () => {
    const c = ok('work bet "Implement FailureCorpus" --hours 4 --confidence 0.75 --stake 10 --principle "depth over breadth" --principle x --context y --quantiles "4h @ 50%, 6h @ 80%"');
    expect(c).toEqual({
      name: 'bet',
      path: 'self.work.bet.place',
      task: 'Implement FailureCorpus',
      estimatedHours: 4,
      confidence: 0.75,
      stake: 10,
      principles: ['depth over breadth', 'x'],
      context: ['y'],
      quantiles: [{ hours: 4, p: 0.5 }, { hours: 6, p: 0.8 }],
      understood: { hours: '4h', confidence: '0.75 (75%)', stake: '10' },
    });
  });

  it('reads hours and confidence generously and says how it read them', () => {
    for (const [h, hours, said] of [['4', 4, '4h'], ['4h', 4, '4h'], ['90m', 1.5, '1.5h (90m)'], ['1h30m', 1.5, '1.5h (1h30m)'], ['.5', 0.5, '0.5h']] as const) {
      const c = ok(`work bet t --hours ${h} --confidence 75%`);
      expect(c).toMatchObject({ estimatedHours: hours, understood: { hours: said } });
    }
    for (const conf of ['75', '75%', '0.75', '--confidence=75']) {
      const c = ok(`work bet t --hours 4 ${conf.startsWith('--') ? conf : `--confidence ${conf}`}`);
      expect(c).toMatchObject({ confidence: 0.75, understood: { confidence: '0.75 (75%)' } });
    }
    expect(ok('work bet t --hours 4 --confidence 54.8')).toMatchObject({ confidence: 0.548 });
    // 1.5 is refused with what to write, never read silently as 1.5%; 1.5% says it outright.
    expect(err('work bet t --hours 4 --confidence 1.5')).toMatchObject({ field: 'confidence', message: expect.stringMatching(/write 1\.5% if you mean 1\.5 percent/) });
    expect(underlined('work bet t --hours 4 --confidence 1.5')).toBe('1.5');
    expect(ok('work bet t --hours 4 --confidence 1.5%')).toMatchObject({ confidence: 0.015 });
    expect(ok('work bet Write the parser --hours 4 --confidence 60')).toMatchObject({ task: 'Write the parser' });
    expect(ok('work bet t --quantiles "2h @ 50%, 3h @ 90%"')).toMatchObject({ estimatedHours: 2, confidence: 0.5 });
  });

  it('points at the bad value', () => {
    expect(underlined('work bet t --hours 4x --confidence 75')).toBe('4x');
    expect(err('work bet t --hours 4x --confidence 75')).toMatchObject({ field: 'hours' });
    expect(underlined('work bet t --hours -3 --confidence 75')).toBe('-3');
    expect(underlined('work bet t --hours 0 --confidence 75')).toBe('0');
    for (const bad of ['1', '100', '0', '175%', 'lots'])
      expect(err(`work bet t --hours 4 --confidence ${bad}`)).toMatchObject({ field: 'confidence', from: 34, to: 34 + bad.length });
    expect(underlined('work bet t --quantiles "6h @ 50%, 4h @ 80%"')).toBe('"6h @ 50%, 4h @ 80%"');
    expect(underlined('work bet t --hours=4x --confidence 75')).toBe('4x');
  });

  it('says what is missing, on the command words', () => {
    expect(err('work bet --hours 4 --confidence 75')).toMatchObject({ field: 'task', from: 0, to: 8 });
    expect(err('work bet t --confidence 75')).toMatchObject({ field: 'hours', message: expect.stringMatching(/--hours/) });
    expect(err('work bet t --hours 4')).toMatchObject({ field: 'confidence' });
    expect(err('work bet t --hours')).toMatchObject({ field: 'hours', from: 11, to: 18, message: expect.stringMatching(/needs a value/) });
    expect(err('work bet t --hours --confidence 7')).toMatchObject({ field: 'hours', from: 11, to: 18 });
  });

  it('suggests flags and refuses repeats of single flags', () => {
    const e = err('work bet t --hours 4 --confidnce 75');
    expect(e).toMatchObject({ field: 'flag', suggestions: ['--confidence'] });
    expect('work bet t --hours 4 --confidnce 75'.slice(e.from, e.to)).toBe('--confidnce');
    expect(err('work bet t --hours 4 --hours 5 --confidence 7')).toMatchObject({ field: 'hours', message: expect.stringMatching(/twice/) });
    expect(err('work bet t -h 4')).toMatchObject({ field: 'flag' });
  });
});

describe('other commands', () => {
  it('parses resolve with and without an id', () => {
    expect(ok('work resolve b_1 --actual 3.5')).toEqual({ name: 'resolve', path: 'self.work.bet.resolve', id: 'b_1', actualHours: 3.5, abandoned: false, understood: { actual: '3.5h' } });
    expect(ok('work resolve --actual 90m')).toMatchObject({ actualHours: 1.5, abandoned: false });
    expect(ok('work resolve b_1 --abandoned')).toMatchObject({ id: 'b_1', abandoned: true });
    expect(ok('work resolve b_1 --abandoned')).not.toHaveProperty('actualHours');
    expect(err('work resolve b_1')).toMatchObject({ field: 'actual' });
    expect(underlined('work resolve a b --actual 1')).toBe('b');
    expect(err('work resolve --abandoned=yes')).toMatchObject({ field: 'abandoned' });
  });

  it('parses the views and forecast', () => {
    expect(ok('work status')).toEqual({ name: 'status', path: 'self.work.status' });
    expect(ok('work principles')).toEqual({ name: 'principles', path: 'self.work.principles.health' });
    expect(ok('work credibility')).toEqual({ name: 'credibility', path: 'self.work.credibility' });
    expect(ok('WORK Adversary')).toEqual({ name: 'adversary', path: 'self.work.adversary' });
    expect(ok('work calibration')).toEqual({ name: 'calibration', path: 'time.trace.metacompiler.calibration' });
    expect(ok('work forecast')).toEqual({ name: 'forecast', path: 'self.work.forecast', understood: {} });
    expect(ok('work forecast --budget 20')).toMatchObject({ budgetHours: 20 });
    expect(underlined('work status now')).toBe('now');
  });

  it('opens AGENTESE paths with go or bare', () => {
    const go = { name: 'go', path: 'self.work.bet.place', route: '/self.work.bet.place', href: '#/self.work.bet.place' };
    expect(ok('go self.work.bet.place')).toEqual(go);
    expect(ok('  self.work.bet.place  ')).toEqual(go);
    expect(ok('world.specs.s_1')).toMatchObject({ path: 'world.specs.s_1' });
    const e = err('go self.work.bet.plac');
    expect(e).toMatchObject({ field: 'path', from: 3, to: 21 });
    expect(e.suggestions?.[0]).toBe('self.work.bet.place');
    expect(err('go')).toMatchObject({ field: 'path' });
    expect(underlined('self.scars now')).toBe('now');
  });

  it('suggests commands', () => {
    expect(err('wrok status')).toMatchObject({ field: 'command', suggestions: ['work'], from: 0, to: 4 });
    expect(err('work stauts')).toMatchObject({ suggestions: ['status'], from: 5, to: 11 });
    expect(err('status')).toMatchObject({ suggestions: ['work status'] });
    expect(err('work')).toMatchObject({ field: 'command' });
    expect(err('')).toMatchObject({ field: 'command' });
    expect(err('work bet "open')).toMatchObject({ field: 'quote', from: 9, to: 14 });
  });
});

describe('parseCommand on any input', () => {
  const pieces = ['work', 'bet', 'resolve', 'go', 'run', 'record', 'priors', 'inject', '--passed', '--failed', '--nudge', '""', 'status', 'forecast', '--hours', '--confidence', '--principle', '--abandoned', '--budget', '--quantiles', '--hours=', '4h', '90m', '75%', '0.75', '-3', '"', "'", '\\', ' ', '=', 'self.work.status', 'world.specs.', '"4h @ 50%, 6h @ 80%"', 'x'];
  const inputs = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 80 }),
    fc.array(fc.constantFrom(...pieces), { maxLength: 14 }).map((xs) => xs.join(' ')),
    fc.array(fc.constantFrom(...pieces), { maxLength: 14 }).map((xs) => xs.join('')),
  );

  it('never throws, and every error points inside the input', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const r = parseCommand(input);
        if (!r.ok) {
          expect(r.error.message.length).toBeGreaterThan(0);
          expect(0 <= r.error.from && r.error.from <= r.error.to && r.error.to <= input.length).toBe(true);
        } else if (r.command.name === 'bet') {
          expect(r.command.estimatedHours).toBeGreaterThan(0);
          expect(r.command.confidence).toBeGreaterThan(0);
          expect(r.command.confidence).toBeLessThan(1);
        } else if (r.command.name === 'record') {
          expect(r.command.spec.trim()).not.toBe('');
          for (const n of r.command.nudges) expect(n.trim()).not.toBe('');
        }
      }),
      { seed: 424242, numRuns: 1000 },
    );
  });
});
