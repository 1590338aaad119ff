import { randomUUID } from 'node:crypto';

/** A complete, valid contract request as a browser would post it. */
export function validContractRequest(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    providerName: 'Rose City Family Clinic',
    taxonomyCode: '207Q00000X',
    phone: '(503) 555-0123',
    fax: '503.555.0199',
    email: 'office@rosecity.example',
    physicalStreet: '1200 SE Division St',
    physicalLine2: 'Suite 4',
    physicalCity: 'Portland',
    physicalState: 'OR',
    physicalZip: '97202',
    mailingStreet: 'PO Box 4410',
    mailingLine2: '',
    mailingCity: 'Portland',
    mailingState: 'OR',
    mailingZip: '97208-4410',
    npi: '1234567893',
    tin: '98-7654321',
    dmapId: 'ab12345',
    notes: 'We see <b>walk-ins</b> & "urgent" cases.',
    submissionKey: randomUUID(),
    ...overrides,
  };
}

export function toFormData(values: Record<string, string>): FormData {
  const formData = new FormData();
  for (const [name, value] of Object.entries(values)) formData.append(name, value);
  return formData;
}

/** The path a Server Action redirected to, or undefined if it returned normally. */
export async function redirectOf(run: () => Promise<unknown>): Promise<{ location?: string; result?: unknown }> {
  try {
    return { result: await run() };
  } catch (error) {
    const digest = (error as { digest?: string }).digest;
    if (typeof digest === 'string' && digest.startsWith('NEXT_REDIRECT')) return { location: digest.split(';')[2] };
    throw error;
  }
}
