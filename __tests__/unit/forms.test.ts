import * as z from 'zod/mini';
import { ambiguousFields, fieldErrorsOf, formValues, readRows } from '@/lib/forms';
import { clinicEmailsSchema } from '@/lib/intake/clinic-emails/schema';

function errorOf(schema: z.ZodMiniType, input: unknown): z.core.$ZodError {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('expected the input to be refused');
  return result.error;
}

describe('fieldErrorsOf', () => {
  const flat = z.object({
    npi: z.string().check(z.minLength(10, 'Enter the 10-digit NPI'), z.regex(/^\d*$/, 'Digits only')),
    name: z.string().check(z.minLength(1, 'Enter a name')),
  });

  it('puts each message under its field name', () => {
    expect(fieldErrorsOf(errorOf(flat, { npi: '12345', name: '' }))).toEqual({
      npi: ['Enter the 10-digit NPI'],
      name: ['Enter a name'],
    });
  });

  it('keeps every message of a field, in order', () => {
    expect(fieldErrorsOf(errorOf(flat, { npi: 'abc', name: 'x' }))).toEqual({ npi: ['Enter the 10-digit NPI', 'Digits only'] });
  });

  it('gives dotted paths for nested array items (people.1.email)', () => {
    const schema = z.object({
      people: z.array(z.object({ email: z.string().check(z.minLength(1, 'Enter the e-mail address')) })),
    });
    expect(fieldErrorsOf(errorOf(schema, { people: [{ email: 'a@b.org' }, { email: '' }, { email: '' }] }))).toEqual({
      'people.1.email': ['Enter the e-mail address'],
      'people.2.email': ['Enter the e-mail address'],
    });
  });

  it('puts an issue on the whole array under the array’s name, apart from its items', () => {
    const schema = z.object({
      people: z
        .array(z.object({ email: z.string().check(z.minLength(1, 'Enter the e-mail address')) }))
        .check(z.minLength(2, 'Add two people')),
    });
    expect(fieldErrorsOf(errorOf(schema, { people: [{ email: '' }] }))).toEqual({
      people: ['Add two people'],
      'people.0.email': ['Enter the e-mail address'],
    });
  });

  it('puts an issue with no path under the empty name', () => {
    const schema = z.string().check(z.minLength(3, 'Too short'));
    expect(fieldErrorsOf(errorOf(schema, 'ab'))).toEqual({ '': ['Too short'] });
  });

  it('gives the clinic e-mail form’s errors under the names its inputs carry', () => {
    const error = errorOf(clinicEmailsSchema, {
      clinicName: '',
      clinicNpi: '1234567893',
      clinicPhone: '(503) 555-0123',
      registrantName: 'Dana',
      registrantEmail: 'dana@rosecity.example',
      people: [
        { fullName: 'Ana', jobTitle: 'Biller', email: 'ana@rosecity.example' },
        { fullName: 'Bea', jobTitle: '', email: 'Ana@RoseCity.example' },
      ],
    });
    expect(fieldErrorsOf(error)).toEqual({
      clinicName: ['Enter the clinic name'],
      'people.1.jobTitle': ['Enter the person’s job title'],
      'people.1.email': ['This address is already given for person 1'],
    });
  });
});

describe('formValues', () => {
  it('reads the named fields as strings, empty when absent', () => {
    const formData = new FormData();
    formData.append('npi', '1234567893');
    formData.append('other', 'ignored');
    expect(formValues(formData, ['npi', 'name'] as const)).toEqual({ npi: '1234567893', name: '' });
  });

  it('reads a file as an empty string', () => {
    const formData = new FormData();
    formData.append('name', new Blob(['x']), 'x.txt');
    expect(formValues(formData, ['name'] as const)).toEqual({ name: '' });
  });
});

/** A post as it is sent: names and values in order, repeats kept. */
function posted(entries: Array<[string, string]>): FormData {
  const formData = new FormData();
  for (const [name, value] of entries) formData.append(name, value);
  return formData;
}

describe('ambiguousFields', () => {
  const UNREADABLE = ['Part of this answer could not be read. Type it again, then send the form again.'];

  it('refuses a NUL, which PostgreSQL cannot store in text, as an answer that could not be read', () => {
    expect(
      ambiguousFields(
        posted([
          ['notes', 'walk-ins\u0000welcome'],
          ['npi', '1234567893'],
        ]),
      ),
    ).toEqual({ notes: UNREADABLE });
  });

  it('refuses a field named __proto__ sent twice, or unreadable, like any other', () => {
    expect(
      Object.keys(
        ambiguousFields(
          posted([
            ['__proto__', 'a'],
            ['__proto__', 'b'],
          ]),
        ),
      ),
    ).toEqual(['__proto__']);
    expect(Object.keys(ambiguousFields(posted([['__proto__', '\uFFFD']])))).toEqual(['__proto__']);
  });
});

describe('readRows', () => {
  it('reads only row numbers the form writes: people.00.email does not replace row 0’s answer', () => {
    const formData = posted([
      ['people.0.email', 'ana@alberta.example'],
      ['people.00.email', 'mallory@evil.example'],
      ['people.01.email', 'eve@evil.example'],
    ]);
    expect(readRows(formData, 'people', ['email'], 20)).toEqual([{ email: 'ana@alberta.example' }]);
  });
});
