import 'server-only';
import { z } from 'zod';

/**
 * The NPPES NPI Registry API, version 2.1: `GET <NPPES_API_URL>?version=2.1&number=<npi>`. Parsed with a schema that
 * keeps what the check uses and lets every other field through, so a field the registry adds never breaks it.
 */

const text = z.string().nullish();

const addressSchema = z.looseObject({
  address_purpose: text,
  address_1: text,
  address_2: text,
  city: text,
  state: text,
  postal_code: text,
});

const taxonomySchema = z.looseObject({
  code: z.string(),
  desc: text,
  primary: z.union([z.boolean(), z.string()]).nullish(),
  state: text,
  license: text,
});

const resultSchema = z.looseObject({
  // The registry has sent it both as a number and as a string.
  number: z.union([z.string(), z.number()]).transform(String),
  enumeration_type: z.string(),
  basic: z.looseObject({
    first_name: text,
    last_name: text,
    middle_name: text,
    credential: text,
    organization_name: text,
    name: text,
    status: text,
    deactivation_date: text,
  }),
  other_names: z.array(z.looseObject({ organization_name: text })).nullish(),
  addresses: z.array(addressSchema).nullish(),
  taxonomies: z.array(taxonomySchema).nullish(),
});

/** An error answer: `{"Errors": [{"description": "…", "field": "number", "number": "…"}]}`. */
export const registryErrorsSchema = z.looseObject({ Errors: z.array(z.looseObject({ description: text, field: text })) });
export const registryAnswerSchema = z.looseObject({ result_count: z.number(), results: z.array(resultSchema).nullish() });

export type RegistryResult = z.infer<typeof resultSchema>;

export interface Specialty {
  code: string;
  desc: string;
  primary: boolean;
  state?: string;
  license?: string;
}

export interface RegistryAddress {
  street: string;
  line2?: string;
  city: string;
  state: string;
  zip: string;
}

/** What the check stores and the form's panel shows of a registry result. */
export interface RegistryRecord {
  npi: string;
  status: 'FOUND' | 'DEACTIVATED';
  enumerationType: 'INDIVIDUAL' | 'ORGANIZATION';
  name: string;
  /** Individuals: first and last name apart, for the comparison; organisations: other names (doing business as). */
  firstName?: string;
  lastName?: string;
  otherNames: string[];
  specialties: Specialty[];
  /** The practice (LOCATION) address. */
  location?: RegistryAddress;
  deactivationDate?: string;
}

/** The registry's answer for one NPI: a record, or none. Anything else (an `Errors` answer, a timeout) throws. */
export type Lookup = { found: true; record: RegistryRecord } | { found: false };

export class RegistryUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegistryUnavailableError';
  }
}

/** The limit on one request to the registry (issue 15). */
export const REGISTRY_TIMEOUT_MS = 3_000;

/** Asks the registry about one NPI; throws RegistryUnavailableError on any failure (refused, slow, error answer). */
export async function fetchFromRegistry(apiUrl: string, npi: string, timeoutMs = REGISTRY_TIMEOUT_MS): Promise<Lookup> {
  const url = new URL(apiUrl);
  url.searchParams.set('version', '2.1');
  url.searchParams.set('number', npi);
  let body: unknown;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
    if (!response.ok) throw new RegistryUnavailableError(`the registry answered HTTP ${response.status}`);
    body = await response.json();
  } catch (error) {
    if (error instanceof RegistryUnavailableError) throw error;
    const name = (error as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') throw new RegistryUnavailableError(`no answer within ${timeoutMs} ms`);
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    throw new RegistryUnavailableError(`could not reach the registry${cause ? ` (${cause})` : `: ${(error as Error).message}`}`);
  }
  const errors = registryErrorsSchema.safeParse(body);
  if (errors.success) {
    const reasons = errors.data.Errors.map((item) => item.description).filter(Boolean);
    throw new RegistryUnavailableError(`the registry refused the question: ${reasons.join('; ') || 'no reason given'}`);
  }
  const parsed = registryAnswerSchema.safeParse(body);
  if (!parsed.success) throw new RegistryUnavailableError('the registry answered in an unknown format');
  const result = (parsed.data.results ?? []).find((item) => item.number === npi);
  return result ? { found: true, record: toRecord(result) } : { found: false };
}

const clean = (value: string | null | undefined) => value?.trim() || undefined;

export function toRecord(result: RegistryResult): RegistryRecord {
  const { basic } = result;
  const isOrganization = result.enumeration_type === 'NPI-2';
  const individualName = [basic.first_name, basic.middle_name, basic.last_name].map(clean).filter(Boolean).join(' ');
  const name = (isOrganization ? clean(basic.organization_name) : individualName) || clean(basic.name) || '';
  const location = result.addresses?.find((address) => address.address_purpose === 'LOCATION');
  const deactivationDate = clean(basic.deactivation_date);
  const isActive = (clean(basic.status) ?? 'A').toUpperCase() === 'A' && !deactivationDate;
  return {
    npi: result.number,
    status: isActive ? 'FOUND' : 'DEACTIVATED',
    enumerationType: isOrganization ? 'ORGANIZATION' : 'INDIVIDUAL',
    name,
    firstName: isOrganization ? undefined : clean(basic.first_name),
    lastName: isOrganization ? undefined : clean(basic.last_name),
    otherNames: (result.other_names ?? []).map((other) => clean(other.organization_name)).filter((value) => value !== undefined),
    specialties: (result.taxonomies ?? []).map((taxonomy) => ({
      code: taxonomy.code,
      desc: clean(taxonomy.desc) ?? taxonomy.code,
      primary: taxonomy.primary === true || taxonomy.primary === 'true' || taxonomy.primary === 'Y',
      state: clean(taxonomy.state),
      license: clean(taxonomy.license),
    })),
    location: location && {
      street: clean(location.address_1) ?? '',
      line2: clean(location.address_2),
      city: clean(location.city) ?? '',
      state: clean(location.state) ?? '',
      zip: (location.postal_code ?? '').replace(/\D/g, ''),
    },
    deactivationDate,
  };
}

export function primarySpecialty(record: Pick<RegistryRecord, 'specialties'>): Specialty | undefined {
  return record.specialties.find((specialty) => specialty.primary) ?? record.specialties[0];
}
