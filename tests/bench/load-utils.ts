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

const synthetic = await import('../support/synthetic-library.ts');
const searchText = await import('../../utils/library/search/text.ts');
const db = await import('../../utils/library/db/schema.ts');
const searchIndex = await import('../../utils/library/search/tokens.ts');
const searchSession = await import('../../utils/library/search/session.ts');

export const { syntheticLibrary } = synthetic;
export const { queryTokens } = searchText;
export const { DB_NAME, DB_VERSION } = db;
export const { TITLE_MARK } = searchIndex;
export const { SEARCH_PAGE_SIZE } = searchSession;
export type { SyntheticLibrary } from '../support/synthetic-library.ts';
