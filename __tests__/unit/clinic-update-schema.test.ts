import { fieldErrorsOf } from '@/lib/forms';
import {
  CHANGE_KINDS,
  chosenChanges,
  clinicUpdateSchema,
  MAX_PROVIDERS,
  SECTION_FIELDS,
  type ChangeKind,
} from '@/lib/intake/clinic-update/schema';
import { hasValidNpiCheckDigit } from '@/lib/validation/npi';

/**
 * "Today" is fixed at 25 November 2026, 10:00 in Oregon, so the effective date's window is
 * 25 November 2025 to 25 November 2027.
 */
const NOW = new Date('2026-11-25T18:00:00Z');

beforeEach(() => {
  jest.useFakeTimers({ now: NOW });
});

afterEach(() => {
  jest.useRealTimers();
});

/** The questions always asked (who is sending, when), as the form gives them. */
const who = (): Record<string, unknown> => ({
  clinicName: 'Rose City Clinic',
  clinicNpi: '1234567893',
  tin: '98-7654321',
  senderName: 'Dana Sender',
  senderJobTitle: 'Office manager',
  senderEmail: 'dana@rosecity.example',
  senderPhone: '(503) 555-0100',
  effectiveDate: '2026-12-01',
  notes: '',
});

/** What the who-questions above become. */
const whoOutput = {
  clinicName: 'Rose City Clinic',
  clinicNpi: '1234567893',
  tin: '987654321',
  senderName: 'Dana Sender',
  senderJobTitle: 'Office manager',
  senderEmail: 'dana@rosecity.example',
  senderPhone: '+15035550100',
  effectiveDate: '2026-12-01',
};

const form = (changes: unknown, answers: Record<string, unknown> = {}): Record<string, unknown> => ({
  ...who(),
  changes,
  ...answers,
});

/** Valid answers for each change's section, as typed. */
const validAnswers: Record<ChangeKind, Record<string, unknown>> = {
  address: { newStreet: '456 NE Broadway', newLine2: 'Suite 200', newCity: 'Portland', newState: 'OR', newZip: '972011234' },
  phoneFax: { newPhone: '503-555-0199', newFax: '(503) 555-0198' },
  name: { newClinicName: '  Rose City Family Health  ' },
  hours: { newHours: 'Mon–Fri 8–5\nSat 9–12' },
  acceptingPatients: { acceptingNewPatients: 'yes' },
  providerJoining: { joining: [{ name: ' Dr. Ana Lopez ', npi: '198 765 4328' }] },
  providerLeaving: { leaving: [{ name: 'Dr. Sam Lee', npi: '1111-111-112' }] },
  tin: { newTin: '12-3456789' },
  other: { description: 'We now offer telehealth visits.' },
};

/** What each section's valid answers become in the output. */
const validOutput: Record<ChangeKind, Record<string, unknown>> = {
  address: { address: { street: '456 NE Broadway', line2: 'Suite 200', city: 'Portland', state: 'OR', zip: '97201-1234' } },
  phoneFax: { phone: '+15035550199', fax: '+15035550198' },
  name: { newClinicName: 'Rose City Family Health' },
  hours: { hours: 'Mon–Fri 8–5\nSat 9–12' },
  acceptingPatients: { acceptingNewPatients: true },
  providerJoining: { joining: [{ name: 'Dr. Ana Lopez', npi: '1987654328' }] },
  providerLeaving: { leaving: [{ name: 'Dr. Sam Lee', npi: '1111111112' }] },
  tin: { newTin: '123456789' },
  other: { description: 'We now offer telehealth visits.' },
};

const allAnswers = (): Record<string, unknown> => Object.assign({}, ...CHANGE_KINDS.map((kind) => validAnswers[kind]));

function errorsOf(input: unknown): Record<string, string[] | undefined> {
  const result = clinicUpdateSchema.safeParse(input);
  if (result.success) throw new Error(`expected the form to be refused, it parsed: ${JSON.stringify(result.data)}`);
  return fieldErrorsOf<string>(result.error);
}

