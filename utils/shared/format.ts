// Numbers and dates as people read them, in the UI's language.

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

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/**
 * "1.2 GB", "356 kB", "10 MB": binary multiples (what file managers show), in the given language.
 * Messages built in code (save and backup errors) use the English default.
 */
export function formatBytes(bytes: number, locale = 'en'): string {
  let value = Math.max(bytes, 0);
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: UNITS[unit],
    unitDisplay: unit === 0 ? 'long' : 'short',
    maximumFractionDigits: value < 10 && unit > 0 ? 1 : 0,
  }).format(value);
}
