import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../src/domain/errors';
import { DEFAULT_CONSTITUTION } from '../../../../src/domain/governance/constitution';
import {
  adoptFirstConstitution,
  amendConstitution,
  amendmentScar,
  changedFields,
  constitutionId,
} from '../../../../src/domain/governance/constitutionChain';
import { validateConstitution } from '../../../../src/domain/governance/constitutionValidate';
import { createScar } from '../../../../src/domain/scars/scarLog';
import type { Constitution } from '../../../../src/domain/governance/constitution';

function fieldOf(bad: unknown): string | undefined {
  try {
    validateConstitution(bad);
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationError);
    return (err as ValidationError).field;
  }
  return undefined;
}

describe('constitution', () => {
  it('has the defaults of DOMAIN.md section 4 and they validate', () => {
    expect(DEFAULT_CONSTITUTION).toMatchObject({
      slice: { steps: 16 },
      minPauseMs: 3000,
      trustLevel: 2,
      maxAutomatedPerSession: 10,
      maxPlanDepth: 5,
      existentialAudit: false,
      auditMaxSteps: 3,
      forgivenessKernel: { kind: 'exponential', halfLifeDays: 30 },
      answerableTo: { primary: ['self'], secondary: [], lastResort: 'self' },
    });
    expect(DEFAULT_CONSTITUTION.bettingRules).toMatchObject({ bullshitConfidence: 0.8, bullshitPenalty: 0.15, missPenalty: 0.05, hitReward: 0.02 });
    expect(fieldOf(DEFAULT_CONSTITUTION)).toBeUndefined();
  });

  it('is identified by the SHA-256 of its canonical JSON, whatever the key order', async () => {
    const id = await constitutionId(DEFAULT_CONSTITUTION);
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    const reordered = Object.fromEntries(Object.entries(DEFAULT_CONSTITUTION).reverse()) as Constitution;
    expect(await constitutionId(reordered)).toBe(id);
    expect(await constitutionId({ ...DEFAULT_CONSTITUTION, eExtMax: 11 })).not.toBe(id);
  });

  it.each([
    ['eExtMax', { eExtMax: 0 }],
    ['slice', { slice: { steps: 16, hours: 48 } }],
    ['slice.steps', { slice: { steps: 1.5 } }],
    ['slice.hours', { slice: { hours: -1 } }],
    ['minPauseMs', { minPauseMs: -5 }],
    ['trustLevel', { trustLevel: 5 }],
    ['maxAutomatedPerSession', { maxAutomatedPerSession: Number.NaN }],
    ['maxPlanDepth', { maxPlanDepth: 0 }],
    ['existentialAudit', { existentialAudit: 'yes' }],
    ['auditMaxSteps', { auditMaxSteps: -1 }],
    ['forgivenessKernel.halfLifeDays', { forgivenessKernel: { kind: 'exponential', halfLifeDays: 0 } }],
    ['forgivenessKernel.kind', { forgivenessKernel: { kind: 'linear' } }],
    ['bettingRules.bullshitConfidence', { bettingRules: { ...DEFAULT_CONSTITUTION.bettingRules, bullshitConfidence: 1.5 } }],
    ['bettingRules.forecastDraws', { bettingRules: { ...DEFAULT_CONSTITUTION.bettingRules, forecastDraws: 10 } }],
    ['jitterCorridor.maxPp', { jitterCorridor: { maxPp: 0 } }],
    ['answerableTo.primary', { answerableTo: { primary: [], secondary: [], lastResort: 'self' } }],
    ['answerableTo.secondary[1]', { answerableTo: { primary: ['a'], secondary: ['b', ''], lastResort: 'self' } }],
    ['answerableTo.lastResort', { answerableTo: { primary: ['a'], secondary: [], lastResort: '' } }],
    ['surprise', { surprise: 1 }],
  ])('names the bad field %s', (field, change) => {
    expect(fieldOf({ ...DEFAULT_CONSTITUTION, ...change })).toBe(field);
  });

  it('names a missing field', () => {
    const { minPauseMs: _dropped, ...rest } = DEFAULT_CONSTITUTION;
    expect(fieldOf(rest)).toBe('minPauseMs');
  });
});

describe('amending the constitution', () => {
  it('makes a new record that names the previous id, and leaves the old record as it was', async () => {
    const first = await adoptFirstConstitution(DEFAULT_CONSTITUTION);
    expect(first.previousId).toBeNull();
    const second = await amendConstitution(first, { eExtMax: 20, trustLevel: 3 });
    expect(second.previousId).toBe(first.id);
    expect(second.id).toBe(await constitutionId(second.constitution));
    expect(second.constitution.eExtMax).toBe(20);
    expect(first.constitution.eExtMax).toBe(10);
    expect(changedFields(first.constitution, second.constitution)).toEqual(['eExtMax', 'trustLevel']);
  });

  it('validates every amended field and refuses a change that changes nothing', async () => {
    const first = await adoptFirstConstitution(DEFAULT_CONSTITUTION);
    await expect(amendConstitution(first, { minPauseMs: -1 })).rejects.toThrow(/minPauseMs/);
    await expect(amendConstitution(first, { eExtMax: 10 })).rejects.toThrow(ValidationError);
  });

  it('leaves a governance scar describing the change', async () => {
    const first = await adoptFirstConstitution(DEFAULT_CONSTITUTION);
    const second = await amendConstitution(first, { existentialAudit: true });
    const scar = createScar(amendmentScar(first, second, 123));
    expect(scar).toMatchObject({ locus: { kind: 'governance', ref: 'constitution' }, trigger: 'constitution_change', createdAt: 123 });
    expect(scar.description).toMatch(/changed existentialAudit/);
  });
});
