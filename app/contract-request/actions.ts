'use server';

import { randomUUID } from 'node:crypto';
import { redirect } from 'next/navigation';
import { recordContractRequest } from '@/lib/db/contract-requests';
import { consumeLimit, limitMessage } from '@/lib/rate-limit';
import { fieldErrorsOf, formValues, SUBMISSION_KEY, type FormState } from '@/lib/forms';
import { findSpecialty } from '@/lib/taxonomy';
import { CONTRACT_REQUEST_FIELDS, contractRequestSchema, type ContractRequestField } from '@/lib/validation/contract-request';

export type ContractRequestFormState = FormState<ContractRequestField | 'submissionKey'>;


/** The new contract request form's Server Action: validates again, stores, enqueues the mail, redirects. */
export async function submitContractRequest(
  _previous: ContractRequestFormState,
  formData: FormData,
): Promise<ContractRequestFormState> {
  const values = formValues(formData, [...CONTRACT_REQUEST_FIELDS, 'submissionKey']);
  const parsed = contractRequestSchema.safeParse(values);
  const fieldErrors = parsed.success ? {} : fieldErrorsOf<ContractRequestField>(parsed.error);
  // The code set lives on the server; the browser only checks the code's shape.
  if (values.taxonomyCode && !fieldErrors.taxonomyCode && !findSpecialty(values.taxonomyCode.trim())) {
    fieldErrors.taxonomyCode = ['Choose a specialty from the list'];
  }
  if (!parsed.success || Object.keys(fieldErrors).length > 0) {
    return { status: 'invalid', fieldErrors, values };
  }
  if (!SUBMISSION_KEY.test(values.submissionKey)) {
    return {
      status: 'invalid',
      fieldErrors: {},
      values: { ...values, submissionKey: randomUUID() },
      formError: 'This form was missing its submission key. Check your answers and send it again.',
    };
  }

  const limit = await consumeLimit('contract-request');
  if (!limit.allowed) return { status: 'invalid', fieldErrors: {}, values, formError: limitMessage('contract-request', limit.retryAfterMinutes) };

  let reference: string;
  try {
    ({ reference } = await recordContractRequest(parsed.data, values.submissionKey));
  } catch (error) {
    const incident = randomUUID().slice(0, 8);
    console.error(`[contract-request] could not store a submission (incident ${incident}):`, (error as Error).message);
    return {
      status: 'invalid',
      fieldErrors: {},
      values,
      formError: `Sorry, we could not save your request just now. Nothing was lost from this page: please try again in a minute. If it keeps happening, quote incident ${incident}.`,
    };
  }
  redirect(`/contract-request/submitted/${reference}`);
}
