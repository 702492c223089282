/** What to tell the user about a failure: thrown values are not always Errors (DOMException is; a string may be). */
export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));
