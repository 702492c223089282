// @vitest-environment node
// Saves that can never succeed, or that used to fail for a reason the user could not act on: each must
// end with a code the UI can say in the user's language (and "Try again" only where it can help).

import { Buffer } from 'node:buffer';
import type { IDBPDatabase } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { saveToLibrary } from '../../../utils/library/articles';
import { openLibrary } from '../../../utils/library/db/open';
import type { CoralDB } from '../../../utils/library/db/schema';
import { isQuotaError, saveFailure } from '../../../utils/library/save-error';
import { searchKey } from '../../../utils/library/search/keys';
import { searchLibrary } from '../../../utils/library/search/tokens';
import { canRetrySave, type SaveRequest } from '../../../utils/shared/article';
import { saveErrorMessage } from '../../../utils/shared/page-messages';

const URL1 = 'https://chinadigitaltimes.net/2019/07/full-disk/';
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]).toString('base64');

function request(text: string): SaveRequest {
  return {
    article: {
      meta: { title: 'Full disk', dir: 'ltr', categories: [], tags: [], canonicalUrl: URL1, url: URL1, lang: 'en' },
      html: `<p>${text}</p><img data-coral-ref="a" alt="photo">`,
      text,
      images: [{ ref: 'a', url: 'https://chinadigitaltimes.net/files/a.png', alt: 'photo' }],
    },
    images: [{ ref: 'a', type: 'image/png', base64: PNG }],
  };
}

const dbs: IDBPDatabase<CoralDB>[] = [];
async function freshDb(): Promise<IDBPDatabase<CoralDB>> {
  const db = await openLibrary(`save-failures-${crypto.randomUUID()}`);
  dbs.push(db);
  return db;
}

afterEach(() => {
  vi.restoreAllMocks();
  for (const db of dbs.splice(0)) db.close();
});

/** What Chrome throws when the disk fills while it writes a record's Blobs to their files. */
const blobWriteFailure = () => new DOMException('Failed to write blobs (IOError)', 'UnknownError');

describe('a full disk while writing images', () => {
  it('is the storage-full code, says the storage message, and changes nothing', async () => {
    const db = await freshDb();
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore['put']>
    ) {
      if (this.name === 'images') throw blobWriteFailure();
      return put.apply(this, args);
    });
    const result = await saveToLibrary(db, request('Some text'));
    expect(result).toEqual({ ok: false, error: 'quota' });
    expect(await db.count('articles')).toBe(0);
    expect(await db.count('images')).toBe(0);
    // Freeing space can fix it, so it is offered again; and the message is the README's, not Chrome's.
    expect(canRetrySave('quota')).toBe(true);
    expect(saveErrorMessage('quota')).toMatch(/storage/i);
    expect(saveErrorMessage('quota')).not.toMatch(/IOError|blobs/);
  });

  it('is recognised when only the transaction reports it, at commit', () => {
    const abort = new DOMException('The transaction was aborted.', 'AbortError');
    expect(isQuotaError(abort, blobWriteFailure())).toBe(true);
    expect(saveFailure(blobWriteFailure()).error).toBe('quota');
    // Other unknown errors stay the generic failure.
    expect(saveFailure(new DOMException('Internal error opening backing store', 'UnknownError')).error).toBe('failed');
    expect(isQuotaError(abort, new DOMException('Failed to read blobs', 'UnknownError'))).toBe(false);
  });
});

describe('a 10-million-letter word', () => {
  it('does not fail the save: the word is left out of the index, the rest is searchable', {
    timeout: 120_000,
  }, async () => {
    const db = await freshDb();
    const result = await saveToLibrary(db, request(`Censored ${'x'.repeat(10_000_000)} testimony`));
    expect(result).toMatchObject({ ok: true, failedImages: 0 });
    if (!result.ok) return;
    expect(await searchLibrary(db, 'testimony ')).toEqual([result.id]);
    const record = await db.get('search', searchKey(result.id));
    expect(record?.tokens).toContain('testimony');
    expect(record?.tokens.every((token) => token.length <= 100)).toBe(true);
  });
});
