import { describe, expect, it } from 'vitest';
import { directionsFrom, MODES, ModeTransitionError, canTransition, reasonFor, transition } from '../../../../src/domain/agentese/modes';
import type { Mode } from '../../../../src/domain/agentese/modes';

describe('mode machine', () => {
  it('has the documented directions', () => {
    expect(directionsFrom('IDLE')).toEqual(['COMPILING', 'LEARNING', 'BETTING', 'PROJECTING']);
    expect(directionsFrom('COMPILING')).toEqual(['LEARNING', 'IDLE']);
    expect([...directionsFrom('LEARNING')].sort()).toEqual(['BETTING', 'IDLE', 'PROJECTING']);
    expect([...directionsFrom('BETTING')].sort()).toEqual(['IDLE', 'PROJECTING']);
    expect([...directionsFrom('PROJECTING')].sort()).toEqual(['BETTING', 'IDLE']);
  });

  it('allows exactly the listed moves, plus staying put, and can always get back to IDLE', () => {
    for (const from of MODES)
      for (const to of MODES) {
        const allowed = from === to || directionsFrom(from).includes(to);
        expect(canTransition(from, to), `${from}->${to}`).toBe(allowed);
        if (allowed) expect(transition(from, to)).toBe(to);
        else expect(() => transition(from, to)).toThrow(ModeTransitionError);
      }
    for (const m of MODES) if (m !== 'IDLE') expect(directionsFrom(m)).toContain('IDLE');
  });

  it('only starts compiling from IDLE', () => {
    for (const m of MODES) if (m !== 'IDLE') expect(directionsFrom(m)).not.toContain('COMPILING');
  });

  it('says where one may go when a move is refused, also for values that are not modes', () => {
    try {
      transition('BETTING', 'COMPILING');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ModeTransitionError);
      const err = e as ModeTransitionError;
      expect(err.name).toBe('ModeTransitionError');
      expect(err.allowed).toEqual(['PROJECTING', 'IDLE']);
      expect(err.message).toMatch(/BETTING to COMPILING/);
    }
    expect(() => transition('SLEEPING' as Mode, 'IDLE')).toThrow(/not a mode/);
    expect(() => transition('IDLE', 'SLEEPING' as Mode)).toThrow(ModeTransitionError);
  });

  it('explains each move', () => {
    expect(reasonFor('COMPILING', 'LEARNING')).toBe('evidence arrives from the attempt');
    expect(reasonFor('BETTING', 'IDLE')).toMatch(/done/);
    expect(reasonFor('BETTING', 'COMPILING')).toMatch(/not a move/);
  });
});
