import {
  type ClickGuard,
  createClickGuard,
  type GuardEnvironment,
  type Refusal,
} from '../../utils/capture/click-guard';

type V2Init = IntersectionObserverInit & { trackVisibility: boolean; delay: number };
type V2Entry = IntersectionObserverEntry & { isVisible?: boolean };

/** IntersectionObserver v2 (Chrome): the browser itself says whether the host is drawn unobscured and unaltered. */
function observeVisibility(host: Element, callback: (visible: boolean) => void): (() => void) | null {
  if (!('isVisible' in IntersectionObserverEntry.prototype)) return null;
  const init: V2Init = { trackVisibility: true, delay: 100, threshold: [0, 1] };
  const observer = new IntersectionObserver((entries) => {
    for (const entry of entries as V2Entry[]) callback(entry.isIntersecting && entry.isVisible === true);
  }, init);
  observer.observe(host);
  // An entry comes only when the answer changes, and Chrome can miss the change back when a page undoes
  // an overlay in one step (the box then stays "covered" for good): observing afresh asks for the
  // current answer. Repeated "visible" answers do not restart the guard's 500 ms.
  const refresh = setInterval(() => {
    observer.unobserve(host);
    observer.observe(host);
  }, 250);
  return () => {
    clearInterval(refresh);
    observer.disconnect();
  };
}

/** Samples only while the host is in the viewport: off screen there is nothing to click and nothing to watch. */
function whileOnScreen(host: Element, ms: number, sample: () => void): () => void {
  let timer: ReturnType<typeof setInterval> | undefined;
  const observer = new IntersectionObserver(([entry]) => {
    clearInterval(timer);
    timer = entry?.isIntersecting ? setInterval(sample, ms) : undefined;
    sample();
  });
  observer.observe(host);
  return () => {
    clearInterval(timer);
    observer.disconnect();
  };
}

/**
 * Guards the activations of one of Coral's boxes on the page. `onRefused` shows the refusal inside the
 * box; untrusted (script-made) clicks are dropped without a word.
 */
export function guardBox(
  host: HTMLElement,
  box: () => Element,
  onRefused: (refusal: Refusal | null) => void,
): { allow(event: Event): boolean; stop(): void } {
  const env: GuardEnvironment = {
    doc: host.ownerDocument,
    now: () => performance.now(),
    observeVisibility,
    every: (ms, sample) => whileOnScreen(host, ms, sample),
  };
  const guard: ClickGuard = createClickGuard({ host, box }, env);
  return {
    allow(event) {
      const verdict = guard.check(event);
      if (verdict === 'untrusted') return false;
      onRefused(verdict);
      return verdict === null;
    },
    stop: () => guard.stop(),
  };
}