function parsed(input: unknown) {
  const result = clinicUpdateSchema.safeParse(input);
  if (!result.success) throw new Error(`expected the form to parse: ${JSON.stringify(fieldErrorsOf(result.error))}`);
  return result.data;
}

/** A valid NPI built from nine digits: the check digit that makes it pass. */
function npiFrom(nine: string): string {
  for (let digit = 0; digit <= 9; digit++) if (hasValidNpiCheckDigit(`${nine}${digit}`)) return `${nine}${digit}`;
  throw new Error(`no check digit for ${nine}`);
}

const providers = (count: number) =>
  Array.from({ length: count }, (_, index) => ({ name: `Dr. Provider ${index + 1}`, npi: npiFrom(String(150000000 + index)) }));

const poBoxMessage = 'Enter the street address where care is given: a PO Box is not a physical address';
const zipMessage = 'Enter a 5-digit ZIP code, or a ZIP+4 like 97201-1234';
const tinMessage = 'Enter the 9-digit TIN, like 12-3456789';
const singleLine = 'Use a single line, without line breaks';

describe('clinicUpdateSchema: the lists', () => {
  it('lists the changes in the form’s order', () => {
    expect([...CHANGE_KINDS]).toEqual([
      'address',
      'phoneFax',
      'name',
      'hours',
      'acceptingPatients',
      'providerJoining',
      'providerLeaving',
      'tin',
      'other',
    ]);
    expect(MAX_PROVIDERS).toBe(20);
  });

  it('names the fields of each change’s section', () => {
    expect(SECTION_FIELDS).toEqual({
      address: ['newStreet', 'newLine2', 'newCity', 'newState', 'newZip'],
      phoneFax: ['newPhone', 'newFax'],
      name: ['newClinicName'],
      hours: ['newHours'],
      acceptingPatients: ['acceptingNewPatients'],
      providerJoining: ['joining'],
      providerLeaving: ['leaving'],
      tin: ['newTin'],
      other: ['description'],
    });
  });
});

describe('chosenChanges', () => {
  it.each([
    [
      ['other', 'address'],
      ['address', 'other'],
    ],
    [
      ['tin', 'name', 'tin', 'bogus'],
      ['name', 'tin'],
    ],
    ['hours', ['hours']],
    ['bogus', []],
    [false, []],
    [undefined, []],
    [[], []],
  ])('reads %p as %p', (value, expected) => {
    expect(chosenChanges(value)).toEqual(expected);
  });
});

