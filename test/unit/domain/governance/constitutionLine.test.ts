import { describe, expect, it } from 'vitest';
import { constitutionLine } from '../../../../src/domain/governance/constitutionLine';

const c = (id: string, previousId: string | null, createdAt: number) => ({ id, previousId, createdAt });

describe('the constitutions in force when paired devices amended apart', () => {
  it('on one device the line is every constitution, oldest first, and the newest governs', () => {
    const rows = [c('b', 'a', 20), c('a', null, 10), c('c', 'b', 30)];
    const { line, apart } = constitutionLine(rows);
    expect(line.map((r) => r.id)).toEqual(['a', 'b', 'c']);
    expect(apart).toEqual([]);
  });

  it('of two amendments of one constitution made apart, the earlier governs, whatever order the rows are in', () => {
    const root = c('root', null, 10);
    const laptop = c('zz-laptop', 'root', 100);
    const phone = c('aa-phone', 'root', 200);
    // The phone amended its own amendment again before they met.
    const phoneAgain = c('phone-2', 'aa-phone', 300);
    const rows = [root, laptop, phone, phoneAgain];
    for (const order of [rows, [...rows].reverse(), [phone, root, phoneAgain, laptop]]) {
      const { line, apart } = constitutionLine(order);
      expect(line.map((r) => r.id)).toEqual(['root', 'zz-laptop']);
      expect(apart).toEqual([
        { row: phone, instead: laptop },
        { row: phoneAgain, instead: undefined },
      ]);
    }
  });

  it('two amendments adopted at the same time: the smaller id governs', () => {
    const { line, apart } = constitutionLine([c('r', null, 1), c('y', 'r', 5), c('x', 'r', 5)]);
    expect(line.map((r) => r.id)).toEqual(['r', 'x']);
    expect(apart.map((a) => [a.row.id, a.instead?.id])).toEqual([['y', 'x']]);
  });

  it('after the devices met, an amendment of the one in force continues the line', () => {
    const { line, apart } = constitutionLine([c('r', null, 1), c('early', 'r', 5), c('late', 'r', 9), c('next', 'early', 12)]);
    expect(line.map((r) => r.id)).toEqual(['r', 'early', 'next']);
    expect(apart.map((a) => a.row.id)).toEqual(['late']);
  });

  it('nothing adopted yet: no line', () => {
    expect(constitutionLine([])).toEqual({ line: [], apart: [] });
  });
});
