import { MAX_PEOPLE, PERSON_FIELDS, type ClinicEmailsForm } from '@/lib/validation/clinic-emails';

/** Reading the posted form: the fixed fields, and the rows `people.<n>.<field>` renumbered from 0 in order. */

const FIXED_FIELDS = ['clinicName', 'clinicNpi', 'clinicPhone', 'registrantName', 'registrantEmail', 'submissionKey'] as const;

export type FlatValues = Record<string, string>;

export function readRows(formData: FormData): FlatValues[] {
  const rows = new Map<number, FlatValues>();
  for (const [name, value] of formData.entries()) {
    const match = /^people\.(\d+)\.(\w+)$/.exec(name);
    if (!match || typeof value !== 'string' || !(PERSON_FIELDS as string[]).includes(match[2])) continue;
    const index = Number(match[1]);
    if (index >= MAX_PEOPLE * 2) continue;
    rows.set(index, { ...rows.get(index), [match[2]]: value });
  }
  return [...rows.entries()].sort(([a], [b]) => a - b).map(([, row]) => row);
}

export function readFixed(formData: FormData): FlatValues {
  return Object.fromEntries(
    FIXED_FIELDS.map((name) => {
      const value = formData.get(name);
      return [name, typeof value === 'string' ? value : ''];
    }),
  );
}

export function toFormInput(fixed: FlatValues, rows: FlatValues[]): ClinicEmailsForm {
  return {
    clinicName: fixed.clinicName,
    clinicNpi: fixed.clinicNpi,
    clinicPhone: fixed.clinicPhone,
    registrantName: fixed.registrantName,
    registrantEmail: fixed.registrantEmail,
    people: rows.map((row) => ({ fullName: row.fullName ?? '', jobTitle: row.jobTitle ?? '', email: row.email ?? '' })),
  };
}

/** Flattens rows back to the names the inputs carry, for the form shown again. */
export function flatten(fixed: FlatValues, rows: FlatValues[]): FlatValues {
  const flat: FlatValues = { ...fixed };
  rows.forEach((row, index) => {
    for (const field of PERSON_FIELDS) flat[`people.${index}.${field}`] = row[field] ?? '';
  });
  return flat;
}