describe('clinicUpdateSchema: each change on its own, answered', () => {
  it.each(CHANGE_KINDS.map((kind) => [kind]))('%s: keeps the who-questions and that change’s answers only', (kind) => {
    const data = parsed(form([kind], validAnswers[kind]));
    expect(data).toEqual({ ...whoOutput, changes: [kind], ...validOutput[kind] });
    expect(Object.keys(data).sort()).toEqual(Object.keys({ ...whoOutput, changes: [kind], ...validOutput[kind] }).sort());
  });

  it('address: a blank line 2 gives no line 2, and the ZIP is kept as typed when it is 5 digits or already ZIP+4', () => {
    const data = parsed(form(['address'], { ...validAnswers.address, newLine2: '  ', newZip: '97201' }));
    expect(data.address).toEqual({ street: '456 NE Broadway', city: 'Portland', state: 'OR', zip: '97201' });
    expect(data.address?.line2).toBeUndefined();
    expect(parsed(form(['address'], { ...validAnswers.address, newZip: '97201-1234' })).address?.zip).toBe('97201-1234');
  });

  it('address: trims each part', () => {
    const data = parsed(
      form(['address'], { newStreet: ' 1 Main St ', newLine2: ' Unit 3 ', newCity: ' Salem ', newState: ' OR ', newZip: ' 97301 ' }),
    );
    expect(data.address).toEqual({ street: '1 Main St', line2: 'Unit 3', city: 'Salem', state: 'OR', zip: '97301' });
  });

  it('phoneFax: the fax is optional', () => {
    const data = parsed(form(['phoneFax'], { newPhone: '(503) 555-0199', newFax: '' }));
    expect(data.phone).toBe('+15035550199');
    expect(data).not.toHaveProperty('fax');
    expect(parsed(form(['phoneFax'], { newPhone: '5035550199' }))).not.toHaveProperty('fax');
  });

  it.each([
    ['yes', true],
    ['no', false],
  ])('acceptingPatients: %p gives %p', (answer, expected) => {
    expect(parsed(form(['acceptingPatients'], { acceptingNewPatients: answer })).acceptingNewPatients).toBe(expected);
  });

  it('providers: keeps every row, in order, trimmed and normalized', () => {
    const data = parsed(
      form(['providerJoining'], {
        joining: [
          { name: 'Dr. Ana Lopez', npi: '1987654328' },
          { name: ' Dr. Sam Lee ', npi: '1111-111-112' },
        ],
      }),
    );
    expect(data.joining).toEqual([
      { name: 'Dr. Ana Lopez', npi: '1987654328' },
      { name: 'Dr. Sam Lee', npi: '1111111112' },
    ]);
  });

  it('providers: accepts twenty', () => {
    expect(parsed(form(['providerLeaving'], { leaving: providers(20) })).leaving).toHaveLength(20);
  });

  it.each([
    ['an EIN', '12-3456789', '123456789'],
    ['an SSN', '123-45-6789', '123456789'],
    ['nine digits', ' 123456789 ', '123456789'],
  ])('tin: the new TIN typed as %s is kept as its 9 digits', (_label, newTin, expected) => {
    expect(parsed(form(['tin'], { newTin })).newTin).toBe(expected);
  });

  it('hours and description keep their line breaks', () => {
    const data = parsed(form(['hours', 'other'], { newHours: 'Mon 8–5\nTue 8–5', description: 'Line one\nLine two' }));
    expect(data.hours).toBe('Mon 8–5\nTue 8–5');
    expect(data.description).toBe('Line one\nLine two');
  });

  it('keeps notes when given, trimmed', () => {
    expect(parsed(form(['name'], { ...validAnswers.name, notes: '  Thanks!  ' })).notes).toBe('Thanks!');
    expect(parsed(form(['name'], validAnswers.name))).not.toHaveProperty('notes');
  });
});

