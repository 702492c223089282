// The popup's import: progress while it checks and writes, a Cancel button that stops it, and a message
// that says what was kept.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { BackupTools } from '../../../components/popup/BackupTools';
import { ImportStopped } from '../../../utils/library/backup/format';
import type { ImportProgress, ImportReport } from '../../../utils/library/backup/types';
import { renderTarget, until } from '../../support/render-helpers';

const target = renderTarget();

function choose(file: File) {
  const input = target().querySelector('input[type="file"]') as HTMLInputElement;
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  input.dispatchEvent(new Event('change'));
}

const button = (name: string) =>
  [...target().querySelectorAll('button')].find((b) => b.textContent === name) as HTMLButtonElement | undefined;

describe('BackupTools import', () => {
  it('shows progress, and Cancel stops the import and says how many articles were kept', async () => {
    const onImported = vi.fn();
    const importLibrary = vi.fn(
      (_file: File, { signal, onProgress }: { signal: AbortSignal; onProgress: (p: ImportProgress) => void }) =>
        new Promise<ImportReport>((_, reject) => {
          onProgress({ phase: 'checking', done: 9_000, total: 10_000 });
          onProgress({ phase: 'writing', done: 1_200, total: 10_000 });
          signal.addEventListener('abort', () => reject(new ImportStopped('cancelled', 1_200, 10_000)));
        }),
    );
    act(() =>
      render(
        <BackupTools
          canWorkHere
          canExportHere
          exportLibrary={vi.fn()}
          importLibrary={importLibrary}
          openInTab={vi.fn()}
          onImported={onImported}
        />,
        target(),
      ),
    );
    expect(button('Cancel import')).toBeUndefined();
    act(() => choose(new File(['zip'], 'coral-backup.zip')));
    await until(() => target().textContent?.includes('Importing… 1,200 of 10,000 articles'));
    act(() => button('Cancel import')?.click());
    await until(() =>
      target().textContent?.includes(
        'Import cancelled after 1,200 of 10,000 articles. Those are in your library; import the file again to add the rest.',
      ),
    );
    expect(button('Cancel import')).toBeUndefined();
    expect(onImported).toHaveBeenCalledTimes(1);
  });
});
