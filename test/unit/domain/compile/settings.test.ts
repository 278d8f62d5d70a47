import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS, validateEndpoint, validateOptions } from '../../../../src/domain/compile/settings';

describe('compile settings', () => {
  it('tidies an endpoint and names the wrong field', () => {
    expect(validateEndpoint({ baseUrl: ' http://127.0.0.1:11434/v1/ ', model: ' m ', temperature: 0.2 })).toEqual({
      baseUrl: 'http://127.0.0.1:11434/v1',
      model: 'm',
      temperature: 0.2,
    });
    expect(() => validateEndpoint({ baseUrl: 'localhost:11434', model: 'm', temperature: 0 })).toThrow(/baseUrl: must (be a full address|start with http)/);
    expect(() => validateEndpoint({ baseUrl: 'ftp://x', model: 'm', temperature: 0 })).toThrow('baseUrl: must start with http:// or https://');
    expect(() => validateEndpoint({ baseUrl: 'http://x', model: ' ', temperature: 0 })).toThrow('model: name the model');
    expect(() => validateEndpoint({ baseUrl: 'http://x', model: 'm', temperature: 3 })).toThrow('temperature: must be a number from 0 to 2');
  });

  it('keeps variations within 1-100 and de-duplicates nudges', () => {
    expect(validateOptions({ ...DEFAULT_OPTIONS, variations: 100, nudges: ['A  b', 'a B', 'c'] }).nudges).toEqual(['A b', 'c']);
    expect(() => validateOptions({ ...DEFAULT_OPTIONS, variations: 101 })).toThrow('variations: must be a whole number from 1 to 100 (got 101)');
    expect(() => validateOptions({ ...DEFAULT_OPTIONS, variations: 0 })).toThrow('variations');
    expect(() => validateOptions({ ...DEFAULT_OPTIONS, concurrency: 1.5 })).toThrow('concurrency');
    expect(() => validateOptions({ ...DEFAULT_OPTIONS, nudges: ['ok', ' '] })).toThrow('nudges[2]: a nudge needs a name');
  });
});
