/**
 * Calendar dates as the forms take them: `2026-12-01` from a date input, or `12/1/2026` typed where the browser
 * has no date picker. Dates are plain calendar days, compared in Oregon time: the plan works on Pacific time.
 */

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const US = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** The ISO spelling (YYYY-MM-DD) of a real calendar date, or undefined (31 April, 2026-13-01, words). */
export function parseCalendarDate(value: string): string | undefined {
  const text = value.trim();
  const iso = ISO.exec(text);
  const us = iso ? undefined : US.exec(text);
  const [year, month, day] = iso ? [iso[1], iso[2], iso[3]] : us ? [us[3], us[1], us[2]] : [];
  if (!year) return undefined;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (date.getUTCFullYear() !== Number(year) || date.getUTCMonth() !== Number(month) - 1 || date.getUTCDate() !== Number(day)) {
    return undefined;
  }
  return date.toISOString().slice(0, 10);
}

/** Today's date in Oregon, YYYY-MM-DD. */
export function todayInPacific(now = new Date()): string {
  // en-CA formats as YYYY-MM-DD.
  return now.toLocaleDateString('en-CA', { timeZone: 'America/Los_Angeles' });
}

/** The same day `years` later or earlier (29 February becomes 28 February). */
export function addYears(isoDate: string, years: number): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  const shifted = new Date(Date.UTC(year + years, month - 1, day));
  if (shifted.getUTCMonth() !== month - 1) shifted.setUTCDate(0);
  return shifted.toISOString().slice(0, 10);
}

/** The calendar day `days` later (or earlier, when negative). */
export function addDays(isoDate: string, days: number): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** The instant an Oregon calendar day starts (midnight Pacific, standard or daylight time). */
export function startOfPacificDay(isoDate: string): Date {
  const [year, month, day] = isoDate.split('-').map(Number);
  const standard = new Date(Date.UTC(year, month - 1, day, 8)); // midnight PST
  const hour = Number(standard.toLocaleString('en-US', { timeZone: 'America/Los_Angeles', hour: 'numeric', hourCycle: 'h23' }));
  return hour === 1 ? new Date(standard.getTime() - 3_600_000) : standard; // 1 AM there: daylight time
}
