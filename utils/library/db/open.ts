// Opens the library database. Together with the rest of utils/library/, the only code that opens
// IndexedDB; the schema is in ./schema.ts and its upgrade ladder in ./migrations.ts.
import { type IDBPDatabase, openDB } from 'idb';
import { upgradeLibrary } from './migrations';
import { type CoralDB, DB_NAME, DB_VERSION } from './schema';

export function openLibrary(name: string = DB_NAME): Promise<IDBPDatabase<CoralDB>> {
  return openDB<CoralDB>(name, DB_VERSION, {
    upgrade(db, oldVersion, newVersion, tx) {
      upgradeLibrary(db, oldVersion, newVersion ?? DB_VERSION, tx);
    },
    blocking(_current, _blocked, event) {
      // A newer extension version wants to upgrade: step aside rather than leave it waiting forever.
      (event.target as IDBDatabase).close();
    },
  });
}
