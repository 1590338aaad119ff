/**
 * TIN: an EIN typed as 12-3456789, or an individual's SSN (123-45-6789), or the bare 9 digits.
 * A TIN can be a Social Security number: outside the staff area it is only ever shown masked.
 */
const TIN_PATTERN = /^(?:\d{9}|\d{2}-\d{7}|\d{3}-\d{2}-\d{4})$/;

export function isTinFormat(value: string): boolean {
  return TIN_PATTERN.test(value.replace(/\s/g, '')) && normalizeTin(value) !== '000000000';
}

export function normalizeTin(value: string): string {
  return value.replace(/[\s-]/g, '');
}