describe('clinicUpdateSchema: each change on its own, not answered', () => {
  it.each([
    [
      'address',
      {
        newStreet: ['Enter the new street address'],
        newCity: ['Enter the new city'],
        newState: ['Choose the new state'],
        newZip: ['Enter the new ZIP code'],
      },
    ],
    ['phoneFax', { newPhone: ['Enter the new phone number'] }],
    ['name', { newClinicName: ['Enter the new clinic name'] }],
    ['hours', { newHours: ['Enter the new hours'] }],
    ['acceptingPatients', { acceptingNewPatients: ['Choose Yes or No'] }],
    ['providerJoining', { joining: ['Add at least one provider joining'] }],
    ['providerLeaving', { leaving: ['Add at least one provider leaving'] }],
    ['tin', { newTin: ['Enter the new TIN'] }],
    ['other', { description: ['Describe the change'] }],
  ] as const)('%s with its fields absent', (kind, expected) => {
    expect(errorsOf(form([kind]))).toEqual(expected);
  });

  it.each([
    ['address', { newStreet: ' ', newLine2: '', newCity: '', newState: '', newZip: '' }, ['newStreet', 'newCity', 'newState', 'newZip']],
    ['phoneFax', { newPhone: '  ', newFax: '' }, ['newPhone']],
    ['name', { newClinicName: '   ' }, ['newClinicName']],
    ['hours', { newHours: ' \n ' }, ['newHours']],
    ['acceptingPatients', { acceptingNewPatients: '' }, ['acceptingNewPatients']],
    ['tin', { newTin: ' ' }, ['newTin']],
    ['other', { description: '\n' }, ['description']],
  ] as const)('%s with its fields blank gives the same messages as absent', (kind, answers, paths) => {
    const blank = errorsOf(form([kind], answers));
    expect(Object.keys(blank).sort()).toEqual([...paths].sort());
    expect(blank).toEqual(errorsOf(form([kind])));
  });

  it.each([null, 'maybe', 'Yes', true])('acceptingPatients: %p is not an answer', (acceptingNewPatients) => {
    expect(errorsOf(form(['acceptingPatients'], { acceptingNewPatients }))).toEqual({ acceptingNewPatients: ['Choose Yes or No'] });
  });

  it('providers: a blank row names its blank fields at their dotted paths', () => {
    expect(
      errorsOf(
        form(['providerJoining'], {
          joining: [
            { name: 'Dr. Ana Lopez', npi: '1987654328' },
            { name: '', npi: '' },
          ],
        }),
      ),
    ).toEqual({
      'joining.1.name': ['Enter the provider’s name'],
      'joining.1.npi': ['Enter the provider’s NPI'],
    });
    expect(errorsOf(form(['providerLeaving'], { leaving: [{ name: 'Dr. Sam Lee', npi: ' ' }] }))).toEqual({
      'leaving.0.npi': ['Enter the provider’s NPI'],
    });
  });

  it.each([
    ['newClinicName', 'name', 201, 'New clinic name must be 200 characters or fewer'],
    ['newHours', 'hours', 1001, 'New hours must be 1,000 characters or fewer'],
    ['description', 'other', 2001, 'The description must be 2,000 characters or fewer'],
  ] as const)('%s is limited in length', (field, kind, length, message) => {
    expect(parsed(form([kind], { [field]: 'x'.repeat(length - 1) }))).toBeDefined();
    expect(errorsOf(form([kind], { [field]: 'x'.repeat(length) }))).toEqual({ [field]: [message] });
  });

  it('providers: a name over 200 characters', () => {
    expect(errorsOf(form(['providerJoining'], { joining: [{ name: 'x'.repeat(201), npi: '1987654328' }] }))).toEqual({
      'joining.0.name': ['Provider name must be 200 characters or fewer'],
    });
  });

  it('phoneFax: a phone or fax that is not a US number', () => {
    expect(errorsOf(form(['phoneFax'], { newPhone: '555-0199', newFax: '+44 20 7946 0958' }))).toEqual({
      newPhone: ['Enter a US phone number, like (503) 555-0123'],
      newFax: ['Enter a US fax number, like (503) 555-0123'],
    });
  });
});

describe('clinicUpdateSchema: the new address', () => {
  it.each(['PO Box 12', 'P.O. Box 5', 'Post Office Box 7', 'General Delivery'])('refuses %p as the street', (newStreet) => {
    expect(errorsOf(form(['address'], { ...validAnswers.address, newStreet }))).toEqual({ newStreet: [poBoxMessage] });
  });

  it.each(['PO Box 12', 'Box 44'])('refuses %p as line 2', (newLine2) => {
    expect(errorsOf(form(['address'], { ...validAnswers.address, newLine2 }))).toEqual({ newLine2: [poBoxMessage] });
  });

  it.each(['9720', 'ABCDE', '97201-12', '97201 1234', '972011'])('refuses the ZIP %p', (newZip) => {
    expect(errorsOf(form(['address'], { ...validAnswers.address, newZip }))).toEqual({ newZip: [zipMessage] });
  });

  it.each(['XX', 'ZZ', 'or'])('refuses the state %p', (newState) => {
    expect(errorsOf(form(['address'], { ...validAnswers.address, newState }))).toEqual({
      newState: ['Choose a US state or territory from the list'],
    });
  });

  it('refuses a state name spelled out', () => {
    expect(errorsOf(form(['address'], { ...validAnswers.address, newState: 'Oregon' })).newState).toContain(
      'Choose a US state or territory from the list',
    );
  });

  it.each(['WA', 'PR', 'DC'])('accepts the state %p', (newState) => {
    expect(parsed(form(['address'], { ...validAnswers.address, newState })).address?.state).toBe(newState);
  });

  it('refuses a line break in a part', () => {
    expect(errorsOf(form(['address'], { ...validAnswers.address, newCity: 'Port\nland' }))).toEqual({ newCity: [singleLine] });
  });

  it('names each missing part when partly filled', () => {
    expect(errorsOf(form(['address'], { newStreet: '1 Main St', newCity: 'Salem' }))).toEqual({
      newState: ['Choose the new state'],
      newZip: ['Enter the new ZIP code'],
    });
  });
});

