import { describe, expect, it } from 'vitest';
import { FORMATS } from '../../../src/services/importEvidence';
import { IMPORT_FORMAT_NAMES } from '../../../src/services/importFormatNames';

describe('the format names the Evidence page shows before the import dialog loads', () => {
  it('are the names of the formats the import reads, in the same order', () => {
    expect(IMPORT_FORMAT_NAMES).toEqual(FORMATS.map((f) => f.name));
  });
});
