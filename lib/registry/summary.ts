/**
 * What GET /api/npi/<npi> answers, and the form's registry panel shows: browser-safe types only, so the form's
 * JavaScript carries none of the server's look-up.
 */
export type NpiSummary =
  | {
      status: 'found' | 'deactivated';
      npi: string;
      enumerationType: 'INDIVIDUAL' | 'ORGANIZATION';
      /** As the registry holds it, in capitals. */
      name: string;
      /** The primary specialty; `isKnown` when our NUCC code set has it, so the form may choose it. */
      specialty?: { code: string; desc: string; isKnown: boolean };
      /** The practice (LOCATION) address. */
      address?: { street: string; line2?: string; city: string; state: string; zip: string };
    }
  | { status: 'not-found'; npi: string }
  /** The registry could not be asked (down, slow, off), or this client asked too often. */
  | { status: 'unavailable'; npi: string };