describe('clinicUpdateSchema: providers', () => {
  it('refuses an NPI whose check digit is wrong', () => {
    expect(
      errorsOf(
        form(['providerJoining'], {
          joining: [
            { name: 'Dr. Ana Lopez', npi: '1987654328' },
            { name: 'Dr. Sam Lee', npi: '1234567890' },
          ],
        }),
      ),
    ).toEqual({ 'joining.1.npi': ['This NPI is not valid: check the digits'] });
  });

  it('refuses an NPI that is not 10 digits', () => {
    expect(errorsOf(form(['providerLeaving'], { leaving: [{ name: 'Dr. Sam Lee', npi: '12345' }] }))).toEqual({
      'leaving.0.npi': ['Enter the 10-digit NPI'],
    });
  });

  it('the same NPI twice is an error on the later row, naming the first', () => {
    const joining = [
      { name: 'Dr. A', npi: '1987654328' },
      { name: 'Dr. B', npi: '1111111112' },
      { name: 'Dr. C', npi: '198-765-4328' },
    ];
    expect(errorsOf(form(['providerJoining'], { joining }))).toEqual({
      'joining.2.npi': ['This NPI is already given for provider joining 1'],
    });
  });

  it('names the direction and the first row in the duplicate message', () => {
    const leaving = [
      { name: 'Dr. A', npi: '1987654328' },
      { name: 'Dr. B', npi: '1111111112' },
      { name: 'Dr. C', npi: '1111111112' },
      { name: 'Dr. D', npi: ' 1111111112 ' },
    ];
    expect(errorsOf(form(['providerLeaving'], { leaving }))).toEqual({
      'leaving.2.npi': ['This NPI is already given for provider leaving 2'],
      'leaving.3.npi': ['This NPI is already given for provider leaving 2'],
    });
  });

  it('does not treat two blank NPIs as the same', () => {
    expect(
      errorsOf(
        form(['providerJoining'], {
          joining: [
            { name: 'Dr. A', npi: '' },
            { name: 'Dr. B', npi: '' },
          ],
        }),
      ),
    ).toEqual({
      'joining.0.npi': ['Enter the provider’s NPI'],
      'joining.1.npi': ['Enter the provider’s NPI'],
    });
  });

  it.each([
    ['providerJoining', 'joining'],
    ['providerLeaving', 'leaving'],
  ] as const)('%s: refuses more than twenty', (kind, field) => {
    expect(errorsOf(form([kind], { [field]: providers(21) }))).toEqual({ [field]: [`Add at most 20 providers ${field}`] });
  });

  it.each([
    ['providerJoining', 'joining'],
    ['providerLeaving', 'leaving'],
  ] as const)('%s: refuses an empty list, or something that is not a list', (kind, field) => {
    expect(errorsOf(form([kind], { [field]: [] }))).toEqual({ [field]: [`Add at least one provider ${field}`] });
    expect(errorsOf(form([kind], { [field]: 'Dr. A' }))).toEqual({ [field]: [`Add at least one provider ${field}`] });
  });

  it('refuses a line break in a provider name', () => {
    expect(errorsOf(form(['providerJoining'], { joining: [{ name: 'Dr. A\nBcc: x@y.z', npi: '1987654328' }] }))).toEqual({
      'joining.0.name': [singleLine],
    });
  });
});

