import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { normalizeName, personKey } from './names';

/**
 * Reads the OIG's LEIE file (UPDATED.csv, https://oig.hhs.gov/exclusions/exclusions_list.asp): one header row and 18
 * columns, dates YYYYMMDD with 00000000 for none, NPI 0000000000 for none. Streamed through csv-parse, hashed
 * (SHA-256) as it passes. The first problem refuses the whole file, with its line and the reason: a list half read
 * would silently clear exclusions.
 */

export const LEIE_COLUMNS = [
  'LASTNAME',
  'FIRSTNAME',
  'MIDNAME',
  'BUSNAME',
  'GENERAL',
  'SPECIALTY',
  'UPIN',
  'NPI',
  'DOB',
  'ADDRESS',
  'CITY',
  'STATE',
  'ZIP',
  'EXCLTYPE',
  'EXCLDATE',
  'REINDATE',
  'WAIVERDATE',
  'WVRSTATE',
] as const;

/** The entries, column by column, as the loader inserts them (one unnest per column). */
export interface LeieColumns {
  entryKey: string[];
  line: number[];
  lastName: string[];
  firstName: string[];
  midName: string[];
  busName: string[];
  general: string[];
  specialty: string[];
  upin: string[];
  npi: Array<string | null>;
  /** YYYY-MM-DD, or null. */
  dob: Array<string | null>;
  address: string[];
  city: string[];
  state: string[];
  zip: string[];
  exclType: string[];
  exclDate: Array<string | null>;
  reinDate: Array<string | null>;
  waiverDate: Array<string | null>;
  waiverState: string[];
  busKey: Array<string | null>;
  personKey: Array<string | null>;
}

export type LeieFile =
  { ok: true; columns: LeieColumns; rowCount: number; sha256: string } | { ok: false; problem: string; rowCount: number; sha256: string };

class RowProblem extends Error {}

function emptyColumns(): LeieColumns {
  return {
    entryKey: [],
    line: [],
    lastName: [],
    firstName: [],
    midName: [],
    busName: [],
    general: [],
    specialty: [],
    upin: [],
    npi: [],
    dob: [],
    address: [],
    city: [],
    state: [],
    zip: [],
    exclType: [],
    exclDate: [],
    reinDate: [],
    waiverDate: [],
    waiverState: [],
    busKey: [],
    personKey: [],
  };
}

/** YYYYMMDD as YYYY-MM-DD; 00000000 (or blank) is none; anything else is refused. */
export function leieDate(value: string, column: string): string | null {
  if (value === '' || value === '00000000') return null;
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (match) {
    const [, year, month, day] = match;
    const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
    if (date.getUTCFullYear() === Number(year) && date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day))
      return `${year}-${month}-${day}`;
  }
  throw new RowProblem(`${column} is "${value}", not a date written YYYYMMDD (00000000 for none)`);
}

/** The stable identity of an entry: what says who was excluded and when, not where they live now or the row's place. */
export function entryKeyOf(fields: {
  lastName: string;
  firstName: string;
  midName: string;
  busName: string;
  npi: string | null;
  upin: string;
  dob: string | null;
  state: string;
  exclType: string;
  exclDate: string | null;
}): string {
  const identity = [
    fields.lastName,
    fields.firstName,
    fields.midName,
    fields.busName,
    fields.npi ?? '',
    fields.upin,
    fields.dob ?? '',
    fields.state,
    fields.exclType,
    fields.exclDate ?? '',
  ];
  return createHash('sha256').update(identity.join('\u001f')).digest('hex');
}

