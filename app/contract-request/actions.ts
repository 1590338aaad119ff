'use server';

import { fieldErrorsOf, formValues, type FormState } from '@/lib/forms';
import { recordContractRequest } from '@/lib/intake/contract-request/record';
import { CONTRACT_REQUEST_FIELDS, contractRequestSchema, type ContractRequestInput } from '@/lib/intake/contract-request/schema';
import { submitPublicForm, type Parsed } from '@/lib/intake/public-submission';
import { findSpecialty } from '@/lib/taxonomy';

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
  const parsed = contractRequestSchema.safeParse(values);
  const fieldErrors = parsed.success ? {} : fieldErrorsOf(parsed.error);
  // The code set lives on the server; the browser only checks the code's shape.
  if (values.taxonomyCode && !fieldErrors.taxonomyCode && !findSpecialty(values.taxonomyCode.trim())) {
    fieldErrors.taxonomyCode = ['Choose a specialty from the list'];
  }
  return parsed.success && Object.keys(fieldErrors).length === 0 ? parsed : { success: false, fieldErrors };
}
