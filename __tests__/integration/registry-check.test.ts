import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { submitClinicUpdate } from '@/app/clinic-updates/actions';
import { submitContractRequest } from '@/app/contract-request/actions';
import { createMailer } from '@/lib/mail/mailer';
import { startOutboxWorker } from '@/lib/mail/worker';
import { REGISTRY_RETRIES, retryRegistryChecks } from '@/lib/registry/checks';
import { lookUpNpi } from '@/lib/registry/lookup';
import { fetchFromRegistry, RegistryUnavailableError } from '@/lib/registry/nppes';
import { querySubmissions } from '@/lib/staff/queue-query';
import { clinicUpdateFormData, PROVIDER_NPIS, validClinicUpdate } from '../fixtures/clinic-update';
import { validContractRequest } from '../fixtures/contract-request';
import { useTestDatabase } from '../helpers/database';
import { FAKE_NPIS, startFakeRegistry, type FakeRegistry } from '../helpers/fake-registry';
import { redirectOf, toFormData } from '../helpers/forms';
import { waitUntil } from '../helpers/wait';

let fake: FakeRegistry;
beforeAll(async () => {
  fake = await startFakeRegistry();
});
const database = useTestDatabase({ truncate: true, env: () => ({ NPPES_API_URL: fake.url }) });
afterAll(() => fake.close());
beforeEach(async () => {
  fake.isDown = false;
  fake.asked.length = 0;
  await database.prisma.npiRegistryCache.deleteMany();
});

async function sendContractRequest(overrides: Record<string, string> = {}) {
  const { location, result } = await redirectOf(() =>
    submitContractRequest({ status: 'idle' }, toFormData(validContractRequest(overrides))),
  );
  if (!location) throw new Error(`not sent: ${JSON.stringify(result)}`);
  return database.prisma.submission.findUniqueOrThrow({ where: { reference: location.split('/').pop()! } });
}

