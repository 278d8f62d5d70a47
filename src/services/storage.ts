export interface StorageStatus {
  /** true: the browser will not evict our data under storage pressure. */
  persisted: boolean | 'unsupported';
  usageBytes?: number;
  quotaBytes?: number;
}

/**
 * Asks the browser to keep our data even under storage pressure. Browsers may grant it
 * silently, ask the person, or refuse; we only report what they answered.
 */
export async function requestPersistence(): Promise<boolean | 'unsupported'> {
  if (!navigator.storage?.persist) return 'unsupported';
  if (await navigator.storage.persisted()) return true;
  return navigator.storage.persist();
}

export async function storageStatus(): Promise<StorageStatus> {
  if (!navigator.storage) return { persisted: 'unsupported' };
  const [persisted, estimate] = await Promise.all([
    navigator.storage.persisted ? navigator.storage.persisted() : Promise.resolve('unsupported' as const),
    navigator.storage.estimate ? navigator.storage.estimate() : Promise.resolve(undefined),
  ]);
  return { persisted, usageBytes: estimate?.usage, quotaBytes: estimate?.quota };
}