describe('clinicUpdateSchema: sections not chosen', () => {
  it('are not checked, and not kept', () => {
    const data = parsed(
      form(['name'], {
        ...validAnswers.name,
        newPhone: 'not a phone',
        newFax: 'junk',
        newStreet: 'PO Box 1',
        newZip: 'ABCDE',
        newState: 'XX',
        newHours: '',
        acceptingNewPatients: 'maybe',
        joining: 'junk',
        leaving: [{ name: '', npi: '1234567890' }],
        newTin: '000000000',
        description: 'x'.repeat(5000),
      }),
    );
    expect(data).toEqual({ ...whoOutput, changes: ['name'], newClinicName: 'Rose City Family Health' });
    for (const key of ['phone', 'fax', 'address', 'hours', 'acceptingNewPatients', 'joining', 'leaving', 'newTin', 'description']) {
      expect(data).not.toHaveProperty(key);
    }
  });

  it('valid answers of an unchosen section are dropped too', () => {
    const data = parsed(form(['hours'], allAnswers()));
    expect(Object.keys(data).sort()).toEqual([...Object.keys(whoOutput), 'changes', 'hours'].sort());
  });

  it('a section’s errors appear only once it is chosen', () => {
    const answers = { ...validAnswers.name, newPhone: 'not a phone' };
    expect(parsed(form(['name'], answers)).newClinicName).toBe('Rose City Family Health');
    expect(errorsOf(form(['name', 'phoneFax'], answers))).toEqual({ newPhone: ['Enter a US phone number, like (503) 555-0123'] });
  });
});

describe('clinicUpdateSchema: which changes', () => {
  it.each([
    ['an empty list', []],
    ['false (react-hook-form, none ticked)', false],
    ['absent', undefined],
    ['a blank string', ''],
    ['null', null],
  ])('none chosen: %s', (_label, changes) => {
    expect(errorsOf(form(changes, allAnswers()))).toEqual({ changes: ['Choose at least one thing that is changing'] });
  });

  it.each([
    ['an unknown value', ['bogus']],
    ['an unknown value among known ones', ['name', 'bogus']],
    ['a blank value', ['']],
    ['a label rather than a value', ['Address']],
    ['an unknown single value', 'bogus'],
  ])('refuses %s with “Choose from the list” at changes', (_label, changes) => {
    const result = clinicUpdateSchema.safeParse(form(changes, allAnswers()));
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([['changes', 'Choose from the list']]);
  });

  it('still checks the known chosen sections next to an unknown value', () => {
    expect(errorsOf(form(['name', 'bogus']))).toEqual({
      changes: ['Choose from the list'],
      newClinicName: ['Enter the new clinic name'],
    });
  });

  it('accepts a single string, as a plain form post of one ticked box gives', () => {
    const data = parsed(form('name', validAnswers.name));
    expect(data.changes).toEqual(['name']);
    expect(data.newClinicName).toBe('Rose City Family Health');
  });

  it('checks the section of a single string', () => {
    expect(errorsOf(form('tin', { newTin: '12' }))).toEqual({ newTin: [tinMessage] });
  });

  it('drops duplicates and puts the changes in the form’s order', () => {
    const data = parsed(form(['tin', 'name', 'address', 'tin', 'name'], allAnswers()));
    expect(data.changes).toEqual(['address', 'name', 'tin']);
    expect(Object.keys(data).sort()).toEqual([...Object.keys(whoOutput), 'changes', 'address', 'newClinicName', 'newTin'].sort());
  });

  it('accepts every change at once, answered', () => {
    const data = parsed(form([...CHANGE_KINDS].reverse(), allAnswers()));
    expect(data).toEqual({
      ...whoOutput,
      changes: [...CHANGE_KINDS],
      ...Object.assign({}, ...CHANGE_KINDS.map((kind) => validOutput[kind])),
    });
  });

  it('refuses a value that is not a string', () => {
    expect(Object.keys(errorsOf(form(['name', 3], validAnswers.name)))).toEqual(['changes.1']);
  });
});

