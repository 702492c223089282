// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { CAPTURE_SCRIPT, type InjectFile, runCapture } from '../../../utils/capture/run-capture';

const saved = { ok: true, id: 'a1', savedAt: 1, version: 1, changed: true };

describe('runCapture', () => {
  it('injects the capture script into the one frame and returns what it saved', async () => {
    const inject = vi.fn<InjectFile>(async () => [{ result: saved }]);
    expect(await runCapture(inject, 3, 5)).toEqual(saved);
    expect(inject).toHaveBeenCalledWith({ tabId: 3, frameIds: [5] }, CAPTURE_SCRIPT);
  });

  it('passes on the capture script’s own failure', async () => {
    const failed = { ok: false, error: 'too-large' };
    expect(await runCapture(async () => [{ result: failed }], 3, 0)).toEqual(failed);
  });

  it('turns a refused injection or a missing or malformed answer into a failure', async () => {
    const refused = await runCapture(
      async () => {
        throw new Error('Cannot access contents of the page');
      },
      3,
      0,
    );
    // A code only: the browser's English words never reach the user.
    expect(refused).toEqual({ ok: false, error: 'no-access' });
    for (const answer of [[], [{}], [{ result: 'ok' }], [{ result: { ok: true } }], [{ result: { ok: false } }]]) {
      expect(await runCapture(async () => answer, 3, 0)).toEqual({ ok: false, error: 'no-answer' });
    }
  });
});
