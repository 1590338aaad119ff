import { fieldErrorsOf } from '@/lib/forms';
import {
  CLINIC_FIELDS,
  clinicEmailsSchema,
  MAX_PEOPLE,
  PERSON_FIELDS,
  REGISTRANT_FIELDS,
  type ClinicEmailsForm,
} from '@/lib/intake/clinic-emails/schema';

/** What toFormInput gives the schema from a plain post: every field a string ('' when left blank). */
const person = (n: number) => ({
  fullName: `Person ${n}`,
  jobTitle: 'Office manager',
  email: `person${n}@rosecity.example`,
});

const validForm = (people = [person(1)]): ClinicEmailsForm => ({
  clinicName: 'Rose City Family Clinic',
  clinicNpi: '1234567893',
  clinicPhone: '(503) 555-0123',
  registrantName: 'Dana Registrant',
  registrantEmail: 'dana@rosecity.example',
  people,
});

const peopleOf = (count: number) => Array.from({ length: count }, (_, index) => person(index + 1));

function errorsOf(input: unknown): Record<string, string[] | undefined> {
  const result = clinicEmailsSchema.safeParse(input);
  if (result.success) throw new Error(`expected the form to be refused, it parsed: ${JSON.stringify(result.data)}`);
  return fieldErrorsOf<string>(result.error);
}

function parsed(input: unknown) {
  const result = clinicEmailsSchema.safeParse(input);
  if (!result.success) throw new Error(`expected the form to parse: ${JSON.stringify(fieldErrorsOf(result.error))}`);
  return result.data;
}

describe('clinicEmailsSchema: field lists', () => {
  it('names the person fields, the clinic fields and the registrant fields', () => {
    expect(PERSON_FIELDS).toEqual(['fullName', 'jobTitle', 'email']);
    expect([...CLINIC_FIELDS]).toEqual(['clinicName', 'clinicNpi', 'clinicPhone']);
    expect([...REGISTRANT_FIELDS]).toEqual(['registrantName', 'registrantEmail']);
    expect(MAX_PEOPLE).toBe(20);
  });
});

describe('clinicEmailsSchema: a valid registration', () => {
  it('parses one person, normalizing NPI and phone and trimming what was typed', () => {
    const data = parsed({
      ...validForm([{ fullName: '  Ana Lopez ', jobTitle: ' Biller ', email: ' ana@rosecity.example ' }]),
      clinicName: '  Rose City Family Clinic  ',
      clinicNpi: '123 456-7893',
      clinicPhone: '503.555.0123',
    });
    expect(data).toEqual({
      clinicName: 'Rose City Family Clinic',
      clinicNpi: '1234567893',
      clinicPhone: '+15035550123',
      registrantName: 'Dana Registrant',
      registrantEmail: 'dana@rosecity.example',
      people: [{ fullName: 'Ana Lopez', jobTitle: 'Biller', email: 'ana@rosecity.example' }],
    });
  });

  it('parses twenty people, keeping their order', () => {
    const data = parsed(validForm(peopleOf(20)));
    expect(data.people).toHaveLength(20);
    expect(data.people.map((p) => p.email)).toEqual(peopleOf(20).map((p) => p.email));
  });
});

describe('clinicEmailsSchema: how many people', () => {
  it('refuses no people at all', () => {
    const errors = errorsOf(validForm([]));
    expect(errors).toEqual({ people: ['Add at least one person'] });
  });

  it('refuses twenty-one people', () => {
    const errors = errorsOf(validForm(peopleOf(21)));
    expect(errors).toEqual({ people: ['Add at most 20 people'] });
  });

  it('refuses a missing people list', () => {
    const { people: _absent, ...rest } = validForm();
    expect(errorsOf(rest).people).toHaveLength(1);
  });
});