describe('clinicUpdateSchema: several changes', () => {
  it('address and a provider leaving, both answered', () => {
    const data = parsed(
      form(['providerLeaving', 'address'], {
        ...validAnswers.address,
        leaving: [
          { name: 'Dr. Sam Lee', npi: '1111111112' },
          { name: 'Dr. Ana Lopez', npi: '1987654328' },
        ],
      }),
    );
    expect(data).toEqual({
      ...whoOutput,
      changes: ['address', 'providerLeaving'],
      address: { street: '456 NE Broadway', line2: 'Suite 200', city: 'Portland', state: 'OR', zip: '97201-1234' },
      leaving: [
        { name: 'Dr. Sam Lee', npi: '1111111112' },
        { name: 'Dr. Ana Lopez', npi: '1987654328' },
      ],
    });
  });

  it('reports every error at once: the who-questions, the date and each chosen section', () => {
    const errors = errorsOf({
      ...form(['address', 'providerLeaving', 'acceptingPatients'], {
        newStreet: 'PO Box 9',
        newCity: '',
        newState: 'OR',
        newZip: '9720',
        leaving: [
          { name: '', npi: '1234567890' },
          { name: 'Dr. B', npi: '1987654328' },
          { name: 'Dr. C', npi: '1987654328' },
        ],
      }),
      clinicName: '',
      clinicNpi: '1234567890',
      senderEmail: 'dana at rosecity',
      senderPhone: '',
      effectiveDate: 'soon',
    });
    expect(errors).toEqual({
      clinicName: ['Enter the clinic name'],
      clinicNpi: ['This NPI is not valid: check the digits'],
      senderEmail: ['Enter an e-mail address in the right format, like name@example.com'],
      senderPhone: ['Enter your phone number'],
      effectiveDate: ['Enter a real date, for example 12/1/2026'],
      newStreet: [poBoxMessage],
      newCity: ['Enter the new city'],
      newZip: [zipMessage],
      'leaving.0.name': ['Enter the provider’s name'],
      'leaving.0.npi': ['This NPI is not valid: check the digits'],
      'leaving.2.npi': ['This NPI is already given for provider leaving 2'],
      acceptingNewPatients: ['Choose Yes or No'],
    });
  });
});

describe('clinicUpdateSchema: who is sending', () => {
  it.each([
    ['clinicName', 'Enter the clinic name'],
    ['clinicNpi', 'Enter the clinic’s NPI'],
    ['tin', 'Enter the clinic’s TIN'],
    ['senderName', 'Enter your name'],
    ['senderJobTitle', 'Enter your job title'],
    ['senderEmail', 'Enter your e-mail address'],
    ['senderPhone', 'Enter your phone number'],
  ])('%s is required: %s', (field, message) => {
    expect(errorsOf(form(['name'], { ...validAnswers.name, [field]: '  ' }))).toEqual({ [field]: [message] });
    expect(errorsOf(form(['name'], { ...validAnswers.name, [field]: undefined }))).toEqual({ [field]: [message] });
  });

  it.each(['clinicName', 'senderName', 'senderJobTitle'])('%s refuses a line break', (field) => {
    expect(errorsOf(form(['name'], { ...validAnswers.name, [field]: 'A\nB' }))).toEqual({ [field]: [singleLine] });
  });

  it('refuses a line break in the clinic name, and in the new clinic name', () => {
    expect(errorsOf(form(['name'], { clinicName: 'A\nB', newClinicName: 'Rose City\r\nBcc: x@y.z' }))).toEqual({
      clinicName: [singleLine],
      newClinicName: [singleLine],
    });
  });

  it('refuses a line break in the sender’s e-mail address', () => {
    expect(errorsOf(form(['name'], { ...validAnswers.name, senderEmail: 'dana@rosecity.example\nBcc: x@y.z' })).senderEmail).toContain(
      singleLine,
    );
  });

  it.each([
    ['98-7654321', '987654321'],
    ['987654321', '987654321'],
    ['987-65-4321', '987654321'],
    [' 98-7654321 ', '987654321'],
  ])('keeps the clinic TIN %p as its 9 digits', (tin, expected) => {
    expect(parsed(form(['name'], { ...validAnswers.name, tin })).tin).toBe(expected);
  });

  it.each(['000000000', '00-0000000', '98-765432', '98-76543AB'])('refuses the TIN %p, as the clinic’s and as the new one', (tin) => {
    expect(errorsOf(form(['tin'], { tin, newTin: tin }))).toEqual({ tin: [tinMessage], newTin: [tinMessage] });
  });

  it('keeps the clinic NPI as its 10 digits', () => {
    expect(parsed(form(['name'], { ...validAnswers.name, clinicNpi: '123 456-7893' })).clinicNpi).toBe('1234567893');
  });
});