function addRow(columns: LeieColumns, record: string[], line: number): void {
  const [
    lastName,
    firstName,
    midName,
    busName,
    general,
    specialty,
    upin,
    rawNpi,
    rawDob,
    address,
    city,
    state,
    zip,
    exclType,
    rawExclDate,
    rawReinDate,
    rawWaiverDate,
    waiverState,
  ] = record.map((field) => field.trim());
  if (!lastName && !busName) throw new RowProblem('the entry has neither a LASTNAME nor a BUSNAME');
  if (!/^\d{10}$/.test(rawNpi) && rawNpi !== '') throw new RowProblem(`NPI is "${rawNpi}", not 10 digits (0000000000 for none)`);
  const npi = rawNpi === '' || rawNpi === '0000000000' ? null : rawNpi;
  if (state !== '' && !/^[A-Z]{2}$/.test(state)) throw new RowProblem(`STATE is "${state}", not a two-letter state code`);
  if (!exclType) throw new RowProblem('EXCLTYPE is empty');
  const exclDate = leieDate(rawExclDate, 'EXCLDATE');
  if (!exclDate) throw new RowProblem('EXCLDATE is empty: every exclusion has a date');
  const dob = leieDate(rawDob, 'DOB');
  const reinDate = leieDate(rawReinDate, 'REINDATE');
  const waiverDate = leieDate(rawWaiverDate, 'WAIVERDATE');
  const entryKey = entryKeyOf({ lastName, firstName, midName, busName, npi, upin, dob, state, exclType, exclDate });

  columns.entryKey.push(entryKey);
  columns.line.push(line);
  columns.lastName.push(lastName);
  columns.firstName.push(firstName);
  columns.midName.push(midName);
  columns.busName.push(busName);
  columns.general.push(general);
  columns.specialty.push(specialty);
  columns.upin.push(upin);
  columns.npi.push(npi);
  columns.dob.push(dob);
  columns.address.push(address);
  columns.city.push(city);
  columns.state.push(state);
  columns.zip.push(zip);
  columns.exclType.push(exclType);
  columns.exclDate.push(exclDate);
  columns.reinDate.push(reinDate);
  columns.waiverDate.push(waiverDate);
  columns.waiverState.push(waiverState);
  columns.busKey.push(busName ? normalizeName(busName) || null : null);
  columns.personKey.push(lastName ? (personKey(firstName, lastName) ?? null) : null);
}

function csvProblem(error: unknown): string {
  if (error instanceof CsvError) {
    const line = typeof error.lines === 'number' ? error.lines : undefined;
    const reason =
      error.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH'
        ? `the row has ${Array.isArray(error.record) ? error.record.length : 'a different number of'} columns, not ${LEIE_COLUMNS.length}`
        : error.code === 'CSV_QUOTE_NOT_CLOSED'
          ? 'a quoted field is never closed'
          : error.message.replace(/^Invalid \w+: /, '');
    return line ? `Line ${line}: ${reason}.` : `${reason}.`;
  }
  return `The file could not be read: ${(error as Error).message}.`;
}

/** Reads and checks the whole file; `ok: false` names the first problem's line. */
export async function readLeieFile(source: Readable | AsyncIterable<Uint8Array>): Promise<LeieFile> {
  const hash = createHash('sha256');
  const columns = emptyColumns();
  let problem: string | undefined;
  let sawHeader = false;
  const parser = parse({ bom: true, info: true, skip_empty_lines: true, relax_column_count: false });
  parser.on('data', ({ record, info }: { record: string[]; info: { lines: number } }) => {
    if (problem) return;
    try {
      if (!sawHeader) {
        sawHeader = true;
        const header = record.map((field) => field.trim().toUpperCase());
        if (header.length !== LEIE_COLUMNS.length || header.some((name, index) => name !== LEIE_COLUMNS[index]))
          throw new RowProblem(`the header is not the LEIE's 18 columns (${LEIE_COLUMNS.join(', ')})`);
        return;
      }
      addRow(columns, record, info.lines);
    } catch (error) {
      if (!(error instanceof RowProblem)) throw error;
      problem = `Line ${info.lines}: ${error.message}.`;
    }
  });
  const ended = new Promise<void>((resolve) => {
    parser.on('end', resolve);
    parser.on('error', (error) => {
      problem ??= csvProblem(error);
      resolve();
    });
  });
  // Every byte is hashed, even after a problem, so a refused file's SHA-256 is the file's.
  for await (const chunk of source) {
    hash.update(chunk);
    if (!problem && !parser.destroyed) parser.write(chunk);
  }
  if (!parser.destroyed) parser.end();
  await ended;
  const rowCount = columns.line.length;
  const sha256 = hash.digest('hex');
  if (!problem && !sawHeader) problem = 'The file is empty: the LEIE file starts with its header row.';
  if (!problem && rowCount === 0) problem = 'The file has a header but no entries.';
  return problem ? { ok: false, problem, rowCount, sha256 } : { ok: true, columns, rowCount, sha256 };
}
