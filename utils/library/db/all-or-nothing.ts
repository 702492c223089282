/** The part of an idb transaction that settles it: its completion, and a way to undo it. */
interface Settleable {
  readonly done: Promise<void>;
  abort(): void;
}

/**
 * Runs `work` inside `tx` and waits for the commit; if anything fails, aborts so that nothing of it is
 * kept, waits for the abort to settle, and rethrows. A request that throws synchronously does not abort
 * a transaction by itself, hence the explicit abort.
 */
export async function allOrNothing<T>(tx: Settleable, work: () => Promise<T>): Promise<T> {
  const done = tx.done;
  // Handled below; this only keeps an abort from being reported as an unhandled rejection meanwhile.
  done.catch(() => {});
  try {
    const result = await work();
    await done;
    return result;
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already aborted by the failing request, or already finished.
    }
    await done.catch(() => {});
    throw error;
  }
}
