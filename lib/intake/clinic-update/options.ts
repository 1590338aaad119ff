/**
 * The clinic update form's choices and limits, without zod: the form imports these at render time, and the
 * schema (with zod) only after hydration (lib/validation/lazy-resolver.ts).
 */

export const CHANGE_KINDS = [
  'address',
  'phoneFax',
  'name',
  'hours',
  'acceptingPatients',
  'providerJoining',
  'providerLeaving',
  'tin',
  'other',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** The choices' words, in the order the form lists them. */
export const CHANGE_LABELS: Record<ChangeKind, string> = {
  address: 'Address',
  phoneFax: 'Phone or fax',
  name: 'Name',
  hours: 'Hours',
  acceptingPatients: 'Accepting new patients',
  providerJoining: 'A provider is joining',
  providerLeaving: 'A provider is leaving',
  tin: 'Tax ID (TIN)',
  other: 'Something else',
};

export const MAX_PROVIDERS = 20;
export type ProviderDirection = 'joining' | 'leaving';
export const PROVIDER_FIELDS = ['name', 'npi'] as const;
export type ProviderField = (typeof PROVIDER_FIELDS)[number];

/** The ticked changes, known ones only, each once, in the form's order. */
export function chosenChanges(value: unknown): ChangeKind[] {
  const ticked = new Set(Array.isArray(value) ? value : typeof value === 'string' ? [value] : []);
  return CHANGE_KINDS.filter((kind) => ticked.has(kind));
}
