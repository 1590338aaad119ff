import { compareWithRegistry, differencesOf, isSameName, nameWords, type Held } from '@/lib/registry/compare';
import { primarySpecialty, registryAnswerSchema, toRecord } from '@/lib/registry/nppes';
import { answerFor, FAKE_NPIS } from '../helpers/fake-registry';

const person: Held = {
  enumerationType: 'INDIVIDUAL',
  name: 'JANE Q SMITH',
  firstName: 'JANE',
  lastName: 'SMITH',
  specialties: [{ code: '207Q00000X' }, { code: '208D00000X' }],
  state: 'OR',
};

const clinic: Held = {
  enumerationType: 'ORGANIZATION',
  name: 'ROSE CITY FAMILY CLINIC LLC',
  otherNames: ['ROSE CITY CLINIC'],
  specialties: [{ code: '207Q00000X' }],
  state: 'OR',
};

test('names are compared without case, punctuation, credentials or legal forms', () => {
  expect(nameWords('Rose City Family Clinic, L.L.C.')).toEqual(['rose', 'city', 'family', 'clinic']);
  expect(nameWords('Dr. Jane Smith, M.D.')).toEqual(['jane', 'smith']);
  expect(nameWords('Smith & Jones PC')).toEqual(['smith', 'jones']);
});

test('a person matches by first and last name, whatever the order, middle name or credential', () => {
  expect(isSameName('Jane Smith', person)).toBe(true);
  expect(isSameName('Dr. Jane Q. Smith, MD', person)).toBe(true);
  expect(isSameName('SMITH, JANE', person)).toBe(true);
  expect(isSameName('Janet Smith', person)).toBe(false);
  expect(isSameName('Jane Smithers', person)).toBe(false);
});

test('an organisation matches by its legal name or a name it does business as, not by part of it', () => {
  expect(isSameName('Rose City Family Clinic', clinic)).toBe(true);
  expect(isSameName('Rose City Clinic', clinic)).toBe(true);
  expect(isSameName('Rose City Family Clinic of Gresham', clinic)).toBe(false);
  expect(isSameName('Rose City', clinic)).toBe(false);
});

test('each aspect the form gave is a match or a difference; aspects the form does not ask are left out', () => {
  expect(compareWithRegistry({ name: 'Jane Smith', taxonomyCode: '208D00000X', state: 'OR' }, person)).toEqual([
    { aspect: 'name', isMatch: true },
    { aspect: 'specialty', isMatch: true },
    { aspect: 'state', isMatch: true },
  ]);
  const differences = differencesOf(compareWithRegistry({ name: 'John Smith', taxonomyCode: '363L00000X', state: 'WA' }, person));
  expect(differences).toEqual(['name', 'specialty', 'state']);
  expect(compareWithRegistry({ name: 'Rose City Clinic' }, clinic)).toEqual([{ aspect: 'name', isMatch: true }]);
  // A registry entry without a practice state never matches a typed one.
  expect(compareWithRegistry({ state: 'OR' }, { ...person, state: undefined })).toEqual([{ aspect: 'state', isMatch: false }]);
});

test('the registry’s JSON is read into a record, tolerant of extra fields, with the practice (LOCATION) address', () => {
  const [, individualAnswer] = answerFor(FAKE_NPIS.individual, '2.1');
  const parsed = registryAnswerSchema.parse(individualAnswer);
  const record = toRecord(parsed.results![0]);
  expect(record).toMatchObject({
    npi: FAKE_NPIS.individual,
    status: 'FOUND',
    enumerationType: 'INDIVIDUAL',
    name: 'JANE Q SMITH',
    firstName: 'JANE',
    lastName: 'SMITH',
    location: { street: '1200 SE DIVISION ST', line2: 'SUITE 4', city: 'PORTLAND', state: 'OR', zip: '972021234' },
  });
  expect(primarySpecialty(record)).toEqual({ code: '207Q00000X', desc: 'Family Medicine', primary: true, state: 'OR', license: 'MD12345' });

  const [, organizationAnswer] = answerFor(FAKE_NPIS.organization, '2.1');
  const organization = toRecord(registryAnswerSchema.parse(organizationAnswer).results![0]);
  expect(organization).toMatchObject({
    enumerationType: 'ORGANIZATION',
    name: 'ROSE CITY FAMILY CLINIC LLC',
    otherNames: ['ROSE CITY CLINIC'],
  });

  const [, deactivatedAnswer] = answerFor(FAKE_NPIS.deactivated, '2.1');
  expect(toRecord(registryAnswerSchema.parse(deactivatedAnswer).results![0])).toMatchObject({
    status: 'DEACTIVATED',
    deactivationDate: '2024-05-01',
  });

  // The number as a JSON number, as older answers had it.
  const numeric = { result_count: 1, results: [{ ...(parsed.results![0] as object), number: Number(FAKE_NPIS.individual) }] };
  expect(toRecord(registryAnswerSchema.parse(numeric).results![0]).npi).toBe(FAKE_NPIS.individual);
});
