import { useState } from 'preact/hooks';
import type { StorageInfo } from '../../utils/popup/services';
import { errorText } from '../../utils/shared/error-text';
import { pageMessage } from '../../utils/shared/page-messages';

export interface StoragePanelProps {
  locale: string;
  load: (biggest: number) => Promise<StorageInfo>;
  requestPersistence: () => Promise<boolean>;
  onOpen: (id: string) => void;
}

const BIGGEST = 5;
const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/** "1.2 GB", "356 kB", "12 MB" (binary multiples, the units people see in their file managers), in the UI language. */
export function formatSize(bytes: number, locale: string): string {
  let value = Math.max(bytes, 0);
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: UNITS[unit],
    unitDisplay: unit === 0 ? 'long' : 'short',
    maximumFractionDigits: value < 10 && unit > 0 ? 1 : 0,
  }).format(value);
}

/** Space used and left, whether the browser may evict the library, and what takes the most room. */
export function StoragePanel({ locale, load, requestPersistence, onOpen }: StoragePanelProps) {
  const size = (bytes: number) => formatSize(bytes, locale);
  const count = (n: number) => n.toLocaleString(locale);
  const [info, setInfo] = useState<StorageInfo | null>(null);
  const [failed, setFailed] = useState('');

  // Read only when opened: the report walks the whole library, which the list does not need.
  const refresh = () =>
    load(BIGGEST).then(setInfo, (error: unknown) => setFailed(pageMessage('popupActionFailed', [errorText(error)])));

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
              count(info.articles),
              size(info.bytes),
              count(info.images),
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
