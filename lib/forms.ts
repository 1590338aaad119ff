import * as z from 'zod/mini';

/** What a form's Server Action answers when it does not redirect: field errors and everything that was typed. */
export type FormState<Field extends string> =
  | { status: 'idle' }
  | {
      status: 'invalid';
      fieldErrors: Partial<Record<Field, string[]>>;
      values: Partial<Record<Field, string>>;
      /** A problem that is not one field's, for example a form that is too old. */
      formError?: string;
    };

/** Reads the named fields of a posted form as strings ('' when absent). Files and repeated names are not expected. */
export function formValues<Field extends string>(formData: FormData, fields: readonly Field[]): Record<Field, string> {
  return Object.fromEntries(
    fields.map((field) => {
      const value = formData.get(field);
      return [field, typeof value === 'string' ? value : ''];
    }),
  ) as Record<Field, string>;
}

/** Each issue's message under its dotted path (`npi`, `people.2.email`): the names the form's inputs carry. */
export function fieldErrorsOf<Field extends string>(error: z.core.$ZodError): Partial<Record<Field, string[]>> {
  const errors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const path = issue.path.join('.');
    (errors[path] ??= []).push(issue.message);
  }
  return errors as Partial<Record<Field, string[]>>;
}
