import * as z from 'zod/mini';
import { CONTRACT_REQUEST_FIELDS, contractRequestSchema } from '@/lib/intake/contract-request/schema';

/** What a plain form post gives the Server Action: every field, as a string ('' when left blank). */
const validPost = (): Record<string, string> => ({
  providerName: 'Rose City Family Clinic',
  taxonomyCode: '207Q00000X',
  phone: '(503) 555-0123',
  fax: '',
  email: 'office@rosecity.example',
  physicalStreet: '123 SW Main St',
  physicalLine2: 'Suite 400',
  physicalCity: 'Portland',
  physicalState: 'OR',
  physicalZip: '97201',
  mailingStreet: '',
  mailingLine2: '',
  mailingCity: '',
  mailingState: '',
  mailingZip: '',
  npi: '1234567893',
  tin: '12-3456789',
  dmapId: '',
  dmapPending: 'on',
  notes: '',
});

function fieldErrors(input: Record<string, unknown>): Record<string, string[] | undefined> {
  const result = contractRequestSchema.safeParse(input);
  if (result.success) throw new Error(`expected the form to be refused, it parsed: ${JSON.stringify(result.data)}`);
  return z.flattenError(result.error).fieldErrors as Record<string, string[] | undefined>;
}

function parsed(input: Record<string, unknown>) {
  const result = contractRequestSchema.safeParse(input);
  if (!result.success) throw new Error(`expected the form to parse: ${JSON.stringify(z.flattenError(result.error).fieldErrors)}`);
  return result.data;
}

describe('contractRequestSchema: a valid post', () => {
  it('lists every field the form posts', () => {
    expect([...CONTRACT_REQUEST_FIELDS].sort()).toEqual(Object.keys(validPost()).sort());
  });

  it('parses and normalizes what was typed', () => {
    const data = parsed({
      ...validPost(),
      providerName: '  Rose City Family Clinic  ',
      phone: '503.555.0123',
      fax: '+1 503 555 0199',
      npi: '123 456 7893',
      tin: '123-45-6789',
      dmapId: ' AB1234 ',
      dmapPending: '',
      notes: '  Open Saturdays.  ',
    });
    expect(data).toEqual({
      providerName: 'Rose City Family Clinic',
      taxonomyCode: '207Q00000X',
      phone: '+15035550123',
      fax: '+15035550199',
      email: 'office@rosecity.example',
      physicalStreet: '123 SW Main St',
      physicalLine2: 'Suite 400',
      physicalCity: 'Portland',
      physicalState: 'OR',
      physicalZip: '97201',
      npi: '1234567893',
      tin: '123456789',
      dmapId: 'AB1234',
      dmapPending: false,
      notes: 'Open Saturdays.',
    });
  });

  it('turns blank optional fields into undefined', () => {
    const data = parsed(validPost());
    expect(data.fax).toBeUndefined();
    expect(data.dmapId).toBeUndefined();
    expect(data.notes).toBeUndefined();
    expect(data.mailingStreet).toBeUndefined();
  });

  it.each([
    ['on', true],
    ['true', true],
    [true, true],
    ['', false],
    [false, false],
  ])('reads the DMAP pending checkbox %p as %p', (value, expected) => {
    expect(parsed({ ...validPost(), dmapId: 'AB1234', dmapPending: value }).dmapPending).toBe(expected);
  });

  it('reads an absent checkbox as not ticked', () => {
    const { dmapPending: _absent, ...post } = validPost();
    expect(parsed({ ...post, dmapId: 'AB1234' }).dmapPending).toBe(false);
  });

  it('accepts a ZIP+4 in any of its forms', () => {
    expect(parsed({ ...validPost(), physicalZip: '97201-1234' }).physicalZip).toBe('97201-1234');
    expect(parsed({ ...validPost(), physicalZip: '972011234' }).physicalZip).toMatch(/^97201-?1234$/);
  });
});

describe('contractRequestSchema: provider name', () => {
  it('is required', () => {
    expect(fieldErrors({ ...validPost(), providerName: '' }).providerName).toEqual(['Enter the provider or clinic name']);
    expect(fieldErrors({ ...validPost(), providerName: '   ' }).providerName).toEqual(['Enter the provider or clinic name']);
  });

  it('is at most 200 characters', () => {
    expect(parsed({ ...validPost(), providerName: 'A'.repeat(200) }).providerName).toHaveLength(200);
    expect(fieldErrors({ ...validPost(), providerName: 'A'.repeat(201) }).providerName).toEqual([
      'Provider or clinic name must be 200 characters or fewer',
    ]);
  });

  it.each([
    ['a line feed', 'Rose City\nClinic'],
    ['a header injection', 'Rose City Clinic\r\nBcc: x@y.z'],
    ['a tab', 'Rose\tCity'],
    ['a NUL', 'Rose\u0000City'],
  ])('refuses %s', (_label, providerName) => {
    expect(fieldErrors({ ...validPost(), providerName }).providerName).toEqual(['Use a single line, without line breaks']);
  });
});

