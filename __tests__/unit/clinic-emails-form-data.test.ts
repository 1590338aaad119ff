import { flatten, readFixed, readRows, toFormInput } from '@/app/clinic-emails/form-data';
import { clinicEmailsSchema } from '@/lib/intake/clinic-emails/schema';

const FIXED = {
  clinicName: 'Rose City Family Clinic',
  clinicNpi: '1234567893',
  clinicPhone: '(503) 555-0123',
  registrantName: 'Dana Registrant',
  registrantEmail: 'dana@rosecity.example',
  submissionKey: '0b7d2f3c-1d2b-4c1e-9a55-6f1c2a9e4e5a',
};

function formDataOf(entries: Array<[string, string | Blob]>): FormData {
  const formData = new FormData();
  for (const [name, value] of entries) formData.append(name, value);
  return formData;
}

const fixedEntries = (): Array<[string, string]> => Object.entries(FIXED);

describe('readRows', () => {
  it('renumbers rows with gaps (people.0, people.3, people.7) to 0, 1, 2 in index order', () => {
    const formData = formDataOf([
      ...fixedEntries(),
      // Posted out of order, as a browser may after rows were removed and re-added.
      ['people.7.fullName', 'Carl'],
      ['people.0.fullName', 'Ana'],
      ['people.3.fullName', 'Bea'],
      ['people.7.jobTitle', 'Nurse'],
      ['people.0.jobTitle', 'Biller'],
      ['people.3.jobTitle', 'Doctor'],
      ['people.0.email', 'ana@rosecity.example'],
      ['people.3.email', 'bea@rosecity.example'],
      ['people.7.email', 'carl@rosecity.example'],
    ]);
    expect(readRows(formData)).toEqual([
      { fullName: 'Ana', jobTitle: 'Biller', email: 'ana@rosecity.example' },
      { fullName: 'Bea', jobTitle: 'Doctor', email: 'bea@rosecity.example' },
      { fullName: 'Carl', jobTitle: 'Nurse', email: 'carl@rosecity.example' },
    ]);
  });

  it('orders rows by number, not as text (people.10 after people.2)', () => {
    const formData = formDataOf([
      ['people.10.fullName', 'Ten'],
      ['people.2.fullName', 'Two'],
      ['people.1.fullName', 'One'],
    ]);
    expect(readRows(formData).map((row) => row.fullName)).toEqual(['One', 'Two', 'Ten']);
  });

  it('keeps a row that has only some fields, with only those', () => {
    expect(readRows(formDataOf([['people.4.email', 'x@rosecity.example']]))).toEqual([{ email: 'x@rosecity.example' }]);
  });

  it('ignores unknown fields and names that are not people rows', () => {
    const formData = formDataOf([
      ...fixedEntries(),
      ['people.0.fullName', 'Ana'],
      ['people.0.isAdmin', 'true'],
      ['people.0.__proto__', 'x'],
      ['people.1.phone', '5035550123'],
      ['people.x.fullName', 'Not a number'],
      ['people.-1.fullName', 'Negative'],
      ['people.2.fullName.extra', 'Too deep'],
      ['person.3.fullName', 'Wrong prefix'],
      ['xpeople.4.fullName', 'Prefixed'],
      ['people.5', 'No field'],
      ['intent', 'submit'],
    ]);
    const rows = readRows(formData);
    expect(rows).toEqual([{ fullName: 'Ana' }]);
    expect(Object.keys(rows[0])).toEqual(['fullName']);
  });

  it('ignores values that are not strings (files)', () => {
    const formData = formDataOf([
      ['people.0.fullName', 'Ana'],
      ['people.0.email', new Blob(['ana@rosecity.example'], { type: 'text/plain' })],
      ['people.1.fullName', new Blob(['<script>'])],
    ]);
    expect(readRows(formData)).toEqual([{ fullName: 'Ana' }]);
  });

  it('gives no rows for a form without any', () => {
    expect(readRows(formDataOf(fixedEntries()))).toEqual([]);
  });

  it('does not build rows for absurd row numbers', () => {
    const formData = formDataOf([
      ['people.0.fullName', 'Ana'],
      ['people.40.fullName', 'Forty'],
      ['people.99999999999999999999.fullName', 'Huge'],
    ]);
    expect(readRows(formData)).toEqual([{ fullName: 'Ana' }]);
  });
});

