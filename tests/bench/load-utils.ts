// Loads the extension's own TypeScript (utils/) into Node for the benchmark. Node strips the types
// itself, but utils/ imports siblings without an extension (as bundlers allow): this hook tries `.ts`.
import { registerHooks } from 'node:module';

registerHooks({
  resolve(specifier, context, nextResolve) {
    const relative = specifier.startsWith('./') || specifier.startsWith('../');
    if (relative && !/\.[cm]?[jt]sx?$|\.json$/.test(specifier) && context.parentURL?.endsWith('.ts')) {
      try {
        return nextResolve(`${specifier}.ts`, context);
      } catch {
        // Not a TypeScript sibling: resolved as written below.
      }
    }
    return nextResolve(specifier, context);
  },
});

const synthetic = await import('../../utils/synthetic-library.ts');
const searchText = await import('../../utils/search-text.ts');
const db = await import('../../utils/db.ts');
const searchIndex = await import('../../utils/search-index.ts');
const searchSession = await import('../../utils/search-session.ts');

export const { syntheticLibrary } = synthetic;
export const { queryTokens } = searchText;
export const { DB_NAME, DB_VERSION } = db;
export const { TITLE_MARK } = searchIndex;
export const { SEARCH_PAGE_SIZE } = searchSession;
export type { SyntheticLibrary } from '../../utils/synthetic-library.ts';
