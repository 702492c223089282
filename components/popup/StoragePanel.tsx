import { useState } from 'preact/hooks';
import type { StorageInfo } from '../../utils/popup/services';
import { formatBytes } from '../../utils/shared/format';
import { countMessage, pageMessage } from '../../utils/shared/page-messages';

export interface StoragePanelProps {
  locale: string;
  load: (biggest: number) => Promise<StorageInfo>;
  requestPersistence: () => Promise<boolean>;
  onOpen: (id: string) => void;
}

const BIGGEST = 5;

/** Space used and left, whether the browser may evict the library, and what takes the most room. */
export function StoragePanel({ locale, load, requestPersistence, onOpen }: StoragePanelProps) {
  const size = (bytes: number) => formatBytes(bytes, locale);
  const [info, setInfo] = useState<StorageInfo | null>(null);
  const [failed, setFailed] = useState('');

  // Read only when opened: the report walks the whole library, which the list does not need.
  const refresh = () =>
    load(BIGGEST).then(setInfo, (error: unknown) => {
      console.error('Coral storage:', error);
      setFailed(pageMessage('popupActionFailed'));
    });

  return (
    <details
      class="storage"
      onToggle={(event) => {
        if (event.currentTarget.open && !info) void refresh();
      }}
    >
      <summary>{pageMessage('popupStorage')}</summary>
      {failed && <p class="error">{failed}</p>}
      {!info && !failed && <p class="muted">{pageMessage('popupLoading')}</p>}
      {info && (
        <div class="storage-body">
          <p>
            {info.usage !== undefined && info.quota !== undefined
              ? pageMessage('popupStorageUsed', [size(info.usage), size(info.quota)])
              : pageMessage('popupStorageUnknown')}
          </p>
          {info.quota !== undefined && info.usage !== undefined && info.quota > 0 && (
            <meter min={0} max={info.quota} value={info.usage} aria-hidden="true" />
          )}
          <p>
            {pageMessage('popupLibrarySize', [
              countMessage('articleCount', info.articles),
              size(info.bytes),
              countMessage('imageCount', info.images),
              size(info.imageBytes),
            ])}
          </p>
          {info.persisted !== null && (
            <p>
              {pageMessage(info.persisted ? 'popupPersisted' : 'popupNotPersisted')}{' '}
              {!info.persisted && (
                <button type="button" class="link" onClick={() => requestPersistence().then(() => refresh())}>
                  {pageMessage('popupPersist')}
                </button>
              )}
            </p>
          )}
          {info.biggest.length > 0 && (
            <>
              <h3>{pageMessage('popupBiggest')}</h3>
              <ol class="biggest">
                {info.biggest.map((item) => (
                  <li key={item.id}>
                    <button type="button" class="link" onClick={() => onOpen(item.id)}>
                      {item.title}
                    </button>
                    <span class="muted"> {size(item.bytes)}</span>
                  </li>
                ))}
              </ol>
            </>
          )}
        </div>
      )}
    </details>
  );
}
