import { GET } from '@/app/api/npi/[npi]/route';
import { useTestDatabase } from '../helpers/database';
import { FAKE_NPIS, startFakeRegistry, type FakeRegistry } from '../helpers/fake-registry';

/** GET /api/npi/<npi>, the forms' registry panel's look-up: public, so valid NPIs only, rate-limited, cached. */

let fake: FakeRegistry;
beforeAll(async () => {
  fake = await startFakeRegistry();
});
useTestDatabase({ env: () => ({ NPPES_API_URL: fake.url, NPI_LOOKUPS_PER_15_MINUTES: '4' }) });
afterAll(() => fake.close());

const get = (npi: string) => GET(new Request(`http://intake.test/api/npi/${npi}`), { params: Promise.resolve({ npi }) });

test('only a valid NPI is answered; each client has NPI_LOOKUPS_PER_15_MINUTES; the registry is asked once a day per NPI', async () => {
  // Not counted, never sent on: a wrong check digit, too few digits, anything else.
  for (const npi of ['1234567890', '12345', 'abcdefghij', `${FAKE_NPIS.individual}0`]) expect((await get(npi)).status).toBe(404);
  expect(fake.asked).toEqual([]);

  const first = await get(FAKE_NPIS.individual);
  expect(first.status).toBe(200);
  expect(first.headers.get('cache-control')).toBe('no-store');
  expect(await first.json()).toEqual({
    status: 'found',
    npi: FAKE_NPIS.individual,
    enumerationType: 'INDIVIDUAL',
    name: 'JANE Q SMITH',
    specialty: { code: '207Q00000X', desc: 'Family Medicine', isKnown: true },
    address: { street: '1200 SE DIVISION ST', line2: 'SUITE 4', city: 'PORTLAND', state: 'OR', zip: '972021234' },
  });
  expect(await (await get(FAKE_NPIS.individual)).json()).toMatchObject({ status: 'found' });
  expect(fake.asked).toEqual([FAKE_NPIS.individual]);
  expect(await (await get(FAKE_NPIS.deactivated)).json()).toMatchObject({ status: 'deactivated', name: 'SAM LEE' });
  const failed = await get(FAKE_NPIS.errors);
  expect(failed.status).toBe(503);
  expect(await failed.json()).toEqual({ status: 'unavailable', npi: FAKE_NPIS.errors });

  // The fifth look-up in 15 minutes from the same client is refused, with when to try again.
  const refused = await get(FAKE_NPIS.organization);
  expect(refused.status).toBe(429);
  expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(fake.asked).not.toContain(FAKE_NPIS.organization);
});
