import * as z from 'zod/mini';
import { isPoBox, isUsStateCode, isZip } from './address';
import { optionalLine } from './fields';

/**
 * The five address inputs every form names `<prefix>Street`, `<prefix>Line2`, `<prefix>City`, `<prefix>State`,
 * `<prefix>Zip`, and the one rule that checks them together.
 */

export const ADDRESS_PARTS = ['Street', 'Line2', 'City', 'State', 'Zip'] as const;
export type AddressPart = (typeof ADDRESS_PARTS)[number];

const LIMITS: Record<AddressPart, [max: number, label: string]> = {
  Street: [200, 'Street address'],
  Line2: [200, 'Address line 2'],
  City: [100, 'City'],
  State: [2, 'State'],
  Zip: [10, 'ZIP code'],
};

/** The schema shape of one address: each part an optional trimmed line; `checkAddress` decides what is required. */
export function addressShape<Prefix extends string>(prefix: Prefix) {
  return Object.fromEntries(
    ADDRESS_PARTS.map((part) => {
      const [max, label] = LIMITS[part];
      return [`${prefix}${part}`, optionalLine(max, `${label} must be ${max} characters or fewer`)];
    }),
  ) as Record<`${Prefix}${AddressPart}`, ReturnType<typeof optionalLine>>;
}

export interface AddressRule {
  /** 'mailing ' or 'new ': put before "street address", "city" … in the messages. */
  which?: string;
  /** All blank is allowed (meaning "none" or "same as the other one"); partly filled names each missing part. */
  isOptional?: boolean;
  /** Where care is given: a PO Box is refused. */
  isPhysical?: boolean;
}

/** Adds an issue for each missing or malformed part of the address named by `prefix`. */
export function checkAddress(form: Record<string, unknown>, prefix: string, rule: AddressRule, ctx: z.core.$RefinementCtx<unknown>): void {
  const { which = '', isOptional = false, isPhysical = false } = rule;
  const value = (part: AddressPart) => {
    const raw = form[`${prefix}${part}`];
    return typeof raw === 'string' ? raw.trim() : '';
  };
  const issue = (part: AddressPart, message: string) =>
    ctx.addIssue({ code: 'custom', path: [`${prefix}${part}`], message, input: undefined });
  if (isOptional && ADDRESS_PARTS.every((part) => value(part) === '')) return;
  const orBlank = isOptional ? `, or leave the whole ${which}address blank` : '';
  if (value('Street') === '') issue('Street', `Enter the ${which}street address${orBlank}`);
  else if (isPhysical && (isPoBox(value('Street')) || isPoBox(value('Line2'))))
    issue(
      isPoBox(value('Street')) ? 'Street' : 'Line2',
      'Enter the street address where care is given: a PO Box is not a physical address',
    );
  if (value('City') === '') issue('City', `Enter the ${which}city${orBlank}`);
  if (value('State') === '') issue('State', `Choose the ${which}state${orBlank}`);
  else if (!isUsStateCode(value('State'))) issue('State', 'Choose a US state or territory from the list');
  if (value('Zip') === '') issue('Zip', `Enter the ${which}ZIP code${orBlank}`);
  else if (!isZip(value('Zip'))) issue('Zip', 'Enter a 5-digit ZIP code, or a ZIP+4 like 97201-1234');
}
