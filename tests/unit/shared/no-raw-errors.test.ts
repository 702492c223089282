// @vitest-environment node
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// What people see comes from _locales or i18n.ts by code. The browser's own words (English, technical)
// may go to the console, never into the UI: the UI folders do not even import the helper that reads them.

const ROOT = path.resolve(__dirname, '../../..');
const UI_FOLDERS = ['components', 'hooks', 'entrypoints'];

function files(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return files(relative);
    return /\.tsx?$/.test(entry.name) ? [relative] : [];
  });
}

/** UI files that read a thrown value's words: the error-text helper, or an error's .message. */
function offenders(sources: Array<[string, string]>): string[] {
  return sources
    .filter(([, text]) => /shared\/error-text['"]|\b(error|cause|err|e)\.message\b/.test(text))
    .map(([file]) => file);
}

describe('no raw error text in the UI', () => {
  const sources = UI_FOLDERS.flatMap(files).map((file): [string, string] => [
    file,
    readFileSync(path.join(ROOT, file), 'utf8'),
  ]);

  it('finds the UI files, and would notice one that shows an error’s words', () => {
    expect(sources.length).toBeGreaterThan(40);
    expect(offenders([['x.tsx', "import { errorText } from '../../utils/shared/error-text';"]])).toEqual(['x.tsx']);
    expect(offenders([['y.tsx', 'setStatus(pageMessage(key, [error.message]));']])).toEqual(['y.tsx']);
  });

  it('has none', () => {
    expect(offenders(sources)).toEqual([]);
  });
});
