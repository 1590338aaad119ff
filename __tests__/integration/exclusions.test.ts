import { submitClinicUpdate } from '@/app/clinic-updates/actions';
import { submitContractRequest } from '@/app/contract-request/actions';
import { recordExclusionDecision } from '@/lib/exclusions/decisions';
import { currentExclusionList, loadExclusionList, type LoadedBy } from '@/lib/exclusions/load';
import { screenOpenSubmissions } from '@/lib/exclusions/screening';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { querySubmissions } from '@/lib/staff/queue-query';
import { clinicUpdateFormData, validClinicUpdate } from '../fixtures/clinic-update';
import { validContractRequest } from '../fixtures/contract-request';
import { fillerRows, leieBusiness, leieCsv, leieLine, leiePerson, leieStream } from '../fixtures/leie';
import { useTestDatabase } from '../helpers/database';
import { redirectOf, toFormData } from '../helpers/forms';

/**
 * The exclusion list (issue 15) on a real database (PGlite, or PostgreSQL with TEST_DATABASE_URL): LEIE files in the
 * real format loaded in one transaction, submissions screened as they arrive through the public pipeline and again
 * after each load, by NPI or by normalised name in the same state; a malformed file refused whole; reviewers'
 * decisions kept across loads.
 */

const database = useTestDatabase();
let prisma: PrismaClient;
let reviewer: { id: string; email: string; role: 'reviewer' };

const COMMAND_LINE: LoadedBy = { actor: null, label: 'tester@host (command line)' };

beforeAll(async () => {
  prisma = database.prisma;
  const person = await prisma.staffUser.create({
    data: { email: 'rita.review@careoregon.example', name: 'Rita Reviewer', role: 'reviewer', emailVerified: true },
  });
  reviewer = { id: person.id, email: person.email, role: 'reviewer' };
});

beforeEach(async () => {
  await prisma.$executeRawUnsafe('TRUNCATE outbox_message, contract_request, submission, exclusion_entry, exclusion_load CASCADE');
});

async function load(text: string, fileName = 'UPDATED.csv') {
  return loadExclusionList(prisma, leieStream(text, 1000), { fileName, loadedBy: COMMAND_LINE });
}

async function sendContractRequest(overrides: Record<string, string>): Promise<string> {
  const { location, result } = await redirectOf(() =>
    submitContractRequest({ status: 'idle' }, toFormData(validContractRequest(overrides))),
  );
  if (!location) throw new Error(`contract request not sent: ${JSON.stringify(result)}`);
  const reference = location.split('/').pop()!;
  return (await prisma.submission.findUniqueOrThrow({ where: { reference }, select: { id: true } })).id;
}

async function sendClinicUpdate(overrides: Record<string, string> = {}): Promise<string> {
  const post = validClinicUpdate(['address', 'providerJoining', 'providerLeaving'], overrides);
  const { location, result } = await redirectOf(() => submitClinicUpdate({ status: 'idle' }, clinicUpdateFormData(post)));
  if (!location) throw new Error(`clinic update not sent: ${JSON.stringify(result)}`);
  const reference = location.split('/').pop()!;
  return (await prisma.submission.findUniqueOrThrow({ where: { reference }, select: { id: true } })).id;
}

const matchesOf = (submissionId: string) => prisma.exclusionMatch.findMany({ where: { submissionId }, orderBy: { entryKey: 'asc' } });

test('a file in the real format loads in one go: the list in use records its name, row count, SHA-256 and who loaded it', async () => {
  const text = leieCsv([leiePerson(), leieBusiness({ npi: '1245319599' }), ...fillerRows(2_500)]);
  const loaded = await load(text);
  expect(loaded).toMatchObject({ outcome: 'LOADED', rowCount: 2_502, fileName: 'UPDATED.csv' });
  const { createHash } = await import('node:crypto');
  expect(loaded.sha256).toBe(createHash('sha256').update(text).digest('hex'));
  expect(await prisma.exclusionEntry.count()).toBe(2_502);
  expect(await currentExclusionList(prisma)).toMatchObject({ rowCount: 2_502, sha256: loaded.sha256, loadedBy: COMMAND_LINE.label });

  // 0000000000 and 00000000 are none; dates are dates; the keys are normalised.
  const person = await prisma.exclusionEntry.findFirstOrThrow({ where: { lastName: 'MARLOWE' } });
  expect(person).toMatchObject({ npi: null, state: 'OR', exclType: '1128a1', reinDate: null, personKey: 'cassia marlowe', busKey: null });
  expect(person.exclDate?.toISOString().slice(0, 10)).toBe('2019-03-20');
  expect(person.dob?.toISOString().slice(0, 10)).toBe('1970-04-12');
  const business = await prisma.exclusionEntry.findFirstOrThrow({ where: { npi: '1245319599' } });
  expect(business).toMatchObject({ busName: 'CASCADE MOBILITY SUPPLY, INC', busKey: 'cascade mobility supply', personKey: null });

  const events = await prisma.auditEvent.findMany({ where: { action: 'exclusion_list_loaded' } });
  expect(events.at(-1)?.details).toMatchObject({ fileName: 'UPDATED.csv', rows: 2_502, sha256: loaded.sha256, by: COMMAND_LINE.label });
});