describe('clinicEmailsSchema: each person field is required', () => {
  it.each([
    ['fullName', 'Enter the person’s full name'],
    ['jobTitle', 'Enter the person’s job title'],
    ['email', 'Enter the person’s e-mail address'],
  ] as const)('%s blank on person 2 is an error at its path people.1.<field>: %s', (field, message) => {
    const people = peopleOf(3);
    people[1] = { ...people[1], [field]: '' };
    expect(errorsOf(validForm(people))).toEqual({ [`people.1.${field}`]: [message] });
  });

  it.each([
    ['fullName', 'Enter the person’s full name'],
    ['jobTitle', 'Enter the person’s job title'],
    ['email', 'Enter the person’s e-mail address'],
  ] as const)('%s of only spaces counts as blank: %s', (field, message) => {
    const people = peopleOf(2);
    people[0] = { ...people[0], [field]: '   ' };
    expect(errorsOf(validForm(people))[`people.0.${field}`]).toEqual([message]);
  });

  it('reports every blank field of every row at its own path', () => {
    const errors = errorsOf(
      validForm([person(1), { fullName: '', jobTitle: '', email: '' }, person(3), { fullName: 'X', jobTitle: '', email: '' }]),
    );
    expect(errors).toEqual({
      'people.1.fullName': ['Enter the person’s full name'],
      'people.1.jobTitle': ['Enter the person’s job title'],
      'people.1.email': ['Enter the person’s e-mail address'],
      'people.3.jobTitle': ['Enter the person’s job title'],
      'people.3.email': ['Enter the person’s e-mail address'],
    });
  });

  it('refuses a person e-mail address in the wrong format', () => {
    const people = peopleOf(2);
    people[1] = { ...people[1], email: 'ana at rosecity' };
    expect(errorsOf(validForm(people))).toEqual({
      'people.1.email': ['Enter an e-mail address in the right format, like name@example.com'],
    });
  });

  it('refuses a full name and a job title over 200 characters', () => {
    expect(parsed(validForm([{ ...person(1), fullName: 'A'.repeat(200) }])).people[0].fullName).toHaveLength(200);
    expect(errorsOf(validForm([{ ...person(1), fullName: 'A'.repeat(201), jobTitle: 'B'.repeat(201) }]))).toEqual({
      'people.0.fullName': ['Full name must be 200 characters or fewer'],
      'people.0.jobTitle': ['Job title must be 200 characters or fewer'],
    });
  });
});

describe('clinicEmailsSchema: the same address twice', () => {
  it('is an error on the later person, naming the earlier', () => {
    const people = peopleOf(3);
    people[2] = { ...people[2], email: people[0].email };
    expect(errorsOf(validForm(people))).toEqual({ 'people.2.email': ['This address is already given for person 1'] });
  });

  it('counts addresses differing only in case or surrounding spaces as the same', () => {
    const people = peopleOf(2);
    people[0] = { ...people[0], email: 'Ana.Lopez@RoseCity.example' };
    people[1] = { ...people[1], email: '  ana.lopez@rosecity.EXAMPLE  ' };
    expect(errorsOf(validForm(people))).toEqual({ 'people.1.email': ['This address is already given for person 1'] });
  });

  it('with three copies, is an error on the second and third, both naming person 1', () => {
    const people = peopleOf(5);
    people[2] = { ...people[2], email: 'same@rosecity.example' };
    people[3] = { ...people[3], email: 'SAME@rosecity.example' };
    people[4] = { ...people[4], email: ' same@rosecity.example' };
    expect(errorsOf(validForm(people))).toEqual({
      'people.3.email': ['This address is already given for person 3'],
      'people.4.email': ['This address is already given for person 3'],
    });
    const fromFirst = peopleOf(3).map((p) => ({ ...p, email: 'same@rosecity.example' }));
    expect(errorsOf(validForm(fromFirst))).toEqual({
      'people.1.email': ['This address is already given for person 1'],
      'people.2.email': ['This address is already given for person 1'],
    });
  });

  it('does not treat two blank addresses as duplicates', () => {
    const people = peopleOf(2).map((p) => ({ ...p, email: '' }));
    expect(errorsOf(validForm(people))).toEqual({
      'people.0.email': ['Enter the person’s e-mail address'],
      'people.1.email': ['Enter the person’s e-mail address'],
    });
  });

  it('accepts the registrant also being one of the people', () => {
    expect(parsed(validForm([{ ...person(1), email: 'dana@rosecity.example' }])).people).toHaveLength(1);
  });
});

