import 'fake-indexeddb/auto';
import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

// happy-dom's nodeName and NodeIterator differ from browsers in ways that silently turn DOMPurify off.
// Files that run in the node environment (for real Blobs) have no window to patch.
if (typeof window !== 'undefined') await import('../support/happy-dom-purify-shim');

beforeEach(() => {
  fakeBrowser.reset();
});