test('a submission whose NPI is on the list is flagged as it arrives, with the entry and why it matched', async () => {
  await load(leieCsv([leiePerson({ lastName: 'NOBODY', firstName: 'ELSE', npi: '1234567893' }), ...fillerRows(50)]));
  const id = await sendContractRequest({});
  const [match, ...others] = await matchesOf(id);
  expect(others).toEqual([]);
  expect(match).toMatchObject({ cleared: false, reasons: ['Provider: same NPI, 1234567893'] });
  expect(match.entry).toMatchObject({
    lastName: 'NOBODY',
    firstName: 'ELSE',
    exclType: '1128a1',
    exclDate: '2019-03-20',
    npi: '1234567893',
  });
});

test('a name in the same state matches, however its case, punctuation and suffix are written; a near miss does not', async () => {
  await load(
    leieCsv([
      leieBusiness({ busName: 'ROSE CITY FAMILY CLINIC, L.L.C.' }),
      // Near misses: the same name in another state, and a name one word longer.
      leieBusiness({ busName: 'ROSE CITY FAMILY CLINIC LLC', state: 'WA' }),
      leieBusiness({ busName: 'ROSE CITY FAMILY CLINICS' }),
      leiePerson({ lastName: 'LOPEZ', firstName: 'ANA', midName: 'M' }),
      leiePerson({ lastName: 'ORTIZ', firstName: 'BEN', state: 'WA' }),
      ...fillerRows(50),
    ]),
  );
  // Rose City Family Clinic, Portland OR, NPI 1234567893 (not on the list).
  const contract = await sendContractRequest({ providerName: 'rose city family clinic' });
  const [business] = await matchesOf(contract);
  expect(await matchesOf(contract)).toHaveLength(1);
  expect(business.reasons).toEqual(['Provider: same organisation name in OR, rose city family clinic']);
  expect(business.entry).toMatchObject({ busName: 'ROSE CITY FAMILY CLINIC, L.L.C.', state: 'OR' });

  // A clinic moving within Oregon, with Dr. Ana Lopez joining (LOPEZ, ANA in OR) and Dr. Ben Ortiz (only in WA).
  const update = await sendClinicUpdate({ clinicName: 'Northside Pediatrics' });
  const matches = await matchesOf(update);
  expect(matches.map((match) => match.reasons)).toEqual([['Provider joining: same first and last name in OR, Dr. Ana Lopez']]);

  // The same clinic update without an address change has no state: names cannot match, only NPIs could.
  const post = validClinicUpdate(['providerJoining'], { clinicName: 'Northside Pediatrics' });
  const { location } = await redirectOf(() => submitClinicUpdate({ status: 'idle' }, clinicUpdateFormData(post)));
  const reference = location!.split('/').pop()!;
  const noState = await prisma.submission.findUniqueOrThrow({ where: { reference } });
  expect(await matchesOf(noState.id)).toEqual([]);
  expect(await prisma.exclusionScreening.count({ where: { submissionId: noState.id } })).toBe(1);
});

test('a malformed row refuses the whole file with its line and reason; the list in use and its matches stay', async () => {
  const good = await load(leieCsv([leiePerson({ npi: '1234567893' }), ...fillerRows(20)]));
  const id = await sendContractRequest({});
  expect(await matchesOf(id)).toHaveLength(1);

  const badDate = leieCsv([leiePerson({ npi: '1234567893' }), leiePerson({ lastName: 'BROKEN', exclDate: '20191340' }), ...fillerRows(5)]);
  const refused = await load(badDate, 'UPDATED-2026-12.csv');
  expect(refused).toMatchObject({
    outcome: 'REFUSED',
    problem: 'Line 3: EXCLDATE is "20191340", not a date written YYYYMMDD (00000000 for none).',
  });
  const shortRow = leieCsv([leiePerson()], ['ONLY,FOUR,COLUMNS,HERE']);
  expect(await load(shortRow)).toMatchObject({ outcome: 'REFUSED', problem: 'Line 3: the row has 4 columns, not 18.' });
  const wrongHeader = leieCsv([leiePerson()]).replace('LASTNAME,FIRSTNAME', 'FIRSTNAME,LASTNAME');
  expect(await load(wrongHeader)).toMatchObject({ outcome: 'REFUSED', problem: expect.stringMatching(/^Line 1: the header is not/) });
  expect(await load(`${leieCsv([leiePerson()])}"UNCLOSED,QUOTE`)).toMatchObject({
    outcome: 'REFUSED',
    problem: expect.stringMatching(/quote/i),
  });
  expect(await load(leieCsv([]))).toMatchObject({ outcome: 'REFUSED', problem: 'The file has a header but no entries.' });
  expect(await load(leieCsv([leiePerson({ npi: '12345' })]))).toMatchObject({
    outcome: 'REFUSED',
    problem: 'Line 2: NPI is "12345", not 10 digits (0000000000 for none).',
  });

  expect(await prisma.exclusionEntry.count()).toBe(21);
  expect(await currentExclusionList(prisma)).toMatchObject({ id: good.loadId, rowCount: 21 });
  await screenOpenSubmissions(prisma);
  expect(await matchesOf(id)).toHaveLength(1);
  const attempts = await prisma.exclusionLoad.findMany({ where: { outcome: 'REFUSED' }, orderBy: { loadedAt: 'asc' } });
  expect(attempts[0]).toMatchObject({
    fileName: 'UPDATED-2026-12.csv',
    rowCount: 1,
    problem: refused.outcome === 'REFUSED' && refused.problem,
  });
  expect(await prisma.auditEvent.count({ where: { action: 'exclusion_list_refused' } })).toBeGreaterThanOrEqual(6);
});

