const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;

/** A size as people read it, in the chat's language: `5 MB`, `5 MB` in German, `٥ ميغابايت` in Arabic. */
export function formatBytes(bytes: number, lang: string | undefined): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  try {
    return new Intl.NumberFormat(lang, {
      style: 'unit',
      unit: UNITS[unit],
      unitDisplay: 'short',
      maximumFractionDigits: 1,
    }).format(value);
  } catch {
    // An unknown tag: the reader still gets a number and a unit.
    return `${Math.round(value * 10) / 10} ${['B', 'kB', 'MB', 'GB'][unit]}`;
  }
}
