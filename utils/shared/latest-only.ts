/**
 * Runs a slow query for the newest input only, one at a time: while one runs, later inputs replace each
 * other and the newest runs when it finishes. Search-as-you-type without a timer: typing never waits
 * for a debounce, and a slow search cannot pile up behind itself.
 */
export function latestOnly<I, O>(
  run: (input: I) => Promise<O>,
  onResult: (output: O, input: I, isLatest: boolean) => void,
  onError: (error: unknown) => void = () => {},
): (input: I) => void {
  let running = false;
  let next: { input: I } | null = null;
  let latest: I | undefined;

  const pump = () => {
    if (running || !next) return;
    const { input } = next;
    next = null;
    running = true;
    run(input)
      .then(
        (output) => onResult(output, input, Object.is(input, latest)),
        (error: unknown) => onError(error),
      )
      .finally(() => {
        running = false;
        pump();
      });
  };

  return (input) => {
    latest = input;
    next = { input };
    pump();
  };
}