test('a reload screens every open submission again, and keeps each decision with its entry, wherever the entry now sits', async () => {
  const excluded = leiePerson({ npi: '1234567893' });
  const business = leieBusiness({ busName: 'ROSE CITY FAMILY CLINIC LLC' });
  await load(leieCsv([excluded, business, ...fillerRows(30)]));
  const id = await sendContractRequest({});
  const [byNpi, byName] = (await matchesOf(id)).sort((a, b) => a.reasons[0].localeCompare(b.reasons[0]));
  expect(byNpi.reasons).toEqual(['Provider: same NPI, 1234567893']);
  expect(byName.reasons).toEqual(['Provider: same organisation name in OR, Rose City Family Clinic']);

  await recordExclusionDecision(prisma, reviewer, {
    submissionId: id,
    entryKey: byName.entryKey,
    decision: 'NOT_SAME_PROVIDER',
    reason: 'Different TIN and address; the excluded company closed in 2021.',
  });
  await recordExclusionDecision(prisma, reviewer, {
    submissionId: id,
    entryKey: byNpi.entryKey,
    decision: 'SAME_PROVIDER',
    reason: 'Same NPI and date of birth.',
  });
  await expect(
    recordExclusionDecision(
      prisma,
      { ...reviewer, role: 'viewer' as never },
      { submissionId: id, entryKey: byNpi.entryKey, decision: 'NOT_SAME_PROVIDER', reason: 'Looks fine' },
    ),
  ).rejects.toThrow('Only reviewers and admins');
  await expect(
    recordExclusionDecision(prisma, reviewer, { submissionId: id, entryKey: byNpi.entryKey, decision: 'NOT_SAME_PROVIDER', reason: 'no' }),
  ).rejects.toThrow('Give the reason');

  // A second open submission, not on this month's list.
  const later = await sendContractRequest({ npi: '1245319599', providerName: 'Later Clinic' });
  expect(await matchesOf(later)).toEqual([]);

  // Next month: the entries in another order, a new one for the later submission's NPI, the same identities.
  const next = await load(leieCsv([...fillerRows(40, 1), business, leieBusiness({ busName: 'OTHER CO', npi: '1245319599' }), excluded]));
  expect(next.outcome).toBe('LOADED');
  const summary = await screenOpenSubmissions(prisma);
  expect(summary).toMatchObject({ screened: 2, flagged: 2 });

  const after = await matchesOf(id);
  expect(after.map((match) => [match.entryKey, match.cleared])).toEqual(
    [
      [byName.entryKey, true],
      [byNpi.entryKey, false],
    ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
  );
  expect((await matchesOf(later)).map((match) => match.reasons)).toEqual([['Provider: same NPI, 1245319599']]);
  const decisions = await prisma.exclusionDecision.findMany({ where: { submissionId: id } });
  expect(decisions.map((decision) => decision.decision).sort()).toEqual(['NOT_SAME_PROVIDER', 'SAME_PROVIDER']);
  const audit = await prisma.auditEvent.findMany({ where: { action: 'exclusion_decision', submissionId: id }, orderBy: { at: 'asc' } });
  expect(audit.map((event) => [event.actorEmail, (event.details as { decision: string }).decision])).toEqual([
    [reviewer.email, 'NOT_SAME_PROVIDER'],
    [reviewer.email, 'SAME_PROVIDER'],
  ]);

  // An entry gone from the list (reinstated) leaves an open submission's flag with the next screening.
  await load(leieCsv(fillerRows(10, 2)));
  await screenOpenSubmissions(prisma);
  expect(await matchesOf(id)).toEqual([]);
});

test('screening never fails a submission: when it cannot run, the submission is stored and the next screening takes it', async () => {
  await load(leieCsv([leiePerson({ npi: '1234567893' })]));
  await prisma.$executeRawUnsafe('ALTER TABLE exclusion_screening RENAME TO exclusion_screening_away');
  let id: string;
  try {
    id = await sendContractRequest({});
  } finally {
    await prisma.$executeRawUnsafe('ALTER TABLE exclusion_screening_away RENAME TO exclusion_screening');
  }
  expect(await prisma.outboxMessage.count({ where: { submissionId: id } })).toBe(2);
  expect(await matchesOf(id)).toEqual([]);
  expect(await prisma.exclusionScreening.count({ where: { submissionId: id } })).toBe(0);

  const summary = await screenOpenSubmissions(prisma);
  expect(summary).toMatchObject({ gathered: 1, screened: 1, flagged: 1 });
  expect((await matchesOf(id)).map((match) => match.reasons)).toEqual([['Provider: same NPI, 1234567893']]);
});

test('the file is read line by line as the OIG writes it: quoted commas, a byte-order mark, a last line without CRLF', async () => {
  const row = leieBusiness({ busName: 'SMITH, JONES & ASSOCIATES, P.C.', address: '1 MAIN ST, STE "B"' });
  const text = `\ufeff${leieCsv([row]).trimEnd()}`;
  expect(leieLine(row)).toContain('"SMITH, JONES & ASSOCIATES, P.C."');
  const loaded = await load(text);
  expect(loaded).toMatchObject({ outcome: 'LOADED', rowCount: 1 });
  expect(await prisma.exclusionEntry.findFirstOrThrow()).toMatchObject({
    busName: 'SMITH, JONES & ASSOCIATES, P.C.',
    address: '1 MAIN ST, STE "B"',
    busKey: 'smith jones and associates',
  });
});

test("the queue's Possible exclusion filter lists flagged submissions until a reviewer says Not the same provider", async () => {
  await load(leieCsv([leiePerson({ npi: '1234567893' }), ...fillerRows(10)]));
  const flagged = await sendContractRequest({});
  const clean = await sendContractRequest({ npi: '1245319599', providerName: 'Clean Clinic' });
  const possible = () =>
    querySubmissions(prisma, { exclusion: 'possible' }, undefined, reviewer).then((page) => page.rows.map((row) => row.id));
  expect(await possible()).toEqual([flagged]);
  expect((await querySubmissions(prisma, { exclusion: 'possible' }, undefined, reviewer)).counts.NEW).toBe(1);
  expect((await querySubmissions(prisma, {}, undefined, reviewer)).rows.map((row) => row.id).sort()).toEqual([flagged, clean].sort());
  // Each row carries its flag, so the queue can show it without the filter.
  const flags = Object.fromEntries(
    (await querySubmissions(prisma, {}, undefined, reviewer)).rows.map((row) => [row.id, row.possibleExclusion]),
  );
  expect(flags).toEqual({ [flagged]: true, [clean]: false });

  const [match] = await matchesOf(flagged);
  await recordExclusionDecision(prisma, reviewer, {
    submissionId: flagged,
    entryKey: match.entryKey,
    decision: 'NOT_SAME_PROVIDER',
    reason: 'The NPI was mistyped on the list; checked with NPPES.',
  });
  expect(await possible()).toEqual([]);
  expect((await querySubmissions(prisma, {}, undefined, reviewer)).rows.every((row) => !row.possibleExclusion)).toBe(true);
});

// Holding the lock needs a second connection, which the embedded database (one process, one connection) has not.
const onPostgres = process.env.TEST_DATABASE_URL ? test : test.skip;
onPostgres('a submission arriving while a load holds the list is not held up: the screening after the load takes it', async () => {
  await load(leieCsv([leiePerson({ npi: '1234567893' })]));
  const { Client } = await import('pg');
  const { EXCLUSION_LOCK_KEY } = await import('@/lib/exclusions/lock');
  const loader = new Client({ connectionString: database.testDb.url });
  await loader.connect();
  let id: string;
  try {
    await loader.query('BEGIN');
    await loader.query('SELECT pg_advisory_xact_lock($1)', [EXCLUSION_LOCK_KEY]);
    const started = Date.now();
    id = await sendContractRequest({});
    expect(Date.now() - started).toBeLessThan(5_000);
  } finally {
    await loader.query('COMMIT');
    await loader.end();
  }
  expect(await prisma.exclusionScreening.count({ where: { submissionId: id } })).toBe(0);
  expect(await screenOpenSubmissions(prisma)).toMatchObject({ gathered: 1, flagged: 1 });
});
