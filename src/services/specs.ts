import { newId } from '../domain/ids';
import { validateTitle, type SpecMeta } from '../domain/spec/spec';
import { getSpec, observeDeletedSpecs, observeSpecs, putSpec, updateSpec } from '../store/specsRepo';
import type { Live } from '../store/live';

export type { SpecMeta };

const STARTER = (title: string) => `# ${title}

## Tasks
- [ ] First task
`;

export function specs(): Live<SpecMeta[]> {
  return observeSpecs();
}

export function deletedSpecs(): Live<SpecMeta[]> {
  return observeDeletedSpecs();
}

export function findSpec(id: string): Promise<SpecMeta | undefined> {
  return getSpec(id);
}

/** Creates a spec with a starter document; throws ValidationError on a bad title. */
export async function createSpec(titleInput: string, initialText?: string): Promise<SpecMeta> {
  const title = validateTitle(titleInput);
  const now = Date.now();
  const spec: SpecMeta = { id: newId('spec', now), title, createdAt: now, updatedAt: now };
  // The document layer (Yjs) loads with the first spec created or opened, not with every page.
  const { seedSpecText } = await import('../sync/specSession');
  await seedSpecText(spec.id, initialText ?? STARTER(title));
  await putSpec(spec);
  return spec;
}

export async function renameSpec(id: string, titleInput: string): Promise<void> {
  const now = Date.now();
  await updateSpec(id, { title: validateTitle(titleInput), updatedAt: now, metaAt: now });
}

/** Soft delete: the document stays, so the person can undo; nothing recorded is lost. */
export async function deleteSpec(id: string): Promise<void> {
  const now = Date.now();
  await updateSpec(id, { deletedAt: now, metaAt: now });
}

export async function restoreSpec(id: string): Promise<void> {
  const now = Date.now();
  await updateSpec(id, { deletedAt: undefined, updatedAt: now, metaAt: now });
}

export function touchSpec(id: string): Promise<void> {
  return updateSpec(id, { updatedAt: Date.now() });
}
