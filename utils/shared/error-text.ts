/**
 * The words of a thrown value (not always an Error: DOMException is, a string may be), for logs and
 * records only. The user is never shown them: failures reach the UI as codes, said in their language.
 */
export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));
