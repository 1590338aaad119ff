import * as z from 'zod/mini';
import { hasValidNpiCheckDigit, normalizeNpi } from './npi';
import { isUsPhone, toE164 } from './phone';
import { isTinFormat, normalizeTin } from './tin';

/**
 * Building blocks shared by every form schema. zod/mini keeps the browser bundle small; the same
 * schemas run in the browser (zodResolver) and in the Server Actions.
 */

/** Control characters, newlines included: in a one-line field they are a mistake or a header-injection attempt. */
const SINGLE_LINE = /^[^\u0000-\u001f\u007f]*$/;
const SINGLE_LINE_MESSAGE = 'Use a single line, without line breaks';

const emptyToUndefined = (value: string) => (value === '' ? undefined : value);

export function requiredLine(missing: string, max: number, tooLong: string) {
  return z.string(missing).check(z.trim(), z.minLength(1, missing), z.maxLength(max, tooLong), z.regex(SINGLE_LINE, SINGLE_LINE_MESSAGE));
}

// The optional fields also accept undefined: a field the browser has not rendered is absent, not blank.
export function optionalLine(max: number, tooLong: string) {
  return z.optional(
    z.pipe(z.string().check(z.trim(), z.maxLength(max, tooLong), z.regex(SINGLE_LINE, SINGLE_LINE_MESSAGE)), z.transform(emptyToUndefined)),
  );
}

/** Several lines of free text, required. */
export function requiredText(missing: string, max: number, tooLong: string) {
  return z.string(missing).check(z.trim(), z.minLength(1, missing), z.maxLength(max, tooLong));
}

export function optionalText(max: number, tooLong: string) {
  return z.optional(z.pipe(z.string().check(z.trim(), z.maxLength(max, tooLong)), z.transform(emptyToUndefined)));
}

interface FormatRule {
  invalid: string;
  isValid: (value: string) => boolean;
  normalize?: (value: string) => string;
}

/** A required line that must pass `isValid`, normalized by `normalize` (an NPI, a phone number). */
export function requiredFormattedLine({ missing, invalid, isValid, normalize = (value) => value }: FormatRule & { missing: string }) {
  return z.pipe(
    z.string(missing).check(
      z.trim(),
      z.refine((value) => value !== '' && isValid(value), { error: (issue) => (issue.input === '' ? missing : invalid) }),
    ),
    z.transform(normalize),
  );
}

/** An optional line: blank gives undefined, anything else must pass `isValid`. */
export function optionalFormattedLine({ invalid, isValid, normalize = (value) => value }: FormatRule) {
  return z.optional(
    z.pipe(
      z.string().check(
        z.trim(),
        z.refine((value) => value === '' || isValid(value), invalid),
      ),
      z.transform((value) => (value === '' ? undefined : normalize(value))),
    ),
  );
}

export const emailAddress = (missing: string) =>
  z.string(missing).check(
    z.trim(),
    z.minLength(1, missing),
    z.maxLength(254, 'E-mail address must be 254 characters or fewer'),
    z.regex(SINGLE_LINE, SINGLE_LINE_MESSAGE),
    z.refine((value) => value === '' || EMAIL.test(value), 'Enter an e-mail address in the right format, like name@example.com'),
  );

/** The HTML living standard's e-mail pattern: what a browser's type=email accepts. */
const EMAIL =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+$/;

/** A checkbox: true from react-hook-form, 'on' from a plain form post, absent or '' when not ticked. */
export const checkbox = z.pipe(
  z.optional(z.union([z.boolean(), z.string()])),
  z.transform((value) => value === true || value === 'on' || value === 'true'),
);

/** An NPI: 10 digits (spaces and dashes ignored) with a valid check digit. */
export function npiField(missing: string) {
  return requiredFormattedLine({
    missing,
    invalid: 'Enter the 10-digit NPI',
    isValid: (value) => /^\d{10}$/.test(normalizeNpi(value)),
    normalize: normalizeNpi,
  }).check(z.refine(hasValidNpiCheckDigit, 'This NPI is not valid: check the digits'));
}

/** A US phone number in any usual spelling, stored in E.164. */
export function usPhoneField(missing: string, invalid = 'Enter a US phone number, like (503) 555-0123') {
  return requiredFormattedLine({ missing, invalid, isValid: isUsPhone, normalize: toE164 });
}

/** A TIN (EIN or SSN spelling), stored as its 9 digits. */
export function tinField(missing: string) {
  return requiredFormattedLine({
    missing,
    invalid: 'Enter the 9-digit TIN, like 12-3456789',
    isValid: isTinFormat,
    normalize: normalizeTin,
  });
}

/** An optional US fax number: blank gives undefined, anything else is stored in E.164. */
export function usFaxField(invalid = 'Enter a US fax number, like (503) 555-0123') {
  return optionalFormattedLine({ invalid, isValid: isUsPhone, normalize: toE164 });
}
