import * as z from 'zod/mini';
import { isPoBox, isUsStateCode, isZip } from './address';
import {
  checkbox,
  emailAddress,
  npiField,
  optionalFormattedLine,
  optionalLine,
  optionalText,
  requiredFormattedLine,
  requiredLine,
  usPhoneField,
} from './fields';
import { isUsPhone, toE164 } from './phone';
import { isTinFormat, normalizeTin } from './tin';

/** The new contract request form. Used by the browser (zodResolver) and by submitContractRequest. */

export const TAXONOMY_CODE = /^[0-9A-Z]{9}X$/;

const addressPart = (max: number, label: string) => optionalLine(max, `${label} must be ${max} characters or fewer`);

export const contractRequestSchema = z
  .object({
    providerName: requiredLine(
      'Enter the provider or clinic name',
      200,
      'Provider or clinic name must be 200 characters or fewer',
    ),
    taxonomyCode: z.string('Choose a specialty from the list').check(
      z.trim(),
      z.refine((value) => TAXONOMY_CODE.test(value), 'Choose a specialty from the list'),
    ),
    phone: usPhoneField('Enter a phone number'),
    fax: optionalFormattedLine({ invalid: 'Enter a US fax number, like (503) 555-0123', isValid: isUsPhone, normalize: toE164 }),
    email: emailAddress('Enter an e-mail address'),
    physicalStreet: addressPart(200, 'Street address'),
    physicalLine2: addressPart(200, 'Address line 2'),
    physicalCity: addressPart(100, 'City'),
    physicalState: addressPart(2, 'State'),
    physicalZip: addressPart(10, 'ZIP code'),
    mailingStreet: addressPart(200, 'Street address'),
    mailingLine2: addressPart(200, 'Address line 2'),
    mailingCity: addressPart(100, 'City'),
    mailingState: addressPart(2, 'State'),
    mailingZip: addressPart(10, 'ZIP code'),
    npi: npiField('Enter the NPI'),
    tin: requiredFormattedLine({
      missing: 'Enter the TIN',
      invalid: 'Enter the 9-digit TIN, like 12-3456789',
      isValid: isTinFormat,
      normalize: normalizeTin,
    }),
    dmapId: optionalFormattedLine({
      invalid: 'The DMAP ID is up to 12 letters and digits',
      isValid: (value) => /^[A-Za-z0-9]{1,12}$/.test(value),
      normalize: (value) => value.toUpperCase(),
    }),
    dmapPending: checkbox,
    notes: optionalText(2000, 'Anything else must be 2,000 characters or fewer'),
  })
  .check(
    z.superRefine((form, ctx) => {
      checkAddress(form, 'physical', true, ctx);
      checkAddress(form, 'mailing', false, ctx);
      // Runs even when other fields failed, so every error shows at once; dmapId is then raw or undefined.
      const dmapId = typeof form.dmapId === 'string' ? form.dmapId.trim() : '';
      if (dmapId === '' && !form.dmapPending) {
        ctx.addIssue({
          code: 'custom',
          path: ['dmapId'],
          message: 'Enter the DMAP ID, or tick “My DMAP enrollment is pending”',
          input: form.dmapId,
        });
      }
    }, { when: (payload) => typeof payload.value === 'object' && payload.value !== null }),
  );

type AddressPrefix = 'physical' | 'mailing';
type AddressParts = Partial<Record<`${AddressPrefix}${'Street' | 'Line2' | 'City' | 'State' | 'Zip'}`, unknown>>;

/**
 * The physical address is required and may not be a PO Box. The mailing address is all or nothing:
 * all blank means "same as physical", partly filled names each missing field.
 */
function checkAddress(form: AddressParts, prefix: AddressPrefix, isRequired: boolean, ctx: z.core.$RefinementCtx<unknown>) {
  const value = (part: 'Street' | 'Line2' | 'City' | 'State' | 'Zip') => {
    const raw = form[`${prefix}${part}`];
    return typeof raw === 'string' ? raw.trim() : '';
  };
  const issue = (part: string, message: string) =>
    ctx.addIssue({ code: 'custom', path: [`${prefix}${part}`], message, input: undefined });
  const isBlank = ['Street', 'Line2', 'City', 'State', 'Zip'].every((part) => value(part as 'Street') === '');
  if (!isRequired && isBlank) return;
  const which = prefix === 'mailing' ? 'mailing ' : '';
  const orBlank = prefix === 'mailing' ? ', or leave the whole mailing address blank' : '';
  if (value('Street') === '') issue('Street', `Enter the ${which}street address${orBlank}`);
  else if (prefix === 'physical' && (isPoBox(value('Street')) || isPoBox(value('Line2'))))
    issue(isPoBox(value('Street')) ? 'Street' : 'Line2', 'Enter the street address where care is given: a PO Box is not a physical address');
  if (value('City') === '') issue('City', `Enter the ${which}city${orBlank}`);
  if (value('State') === '') issue('State', `Choose the ${which}state${orBlank}`);
  else if (!isUsStateCode(value('State'))) issue('State', 'Choose a US state or territory from the list');
  if (value('Zip') === '') issue('Zip', `Enter the ${which}ZIP code${orBlank}`);
  else if (!isZip(value('Zip'))) issue('Zip', 'Enter a 5-digit ZIP code, or a ZIP+4 like 97201-1234');
}

export type ContractRequestForm = z.input<typeof contractRequestSchema>;
export type ContractRequestInput = z.output<typeof contractRequestSchema>;
export type ContractRequestField = keyof ContractRequestForm;

export const CONTRACT_REQUEST_FIELDS = Object.keys(contractRequestSchema.shape) as ContractRequestField[];

