/** The upload of the LEIE file (/staff/exclusions): where it posts and how large it may be (lib/request-preparation.ts lets it be that large). */
export const EXCLUSION_UPLOAD_PATH = '/staff/exclusions/upload';
/** The OIG's UPDATED.csv is about 15 MB; room to grow, and still a bound. */
export const MAX_EXCLUSION_UPLOAD_BYTES = 64 * 1024 * 1024;

/** Why an upload went nowhere, as /staff/exclusions?problem=… says it (codes only: the page owns the words). */
export const UPLOAD_PROBLEMS = {
  'no-file': 'Choose the LEIE file (UPDATED.csv) to load.',
  'too-large': 'That file is larger than 64 MB: it cannot be the LEIE file.',
  'not-loaded': 'The file could not be loaded just now. Nothing changed: try again in a minute.',
} as const;
export type UploadProblem = keyof typeof UPLOAD_PROBLEMS;
