/** The y-indexeddb database of a spec's document (no Yjs needed to name it). */
export const specDocName = (specId: string) => `metacompiler-spec:${specId}`;
