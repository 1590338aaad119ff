import { flattenRows, formValues, readRows, type FlatValues } from '@/lib/forms';
import {
  CHANGE_KINDS,
  chosenChanges,
  MAX_PROVIDERS,
  PROVIDER_FIELDS,
  SECTION_FIELDS,
  WHO_FIELDS,
  type ChangeKind,
  type ClinicUpdateForm,
  type ProviderDirection,
  type ProviderField,
} from '@/lib/intake/clinic-update/schema';

/** Reading the posted clinic update form, with or without JavaScript. */

type Rows = Array<Partial<Record<ProviderField, string>>>;

/** The one-value fields of the chosen sections (the provider lists are rows). */
const SECTION_LINES = CHANGE_KINDS.flatMap((kind) => SECTION_FIELDS[kind]).filter((name) => name !== 'joining' && name !== 'leaving');
const FIXED_FIELDS = [...WHO_FIELDS, ...SECTION_LINES, 'effectiveDate', 'notes', 'submissionKey'];

export interface PostedClinicUpdate {
  values: FlatValues;
  changes: ChangeKind[];
  /** The sections the page showed when it was sent: a change ticked without JavaScript has not been seen yet. */
  shown: ChangeKind[];
  rows: Record<ProviderDirection, Rows>;
  intent: string;
}

export function readClinicUpdate(formData: FormData): PostedClinicUpdate {
  return {
    values: formValues(formData, FIXED_FIELDS),
    changes: chosenChanges(formData.getAll('changes')),
    shown: chosenChanges(String(formData.get('shown') ?? '').split(' ')),
    rows: {
      joining: readRows(formData, 'joining', PROVIDER_FIELDS, MAX_PROVIDERS),
      leaving: readRows(formData, 'leaving', PROVIDER_FIELDS, MAX_PROVIDERS),
    },
    intent: String(formData.get('intent') ?? 'submit'),
  };
}

/** What the schema is given: the posted values, the ticked changes and the provider rows. */
export function toFormInput(posted: PostedClinicUpdate): ClinicUpdateForm {
  return {
    ...(posted.values as Record<string, string>),
    changes: posted.changes,
    joining: posted.rows.joining,
    leaving: posted.rows.leaving,
  } as ClinicUpdateForm;
}

/** Everything typed, under the names the inputs carry, for the form shown again. */
export function flatten(values: FlatValues, rows: Record<ProviderDirection, Rows>): FlatValues {
  return { ...values, ...flattenRows('joining', PROVIDER_FIELDS, rows.joining), ...flattenRows('leaving', PROVIDER_FIELDS, rows.leaving) };
}