describe('clinicEmailsSchema: one-line fields (header injection)', () => {
  const message = 'Use a single line, without line breaks';

  it.each([
    ['a line feed', 'Rose City\nClinic'],
    ['a header injection', 'Rose City Clinic\r\nBcc: x@y.z'],
    ['a tab', 'Rose\tCity'],
  ])('refuses %s in the clinic name', (_label, clinicName) => {
    expect(errorsOf({ ...validForm(), clinicName })).toEqual({ clinicName: [message] });
  });

  it.each([
    ['a line feed', 'Ana\nLopez'],
    ['a header injection', 'Ana Lopez\r\nBcc: x@y.z'],
  ])('refuses %s in a person’s full name, at its path', (_label, fullName) => {
    const people = peopleOf(2);
    people[1] = { ...people[1], fullName };
    expect(errorsOf(validForm(people))).toEqual({ 'people.1.fullName': [message] });
  });

  it('refuses a line break in the registrant name and in a person’s job title', () => {
    expect(errorsOf({ ...validForm([{ ...person(1), jobTitle: 'Biller\r\nCc: x@y.z' }]), registrantName: 'Dana\nX' })).toEqual({
      registrantName: [message],
      'people.0.jobTitle': [message],
    });
  });

  it('refuses a line break in a person’s e-mail address', () => {
    const errors = errorsOf(validForm([{ ...person(1), email: 'ana@rosecity.example\nBcc: x@y.z' }]));
    expect(errors['people.0.email']).toContain(message);
    expect(Object.keys(errors)).toEqual(['people.0.email']);
  });
});

describe('clinicEmailsSchema: clinic NPI and phone', () => {
  it('needs an NPI', () => {
    expect(errorsOf({ ...validForm(), clinicNpi: '' })).toEqual({ clinicNpi: ['Enter the clinic’s NPI'] });
  });

  it('needs 10 digits', () => {
    expect(errorsOf({ ...validForm(), clinicNpi: '12345' })).toEqual({ clinicNpi: ['Enter the 10-digit NPI'] });
  });

  it.each(['1234567890', '1234567894', '1234567897'])('refuses %p, whose check digit is wrong', (clinicNpi) => {
    expect(errorsOf({ ...validForm(), clinicNpi })).toEqual({ clinicNpi: ['This NPI is not valid: check the digits'] });
  });

  it('needs a phone number', () => {
    expect(errorsOf({ ...validForm(), clinicPhone: '' })).toEqual({ clinicPhone: ['Enter the clinic’s phone number'] });
  });

  it.each(['555-0123', '+44 20 7946 0958', '(503) 555-012', 'call us'])('refuses the phone %p', (clinicPhone) => {
    expect(errorsOf({ ...validForm(), clinicPhone })).toEqual({ clinicPhone: ['Enter a US phone number, like (503) 555-0123'] });
  });
});

describe('clinicEmailsSchema: the registrant', () => {
  it('needs a name and an e-mail address', () => {
    expect(errorsOf({ ...validForm(), registrantName: '', registrantEmail: '' })).toEqual({
      registrantName: ['Enter your name'],
      registrantEmail: ['Enter your e-mail address'],
    });
  });

  it('needs the e-mail address in the right format', () => {
    expect(errorsOf({ ...validForm(), registrantEmail: 'dana@' })).toEqual({
      registrantEmail: ['Enter an e-mail address in the right format, like name@example.com'],
    });
  });
});
