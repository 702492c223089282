// What a browser test needs that a machine may lack: a browser, root, the proxies. A test whose
// prerequisite is missing is reported as skipped with the reason, so the run counts and names it (a
// skipped describe() would hide its tests from node's counts). Under CI (`CI` set) the same test fails
// with the reason instead: a CI machine without them is misconfigured, and a skip would pass unnoticed.
import assert from 'node:assert/strict';
import { before as nodeBefore, test as nodeTest } from 'node:test';
import { findChrome, findFirefox } from './browsers.ts';

export function chromiumMissing(): string | undefined {
  return findChrome() ? undefined : 'no Chromium or Chrome found (set CHROME_PATH to its executable)';
}

export function firefoxMissing(): string | undefined {
  return findFirefox() ? undefined : 'no Firefox found (set FIREFOX_PATH to its executable)';
}

export interface Gated {
  /** The first missing prerequisite, if any. */
  missing: string | undefined;
  /** node:test's `test`, skipped (or, under CI, failed) with the reason when something is missing. */
  test(name: string, fn: () => Promise<void> | void): void;
  /** node:test's `before`, left out when something is missing: there is nothing to set up for. */
  before(fn: () => Promise<void> | void): void;
}

/** `test` and `before` for tests that need every one of `checks` to find nothing missing. */
export function needs(...checks: Array<() => string | undefined>): Gated {
  const missing = checks.map((check) => check()).find(Boolean);
  const onCi = Boolean(process.env.CI);
  return {
    missing,
    test(name, fn) {
      if (!missing) nodeTest(name, fn);
      else if (onCi) nodeTest(name, () => assert.fail(`missing on this CI machine: ${missing}`));
      else nodeTest(name, { skip: missing }, fn);
    },
    before(fn) {
      if (!missing) nodeBefore(fn);
    },
  };
}