describe('readFixed', () => {
  it('reads the fixed fields as strings', () => {
    expect(readFixed(formDataOf([...fixedEntries(), ['people.0.fullName', 'Ana']]))).toEqual(FIXED);
  });

  it('gives empty strings for absent fields and leaves out unknown ones', () => {
    const fixed = readFixed(
      formDataOf([
        ['clinicName', 'Rose City'],
        ['intent', 'add'],
        ['isAdmin', 'true'],
      ]),
    );
    expect(fixed).toEqual({
      clinicName: 'Rose City',
      clinicNpi: '',
      clinicPhone: '',
      registrantName: '',
      registrantEmail: '',
      submissionKey: '',
    });
  });
});

describe('toFormInput', () => {
  it('builds the schema input, without the submission key, filling missing person fields with empty strings', () => {
    const input = toFormInput(FIXED, [
      { fullName: 'Ana', jobTitle: 'Biller', email: 'ana@rosecity.example' },
      { email: 'bea@rosecity.example' },
    ]);
    expect(input).toEqual({
      clinicName: FIXED.clinicName,
      clinicNpi: FIXED.clinicNpi,
      clinicPhone: FIXED.clinicPhone,
      registrantName: FIXED.registrantName,
      registrantEmail: FIXED.registrantEmail,
      people: [
        { fullName: 'Ana', jobTitle: 'Biller', email: 'ana@rosecity.example' },
        { fullName: '', jobTitle: '', email: 'bea@rosecity.example' },
      ],
    });
    expect(input).not.toHaveProperty('submissionKey');
  });

  it('with a gappy post, gives errors at the renumbered rows', () => {
    const formData = formDataOf([
      ...fixedEntries(),
      ['people.0.fullName', 'Ana'],
      ['people.0.jobTitle', 'Biller'],
      ['people.0.email', 'ana@rosecity.example'],
      ['people.5.fullName', 'Bea'],
      ['people.5.email', 'ANA@rosecity.example'],
    ]);
    const result = clinicEmailsSchema.safeParse(toFormInput(readFixed(formData), readRows(formData)));
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((issue) => issue.path.join('.')).sort();
    expect(paths).toEqual(['people.1.email', 'people.1.jobTitle']);
  });
});

describe('flatten', () => {
  it('writes rows back under the input names, every person field present', () => {
    expect(flatten({ clinicName: 'Rose City' }, [{ fullName: 'Ana' }, {}])).toEqual({
      clinicName: 'Rose City',
      'people.0.fullName': 'Ana',
      'people.0.jobTitle': '',
      'people.0.email': '',
      'people.1.fullName': '',
      'people.1.jobTitle': '',
      'people.1.email': '',
    });
  });

  it('round-trips with readFixed and readRows', () => {
    const posted: Array<[string, string]> = [
      ...fixedEntries(),
      ['people.0.fullName', 'Ana'],
      ['people.0.jobTitle', 'Biller'],
      ['people.0.email', 'ana@rosecity.example'],
      ['people.1.fullName', 'Bea & <Co>'],
      ['people.1.jobTitle', ''],
      ['people.1.email', ' bea@rosecity.example '],
    ];
    const formData = formDataOf(posted);
    const flat = flatten(readFixed(formData), readRows(formData));
    expect(flat).toEqual(Object.fromEntries(posted));

    // And reading the flattened form again gives the same rows and fixed fields.
    const again = formDataOf(Object.entries(flat));
    expect(readFixed(again)).toEqual(readFixed(formData));
    expect(readRows(again)).toEqual(readRows(formData));
  });

  it('after renumbering, flattens to contiguous names that read back the same', () => {
    const formData = formDataOf([
      ['people.3.fullName', 'Bea'],
      ['people.3.jobTitle', 'Doctor'],
      ['people.3.email', 'bea@rosecity.example'],
      ['people.9.fullName', 'Carl'],
      ['people.9.jobTitle', 'Nurse'],
      ['people.9.email', 'carl@rosecity.example'],
    ]);
    const rows = readRows(formData);
    const flat = flatten(readFixed(formData), rows);
    expect(
      Object.keys(flat)
        .filter((name) => name.startsWith('people.'))
        .sort(),
    ).toEqual(['people.0.email', 'people.0.fullName', 'people.0.jobTitle', 'people.1.email', 'people.1.fullName', 'people.1.jobTitle']);
    expect(flat['people.1.fullName']).toBe('Carl');
    expect(readRows(formDataOf(Object.entries(flat)))).toEqual(rows);
  });
});
