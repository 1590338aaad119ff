import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

/** The North American numbering plan regions that are the US, its states and territories. */
const US_REGIONS = new Set(['US', 'PR', 'GU', 'VI', 'AS', 'MP']);

function parseUsPhone(value: string) {
  const phone = parsePhoneNumberFromString(value.trim(), 'US');
  return phone && phone.isValid() && phone.country && US_REGIONS.has(phone.country) ? phone : undefined;
}

export function isUsPhone(value: string): boolean {
  return parseUsPhone(value) !== undefined;
}

/** E.164, the stored form: +15035550123. Call only on a value isUsPhone accepted. */
export function toE164(value: string): string {
  const phone = parseUsPhone(value);
  if (!phone) throw new Error('Not a US phone number');
  return phone.number;
}

/** The shown form: (503) 555-0123. */
export function formatUsPhone(e164: string): string {
  return parseUsPhone(e164)?.formatNational() ?? e164;
}
