import * as z from 'zod/mini';
import { addressShape, checkAddress } from '@/lib/validation/address-fields';
import {
  checkbox,
  emailAddress,
  npiField,
  optionalFormattedLine,
  optionalText,
  requiredLine,
  tinField,
  usFaxField,
  usPhoneField,
} from '@/lib/validation/fields';

/** The new contract request form. Used by the browser (zodResolver) and by submitContractRequest. */

/** Longer than any NUCC name with its code. */
const MAX_SPECIALTY_LABEL = 300;

export const contractRequestSchema = z
  .object({
    providerName: requiredLine('Enter the provider or clinic name', 200, 'Provider or clinic name must be 200 characters or fewer'),
    // A code (the combobox) or a label of the no-JS select: the server maps it to a code of the set (postedSpecialtyCode).
    taxonomyCode: z.string('Choose a specialty from the list').check(
      z.trim(),
      z.refine((value) => value.length > 0 && value.length <= MAX_SPECIALTY_LABEL, 'Choose a specialty from the list'),
    ),
    phone: usPhoneField('Enter a phone number'),
    fax: usFaxField(),
    email: emailAddress('Enter an e-mail address'),
    ...addressShape('physical'),
    ...addressShape('mailing'),
    npi: npiField('Enter the NPI'),
    tin: tinField('Enter the TIN'),
    dmapId: optionalFormattedLine({
      invalid: 'The DMAP ID is up to 12 letters and digits',
      isValid: (value) => /^[A-Za-z0-9]{1,12}$/.test(value),
      normalize: (value) => value.toUpperCase(),
    }),
    dmapPending: checkbox,
    notes: optionalText(2000, 'Anything else must be 2,000 characters or fewer'),
  })
  .check(
    z.superRefine(
      (form, ctx) => {
        checkAddress(form, 'physical', { isPhysical: true }, ctx);
        checkAddress(form, 'mailing', { which: 'mailing ', isOptional: true }, ctx);
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
      },
      { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
    ),
  );

export type ContractRequestForm = z.input<typeof contractRequestSchema>;
export type ContractRequestInput = z.output<typeof contractRequestSchema>;
export type ContractRequestField = keyof ContractRequestForm;

export const CONTRACT_REQUEST_FIELDS = Object.keys(contractRequestSchema.shape) as ContractRequestField[];
