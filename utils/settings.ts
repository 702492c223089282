import { storage } from 'wxt/utils/storage';

/**
 * Host names of CDT mirrors the user added on the options page. Versioned from the start so a later
 * shape (per-mirror options, say) can migrate the stored list instead of losing it.
 */
export const mirrorHosts = storage.defineItem<string[]>('local:mirrorHosts', { fallback: [], version: 1 });
