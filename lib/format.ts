import { parseUsPhone } from '@/lib/validation/phone';
import { todayInPacific } from '@/lib/validation/dates';

/**
 * How values read to people, in pages and e-mails alike: Oregon times and days, phone numbers, masked TINs,
 * addresses, yes or no. Display only: no rule here decides whether a value is valid (lib/validation does).
 * Safe to import in the browser.
 */

/** Made once: a formatter costs far more to make than to use (the export formats two times a row). */
const PACIFIC_TIME = new Intl.DateTimeFormat('en-US', { timeZone: 'America/Los_Angeles', dateStyle: 'long', timeStyle: 'short' });

/** `December 1, 2026 at 9:05 AM Pacific`: the plan works on Oregon time. */
export function pacificTime(date: Date): string {
  return `${PACIFIC_TIME.format(date)} Pacific`;
}

/**
 * pacificTime for a great many instants (the export's two a row): formats each hour once and writes its minutes in.
 * Oregon's offset from UTC is a whole number of hours, and changes only on an hour of UTC, so within an hour of UTC only
 * the minutes differ. Keeps the last hour it formatted, and a few hundred more.
 */
export function pacificTimes(): (date: Date) => string {
  let hours = new Map<number, [before: string, after: string] | null>();
  return (date) => {
    const time = date.getTime();
    const hour = Math.floor(time / 3_600_000);
    let parts = hours.get(hour);
    if (parts === undefined) {
      if (hours.size >= 500) hours = new Map();
      // `… at 9:00 AM Pacific`: the minutes are the first `:00`.
      const match = /^([^:]*):00(.*)$/.exec(pacificTime(new Date(hour * 3_600_000)));
      parts = match ? [match[1], match[2]] : null;
      hours.set(hour, parts);
    }
    if (!parts) return pacificTime(date);
    const minute = Math.floor(time / 60_000) % 60;
    return `${parts[0]}:${minute < 10 ? '0' : ''}${minute}${parts[1]}`;
  };
}

/** `December 1, 2026`: how a calendar day (YYYY-MM-DD) appears in pages, subjects and e-mails. */
export function formatCalendarDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day)).toLocaleDateString('en-US', { timeZone: 'UTC', dateStyle: 'long' });
}

/** The Oregon day an instant falls on, spelled like formatCalendarDate. */
export function pacificDay(date: Date): string {
  return formatCalendarDate(todayInPacific(date));
}

/** The shown form of a stored (E.164) phone number: (503) 555-0123. */
export function formatUsPhone(e164: string): string {
  // A plain US number is laid out directly: the export formats hundreds of thousands.
  const plain = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  if (plain) return `(${plain[1]}) ${plain[2]}-${plain[3]}`;
  return parseUsPhone(e164)?.formatNational() ?? e164;
}

/** `•••••6789`: the last four digits, the way pages and e-mails show a TIN. */
export function maskTin(last4: string): string {
  return `•••••${last4.slice(-4)}`;
}

/** A TIN in full, for the one audited reveal: `12-3456789`. */
export function formatTin(digits: string): string {
  return `${digits.slice(0, 2)}-${digits.slice(2)}`;
}

export const yesNo = (value: boolean) => (value ? 'Yes' : 'No');

export interface Address {
  street: string;
  line2?: string;
  city: string;
  state: string;
  zip: string;
}

/** Street, second line, then "City, ST 97201", one per line. */
export function formatAddress(address: Address): string {
  return [address.street, address.line2, `${address.city}, ${address.state} ${address.zip}`].filter(Boolean).join('\n');
}

/** A stored row keeps an address as prefixed columns: physicalStreet, physicalLine2, physicalCity… */
export type StoredAddress<P extends string> = { [K in 'Street' | 'Line2' | 'City' | 'State' | 'Zip' as `${P}${K}`]: string | null };

/** The address a row holds under `prefix`, formatted; undefined when the row has none (no street). */
export function storedAddress<P extends string>(row: StoredAddress<P>, prefix: P): string | undefined {
  const columns = row as Record<string, string | null>;
  const column = (name: 'Street' | 'Line2' | 'City' | 'State' | 'Zip') => columns[`${prefix}${name}`] ?? '';
  const street = column('Street');
  if (!street) return undefined;
  return formatAddress({ street, line2: column('Line2') || undefined, city: column('City'), state: column('State'), zip: column('Zip') });
}
