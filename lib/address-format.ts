/** How an address reads in e-mails and on staff pages: street, second line, then "City, ST 97201". */

export interface Address {
  street: string;
  line2?: string;
  city: string;
  state: string;
  zip: string;
}

export function formatAddress(address: Address): string {
  return [address.street, address.line2, `${address.city}, ${address.state} ${address.zip}`].filter(Boolean).join('\n');
}

/** A stored row keeps an address as prefixed columns: physicalStreet, physicalLine2, physicalCity… */
type StoredAddress<P extends string> = { [K in 'Street' | 'Line2' | 'City' | 'State' | 'Zip' as `${P}${K}`]: string | null };

/** The address a row holds under `prefix`, formatted; undefined when the row has none (no street). */
export function storedAddress<P extends string>(row: StoredAddress<P>, prefix: P): string | undefined {
  const columns = row as Record<string, string | null>;
  const column = (name: 'Street' | 'Line2' | 'City' | 'State' | 'Zip') => columns[`${prefix}${name}`] ?? '';
  const street = column('Street');
  if (!street) return undefined;
  return formatAddress({ street, line2: column('Line2') || undefined, city: column('City'), state: column('State'), zip: column('Zip') });
}
