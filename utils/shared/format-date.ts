/** A date (ms since epoch or ISO string) in the given locale; the input unchanged if it does not parse. */
export function formatDate(value: string | number, locale: string, withTime = false): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  const options: Intl.DateTimeFormatOptions = withTime
    ? { dateStyle: 'long', timeStyle: 'short' }
    : { dateStyle: 'long' };
  return new Intl.DateTimeFormat(locale, options).format(date);
}

/**
 * A date the page gave ("2019-07-10T20:00:00-07:00"), as the day the publisher wrote: not shifted into
 * the reader's time zone, which could turn it into the day after or before.
 */
export function formatPageDate(value: string, locale: string): string {
  const day = /^(\d{4}-\d{2}-\d{2})(?:[T ]|$)/.exec(value.trim())?.[1];
  const date = new Date(`${day}T00:00:00Z`);
  if (!day || Number.isNaN(date.getTime())) return formatDate(value, locale);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/** The value for a `<time datetime>` attribute, or undefined when the text is not a date. */
export function machineDate(value: string | number): string | undefined {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value.trim())) return value.trim();
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