describe('clinicUpdateSchema: effective date', () => {
  const dateErrors = (effectiveDate: unknown) => errorsOf(form(['name'], { ...validAnswers.name, effectiveDate }));
  const dateOf = (effectiveDate: unknown) => parsed(form(['name'], { ...validAnswers.name, effectiveDate })).effectiveDate;
  const tooEarly = 'The effective date cannot be more than a year ago: use November 25, 2025 or later';
  const tooLate = 'The effective date cannot be more than a year ahead: use November 25, 2027 or earlier';

  it.each([
    ['blank', ''],
    ['spaces', '   '],
    ['absent', undefined],
  ])('is required: %s', (_label, effectiveDate) => {
    expect(dateErrors(effectiveDate)).toEqual({ effectiveDate: ['Enter the effective date'] });
  });

  it.each(['soon', '2026-02-29', '4/31/2026', '12/1/26', '2026-13-01'])('must be a real date: %p', (effectiveDate) => {
    expect(dateErrors(effectiveDate)).toEqual({ effectiveDate: ['Enter a real date, for example 12/1/2026'] });
  });

  it('accepts today', () => {
    expect(dateOf('2026-11-25')).toBe('2026-11-25');
  });

  it('accepts exactly one year back, and refuses the day before, naming the earliest date', () => {
    expect(dateOf('2025-11-25')).toBe('2025-11-25');
    expect(dateErrors('2025-11-24')).toEqual({ effectiveDate: [tooEarly] });
    expect(dateErrors('2020-01-01')).toEqual({ effectiveDate: [tooEarly] });
  });

  it('accepts exactly one year ahead, and refuses the day after, naming the latest date', () => {
    expect(dateOf('2027-11-25')).toBe('2027-11-25');
    expect(dateErrors('2027-11-26')).toEqual({ effectiveDate: [tooLate] });
    expect(dateErrors('12/31/2030')).toEqual({ effectiveDate: [tooLate] });
  });

  it('accepts the US spelling and gives it in ISO', () => {
    expect(dateOf('12/1/2026')).toBe('2026-12-01');
    expect(dateOf(' 1/5/2027 ')).toBe('2027-01-05');
    expect(dateOf('11/25/2025')).toBe('2025-11-25');
  });

  it('takes today in Oregon: late evening on 25 November there is already the 26th in UTC', () => {
    jest.setSystemTime(new Date('2026-11-26T05:00:00Z'));
    expect(dateOf('2025-11-25')).toBe('2025-11-25');
    expect(dateErrors('2027-11-26')).toEqual({ effectiveDate: [tooLate] });
    jest.setSystemTime(new Date('2026-11-26T08:00:00Z'));
    expect(dateOf('2027-11-26')).toBe('2027-11-26');
    expect(dateErrors('2025-11-25')).toEqual({
      effectiveDate: ['The effective date cannot be more than a year ago: use November 26, 2025 or later'],
    });
  });

  it('on 29 February, a year each way is 28 February', () => {
    jest.setSystemTime(new Date('2028-02-29T20:00:00Z'));
    expect(dateOf('2027-02-28')).toBe('2027-02-28');
    expect(dateOf('2029-02-28')).toBe('2029-02-28');
    expect(dateErrors('2027-02-27')).toEqual({
      effectiveDate: ['The effective date cannot be more than a year ago: use February 28, 2027 or later'],
    });
    expect(dateErrors('3/1/2029')).toEqual({
      effectiveDate: ['The effective date cannot be more than a year ahead: use February 28, 2029 or earlier'],
    });
  });
});
