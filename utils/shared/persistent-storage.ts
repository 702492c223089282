/**
 * Asks the browser to keep the library when disk runs low. Only pages can ask (the service worker
 * cannot), so the reader and options pages each call this once; a refusal changes nothing.
 */
export async function requestPersistentStorage(
  storage: StorageManager | undefined = navigator.storage,
): Promise<boolean> {
  if (!storage?.persisted || !storage.persist) return false;
  try {
    return (await storage.persisted()) || (await storage.persist());
  } catch {
    return false;
  }
}
