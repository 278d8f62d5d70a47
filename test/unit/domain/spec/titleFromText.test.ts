import { describe, expect, it } from 'vitest';
import { titleFromText } from '../../../../src/domain/spec/titleFromText';

describe('titleFromText', () => {
  it('is the first level-one heading, tidied', () => {
    expect(titleFromText('intro\n# Launch   plan ##\n\n# Second\n')).toBe('Launch plan');
    expect(titleFromText('## Only a section\ntext')).toBeUndefined();
    expect(titleFromText('')).toBeUndefined();
    expect(titleFromText(`# ${'x'.repeat(300)}`)!.length).toBe(200);
  });
});
