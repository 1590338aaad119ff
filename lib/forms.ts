import * as z from 'zod/mini';

/** A form's values as the inputs carry them: `clinicName`, `people.2.email`. */
export type FlatValues = Record<string, string>;

/** Each field's errors under the name its input carries. */
export type FieldErrors = Record<string, string[] | undefined>;

/** A form shown again: everything that was typed, under the names the inputs carry, and what is wrong with it. */
interface ShownAgain {
  values: FlatValues;
  fieldErrors: FieldErrors;
  /** A problem that is not one field's, for example a form that is too old. */
  formError?: string;
  /** Said when the page shows new questions instead of sending. */
  notice?: string;
}

/**
 * What every public form's Server Action answers when it does not redirect. `invalid`: the form has errors;
 * `editing`: it is shown again without JavaScript (a row added, Continue). `Shown` is what else a form needs to
 * show itself again (the rows of a repeated group, the changes ticked).
 */
export type FormState<Shown extends object = object> =
  { status: 'idle' } | ({ status: 'invalid' } & ShownAgain & Shown) | ({ status: 'editing' } & ShownAgain & Shown);

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
export function fieldErrorsOf<Field extends string = string>(error: z.core.$ZodError): Partial<Record<Field, string[]>> {
  const errors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const path = issue.path.join('.');
    (errors[path] ??= []).push(issue.message);
  }
  return errors as Partial<Record<Field, string[]>>;
}

/** The one-time key every public form carries (a UUID from randomUUID), so a repeated post finds the first. */
export const SUBMISSION_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The rows of a repeated group posted as `<list>.<n>.<field>`, in order and renumbered from 0 (a row removed
 * without JavaScript leaves a gap). Indexes far beyond `max` are ignored, and so are numbers the form never writes
 * (`people.00.email`): read as row 0, they would silently replace its answer.
 */
export function readRows<Field extends string>(
  formData: FormData,
  list: string,
  fields: readonly Field[],
  max: number,
): Array<Partial<Record<Field, string>>> {
  const rows = new Map<number, Partial<Record<Field, string>>>();
  const pattern = new RegExp(`^${list}\\.(0|[1-9]\\d*)\\.(\\w+)$`);
  for (const [name, value] of formData.entries()) {
    const match = pattern.exec(name);
    if (!match || typeof value !== 'string' || !(fields as readonly string[]).includes(match[2])) continue;
    const index = Number(match[1]);
    if (index >= max * 2) continue;
    rows.set(index, { ...rows.get(index), [match[2]]: value });
  }
  return [...rows.entries()].sort(([a], [b]) => a - b).map(([, row]) => row);
}

/** Rows back to the names their inputs carry, for a form shown again. */
export function flattenRows(list: string, fields: readonly string[], rows: Array<Partial<Record<string, string>>>): FlatValues {
  const flat: FlatValues = {};
  rows.forEach((row, index) => {
    for (const field of fields) flat[`${list}.${index}.${field}`] = row[field] ?? '';
  });
  return flat;
}

/**
 * What a post says that the form cannot: a field sent more than once where the form has one (two NPIs: which is
 * meant?), and a value whose bytes were not valid UTF-8 (the parser turned them into U+FFFD) or that holds a NUL, which
 * no one types and PostgreSQL cannot store in text (it failed the insert, as if the database were down). Each is
 * refused with its own message under the field's name. `repeatable` names the fields that legitimately come many
 * times (check boxes).
 */
export function ambiguousFields(formData: FormData, repeatable: readonly string[] = []): FieldErrors {
  // A Map, then own properties: a field named `__proto__` set on a plain object would change its prototype instead.
  const errors = new Map<string, string[]>();
  const seen = new Set<string>();
  for (const [name, value] of formData.entries()) {
    if (name.startsWith('$ACTION')) continue; // Next's own fields for a post without JavaScript
    if (seen.has(name) && !repeatable.includes(name)) errors.set(name, ['This answer arrived twice. Check it, then send the form again.']);
    seen.add(name);
    if (typeof value === 'string' && (value.includes('\uFFFD') || value.includes('\u0000')) && !errors.has(name)) {
      errors.set(name, ['Part of this answer could not be read. Type it again, then send the form again.']);
    }
  }
  return Object.fromEntries(errors);
}
