'use server';

import { fieldErrorsOf, formValues, type FormState } from '@/lib/forms';
import { recordContractRequest } from '@/lib/intake/contract-request/record';
import { CONTRACT_REQUEST_FIELDS, contractRequestSchema, type ContractRequestInput } from '@/lib/intake/contract-request/schema';
import { submitPublicForm, type Parsed } from '@/lib/intake/public-submission';
import { postedSpecialtyCode } from '@/lib/taxonomy';

export type ContractRequestFormState = FormState;

/** The new contract request form's Server Action: validates again, stores, enqueues the mail, redirects. */
export async function submitContractRequest(_previous: ContractRequestFormState, formData: FormData): Promise<ContractRequestFormState> {
  const values = formValues(formData, [...CONTRACT_REQUEST_FIELDS, 'submissionKey']);
  return submitPublicForm({
    kind: 'CONTRACT_REQUEST',
    shown: { values },
    parsed: parse(values),
    submissionKey: values.submissionKey,
    formData,
    record: recordContractRequest,
    destination: ({ reference }) => `/contract-request/submitted/${reference}`,
  });
}

function parse(values: Record<string, string>): Parsed<ContractRequestInput> {
  // The code set lives on the server; the browser only checks that a specialty was chosen. The no-JS select posts the
  // specialty's label, the combobox its code: either way the record gets the code.
  const taxonomyCode = values.taxonomyCode && postedSpecialtyCode(values.taxonomyCode);
  const parsed = contractRequestSchema.safeParse({ ...values, taxonomyCode: taxonomyCode || values.taxonomyCode });
  const fieldErrors = parsed.success ? {} : fieldErrorsOf(parsed.error);
  if (values.taxonomyCode && !fieldErrors.taxonomyCode && !taxonomyCode) {
    fieldErrors.taxonomyCode = ['Choose a specialty from the list'];
  }
  return parsed.success && Object.keys(fieldErrors).length === 0 ? parsed : { success: false, fieldErrors };
}
