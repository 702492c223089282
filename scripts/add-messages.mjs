// Merges UI strings into public/_locales: node scripts/add-messages.mjs strings.json
// where strings.json is { "en": { "key": { "message": "…", "description": "…" } }, "zh_CN": {…}, "zh_TW": {…} }.
// Existing keys are replaced; every key must be given for all three locales so no language falls behind.
import { readFileSync, writeFileSync } from 'node:fs';

const LOCALES = ['en', 'zh_CN', 'zh_TW'];
const input = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const keys = new Set(LOCALES.flatMap((locale) => Object.keys(input[locale] ?? {})));
for (const locale of LOCALES) {
  for (const key of keys) {
    if (!input[locale]?.[key]?.message) throw new Error(`${locale} lacks "${key}"`);
  }
}
for (const locale of LOCALES) {
  const path = new URL(`../public/_locales/${locale}/messages.json`, import.meta.url);
  const messages = { ...JSON.parse(readFileSync(path, 'utf8')), ...input[locale] };
  writeFileSync(path, `${JSON.stringify(messages, null, 2)}\n`);
}
console.log(`${keys.size} keys merged into ${LOCALES.join(', ')}`);
