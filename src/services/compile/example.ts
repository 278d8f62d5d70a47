import { EXAMPLE_NUDGES, EXAMPLE_SPEC, EXAMPLE_TITLE } from '../../domain/compile/exampleSpec';
import { DEFAULT_OPTIONS } from '../../domain/compile/settings';
import { createSpec, type SpecMeta } from '../specs';
import { saveOptions } from './settings';

/** Creates the shipped example spec (slugify) with nudges worth trying, ready to compile. */
export async function createExampleSpec(): Promise<SpecMeta> {
  const spec = await createSpec(EXAMPLE_TITLE, EXAMPLE_SPEC);
  await saveOptions(spec.id, { ...DEFAULT_OPTIONS, nudges: [...EXAMPLE_NUDGES] });
  return spec;
}
