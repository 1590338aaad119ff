/**
 * NPI check digit: the Luhn formula over the NPI prefixed with 80840 (the card issuer prefix for US health
 * identifiers), per the CMS NPI standard. 1234567893 is valid, 1234567890 is not.
 */
export function hasValidNpiCheckDigit(npi: string): boolean {
  if (!/^\d{10}$/.test(npi)) return false;
  const digits = `80840${npi}`;
  let sum = 0;
  for (let index = digits.length - 1, double = false; index >= 0; index--, double = !double) {
    let digit = digits.charCodeAt(index) - 48;
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** People paste NPIs with spaces or dashes; the digits are what count. */
export function normalizeNpi(value: string): string {
  return value.replace(/[\s-]/g, '');
}
