// The clickjacking scenarios of issue 8 for both browsers: a CDT page (lantern-widget-off.html with
// decoy.js, both in tests/fixtures/variants/) moves Coral's switch and save prompt over its own "Continue
// reading" card and makes
// them transparent or covers them with a picture that lets clicks through. A reader's real click on the
// card reaches Coral's control, and must change nothing; once the page lets go, the same control works.
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SCREENSHOT_DIR, waitFor } from './browsers.ts';
import {
  BRIDGE_SWITCH,
  boxText,
  clickControl,
  controlState,
  type OnPage,
  refusalText,
  saveButton,
  waitForControl,
  waitUntilStill,
} from './on-page.ts';
import { decodePng, differingShare } from './png.ts';
import { PATHS } from './server.ts';

export type DecoyMode = 'transparent' | 'cover' | 'restyle' | 'placed' | 'fake';

export const decoyPath = (mode: DecoyMode) => `${PATHS.decoyArticle}?decoy=${mode}`;

/** Playwright's and puppeteer's pages both evaluate a function with one argument in the page. */
export interface PageScript {
  evaluate<T, A>(fn: (arg: A) => T, arg: A): Promise<T>;
}

const SAVE = saveButton(/Save offline/);

/** The page has put Coral's boxes where it wants them (the fixture says so on <html>). */
export function decoyReady(page: PageScript): Promise<boolean> {
  return waitFor(
    () => page.evaluate(() => document.documentElement.dataset.decoy === 'ready', null),
    'the decoy page to trap both boxes',
  );
}

/** What the page's own hit test finds at a point: the click goes there. */
const hitAt = (page: PageScript, x: number, y: number) =>
  page.evaluate(([px, py]) => document.elementFromPoint(px, py)?.localName ?? null, [x, y] as const);

export interface DecoyChecks {
  /** The background's truth: is the bridge on (badge, popup or the settings the background keeps)? */
  bridgeOn(): Promise<boolean>;
  /** Whether anything was saved. */
  saved(): Promise<boolean>;
}

/**
 * Clicks "Continue reading" where it covers Coral's switch and save button, like a reader would (the
 * boxes stood still long enough), checks nothing changed and Coral said why inside its boxes; then
 * has the page let go and checks the same controls work with real clicks.
 */
export async function decoyClicksChangeNothing(
  page: PageScript,
  on: OnPage,
  checks: DecoyChecks,
  mode: 'transparent' | 'cover',
): Promise<void> {
  await decoyReady(page);
  await waitForControl(on, BRIDGE_SWITCH, (state) => !state.busy);
  await waitForControl(on, SAVE);
  for (const query of [BRIDGE_SWITCH, SAVE]) {
    // The page had the time to hold the box still: the strongest form of the trick.
    const { x, y } = await waitUntilStill(on, query, 1_000);
    assert.equal(await hitAt(page, x, y), query.box, `${mode}: the click on the card reaches Coral's ${query.box}`);
    await on.mouseClick(x, y);
    // Either Coral ignores the click and says so, or the click did what the page wanted.
    await waitFor(
      async () =>
        /covered or changed/.test(await refusalText(on, query.box)) ||
        (await controlState(on, BRIDGE_SWITCH))?.checked !== 'false' ||
        /Saving|Saved/.test(await boxText(on, 'coral-save-offer')),
      `${mode}: an answer to the click on ${query.box}`,
    );
    assert.equal((await controlState(on, BRIDGE_SWITCH))?.checked, 'false', `${mode}: the switch stays off`);
    assert.doesNotMatch(await boxText(on, 'coral-save-offer'), /Saving|Saved/, `${mode}: no save started`);
    assert.match(await refusalText(on, query.box), /covered or changed/, `${mode}: Coral says why, in its box`);
  }
  assert.equal(await checks.bridgeOn(), false, `${mode}: the bridge stays off`);
  assert.doesNotMatch(await boxText(on, 'coral-save-offer'), /Saving|Saved/, `${mode}: no save started`);
  assert.equal(await checks.saved(), false, `${mode}: nothing saved`);

  await page.evaluate(() => (window as unknown as { undecoy(): void }).undecoy(), null);
  await clickControl(on, BRIDGE_SWITCH);
  await waitForControl(on, BRIDGE_SWITCH, (state) => state.checked === 'true' && !state.busy);
  await waitFor(() => checks.bridgeOn(), 'the untouched switch turned the bridge on');
  await clickControl(on, SAVE);
  await waitFor(async () => /Saved/.test(await boxText(on, 'coral-save-offer')), 'the untouched prompt saved');
  assert.equal(await checks.saved(), true);
}

/** A page that hides Coral's switch and shows its own saying On: the background's truth stays Off. */
export async function fakeSwitchChangesNothing(page: PageScript, checks: DecoyChecks): Promise<void> {
  await decoyReady(page);
  const fake = await page.evaluate(() => document.getElementById('fake-switch')?.textContent ?? '', null);
  assert.match(fake, /Use a bridge to reach CDT.*On/, 'the page shows its fake switch');
  assert.equal(await checks.bridgeOn(), false, 'the badge and the popup still say Off');
}

export interface Clip {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Coral's boxes as the page `mode` leaves them, as pixels: each box, once it stood still, cut out of a
 * screenshot of the page.
 */
export async function boxPixels(
  page: PageScript,
  on: OnPage,
  shot: (clip: Clip) => Promise<Uint8Array>,
): Promise<Uint8Array[]> {
  await decoyReady(page);
  const pictures: Uint8Array[] = [];
  for (const query of [BRIDGE_SWITCH, SAVE]) {
    await waitForControl(on, query, (state) => !state.busy);
    await waitUntilStill(on, query, 300);
    const clip = await page.evaluate((name) => {
      const rect = document.querySelector(name)?.getBoundingClientRect();
      return rect && { x: rect.left, y: rect.top, width: rect.width, height: rect.height };
    }, query.box);
    assert.ok(clip && clip.width > 0 && clip.height > 0, `${query.box} is on the page`);
    pictures.push(await shot(clip));
  }
  return pictures;
}

/**
 * Asserts two sets of box pictures show the same thing (up to anti-aliasing noise: at most 1% of the
 * pixels differ by more than a little); on a difference, keeps both under .tmp/screenshots.
 */
export async function assertSamePictures(expected: Uint8Array[], actual: Uint8Array[], what: string): Promise<void> {
  for (const [index, picture] of expected.entries()) {
    const other = actual[index] ?? new Uint8Array();
    if (other.length > 0 && differingShare(decodePng(picture), decodePng(other)) <= 0.01) continue;
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    await writeFile(path.join(SCREENSHOT_DIR, `${what}-${index}-expected.png`), picture);
    await writeFile(path.join(SCREENSHOT_DIR, `${what}-${index}-actual.png`), other);
    assert.fail(`${what}: box ${index} looks different (both kept in ${SCREENSHOT_DIR})`);
  }
}