describe('contractRequestSchema: contact', () => {
  it('needs a phone number, a US one', () => {
    expect(fieldErrors({ ...validPost(), phone: '' }).phone).toEqual(['Enter a phone number']);
    expect(fieldErrors({ ...validPost(), phone: '555-0123' }).phone).toEqual(['Enter a US phone number, like (503) 555-0123']);
    expect(fieldErrors({ ...validPost(), phone: '+44 20 7946 0958' }).phone).toEqual(['Enter a US phone number, like (503) 555-0123']);
  });

  it('checks a fax only when one is given', () => {
    expect(fieldErrors({ ...validPost(), fax: '123' }).fax).toEqual(['Enter a US fax number, like (503) 555-0123']);
  });

  it('needs an e-mail address in the right format', () => {
    expect(fieldErrors({ ...validPost(), email: '' }).email).toEqual(['Enter an e-mail address']);
    expect(fieldErrors({ ...validPost(), email: 'office at rosecity' }).email).toEqual([
      'Enter an e-mail address in the right format, like name@example.com',
    ]);
  });

  it('refuses an e-mail address carrying a line break (header injection)', () => {
    const errors = fieldErrors({ ...validPost(), email: 'office@rosecity.example\nBcc: x@y.z' });
    expect(errors.email).toContain('Use a single line, without line breaks');
    expect(Object.keys(errors)).toEqual(['email']);
  });

  it('refuses an e-mail address over 254 characters', () => {
    expect(fieldErrors({ ...validPost(), email: `${'a'.repeat(250)}@b.org` }).email).toContain(
      'E-mail address must be 254 characters or fewer',
    );
  });

  it('needs a specialty: a code from the combobox or a label from the no-JS select (the server checks it is in the set)', () => {
    expect(fieldErrors({ ...validPost(), taxonomyCode: '' }).taxonomyCode).toEqual(['Choose a specialty from the list']);
    expect(fieldErrors({ ...validPost(), taxonomyCode: '   ' }).taxonomyCode).toEqual(['Choose a specialty from the list']);
    expect(fieldErrors({ ...validPost(), taxonomyCode: 'x'.repeat(301) }).taxonomyCode).toEqual(['Choose a specialty from the list']);
    expect(contractRequestSchema.safeParse({ ...validPost(), taxonomyCode: 'Family Medicine' }).success).toBe(true);
  });
});

describe('contractRequestSchema: NPI and TIN', () => {
  it('needs an NPI', () => {
    expect(fieldErrors({ ...validPost(), npi: '' }).npi).toEqual(['Enter the NPI']);
  });

  it('needs 10 digits', () => {
    expect(fieldErrors({ ...validPost(), npi: '12345' }).npi).toEqual(['Enter the 10-digit NPI']);
    expect(fieldErrors({ ...validPost(), npi: '12345678AB' }).npi).toEqual(['Enter the 10-digit NPI']);
  });

  it('checks the NPI check digit', () => {
    expect(fieldErrors({ ...validPost(), npi: '1234567890' }).npi).toEqual(['This NPI is not valid: check the digits']);
  });

  it('needs a TIN', () => {
    expect(fieldErrors({ ...validPost(), tin: '' }).tin).toEqual(['Enter the TIN']);
  });

  it.each(['12-345678', '12-34567AB', '000000000'])('refuses the TIN %p', (tin) => {
    expect(fieldErrors({ ...validPost(), tin }).tin).toEqual(['Enter the 9-digit TIN, like 12-3456789']);
  });
});

describe('contractRequestSchema: physical address', () => {
  const poBoxMessage = 'Enter the street address where care is given: a PO Box is not a physical address';

  it.each(['PO Box 12', 'P.O. Box 5', 'General Delivery'])('refuses the PO Box %p as the physical street', (physicalStreet) => {
    expect(fieldErrors({ ...validPost(), physicalStreet }).physicalStreet).toEqual([poBoxMessage]);
  });

  it('refuses a PO Box in the physical address line 2', () => {
    expect(fieldErrors({ ...validPost(), physicalLine2: 'PO Box 12' }).physicalLine2).toEqual([poBoxMessage]);
  });

  it('needs each part of the physical address', () => {
    const errors = fieldErrors({ ...validPost(), physicalStreet: '', physicalCity: '', physicalState: '', physicalZip: '' });
    expect(errors.physicalStreet).toEqual(['Enter the street address']);
    expect(errors.physicalCity).toEqual(['Enter the city']);
    expect(errors.physicalState).toEqual(['Choose the state']);
    expect(errors.physicalZip).toEqual(['Enter the ZIP code']);
    expect(errors.physicalLine2).toBeUndefined();
  });

  it('refuses an unknown state and a malformed ZIP', () => {
    const errors = fieldErrors({ ...validPost(), physicalState: 'XX', physicalZip: '9720' });
    expect(errors.physicalState).toEqual(['Choose a US state or territory from the list']);
    expect(errors.physicalZip).toEqual(['Enter a 5-digit ZIP code, or a ZIP+4 like 97201-1234']);
    expect(fieldErrors({ ...validPost(), physicalZip: 'ABCDE' }).physicalZip).toEqual([
      'Enter a 5-digit ZIP code, or a ZIP+4 like 97201-1234',
    ]);
  });

  it('refuses a line break in an address line', () => {
    expect(fieldErrors({ ...validPost(), physicalCity: 'Port\nland' }).physicalCity).toEqual(['Use a single line, without line breaks']);
  });
});

