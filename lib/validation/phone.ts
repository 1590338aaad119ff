import { parsePhoneNumberFromString, type MetadataJson } from 'libphonenumber-js/core';
import usMetadata from './phone-metadata.json';

/**
 * US phone numbers, with libphonenumber-js and its metadata cut down to the US and its territories
 * (scripts/generate-phone-metadata.mjs), so the browser can run the same rule as the server cheaply.
 */
const metadata = usMetadata as unknown as MetadataJson;

/** The number if it is a valid US (or territory) phone number. */
export function parseUsPhone(value: string) {
  const phone = parsePhoneNumberFromString(value.trim(), 'US', metadata);
  return phone && phone.isValid() ? phone : undefined;
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
