// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { scriptCpuMs } from '../../bench/script-cost';

const URL = 'chrome-extension://abc/content-scripts/cdt.js';
const event = (name: string, ts: number, dur: number, tdur: number | undefined, url = URL, tid = 1) => ({
  name,
  ph: 'X',
  tid,
  ts,
  dur,
  ...(tdur !== undefined && { tdur }),
  args: { data: { url } },
});

describe('scriptCpuMs', () => {
  it('sums the thread time of the script’s evaluation and callbacks, in ms', () => {
    const events = [event('EvaluateScript', 100, 3000, 2500), event('FunctionCall', 9000, 400, 300)];
    expect(scriptCpuMs(events, 'content-scripts/cdt.js')).toBeCloseTo(2.8);
  });

  it('does not count a callback run inside the evaluation twice', () => {
    const events = [event('FunctionCall', 500, 200, 200), event('EvaluateScript', 100, 3000, 2500)];
    expect(scriptCpuMs(events, 'content-scripts/cdt.js')).toBeCloseTo(2.5);
  });

  it('leaves out other scripts, other kinds of event, and uses wall time only when there is no thread time', () => {
    const events = [
      event('EvaluateScript', 100, 1000, 900, 'http://chinadigitaltimes.net/app.js'),
      event('EvaluateScript', 100, 1000, 900, 'chrome-extension://abc/capture.js'),
      { ...event('v8.compile', 100, 1000, 900), ph: 'X' },
      { ...event('EvaluateScript', 100, 1000, 900), ph: 'B' },
      event('FunctionCall', 5000, 700, undefined),
    ];
    expect(scriptCpuMs(events, 'content-scripts/cdt.js')).toBeCloseTo(0.7);
  });
});
