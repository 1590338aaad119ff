import 'server-only';
import type { Readable } from 'node:stream';
import { recordAudit } from '@/lib/audit';
import type { Prisma, PrismaClient } from '@/lib/generated/prisma/client';
import { EXCLUSION_LOCK_KEY } from './lock';
import { readLeieFile, type LeieColumns } from './leie-file';

/**
 * Loads the LEIE file: read and checked whole first (lib/exclusions/leie-file.ts), then the old list replaced by the
 * new one in one transaction, with batched multi-row inserts (one unnest per column). A refused file changes nothing
 * but the record of the attempt. The caller screens the open submissions afterwards (screenOpenSubmissions).
 */

export interface LoadedBy {
  /** A staff member (the upload), or null for the command line. */
  actor: { id: string; email: string } | null;
  /** Shown on /staff/exclusions: the staff member's address, or user@host (command line). */
  label: string;
}

export type LoadOutcome =
  | { outcome: 'LOADED'; loadId: string; fileName: string; rowCount: number; sha256: string; durationMs: number }
  | { outcome: 'REFUSED'; loadId: string; fileName: string; problem: string; sha256: string; durationMs: number };

/** Rows per INSERT: 22 arrays of this many values each, well within what one statement carries. */
const BATCH = 10_000;

const INSERT_ENTRIES = `
  INSERT INTO exclusion_entry (entry_key, line, last_name, first_name, mid_name, bus_name, general, specialty, upin, npi,
                               dob, address, city, state, zip, excl_type, excl_date, rein_date, waiver_date, waiver_state,
                               bus_key, person_key)
  SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                       $9::text[], $10::text[], $11::date[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[],
                       $17::date[], $18::date[], $19::date[], $20::text[], $21::text[], $22::text[])`;

const COLUMN_ORDER: Array<keyof LeieColumns> = [
  'entryKey',
  'line',
  'lastName',
  'firstName',
  'midName',
  'busName',
  'general',
  'specialty',
  'upin',
  'npi',
  'dob',
  'address',
  'city',
  'state',
  'zip',
  'exclType',
  'exclDate',
  'reinDate',
  'waiverDate',
  'waiverState',
  'busKey',
  'personKey',
];

async function insertEntries(tx: Prisma.TransactionClient, columns: LeieColumns, rowCount: number): Promise<void> {
  for (let start = 0; start < rowCount; start += BATCH) {
    const slice = COLUMN_ORDER.map((name) => (columns[name] as unknown[]).slice(start, start + BATCH));
    await tx.$executeRawUnsafe(INSERT_ENTRIES, ...slice);
  }
}

export async function loadExclusionList(
  prisma: PrismaClient,
  source: Readable | AsyncIterable<Uint8Array>,
  options: { fileName: string; loadedBy: LoadedBy },
): Promise<LoadOutcome> {
  const started = performance.now();
  const fileName = options.fileName.slice(0, 255) || 'UPDATED.csv';
  const file = await readLeieFile(source);
  const elapsed = () => Math.round(performance.now() - started);
  const who = { actor: options.loadedBy.actor, details: { fileName, sha256: file.sha256, by: options.loadedBy.label } };

  if (!file.ok) {
    const load = await prisma.$transaction(async (tx) => {
      const row = await tx.exclusionLoad.create({
        data: {
          outcome: 'REFUSED',
          fileName,
          rowCount: file.rowCount,
          sha256: file.sha256,
          loadedBy: options.loadedBy.label,
          problem: file.problem,
          durationMs: elapsed(),
        },
      });
      await recordAudit(tx, { action: 'exclusion_list_refused', ...who, details: { ...who.details, problem: file.problem } });
      return row;
    });
    return { outcome: 'REFUSED', loadId: load.id, fileName, problem: file.problem, sha256: file.sha256, durationMs: load.durationMs };
  }

  const load = await prisma.$transaction(
    async (tx) => {
      // One load at a time, and no screening of a new submission against a list half replaced (lib/exclusions/screening.ts).
      await tx.$executeRawUnsafe('SELECT pg_advisory_xact_lock($1)', EXCLUSION_LOCK_KEY);
      await tx.$executeRawUnsafe('DELETE FROM exclusion_entry');
      await insertEntries(tx, file.columns, file.rowCount);
      const row = await tx.exclusionLoad.create({
        data: {
          outcome: 'LOADED',
          fileName,
          rowCount: file.rowCount,
          sha256: file.sha256,
          loadedBy: options.loadedBy.label,
          durationMs: elapsed(),
        },
      });
      await recordAudit(tx, { action: 'exclusion_list_loaded', ...who, details: { ...who.details, rows: file.rowCount } });
      return row;
    },
    // A monthly file of ~80,000 rows loads in seconds; the default 5 s would be too close on a busy machine.
    { timeout: 120_000, maxWait: 30_000 },
  );
  return { outcome: 'LOADED', loadId: load.id, fileName, rowCount: file.rowCount, sha256: file.sha256, durationMs: load.durationMs };
}

/** The list in use: the latest load that succeeded, or null before the first. */
export async function currentExclusionList(prisma: PrismaClient) {
  return prisma.exclusionLoad.findFirst({ where: { outcome: 'LOADED' }, orderBy: { loadedAt: 'desc' } });
}
