import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for the NPPES NPI Registry API 2.1 (`GET /api/?version=2.1&number=<npi>`), speaking its documented
 * JSON: `result_count` and `results[]` (`number`, `enumeration_type`, `basic`, `addresses[]`, `taxonomies[]`), or
 * `Errors[]`. The tests and the browser tests' web server start it; the real registry is never asked.
 */

/** NPIs (valid check digits) and what the fake answers for each. */
export const FAKE_NPIS = {
  /** An individual, NPI-1: Jane Q Smith, family medicine, Portland OR. */
  individual: '1554321012',
  /** An organisation, NPI-2: Rose City Family Clinic LLC, Portland OR (also the fixtures' 1234567893). */
  organization: '1654321029',
  notFound: '1754321036',
  /** In the registry with status D and a deactivation date. */
  deactivated: '1854321043',
  /** Answered with `Errors[]`. */
  errors: '1954321059',
  /** Answered after 4 seconds: past the 3-second limit. */
  slow: '1454321062',
} as const;

const taxonomy = (code: string, desc: string, primary: boolean, license = 'MD12345') => ({
  code,
  taxonomy_group: '',
  desc,
  state: 'OR',
  license,
  primary,
});

const address = (purpose: 'LOCATION' | 'MAILING', street: string, city: string, state: string, zip: string) => ({
  country_code: 'US',
  country_name: 'United States',
  address_purpose: purpose,
  address_type: 'DOM',
  address_1: street,
  address_2: purpose === 'LOCATION' ? 'SUITE 4' : '',
  city,
  state,
  postal_code: zip,
  telephone_number: '503-555-0123',
});

function individual(number: string) {
  return {
    created_epoch: '1183680000000',
    enumeration_type: 'NPI-1',
    last_updated_epoch: '1269302400000',
    number,
    addresses: [
      address('LOCATION', '1200 SE DIVISION ST', 'PORTLAND', 'OR', '972021234'),
      address('MAILING', 'PO BOX 4410', 'PORTLAND', 'OR', '972084410'),
    ],
    practiceLocations: [],
    basic: {
      first_name: 'JANE',
      last_name: 'SMITH',
      middle_name: 'Q',
      credential: 'M.D.',
      sole_proprietor: 'NO',
      sex: 'F',
      enumeration_date: '2007-07-06',
      last_updated: '2010-03-23',
      status: 'A',
    },
    taxonomies: [taxonomy('207Q00000X', 'Family Medicine', true), taxonomy('208D00000X', 'General Practice', false)],
    identifiers: [],
    endpoints: [],
    other_names: [],
  };
}

function organization(number: string) {
  return {
    created_epoch: '1183680000000',
    enumeration_type: 'NPI-2',
    last_updated_epoch: '1269302400000',
    number,
    addresses: [
      address('LOCATION', '1200 SE DIVISION ST', 'PORTLAND', 'OR', '97202'),
      address('MAILING', 'PO BOX 4410', 'PORTLAND', 'OR', '972084410'),
    ],
    practiceLocations: [],
    basic: {
      organization_name: 'ROSE CITY FAMILY CLINIC LLC',
      organizational_subpart: 'NO',
      enumeration_date: '2007-07-06',
      last_updated: '2021-03-23',
      status: 'A',
      authorized_official_first_name: 'ANA',
      authorized_official_last_name: 'ORTIZ',
      authorized_official_telephone_number: '5035550123',
      authorized_official_title_or_position: 'DIRECTOR',
    },
    taxonomies: [taxonomy('207Q00000X', 'Family Medicine', true, '')],
    identifiers: [],
    endpoints: [],
    other_names: [{ type: 'Doing Business As', code: '3', organization_name: 'ROSE CITY CLINIC' }],
  };
}

function deactivated(number: string) {
  const result = individual(number);
  return {
    ...result,
    basic: { first_name: 'SAM', last_name: 'LEE', credential: 'M.D.', status: 'D', deactivation_date: '2024-05-01' },
  };
}

export interface FakeRegistry {
  /** The API's address, as NPPES_API_URL takes it. */
  url: string;
  /** The NPIs asked for, in order. */
  asked: string[];
  /** While true, every question gets a 503: the registry is down. */
  isDown: boolean;
  close(): Promise<void>;
}

/** What the fake answers for `number`: [HTTP status, body, delay in ms]. */
export function answerFor(number: string | null, version: string | null): [number, unknown, number] {
  if (version !== '2.1') return [200, { Errors: [{ description: 'Unsupported Version', field: 'version', number: '02' }] }, 0];
  if (!number || !/^\d{10}$/.test(number))
    return [200, { Errors: [{ description: 'Field number must be 10 digits', field: 'number', number: '04' }] }, 0];
  if (number === FAKE_NPIS.errors)
    return [200, { Errors: [{ description: 'No valid search criteria provided', field: 'generic', number: '04' }] }, 0];
  if (number === FAKE_NPIS.notFound) return [200, { result_count: 0, results: [] }, 0];
  if (number === FAKE_NPIS.deactivated) return [200, { result_count: 1, results: [deactivated(number)] }, 0];
  if (number === FAKE_NPIS.slow) return [200, { result_count: 1, results: [individual(number)] }, 4_000];
  if (number === FAKE_NPIS.organization || number === '1234567893') return [200, { result_count: 1, results: [organization(number)] }, 0];
  if (number === FAKE_NPIS.individual) return [200, { result_count: 1, results: [individual(number)] }, 0];
  return [200, { result_count: 0, results: [] }, 0];
}

export async function startFakeRegistry(port = 0): Promise<FakeRegistry> {
  const fake: FakeRegistry = { url: '', asked: [], isDown: false, close: async () => {} };
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://fake');
    const number = url.searchParams.get('number');
    if (number) fake.asked.push(number);
    if (fake.isDown) {
      response.writeHead(503, { 'content-type': 'text/plain' }).end('Service Unavailable');
      return;
    }
    const [status, body, delay] = answerFor(number, url.searchParams.get('version'));
    const timer = setTimeout(() => {
      if (!response.destroyed) response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    }, delay);
    response.on('close', () => clearTimeout(timer));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}
