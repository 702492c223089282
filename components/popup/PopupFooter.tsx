import type { PopupServices } from '../../utils/popup/services';
import { pageMessage } from '../../utils/shared/page-messages';
import { BackupTools } from './BackupTools';
import { StoragePanel } from './StoragePanel';

export interface PopupFooterProps {
  services: PopupServices;
  locale: string;
  inTab: boolean;
  canExportHere: boolean;
  onImported: () => void;
}

/** Storage, backup and settings: what is looked at now and then, below the list. */
export function PopupFooter({ services, locale, inTab, canExportHere, onImported }: PopupFooterProps) {
  return (
    <footer>
      <StoragePanel
        locale={locale}
        load={services.storage}
        requestPersistence={services.requestPersistence}
        onOpen={services.openReader}
      />
      <div class="footer-row">
        <BackupTools
          canWorkHere={inTab}
          canExportHere={canExportHere}
          exportLibrary={services.exportLibrary}
          importLibrary={services.importLibrary}
          openInTab={() => services.openInTab('backup')}
          onImported={onImported}
        />
        <button type="button" class="link" onClick={services.openOptions}>
          {pageMessage('popupOptions')}
        </button>
      </div>
    </footer>
  );
}