describe('contractRequestSchema: mailing address', () => {
  const mailing = { mailingStreet: 'PO Box 12', mailingLine2: '', mailingCity: 'Portland', mailingState: 'OR', mailingZip: '97207' };

  it('allows a PO Box', () => {
    const data = parsed({ ...validPost(), ...mailing });
    expect(data.mailingStreet).toBe('PO Box 12');
    expect(data.mailingZip).toBe('97207');
  });

  it('all blank means the same as the physical address', () => {
    const data = parsed({ ...validPost(), mailingStreet: '  ', mailingLine2: '', mailingCity: ' ', mailingState: '', mailingZip: '' });
    for (const part of ['mailingStreet', 'mailingLine2', 'mailingCity', 'mailingState', 'mailingZip'] as const) {
      expect(data[part]).toBeUndefined();
    }
  });

  it('partly filled names each missing part', () => {
    const errors = fieldErrors({ ...validPost(), mailingCity: 'Salem' });
    expect(errors).toEqual({
      mailingStreet: ['Enter the mailing street address, or leave the whole mailing address blank'],
      mailingState: ['Choose the mailing state, or leave the whole mailing address blank'],
      mailingZip: ['Enter the mailing ZIP code, or leave the whole mailing address blank'],
    });
  });

  it('only line 2 filled in still counts as partly filled', () => {
    const errors = fieldErrors({ ...validPost(), mailingLine2: 'Attn: Billing' });
    expect(Object.keys(errors).sort()).toEqual(['mailingCity', 'mailingState', 'mailingStreet', 'mailingZip']);
  });
});

describe('contractRequestSchema: DMAP ID', () => {
  it('is required unless the enrollment is pending', () => {
    expect(fieldErrors({ ...validPost(), dmapId: '', dmapPending: '' }).dmapId).toEqual([
      'Enter the DMAP ID, or tick “My DMAP enrollment is pending”',
    ]);
    expect(parsed({ ...validPost(), dmapId: '', dmapPending: 'on' }).dmapId).toBeUndefined();
    expect(parsed({ ...validPost(), dmapId: 'AB12CD34EF56', dmapPending: '' }).dmapId).toBe('AB12CD34EF56');
  });

  it.each(['AB-1234', 'AB 1234', 'AB1234!', '<b>1</b>'])('refuses symbols: %p', (dmapId) => {
    expect(fieldErrors({ ...validPost(), dmapId }).dmapId).toContain('The DMAP ID is up to 12 letters and digits');
  });

  it('refuses more than 12 characters', () => {
    expect(fieldErrors({ ...validPost(), dmapId: 'AB12CD34EF567' }).dmapId).toContain('The DMAP ID is up to 12 letters and digits');
  });
});

describe('contractRequestSchema: notes', () => {
  it('accepts 2,000 characters and refuses 2,001', () => {
    expect(parsed({ ...validPost(), notes: 'x'.repeat(2000) }).notes).toHaveLength(2000);
    expect(fieldErrors({ ...validPost(), notes: 'x'.repeat(2001) }).notes).toEqual(['Anything else must be 2,000 characters or fewer']);
  });

  it('keeps line breaks, markup and emoji exactly as typed (escaping is the output’s job)', () => {
    const notes = '<script>alert(1)</script>\nOpen Saturdays 🩺👩🏽‍⚕️ & "late" hours';
    expect(parsed({ ...validPost(), notes }).notes).toBe(notes);
  });
});

describe('contractRequestSchema: several problems at once', () => {
  it('reports every problem in one pass, each on its own field', () => {
    const errors = fieldErrors({ ...validPost(), npi: '1234567890', dmapId: '', dmapPending: '', physicalCity: '', providerName: '' });
    expect(errors).toEqual({
      providerName: ['Enter the provider or clinic name'],
      npi: ['This NPI is not valid: check the digits'],
      dmapId: ['Enter the DMAP ID, or tick “My DMAP enrollment is pending”'],
      physicalCity: ['Enter the city'],
    });
  });

  it('puts each issue at the path of its field', () => {
    const result = contractRequestSchema.safeParse({ ...validPost(), tin: 'nope', mailingZip: '97201' });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((issue) => issue.path.join('.')).sort();
    expect(paths).toEqual(['mailingCity', 'mailingState', 'mailingStreet', 'tin']);
  });
});