/** The submission's checks once none is still waiting for its first answer. */
async function settledChecks(submissionId: string, count = 1) {
  return waitUntil(async () => {
    const checks = await database.prisma.registryCheck.findMany({
      where: { submissionId },
      orderBy: [{ role: 'asc' }, { position: 'asc' }],
    });
    return checks.length === count && checks.every((check) => check.attempts > 0) ? checks : undefined;
  }, 'the registry check is stored');
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('the registry client', () => {
  test('an individual and an organisation are found, with their names, specialties and practice state', async () => {
    const person = await fetchFromRegistry(fake.url, FAKE_NPIS.individual);
    expect(person).toMatchObject({
      found: true,
      record: { enumerationType: 'INDIVIDUAL', name: 'JANE Q SMITH', location: { state: 'OR' } },
    });
    const clinic = await fetchFromRegistry(fake.url, FAKE_NPIS.organization);
    expect(clinic).toMatchObject({ found: true, record: { enumerationType: 'ORGANIZATION', name: 'ROSE CITY FAMILY CLINIC LLC' } });
    expect(fake.asked).toEqual([FAKE_NPIS.individual, FAKE_NPIS.organization]);
  });

  test('a number the registry does not know is not found, and a deactivated one says so', async () => {
    expect(await fetchFromRegistry(fake.url, FAKE_NPIS.notFound)).toEqual({ found: false });
    expect(await fetchFromRegistry(fake.url, FAKE_NPIS.deactivated)).toMatchObject({
      found: true,
      record: { status: 'DEACTIVATED', deactivationDate: '2024-05-01' },
    });
  });

  test('an Errors answer, a slow answer past the limit and a refused connection are failures, not answers', async () => {
    await expect(fetchFromRegistry(fake.url, FAKE_NPIS.errors)).rejects.toThrow(/refused the question: No valid search criteria/);
    const started = Date.now();
    await expect(fetchFromRegistry(fake.url, FAKE_NPIS.slow)).rejects.toThrow(/no answer within 3000 ms/);
    expect(Date.now() - started).toBeLessThan(3_900);
    const refused = `http://127.0.0.1:${await closedPort()}/api/`;
    await expect(fetchFromRegistry(refused, FAKE_NPIS.individual)).rejects.toThrow(RegistryUnavailableError);
    await expect(fetchFromRegistry(refused, FAKE_NPIS.individual)).rejects.toThrow(/could not reach the registry/);
  });

  test('an answer is cached per NPI for 24 hours, and a failure is not cached', async () => {
    const now = new Date();
    await lookUpNpi(database.prisma, FAKE_NPIS.individual, { now });
    await lookUpNpi(database.prisma, FAKE_NPIS.individual, { now: new Date(now.getTime() + 23 * 3_600_000) });
    expect(await lookUpNpi(database.prisma, FAKE_NPIS.notFound, { now })).toEqual({ found: false });
    await lookUpNpi(database.prisma, FAKE_NPIS.notFound, { now });
    expect(fake.asked).toEqual([FAKE_NPIS.individual, FAKE_NPIS.notFound]);
    await lookUpNpi(database.prisma, FAKE_NPIS.individual, { now: new Date(now.getTime() + 25 * 3_600_000) });
    expect(fake.asked).toEqual([FAKE_NPIS.individual, FAKE_NPIS.notFound, FAKE_NPIS.individual]);

    // Two look-ups of one NPI at once both get the answer, whichever caches it.
    const both = await Promise.all([lookUpNpi(database.prisma, FAKE_NPIS.deactivated), lookUpNpi(database.prisma, FAKE_NPIS.deactivated)]);
    expect(both.map((answer) => answer.found)).toEqual([true, true]);

    fake.isDown = true;
    await expect(lookUpNpi(database.prisma, FAKE_NPIS.organization)).rejects.toThrow(/HTTP 503/);
    expect(await database.prisma.npiRegistryCache.findUnique({ where: { npi: FAKE_NPIS.organization } })).toBeNull();
  });
});

describe('the check of a submission', () => {
  test('a contract request is stored with its registry check: found, an organisation, everything matching', async () => {
    const submission = await sendContractRequest();
    const [check] = await settledChecks(submission.id);
    expect(check).toMatchObject({
      role: 'PROVIDER',
      npi: '1234567893',
      status: 'FOUND',
      enumerationType: 'ORGANIZATION',
      registryName: 'ROSE CITY FAMILY CLINIC LLC',
      registryState: 'OR',
      registryCity: 'PORTLAND',
      typedName: 'Rose City Family Clinic',
      typedTaxonomyCode: '207Q00000X',
      typedState: 'OR',
      differences: [],
      needsAttention: false,
    });
    expect(check.registrySpecialties).toEqual([{ code: '207Q00000X', desc: 'Family Medicine', primary: true, state: 'OR' }]);
  });

  test('differences and numbers not found are stored, and the queue’s registry filter finds them', async () => {
    const differing = await sendContractRequest({
      npi: FAKE_NPIS.individual,
      providerName: 'John Smith',
      taxonomyCode: '363L00000X',
      physicalState: 'WA',
    });
    const unknown = await sendContractRequest({ npi: FAKE_NPIS.notFound, providerName: 'Nobody Known' });
    const deactivated = await sendContractRequest({ npi: FAKE_NPIS.deactivated, providerName: 'Sam Lee', taxonomyCode: '207Q00000X' });
    const matching = await sendContractRequest({ npi: FAKE_NPIS.individual, providerName: 'Dr. Jane Smith', taxonomyCode: '208D00000X' });
    expect((await settledChecks(differing.id))[0]).toMatchObject({
      status: 'FOUND',
      differences: ['name', 'specialty', 'state'],
      needsAttention: true,
    });
    expect((await settledChecks(unknown.id))[0]).toMatchObject({ status: 'NOT_FOUND', needsAttention: true });
    expect((await settledChecks(deactivated.id))[0]).toMatchObject({ status: 'DEACTIVATED', differences: [], needsAttention: true });
    expect((await settledChecks(matching.id))[0]).toMatchObject({ status: 'FOUND', differences: [], needsAttention: false });

    const viewer = { id: '00000000-0000-0000-0000-000000000000' };
    const page = await querySubmissions(database.prisma, { registry: 'attention' }, undefined, viewer);
    expect(page.rows.map((row) => row.id).sort()).toEqual([differing.id, unknown.id, deactivated.id].sort());
    expect(page.counts.NEW).toBe(3);
    const all = await querySubmissions(database.prisma, {}, undefined, viewer);
    expect(all.rows).toHaveLength(4);
    // Each row carries its flag, so the queue can show it without the filter.
    expect(
      all.rows
        .filter((row) => row.registryAttention)
        .map((row) => row.id)
        .sort(),
    ).toEqual(page.rows.map((row) => row.id).sort());
  });

  test('a clinic update checks the clinic NPI and the NPIs of providers joining and leaving', async () => {
    const update = validClinicUpdate(['providerJoining', 'providerLeaving'], { clinicNpi: FAKE_NPIS.organization });
    const { location } = await redirectOf(() => submitClinicUpdate({ status: 'idle' }, clinicUpdateFormData(update)));
    const submission = await database.prisma.submission.findUniqueOrThrow({ where: { reference: location!.split('/').pop()! } });
    const checks = await settledChecks(submission.id, 4);
    expect(checks.map((check) => [check.role, check.position, check.npi, check.status])).toEqual([
      ['CLINIC', 0, FAKE_NPIS.organization, 'FOUND'],
      ['JOINING', 0, PROVIDER_NPIS[0], 'NOT_FOUND'],
      ['JOINING', 1, PROVIDER_NPIS[1], 'NOT_FOUND'],
      ['LEAVING', 0, PROVIDER_NPIS[2], 'NOT_FOUND'],
    ]);
    expect(checks[0]).toMatchObject({ typedName: 'Rose City Family Clinic', typedTaxonomyCode: null, differences: [] });
  });

  test('a registry that is down never fails the post: the check is stored as not checked, and the worker tries again', async () => {
    fake.isDown = true;
    const started = Date.now();
    const submission = await sendContractRequest();
    expect(Date.now() - started).toBeLessThan(3_000);
    const [check] = await settledChecks(submission.id);
    expect(check).toMatchObject({ status: 'NOT_CHECKED', attempts: 1, needsAttention: false });
    expect(check.lastError).toMatch(/HTTP 503/);
    // Back-off: about a minute after the first failure.
    expect(check.nextAttemptAt!.getTime() - Date.now()).toBeGreaterThan(50_000);
    expect(await retryRegistryChecks(database.prisma)).toBe(0);

    // Still down when it is due: a second failure, then twice as long.
    const due = new Date(check.nextAttemptAt!.getTime() + 1000);
    expect(await retryRegistryChecks(database.prisma, due)).toBe(1);
    const again = await database.prisma.registryCheck.findUniqueOrThrow({ where: { id: check.id } });
    expect(again).toMatchObject({ status: 'NOT_CHECKED', attempts: 2 });
    expect(again.nextAttemptAt!.getTime() - due.getTime()).toBe(120_000);

    // Back up: the outbox worker's housekeeping finds it due and checks it.
    fake.isDown = false;
    await database.prisma.registryCheck.update({ where: { id: check.id }, data: { nextAttemptAt: new Date(Date.now() - 1000) } });
    const worker = startOutboxWorker({
      prisma: database.prisma,
      mailer: createMailer(),
      pollSeconds: 0.05,
      periodic: [{ ...REGISTRY_RETRIES, everySeconds: 0.05 }],
    });
    try {
      const checked = await waitUntil(async () => {
        const row = await database.prisma.registryCheck.findUniqueOrThrow({ where: { id: check.id } });
        return row.status !== 'NOT_CHECKED' ? row : undefined;
      }, 'the worker checks it again');
      expect(checked).toMatchObject({ status: 'FOUND', attempts: 3, lastError: null, nextAttemptAt: null, differences: [] });
    } finally {
      await worker.stop();
    }
  });

  test('a submission whose check never ran (the server died first) is checked by the worker after two minutes', async () => {
    const submission = await sendContractRequest();
    await settledChecks(submission.id);
    // As if the process had died between storing the submission and checking it.
    await database.prisma.registryCheck.deleteMany();
    expect(await retryRegistryChecks(database.prisma)).toBe(0);
    const later = new Date(Date.now() + 121_000);
    expect(await retryRegistryChecks(database.prisma, later)).toBe(1);
    const [check] = await settledChecks(submission.id);
    expect(check).toMatchObject({ status: 'FOUND', attempts: 1 });
    // Once checked, it is not adopted again; nor is one older than a week.
    expect(await retryRegistryChecks(database.prisma, later)).toBe(0);
    await database.prisma.registryCheck.deleteMany();
    expect(await retryRegistryChecks(database.prisma, new Date(Date.now() + 8 * 86_400_000))).toBe(0);
  });

  test('a slow registry never holds the post up: the check is not checked after the 3-second limit', async () => {
    const started = Date.now();
    const submission = await sendContractRequest({ npi: FAKE_NPIS.slow, providerName: 'Jane Smith' });
    expect(Date.now() - started).toBeLessThan(2_000);
    const [check] = await settledChecks(submission.id);
    expect(check).toMatchObject({ status: 'NOT_CHECKED', attempts: 1 });
    expect(check.lastError).toMatch(/no answer within 3000 ms/);
  });

  test('a repeated post makes no second check', async () => {
    const values = validContractRequest();
    await redirectOf(() => submitContractRequest({ status: 'idle' }, toFormData(values)));
    await redirectOf(() => submitContractRequest({ status: 'idle' }, toFormData(values)));
    const submission = await database.prisma.submission.findFirstOrThrow();
    await settledChecks(submission.id);
    expect(await database.prisma.registryCheck.count()).toBe(1);
    expect(fake.asked).toEqual(['1234567893']);
  });
});
