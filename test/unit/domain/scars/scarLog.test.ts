import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../src/domain/errors';
import {
  ScarAppendOnlyError,
  appendScar,
  createScar,
  restorationEvent,
  restoreScar,
  scarEvent,
} from '../../../../src/domain/scars/scarLog';
import type { NewScar } from '../../../../src/domain/scars/scarLog';

const base: NewScar = {
  id: 's1',
  locus: { kind: 'governance', ref: 'constitution' },
  trigger: 'constitution_change',
  severity: 0.3,
  description: 'eExtMax raised',
  createdAt: 1_000,
};

describe('scars are append-only', () => {
  it('validates a new scar and names the bad field', () => {
    for (const [field, bad] of [
      ['severity', { severity: 0 }],
      ['severity', { severity: 1.2 }],
      ['locus.kind', { locus: { kind: 'moon', ref: 'x' } }],
      ['trigger', { trigger: 'whim' }],
      ['id', { id: '' }],
    ] as const) {
      let caught: unknown;
      try {
        createScar({ ...base, ...(bad as object) } as NewScar);
      } catch (err) {
        caught = err;
      }
      expect(caught, field).toBeInstanceOf(ValidationError);
      expect((caught as ValidationError).field).toBe(field);
    }
  });

  it('appends into a new frozen list and leaves the old one as it was', () => {
    const empty: readonly ReturnType<typeof createScar>[] = [];
    const one = appendScar(empty, createScar(base));
    expect(empty).toHaveLength(0);
    expect(one).toHaveLength(1);
    expect(Object.isFrozen(one) && Object.isFrozen(one[0])).toBe(true);
    expect(() => appendScar(one, createScar({ ...base, severity: 0.9 }))).toThrow(ScarAppendOnlyError);
  });

  it('records a restoration as a new scar value; the earlier value keeps no restoration', () => {
    const before = appendScar([], createScar(base));
    const after = restoreScar(before, 's1', { at: 2_000, note: 'reviewed with the team' });
    expect(before[0]!.restorations).toEqual([]);
    expect(after[0]!.restorations).toEqual([{ at: 2_000, note: 'reviewed with the team' }]);
    const again = restoreScar(after, 's1', { at: 3_000, note: 'second look' });
    expect(again[0]!.restorations.map((r) => r.at)).toEqual([2_000, 3_000]);
  });

  it('refuses restorations out of time order, without a note, or for an unknown scar', () => {
    const one = appendScar([], createScar(base));
    expect(() => restoreScar(one, 's1', { at: 500, note: 'x' })).toThrow(ValidationError);
    expect(() => restoreScar(one, 's1', { at: 2_000, note: ' ' })).toThrow(/note/);
    expect(() => restoreScar(one, 'nope', { at: 2_000, note: 'x' })).toThrow(/no scar nope/);
  });

  it('gives the log events for a scar and a restoration', () => {
    const s = createScar(base);
    expect(scarEvent(s)).toEqual({
      kind: 'scar',
      at: 1_000,
      payload: { id: 's1', locus: base.locus, trigger: 'constitution_change', severity: 0.3, description: 'eExtMax raised', createdAt: 1_000 },
    });
    expect(restorationEvent('s1', { at: 5, note: 'n' })).toEqual({ kind: 'restoration', at: 5, payload: { scarId: 's1', at: 5, note: 'n' } });
  });
});
