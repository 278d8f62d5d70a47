import { describe, expect, it } from 'vitest';
import { PATHS, pathFromRoute, resolvePath, routeOf, tryResolvePath, UnknownPathError, CONTEXTS } from '../../../../src/domain/agentese/paths';
import { editDistance, suggest } from '../../../../src/domain/agentese/suggest';

describe('AGENTESE paths', () => {
  it('registers the pages of the seed, each under a known context, with a title', () => {
    const paths = PATHS.map((p) => p.path);
    for (const p of ['self.work.bet.place', 'self.work.bet.resolve', 'self.work.principles.health', 'self.work.status', 'self.work.credibility', 'self.work.adversary', 'time.trace.metacompiler.calibration', 'time.trace.metacompiler.generations', 'world.evidence', 'world.priors', 'world.specs', 'self.scars', 'self.governance'])
      expect(paths).toContain(p);
    expect(new Set(paths).size).toBe(paths.length);
    for (const p of PATHS) {
      expect(CONTEXTS).toContain(p.path.split('.')[0]);
      expect(p.title.length).toBeGreaterThan(0);
    }
  });

  it('makes the path the route', () => {
    expect(resolvePath('self.work.principles.health')).toMatchObject({ route: '/self.work.principles.health', href: '#/self.work.principles.health', params: {} });
    expect(routeOf('self.scars')).toBe('/self.scars');
    expect(pathFromRoute('#/self.scars')).toBe('self.scars');
    expect(pathFromRoute('/world.priors?tab=harmful')).toBe('world.priors');
    expect(pathFromRoute('/nowhere')).toBeUndefined();
    for (const p of PATHS) expect(pathFromRoute(routeOf(p.path))).toBe(p.path);
  });

  it('takes one id segment where a page shows one thing', () => {
    expect(resolvePath('world.specs.s_01abc')).toMatchObject({ path: 'world.specs.s_01abc', params: { specId: 's_01abc' }, entry: { path: 'world.specs' } });
    expect(resolvePath('self.work.bet.resolve.b_9').params).toEqual({ betId: 'b_9' });
    expect(tryResolvePath('self.scars.x').ok).toBe(false);
    expect(tryResolvePath('world.specs.a.b').ok).toBe(false);
  });

  it('throws a named error with suggestions for unknown paths', () => {
    let caught: unknown;
    try {
      resolvePath('self.work.principle.health');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(UnknownPathError);
    const err = caught as UnknownPathError;
    expect(err.name).toBe('UnknownPathError');
    expect(err.suggestions[0]).toBe('self.work.principles.health');
    expect(err.message).toMatch(/Did you mean self\.work\.principles\.health/);
    expect(() => resolvePath('credibility')).toThrow(/does not start with an AGENTESE context/);
    expect(() => resolvePath('')).toThrow(/empty/);
  });
});

describe('suggestions', () => {
  it('measures edits, counting a swap of neighbours as one', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('wrok', 'work')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abc', 'abc')).toBe(0);
  });

  it('suggests near names and dotted tails, and nothing for far ones', () => {
    expect(suggest('stauts', ['status', 'principles'])).toEqual(['status']);
    expect(suggest('calibration', PATHS.map((p) => p.path))).toEqual(['time.trace.metacompiler.calibration']);
    expect(suggest('zzzzzz', ['status', 'principles'])).toEqual([]);
    expect(suggest('', ['status'])).toEqual([]);
  });
});
